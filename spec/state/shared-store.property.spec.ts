import assert from 'node:assert/strict';
import fc from 'fast-check';
import { ResourceStore } from '../../lib/state/resource-store.js';

// A store made with shareFrom() holds what its source held, and from then on the two (and every other store on
// the same shelf) change independently: each behaves exactly like a store that had been given its own copy.
// Checked against plain stores built by puts, over random puts, replacements, deletes, clears and forks.

interface Item {
  id: string;
  value: number;
}

type Step =
  | { kind: 'put'; store: number; id: number; value: number }
  | { kind: 'delete'; store: number; id: number }
  | { kind: 'clear'; store: number }
  | { kind: 'fork'; store: number };

/** A store rebuilt from scratch with the same objects in the same order: what a shared store must equal. */
function copyOf(store: ResourceStore<Item>): ResourceStore<Item> {
  const copy = new ResourceStore<Item>();
  for (const item of store.values()) copy.put(item);
  return copy;
}

function sameStore(actual: ResourceStore<Item>, expected: ResourceStore<Item>, ids: readonly string[]): void {
  assert.deepEqual(actual.values(), expected.values());
  assert.equal(actual.size, expected.size);
  for (const id of ids) {
    assert.equal(actual.has(id), expected.has(id), id);
    assert.deepEqual(actual.get(id), expected.get(id), id);
  }
  for (const order of ['asc', 'desc'] as const) {
    assert.deepEqual(actual.list({ order, limit: 3 }), expected.list({ order, limit: 3 }));
    const first = expected.values()[0]?.id;
    if (first !== undefined) assert.deepEqual(actual.list({ order, after: first, limit: 5 }), expected.list({ order, after: first, limit: 5 }));
  }
}

const step = fc.oneof(
  fc.record({ kind: fc.constant('put' as const), store: fc.nat(5), id: fc.nat(12), value: fc.nat(100) }),
  fc.record({ kind: fc.constant('delete' as const), store: fc.nat(5), id: fc.nat(12) }),
  fc.record({ kind: fc.constant('clear' as const), store: fc.nat(5) }),
  fc.record({ kind: fc.constant('fork' as const), store: fc.nat(5) }),
);

describe('ResourceStore.shareFrom', () => {
  it('gives stores that hold what their source held and change independently, like copies', () => {
    fc.assert(
      fc.property(fc.array(step, { maxLength: 80 }), (steps: Step[]) => {
        const shared: ResourceStore<Item>[] = [new ResourceStore<Item>()];
        const plain: ResourceStore<Item>[] = [new ResourceStore<Item>()];
        const ids = Array.from({ length: 13 }, (_, i) => `item_${i}`);
        for (const next of steps) {
          const at = next.store % shared.length;
          const store = shared[at];
          const model = plain[at];
          if (!store || !model) continue;
          if (next.kind === 'put') {
            const item = { id: `item_${next.id}`, value: next.value };
            store.put(item);
            model.put(item);
          } else if (next.kind === 'delete') {
            assert.equal(store.delete(`item_${next.id}`), model.delete(`item_${next.id}`));
          } else if (next.kind === 'clear') {
            store.clear();
            model.clear();
          } else {
            const fork = new ResourceStore<Item>();
            fork.shareFrom(store);
            shared.push(fork);
            plain.push(copyOf(model));
          }
          for (const [i, each] of shared.entries()) sameStore(each, plain[i] ?? new ResourceStore<Item>(), ids);
        }
      }),
      { numRuns: 300 },
    );
  });

  it('keeps a chain of stores, each one more than the last, in one shelf', () => {
    const chain: ResourceStore<Item>[] = [];
    let previous: ResourceStore<Item> | undefined;
    for (let turn = 0; turn < 50; turn++) {
      const store = new ResourceStore<Item>();
      if (previous) store.shareFrom(previous);
      store.put({ id: `item_${turn}`, value: turn });
      chain.push(store);
      previous = store;
    }
    for (const [turn, store] of chain.entries()) {
      assert.deepEqual(store.values().map((item) => item.value), Array.from({ length: turn + 1 }, (_, i) => i));
      assert.equal(store.get(`item_${turn + 1}`), undefined);
    }
  });
});
