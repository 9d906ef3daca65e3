import { isPlainObject, type JsonObject } from '../internal/merge.js';

/**
 * A JSON form sent to the control API that cannot be read: the field it is about (`when.modelIs`,
 * `stream[2].delay`) and why. The control API answers it as a `400` in the API's error shape, with the field
 * as `param`, before changing anything.
 */
export class JsonFormError extends Error {
  constructor(
    readonly param: string,
    message: string,
  ) {
    super(param ? `${param} ${message}` : message);
  }
}

/** The value as a JSON object, or the error naming `param`. */
export function objectAt(value: unknown, param: string, shape: string): JsonObject {
  if (!isPlainObject(value)) throw new JsonFormError(param, `must be an object: ${shape}.`);
  return value;
}

/** Refuses keys that are not among `known`, naming the first one. */
export function onlyKeys(value: JsonObject, param: string, known: readonly string[]): void {
  for (const key of Object.keys(value)) {
    if (!known.includes(key)) throw new JsonFormError(param ? `${param}.${key}` : key, `is not a field here; the fields are ${known.join(', ')}.`);
  }
}

/** The longest a timer can wait (2^31 - 1 ms, about 24.8 days): a longer delay would fire at once. */
export const maxTimerMs = 2_147_483_647;

/** A whole number of milliseconds a timer can hold, or the error naming `param`. */
export function millisecondsAt(value: unknown, param: string): number {
  if (typeof value !== 'number' || !Number.isInteger(value) || value < 0 || value > maxTimerMs) {
    throw new JsonFormError(param, `must be a whole number of milliseconds from 0 to ${maxTimerMs}.`);
  }
  return value;
}

/** A string, or the error naming `param`. */
export function stringAt(value: unknown, param: string): string {
  if (typeof value !== 'string') throw new JsonFormError(param, 'must be a string.');
  return value;
}
