import { merge } from 'ts-deepmerge';

/** A plain JSON-like object. */
export type JsonObject = Record<string, unknown>;

/**
 * How to complete the elements of the arrays a partial sets, by path: `'choices[]'` completes each choice,
 * `'choices[].message.tool_calls[]'` each tool call inside each choice. The function gets the element's
 * index and the element as the user set it (so a default can depend on its `type`), and returns the
 * default element it is merged onto.
 */
export type ElementDefaults = Readonly<Record<string, (index: number, partial: JsonObject) => JsonObject>>;

/** Whether a value is a plain object (not an array, a class instance, a Blob, ...). */
export function isPlainObject(value: unknown): value is JsonObject {
  if (typeof value !== 'object' || value === null) return false;
  const proto: unknown = Object.getPrototypeOf(value);
  return proto === Object.prototype || proto === null;
}

/** A copy of a partial: its plain objects and arrays copied at every depth, other values shared. */
function copyPartial<T>(value: T): T {
  if (Array.isArray(value)) return value.map(copyPartial) as T;
  if (!isPlainObject(value)) return value;
  const copy: JsonObject = {};
  for (const key of Object.keys(value)) copy[key] = copyPartial(value[key]);
  return copy as T;
}

function mergeOnto(base: JsonObject, partial: JsonObject): JsonObject {
  return merge.withOptions({ mergeArrays: false, allowUndefinedOverrides: false }, base, partial);
}

/**
 * Walks what the partial set, in the merged copy: each array the partial set is copied (ts-deepmerge copies plain
 * objects but takes arrays as they are), its elements completed by `elements` where a default is given.
 */
function completeArrays(target: JsonObject, partial: JsonObject, path: string, elements: ElementDefaults): void {
  for (const [key, value] of Object.entries(partial)) {
    if (Array.isArray(value)) {
      const at = path ? `${path}.${key}` : key;
      const element = elements[`${at}[]`];
      target[key] = value.map((item: unknown, index) => {
        if (!element || !isPlainObject(item)) return copyPartial(item);
        const done = mergeOnto(element(index, item), item);
        completeArrays(done, item, `${at}[]`, elements);
        return done;
      });
    } else if (isPlainObject(value)) {
      const inner = target[key];
      if (isPlainObject(inner)) completeArrays(inner, value, path ? `${path}.${key}` : key, elements);
    }
  }
}

/**
 * Completes a partial with a default: objects merge deeply, what the partial sets wins, arrays the partial
 * sets replace the default's and each of their elements is completed with `elements` (so two partial
 * choices become two whole choices, indexed 0 and 1). Neither argument is changed.
 *
 * @example
 * complete({ id: 'x', choices: [] }, { choices: [{ message: { content: 'A' } }] }, {
 *   'choices[]': (index) => ({ index, finish_reason: 'stop', message: { role: 'assistant', content: null } }),
 * });
 */
export function complete<T extends object>(base: T, partial: unknown, elements: ElementDefaults = {}): T {
  if (!isPlainObject(partial)) return base;
  const done = mergeOnto(base as JsonObject, partial);
  completeArrays(done, partial, '', elements);
  return done as T;
}
