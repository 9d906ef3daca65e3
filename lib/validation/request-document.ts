import type { RequestSchemaDocument } from './relaxations.js';
import { type RequestSchemaParts, requestSchemaParts } from './request-schema-parts.js';
import { requestSchemaText } from './request-schemas.js';

// The request schemas are 250 KB of JSON: parsing them whole costs a process ~7 ms on its first validated call,
// though a body checked by a validator compiled ahead of time reads a few dozen of their ~1,000 parts (its
// growing field's item schemas; the rest only on a refusal, or to compile an operation at runtime). Each part is
// parsed from its slice of the text the first time it is read.

/**
 * A record whose properties are the parts, each parsed from its slice of the text the first time it is read: a
 * proxy over the parts parsed so far, looked up in the generated index (nothing is done per part until it is read).
 */
function lazyRecord(parts: RequestSchemaParts): Record<string, unknown> {
  /** The parts parsed, set or deleted: no longer read from the text. */
  const done = new Set<string>();
  const read: Record<string, unknown> = {};
  const unread = (key: string | symbol): key is string => typeof key === 'string' && Object.hasOwn(parts, key) && !done.has(key);
  const settle = (key: string | symbol): void => {
    if (!unread(key)) return;
    const [start, end] = parts[key] ?? [0, 0];
    done.add(key);
    read[key] = JSON.parse(requestSchemaText.slice(start, end));
  };
  const forget = (key: string | symbol): void => {
    if (typeof key === 'string') done.add(key);
  };
  return new Proxy(read, {
    get: (target, key, receiver) => {
      settle(key);
      return Reflect.get(target, key, receiver) as unknown;
    },
    has: (target, key) => unread(key) || Reflect.has(target, key),
    getOwnPropertyDescriptor: (target, key) => {
      settle(key);
      return Reflect.getOwnPropertyDescriptor(target, key);
    },
    // The parts in the text's order, then any property added since.
    ownKeys: (target) => {
      const own = Reflect.ownKeys(target);
      const present = new Set(own);
      return [...Object.keys(parts).filter((name) => present.has(name) || unread(name)), ...own.filter((key) => typeof key !== 'string' || !Object.hasOwn(parts, key))];
    },
    set: (target, key, value, receiver) => {
      forget(key);
      return Reflect.set(target, key, value, receiver);
    },
    defineProperty: (target, key, descriptor) => {
      forget(key);
      return Reflect.defineProperty(target, key, descriptor);
    },
    deleteProperty: (target, key) => {
      forget(key);
      return Reflect.deleteProperty(target, key);
    },
  });
}

/**
 * @internal The request schemas (`{ operations, components: { schemas } }`), as `JSON.parse(requestSchemaText)`
 * gives them, each operation and component parsed when first read. Every read sees the same object, so changes
 * made to a part (the relaxations) stay.
 *
 * @example
 * const document = requestSchemaDocument();
 * document.operations['createResponse']; // { $ref: '#/components/schemas/CreateResponse' }, parsed now
 */
export function requestSchemaDocument(): RequestSchemaDocument {
  return { operations: lazyRecord(requestSchemaParts.operations), components: { schemas: lazyRecord(requestSchemaParts.schemas) } };
}
