import { isPlainObject, type JsonObject } from './merge.js';

/** A field's name as the SDK encodes it in a form, cut into its steps: `video[id]` -> `['video', 'id']`, `files[]` -> `['files', '']`. */
function pathOf(name: string): string[] {
  return name.split('[').map((part) => part.replace(/\]$/, ''));
}

/** Whether setting `path` below `value` would overwrite a value already there (so an array's next element begins). */
function holds(value: unknown, path: readonly string[]): boolean {
  const [part, ...rest] = path;
  if (part === undefined) return value !== undefined;
  if (part === '' || !isPlainObject(value) || !Object.hasOwn(value, part)) return false;
  return holds(value[part], rest);
}

/** Puts one form entry's value at its path, making the objects and arrays on the way. */
function put(holder: JsonObject, path: readonly string[], value: unknown): void {
  const [part = '', ...rest] = path;
  const existing = Object.hasOwn(holder, part) ? holder[part] : undefined;
  if (rest.length === 0) {
    // A name sent again reads as every value, like `name[]`.
    holder[part] = existing === undefined ? value : [...(Array.isArray(existing) ? existing : [existing]), value];
    return;
  }
  if (rest[0] === '') {
    const list: unknown[] = Array.isArray(existing) ? existing : existing === undefined ? [] : [existing];
    holder[part] = list;
    const within = rest.slice(1);
    if (within.length === 0) {
      list.push(value);
      return;
    }
    // `items[][a]`, `items[][b]`, `items[][a]`: an element goes on until a field it already has comes again.
    const last = list[list.length - 1];
    const element = isPlainObject(last) && !holds(last, within) ? last : {};
    if (element !== last) list.push(element);
    put(element, within, value);
    return;
  }
  const next = isPlainObject(existing) ? existing : {};
  holder[part] = next;
  put(next, rest, value);
}

/** A form's entries as one object: its bracketed names nested again, uploaded files kept as `Blob`s. */
function nest(form: FormData): JsonObject {
  const fields: JsonObject = {};
  for (const [name, value] of form.entries()) {
    const path = pathOf(name);
    if (!path.includes('__proto__')) put(fields, path, value);
  }
  return fields;
}

/**
 * The fields of a request body that may come as JSON or as multipart form data (image edits, transcriptions,
 * uploads), read the same way either way. A form's names in the SDK's bracketed encoding are nested again
 * (`video[id]` -> `{ video: { id } }`, `files[]` -> an array, `items[][a]` -> an array of objects), so a
 * field is named by the same path in both (`fields.string('video[id]')`). Form values are strings, so
 * numbers and booleans are parsed here; uploaded files stay `Blob`s.
 */
export class RequestFields {
  /** Every field, nested: the JSON object itself, or the form's entries nested; `undefined` for any other body. */
  readonly values: JsonObject | undefined;

  constructor(body: unknown) {
    this.values = body instanceof FormData ? nest(body) : isPlainObject(body) ? body : undefined;
  }

  /** Whether the body is a JSON object or a form at all. */
  get readable(): boolean {
    return this.values !== undefined;
  }

  /** The value at a field's path (`model`, `video[id]`): a string, a `Blob`, a nested object or array, or the JSON value. */
  raw(name: string): unknown {
    let value: unknown = this.values;
    for (const part of pathOf(name)) {
      if (!isPlainObject(value) || !Object.hasOwn(value, part)) return undefined;
      value = value[part];
    }
    return value;
  }

  /** Every value of a field: an array's items (a form's `name[]` entries, or a name sent more than once), or the one value. */
  all(name: string): unknown[] {
    const value = this.raw(name);
    if (value === undefined || value === null) return [];
    return Array.isArray(value) ? value : [value];
  }

  /** A string field; `undefined` when absent or not a string. */
  string(name: string): string | undefined {
    const value = this.raw(name);
    return typeof value === 'string' ? value : undefined;
  }

  /** A number, or `NaN` when the field is there but not a number; `undefined` when absent (or null, or ''). */
  number(name: string): number | undefined {
    const value = this.raw(name);
    if (value === undefined || value === null || value === '') return undefined;
    return typeof value === 'number' ? value : Number(value);
  }

  /** A boolean, or a form's `'true'` / `'false'`; `undefined` for anything else. */
  boolean(name: string): boolean | undefined {
    const value = this.raw(name);
    if (typeof value === 'boolean') return value;
    if (value === 'true') return true;
    if (value === 'false') return false;
    return undefined;
  }

  /** An uploaded file (`Blob`) of a form field, if one was sent. */
  file(name: string): Blob | undefined {
    const value = this.raw(name);
    return value instanceof Blob ? value : undefined;
  }
}
