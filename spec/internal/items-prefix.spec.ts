import assert from 'node:assert/strict';
import { itemsPrefixOf, itemsRepeated } from '../../lib/internal/items-prefix.js';

describe('items-prefix', () => {
  const first = JSON.stringify({ input: [{ role: 'user', content: 'Hi' }] });
  const items = [{ role: 'user', content: 'Hi' }, { type: 'item_reference', id: 'msg_1' }];
  const second = JSON.stringify({ input: items });

  it("finds where a body's items end in its text, and the same items at the start of the next body", () => {
    const prefix = itemsPrefixOf(first, 'input', 0, [JSON.stringify(items[0])], undefined);
    assert.deepEqual(prefix, { text: '{"input":[{"role":"user","content":"Hi"}', count: 1, last: '{"role":"user","content":"Hi"}' });
    assert.equal(itemsRepeated(prefix, second, items), 1);
    const grown = itemsPrefixOf(second, 'input', 1, [JSON.stringify(items[1])], prefix);
    assert.equal(grown?.count, 2);
    assert.equal(grown?.text, second.slice(0, -2));
  });

  it('finds nothing where the items do not stand one after the other or the text differs', () => {
    const spaced = JSON.stringify({ input: items }, null, 1);
    assert.equal(itemsPrefixOf(spaced, 'input', 0, items.map((item) => JSON.stringify(item)), undefined), undefined);
    const prefix = itemsPrefixOf(first, 'input', 0, [JSON.stringify(items[0])], undefined);
    assert.equal(itemsRepeated(prefix, JSON.stringify({ input: [{ role: 'user', content: 'Hello' }] }), items), 0);
    // The same text, then the field set again with other items: the last item no longer reads the same.
    assert.equal(itemsRepeated(prefix, `${first.slice(0, -2)},{"x":1}],"input":[{"role":"user"}]}`, [{ role: 'user' }]), 0);
    assert.equal(itemsRepeated(undefined, second, items), 0);
  });
});
