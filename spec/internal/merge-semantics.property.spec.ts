import assert from 'node:assert/strict';
import fc from 'fast-check';
import { merge } from 'ts-deepmerge';
import { complete, mergeOnto } from '../../lib/internal/merge.js';

// The mock completes a partial on every call with its own deep merge (written out for speed); it must merge
// exactly as ts-deepmerge did (`mergeArrays: false`, `allowUndefinedOverrides: false`), the reference here, on
// any JSON-like defaults and partials: nested objects, arrays, undefined values and keys ts-deepmerge refuses.

const key = fc.oneof(fc.constantFrom('a', 'b', 'c', 'choices', 'message', '__proto__', 'constructor', 'toString', 'valueOf', '__defineGetter__'), fc.string({ maxLength: 3 }));
const { value } = fc.letrec((tie) => ({
  value: fc.oneof(
    { depthSize: 'small' },
    fc.constantFrom(undefined, null, true, 0, -1, 'x', ''),
    fc.array(tie('value'), { maxLength: 3 }),
    fc.dictionary(key, tie('value'), { maxKeys: 4 }),
  ),
}));
const object = fc.dictionary(key, value, { maxKeys: 5 });

/** A deep copy keeping every own key, `__proto__` included (structuredClone drops it). */
function snapshot(of: unknown): unknown {
  if (Array.isArray(of)) return of.map(snapshot);
  if (typeof of !== 'object' || of === null) return of;
  const copy = Object.create(Object.getPrototypeOf(of) as object | null) as Record<string, unknown>;
  for (const [name, inner] of Object.entries(of)) Object.defineProperty(copy, name, { value: snapshot(inner), enumerable: true, writable: true, configurable: true });
  return copy;
}

describe('completing a partial merges as ts-deepmerge does', () => {
  it('gives the same result for any defaults and partial, and changes neither', () => {
    fc.assert(
      fc.property(object, object, (base, partial) => {
        const before = [snapshot(base), snapshot(partial)];
        const expected = merge.withOptions({ mergeArrays: false, allowUndefinedOverrides: false }, base, partial);
        assert.deepStrictEqual(mergeOnto(base, partial), expected);
        complete(base, partial);
        assert.deepStrictEqual([base, partial], before);
      }),
      { numRuns: 2000 },
    );
  });
});
