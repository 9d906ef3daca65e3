import assert from 'node:assert/strict';
import OpenAI from 'openai';
import type { ResponseInputItem } from 'openai/resources/responses/responses';
import { responseOutput } from '../../../lib/index.js';
import { mockedClient } from '../../support/client.js';

const isItemNotFound = (id: string) => (error: unknown): boolean =>
  error instanceof OpenAI.BadRequestError && error.message.includes(`Item with id '${id}' not found.`);

describe('responses: input history', () => {
  it('resolves a reference to any stored response\'s output item, with no previous_response_id', async () => {
    const { client, openaiMock } = mockedClient();
    openaiMock.responses.create.response = { output: [responseOutput.text('Paris.')] };
    const first = await client.responses.create({ model: 'gpt-4o', input: 'Capital of France?' });
    const message = first.output[0];
    assert.ok(message?.type === 'message');

    openaiMock.responses.create.response = { output: [responseOutput.text('About two million.')] };
    const second = await client.responses.create({
      model: 'gpt-4o',
      input: [
        { role: 'user', content: 'Capital of France?' },
        { type: 'item_reference', id: message.id },
        { role: 'user', content: 'How many people live there?' },
      ],
    });

    assert.equal(second.output_text, 'About two million.');
    const items = await client.responses.inputItems.list(second.id, { order: 'asc' });
    assert.deepEqual(items.data.map((item) => item.id === message.id), [false, true, false]);
    const referenced = items.data[1];
    assert.ok(referenced?.type === 'message' && referenced.content[0]?.type === 'output_text');
    assert.equal(referenced.content[0].text, 'Paris.');
  });

  it('resolves a stored input item and pairs a referenced function call with its output', async () => {
    const { client, openaiMock } = mockedClient();
    openaiMock.responses.create.response = { output: [responseOutput.reasoning('Look it up.'), responseOutput.functionCall('get_weather', { city: 'Paris' })] };
    const first = await client.responses.create({ model: 'o4-mini', input: 'Weather in Paris?' });
    const [reasoning, call] = first.output;
    assert.ok(reasoning?.type === 'reasoning' && call?.type === 'function_call');
    const [userMessage] = (await client.responses.inputItems.list(first.id)).data;
    assert.ok(userMessage?.id);

    openaiMock.responses.create.response = { output: [responseOutput.text('Sunny.')] };
    const second = await client.responses.create({
      model: 'o4-mini',
      input: [
        { type: 'item_reference', id: userMessage.id },
        { type: 'item_reference', id: reasoning.id },
        { type: 'item_reference', id: call.id ?? '' },
        { type: 'function_call_output', call_id: call.call_id, output: 'sunny' },
      ],
    });

    assert.equal(second.output_text, 'Sunny.');
    const items = await client.responses.inputItems.list(second.id, { order: 'asc' });
    assert.deepEqual(items.data.map((item) => item.type), ['message', 'reasoning', 'function_call', 'function_call_output']);
  });

  it('answers a reference to an item no stored response holds (or one of a store: false response) with the API\'s 400', async () => {
    const { client, openaiMock } = mockedClient();
    openaiMock.responses.create.response = { output: [responseOutput.text('Not kept.')] };
    const unstored = await client.responses.create({ model: 'gpt-4o', input: 'Hi', store: false });
    const id = unstored.output[0]?.type === 'message' ? unstored.output[0].id : '';
    await assert.rejects(client.responses.create({ model: 'gpt-4o', input: [{ type: 'item_reference', id }] }), isItemNotFound(id));
    await assert.rejects(client.responses.create({ model: 'gpt-4o', input: [{ type: 'item_reference', id: 'msg_missing' }] }), isItemNotFound('msg_missing'));
  });

  it('keeps output_text parts given as input, in input items and conversation items, with annotations and logprobs', async () => {
    const { client } = mockedClient();
    const history: ResponseInputItem[] = [
      { role: 'user', content: 'Hi' },
      { type: 'message', id: 'msg_earlier', status: 'completed', role: 'assistant', content: [{ type: 'output_text', text: 'Hello!', annotations: [] }] },
      { role: 'assistant', content: 'How can I help?' },
    ];
    const response = await client.responses.create({ model: 'gpt-4o', input: history });
    const items = await client.responses.inputItems.list(response.id, { order: 'asc' });
    const conversation = await client.conversations.create({ items: history });
    const conversationItems = await client.conversations.items.list(conversation.id, { order: 'asc' });

    for (const list of [items.data, conversationItems.data]) {
      const parts = list.flatMap((item) => (item.type === 'message' && item.role === 'assistant' ? item.content : []));
      assert.deepEqual(parts, [
        { type: 'output_text', text: 'Hello!', annotations: [], logprobs: [] },
        { type: 'output_text', text: 'How can I help?', annotations: [], logprobs: [] },
      ]);
    }
  });

  it('gives reasoning an opaque encrypted_content when included, and takes such an item back with store: false', async () => {
    const { client, openaiMock } = mockedClient();
    openaiMock.responses.create.response = { output: [responseOutput.reasoning('Think it over.'), responseOutput.text('Done.')] };
    const first = await client.responses.create({ model: 'o4-mini', input: 'Hi', store: false, include: ['reasoning.encrypted_content'] });
    const reasoning = first.output[0];
    assert.ok(reasoning?.type === 'reasoning');
    assert.equal(typeof reasoning.encrypted_content, 'string');
    assert.ok((reasoning.encrypted_content ?? '').length > 0);
    assert.ok(!(reasoning.encrypted_content ?? '').includes('Think it over.'), 'the content is opaque');

    const plain = await client.responses.create({ model: 'o4-mini', input: 'Hi', store: false });
    assert.ok(plain.output.every((item) => item.type !== 'reasoning' || item.encrypted_content == null));

    openaiMock.responses.create.response = { output: [responseOutput.text('Still here.')] };
    const second = await client.responses.create({
      model: 'o4-mini',
      store: false,
      include: ['reasoning.encrypted_content'],
      input: [{ role: 'user', content: 'Hi' }, reasoning, { role: 'user', content: 'And now?' }],
    });
    assert.equal(second.output_text, 'Still here.');
  });
  it('lists each response\'s own input items after a long history, also along a chain whose earlier responses were deleted', async () => {
    const { client } = mockedClient();
    const input: OpenAI.Responses.ResponseInputItem[] = [];
    const ids: string[] = [];
    for (let turn = 0; turn < 30; turn++) {
      input.push({ role: 'user', content: `Turn ${turn}` });
      const response = await client.responses.create({ model: 'gpt-4o', input });
      ids.push(response.id);
      for (const item of response.output) if (item.id) input.push({ type: 'item_reference', id: item.id });
    }
    const first = await client.responses.inputItems.list(ids[0] ?? '', { order: 'asc' });
    assert.deepEqual(first.data.map((item) => item.type), ['message']);
    const last = await client.responses.inputItems.list(ids[29] ?? '', { order: 'asc', limit: 100 });
    assert.equal(last.data.length, 59);
    assert.equal(new Set(last.data.map((item) => item.id)).size, 59);
    const before = await client.responses.inputItems.list(ids[28] ?? '', { order: 'asc', limit: 100 });
    assert.ok(before.data.filter((item) => item.type === 'message' && item.role === 'user').every((item) => !last.data.some((other) => other.id === item.id)));
    // The mock's ids for the re-sent messages are the response's own: none is another response's.
    const firstMessage = first.data[0];
    assert.ok(firstMessage && last.data.every((item) => item.id !== firstMessage.id));
    // A listed id can be named by a later reference.
    const named = await client.responses.create({ model: 'gpt-4o', input: [{ type: 'item_reference', id: firstMessage.id }] });
    assert.equal((await client.responses.inputItems.list(named.id)).data[0]?.id, firstMessage.id);

    let previous: string | undefined;
    const chain: string[] = [];
    for (let turn = 0; turn < 5; turn++) {
      const response = await client.responses.create({ model: 'gpt-4o', input: `Step ${turn}`, ...(previous !== undefined && { previous_response_id: previous }) });
      chain.push(response.id);
      previous = response.id;
    }
    for (const id of chain.slice(0, 4)) await client.responses.delete(id);
    const items = await client.responses.inputItems.list(chain[4] ?? '', { order: 'asc' });
    assert.deepEqual(items.data.map((item) => item.type), ['message', 'message', 'message', 'message', 'message', 'message', 'message', 'message', 'message']);
    assert.equal(items.data[0]?.type === 'message' && items.data[0].content[0]?.type === 'input_text' && items.data[0].content[0].text, 'Step 0');
  });
});
