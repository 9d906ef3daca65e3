import { isPlainObject } from './merge.js';

/**
 * The fields of a request body that may come as JSON or as multipart form data (image edits, transcriptions):
 * read a field by its name either way. Form values are strings, so numbers and booleans are parsed here.
 */
export class RequestFields {
  constructor(private readonly body: unknown) {}

  /** Whether the body is a JSON object or a form at all. */
  get readable(): boolean {
    return this.body instanceof FormData || isPlainObject(this.body);
  }

  /** The raw value: a form's first value (a string or a `File`), or the JSON field. */
  raw(name: string): unknown {
    if (this.body instanceof FormData) return this.body.get(name) ?? undefined;
    return isPlainObject(this.body) ? this.body[name] : undefined;
  }

  /** Every value of a field: a form's repeated `name` and `name[]` entries, or a JSON field (an array's items). */
  all(name: string): unknown[] {
    if (this.body instanceof FormData) return [...this.body.getAll(name), ...this.body.getAll(`${name}[]`)];
    const value = this.raw(name);
    if (value === undefined || value === null) return [];
    return Array.isArray(value) ? value : [value];
  }

  string(name: string): string | undefined {
    const value = this.raw(name);
    return typeof value === 'string' ? value : undefined;
  }

  /** A number, or `NaN` when the field is there but not a number; `undefined` when absent (or null). */
  number(name: string): number | undefined {
    const value = this.raw(name);
    if (value === undefined || value === null || value === '') return undefined;
    return typeof value === 'number' ? value : Number(value);
  }

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
