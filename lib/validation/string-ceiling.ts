import { type Refusal, badRequest } from '../errors/api-errors.js';
import { paramOf } from './explain.js';

/**
 * The longest string the API takes where its reference gives no maximum of its own: 10,485,760 characters
 * (10 MiB), the maximum it states for text throughout (`input`, message `content`, `instructions`, ...). Routes
 * without a request schema (`beta.agents.*`, ...) are held to it, so no request makes the mock keep, list and
 * serialise strings of any length.
 */
export const maxStringLength = 10_485_760;

/** A string's length as the API counts it: in characters (code points), a surrogate pair counting once. */
function characters(value: string): number {
  let count = value.length;
  for (let i = 0; i < value.length; i++) {
    const code = value.charCodeAt(i);
    if (code >= 0xd800 && code <= 0xdbff) {
      const next = value.charCodeAt(i + 1);
      if (next >= 0xdc00 && next <= 0xdfff) {
        count -= 1;
        i += 1;
      }
    }
  }
  return count;
}

/**
 * The API's `string_above_max_length` 400 for the first string of `body` (a value or an object key, at any
 * depth) longer than `ceiling` characters, or `undefined`. Walked without recursion; a string is counted by
 * its characters only when its UTF-16 length is over the ceiling.
 */
export function stringAboveCeiling(body: unknown, ceiling: number): Refusal | undefined {
  const pending: [unknown, (string | number)[]][] = [[body, []]];
  while (pending.length > 0) {
    const [value, path] = pending.pop() as [unknown, (string | number)[]];
    if (typeof value === 'string') {
      if (value.length <= ceiling) continue;
      const length = characters(value);
      if (length <= ceiling) continue;
      const param = paramOf(path) ?? 'body';
      return badRequest(
        `Invalid '${param}': string too long. Expected a string with maximum length ${ceiling}, but got a string with length ${length} instead.`,
        param,
        'string_above_max_length',
      );
    }
    if (typeof value !== 'object' || value === null) continue;
    if (Array.isArray(value)) {
      for (let i = value.length - 1; i >= 0; i--) pending.push([value[i], [...path, i]]);
      continue;
    }
    const keys = Object.keys(value);
    for (let i = keys.length - 1; i >= 0; i--) {
      const key = keys[i] as string;
      if (key.length > ceiling) pending.push([key, path]);
      pending.push([(value as Record<string, unknown>)[key], [...path, key]]);
    }
  }
  return undefined;
}
