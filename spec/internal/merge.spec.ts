import { expect } from 'chai';
import { mockedClient } from '../support/client.js';

describe('completing a partial (lib/internal/merge.ts)', () => {
  it('keeps no part of the partial in what the state stores: changing the partial later changes no stored object', async () => {
    const { openaiMock, client } = mockedClient();
    const partial = {
      choices: [{
        message: {
          content: 'first',
          tool_calls: [{ function: { name: 'lookup', arguments: '{"q":1}' } }],
          annotations: [{ type: 'url_citation' as const, url_citation: { url: 'https://example.com', title: 'Example', start_index: 0, end_index: 5 } }],
        },
      }],
      metadata: { tags: 'a' },
    };
    openaiMock.chat.completions.create.response = partial;
    const created = await client.chat.completions.create({ model: 'gpt-4o', messages: [{ role: 'user', content: 'Hi' }], store: true });

    const [choice] = partial.choices;
    if (!choice) throw new Error('the partial has a choice');
    choice.message.content = 'changed';
    choice.message.tool_calls.push({ function: { name: 'other', arguments: '{}' } });
    const [annotation] = choice.message.annotations;
    if (annotation) annotation.url_citation.url = 'https://changed.example';
    choice.message.annotations.push({ type: 'url_citation', url_citation: { url: 'https://example.org', title: 'Other', start_index: 0, end_index: 1 } });
    partial.metadata.tags = 'b';

    const stored = await client.chat.completions.retrieve(created.id);
    expect(stored.choices[0]?.message.content).to.equal('first');
    expect(stored.choices[0]?.message.tool_calls?.map((call) => (call.type === 'function' ? call.function.name : call.type))).to.deep.equal(['lookup']);
    expect(stored.choices[0]?.message.annotations?.map((annotation) => annotation.url_citation.url)).to.deep.equal(['https://example.com']);
    expect(stored.metadata).to.deep.equal({ tags: 'a' });
  });

  it('completes each element of an array the partial sets, and the same partial twice gives two whole answers', async () => {
    const { openaiMock, client } = mockedClient();
    openaiMock.chat.completions.create.response = { choices: [{ message: { content: 'A' } }, { message: { content: 'B' } }] };
    for (const attempt of [1, 2]) {
      const completion = await client.chat.completions.create({ model: 'gpt-4o', messages: [{ role: 'user', content: `Hi ${attempt}` }], n: 2 });
      expect(completion.choices.map((choice) => [choice.index, choice.finish_reason, choice.message.role, choice.message.content])).to.deep.equal([
        [0, 'stop', 'assistant', 'A'],
        [1, 'stop', 'assistant', 'B'],
      ]);
    }
  });
});
