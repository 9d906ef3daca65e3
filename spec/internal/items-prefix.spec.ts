import assert from 'node:assert/strict';
import { itemsPrefixOf, itemsRepeated, repeatedItems } from '../../lib/internal/items-prefix.js';

describe('items-prefix', () => {
  const first = JSON.stringify({ input: [{ role: 'user', content: 'Hi' }] });
  const items = [{ role: 'user', content: 'Hi' }, { type: 'item_reference', id: 'msg_1' }];
  const second = JSON.stringify({ input: items });

  it("finds where a body's items end in its text, and the same items at the start of the next body", () => {
    const prefix = itemsPrefixOf(first, 'input', 0, [JSON.stringify(items[0])], undefined);
    assert.deepEqual(prefix, { text: '{"input":[{"role":"user","content":"Hi"}', count: 1, last: '{"role":"user","content":"Hi"}', field: 'input', keyAt: 1 });
    assert.equal(itemsRepeated(prefix, second, items), 1);
    assert.deepEqual(repeatedItems(prefix, second, items), { count: 1, end: second.length - 2 });
    const grown = itemsPrefixOf(second, 'input', 1, [JSON.stringify(items[1])], prefix);
    assert.equal(grown?.count, 2);
    assert.equal(grown?.text, second.slice(0, -2));
  });

  it('finds nothing where the items do not stand one after the other or the text differs', () => {
    const spaced = JSON.stringify({ input: items }, null, 1);
    assert.equal(itemsPrefixOf(spaced, 'input', 0, items.map((item) => JSON.stringify(item)), undefined), undefined);
    const prefix = itemsPrefixOf(first, 'input', 0, [JSON.stringify(items[0])], undefined);
    assert.equal(itemsRepeated(prefix, JSON.stringify({ input: [{ role: 'user', content: 'Hello' }] }), items), 0);
    // The same text, then the field set again with other items: JSON keeps the last, which is not the prefix's.
    assert.equal(itemsRepeated(prefix, `${first.slice(0, -2)},{"x":1}],"input":[{"role":"user"}]}`, [{ role: 'user' }]), 0);
    assert.equal(itemsRepeated(prefix, `${first.slice(0, -2)},{"x":1}],"input":[{"role":"user","content":"Hi"},{"x":1}]}`, [{ role: 'user', content: 'Hi' }, { x: 1 }]), 0);
    // ... even with its name written with escapes.
    assert.equal(itemsRepeated(prefix, `${first.slice(0, -2)},{"x":1}],"\\u0069nput":[{"role":"user","content":"Hi"},{"x":1}]}`, [{ role: 'user', content: 'Hi' }, { x: 1 }]), 0);
    // Fewer items in the text than parsed: not the same list.
    assert.equal(itemsRepeated(prefix, second, [...items, { x: 1 }]), 0);
    assert.equal(itemsRepeated(undefined, second, items), 0);
  });

  it('reads only a key at the top level of the body, and strings as strings', () => {
    const nested = JSON.stringify({ metadata: { note: '"input":[' }, tools: [{ input: [{ role: 'user', content: 'Hi' }] }], input: [{ role: 'user', content: 'Hi' }] });
    const prefix = itemsPrefixOf(nested, 'input', 0, [JSON.stringify(items[0])], undefined);
    assert.equal(prefix?.keyAt, nested.lastIndexOf('"input"'));
    const next = JSON.stringify({ metadata: { note: '"input":[' }, tools: [{ input: [{ role: 'user', content: 'Hi' }] }], input: items, text: { format: { type: 'text' } }, instructions: 'a "quoted"\\ line\n' });
    assert.deepEqual(repeatedItems(prefix, next, items), { count: 1, end: next.indexOf('],"text"') });
  });
});
