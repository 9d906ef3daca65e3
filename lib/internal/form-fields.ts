import { isPlainObject, type JsonObject } from './merge.js';

/**
 * A request's fields as one object, whether it came as JSON or as multipart form data: form keys in the SDK's
 * bracketed encoding are nested again (`video[id]` -> `{ video: { id } }`, `files[]` -> an array), and
 * uploaded files stay `Blob`s. `undefined` for a body that is neither.
 */
export function requestFields(body: unknown): JsonObject | undefined {
  if (isPlainObject(body)) return body;
  if (!(body instanceof FormData)) return undefined;
  const fields: JsonObject = {};
  for (const [key, value] of body.entries()) {
    const path = key.split('[').map((part) => part.replace(/\]$/, ''));
    let target: JsonObject | unknown[] = fields;
    path.forEach((part, at) => {
      const last = at === path.length - 1;
      const nextIsArray = path[at + 1] === '';
      if (Array.isArray(target)) {
        if (last) target.push(value);
        return;
      }
      const holder: JsonObject = target;
      if (last) {
        holder[part] = value;
        return;
      }
      const existing = holder[part];
      if (nextIsArray) target = Array.isArray(existing) ? existing : (holder[part] = []) as unknown[];
      else target = isPlainObject(existing) ? existing : (holder[part] = {}) as JsonObject;
    });
  }
  return fields;
}
