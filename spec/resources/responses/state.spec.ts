import assert from 'node:assert/strict';
import OpenAI from 'openai';
import { lifecycle, responseOutput } from '../../../lib/index.js';
import { mockedClient } from '../../support/client.js';

const isNotFound = (error: unknown): boolean => error instanceof OpenAI.NotFoundError && /not found/.test(error.message);

describe('responses: stored state', () => {
  it('retrieves a stored response; delete, then retrieve, is a 404; store: false keeps nothing', async () => {
    const { client, openaiMock } = mockedClient();
    openaiMock.responses.create.response = { output: [responseOutput.text('Kept.')] };
    const response = await client.responses.create({ model: 'gpt-4o', input: 'Hi' });
    const again = await client.responses.retrieve(response.id);
    assert.equal(again.id, response.id);
    assert.equal(again.output_text, 'Kept.');
    await client.responses.delete(response.id);
    await assert.rejects(client.responses.retrieve(response.id), isNotFound);
    await assert.rejects(client.responses.delete(response.id), isNotFound);
    await assert.rejects(client.responses.inputItems.list(response.id), isNotFound);

    const unstored = await client.responses.create({ model: 'gpt-4o', input: 'Hi', store: false });
    await assert.rejects(client.responses.retrieve(unstored.id), isNotFound);
  });

  it('answers unknown ids with 404s in the API shape', async () => {
    const { client } = mockedClient();
    await assert.rejects(client.responses.retrieve('resp_missing'), (error: unknown) =>
      error instanceof OpenAI.NotFoundError && error.message.includes("Response with id 'resp_missing' not found.") && error.type === 'invalid_request_error');
    await assert.rejects(client.responses.cancel('resp_missing'), isNotFound);
  });

  it('chains previous_response_id: the earlier input and output become input items, paged newest first', async () => {
    const { client, openaiMock } = mockedClient();
    openaiMock.responses.create.response = { output: [responseOutput.text('Paris.')] };
    const first = await client.responses.create({ model: 'gpt-4o', input: 'Capital of France?' });
    openaiMock.responses.create.response = { output: [responseOutput.text('About 2 million.')] };
    const second = await client.responses.create({ model: 'gpt-4o', input: 'Population?', previous_response_id: first.id });
    assert.equal(second.previous_response_id, first.id);

    const items = [];
    for await (const item of client.responses.inputItems.list(second.id, { limit: 1 })) items.push(item);
    const texts = items.map((item) => (item.type === 'message' ? item.content.map((part) => ('text' in part ? part.text : '')).join('') : item.type));
    assert.deepEqual(texts, ['Population?', 'Paris.', 'Capital of France?']);
    assert.equal(items[1]?.id, first.output[0]?.type === 'message' ? first.output[0].id : undefined);

    const ascending = await client.responses.inputItems.list(second.id, { order: 'asc', limit: 2 });
    assert.equal(ascending.data.length, 2);
    assert.equal(ascending.has_more, true);
    assert.ok(second.usage && first.usage && second.usage.input_tokens > first.usage.input_tokens);
  });

  it('refuses an unknown previous response, and previous_response_id with conversation', async () => {
    const { client } = mockedClient();
    await assert.rejects(client.responses.create({ model: 'gpt-4o', input: 'Hi', previous_response_id: 'resp_gone' }), (error: unknown) =>
      error instanceof OpenAI.BadRequestError && error.code === 'previous_response_not_found' && error.param === 'previous_response_id');
    const conversation = await client.conversations.create();
    const first = await client.responses.create({ model: 'gpt-4o', input: 'Hi' });
    await assert.rejects(
      client.responses.create({ model: 'gpt-4o', input: 'Hi', previous_response_id: first.id, conversation: conversation.id }),
      OpenAI.BadRequestError,
    );
  });

  it('checks that function calls and their outputs pair up, as the API does', async () => {
    const { client, openaiMock } = mockedClient();
    openaiMock.responses.create.response = { output: [responseOutput.functionCall('get_weather', { city: 'Paris' }, { call_id: 'call_1' })] };
    const first = await client.responses.create({ model: 'gpt-4o', input: 'Weather?' });
    openaiMock.responses.create.reset();
    await assert.rejects(client.responses.create({ model: 'gpt-4o', previous_response_id: first.id, input: 'And?' }), (error: unknown) =>
      error instanceof OpenAI.BadRequestError && error.message.endsWith('No tool output found for function call call_1.'));
    await assert.rejects(
      client.responses.create({ model: 'gpt-4o', previous_response_id: first.id, input: [{ type: 'function_call_output', call_id: 'call_2', output: '{}' }] }),
      (error: unknown) => error instanceof OpenAI.BadRequestError && error.message.endsWith('No tool call found for function call output with call_id call_2.'),
    );
    const answered = await client.responses.create({
      model: 'gpt-4o', previous_response_id: first.id, input: [{ type: 'function_call_output', call_id: 'call_1', output: '{"temp":21}' }],
    });
    assert.equal(answered.status, 'completed');
  });

  it('appends input and output items to a conversation and echoes it', async () => {
    const { client, openaiMock } = mockedClient();
    const conversation = await client.conversations.create({ items: [{ role: 'developer', content: 'Answer in French.' }] });
    openaiMock.responses.create.response = { output: [responseOutput.text('Bonjour !')] };
    const response = await client.responses.create({ model: 'gpt-4o', input: 'Hello', conversation: conversation.id });
    assert.equal(response.conversation?.id, conversation.id);
    const items = await client.conversations.items.list(conversation.id, { order: 'asc' });
    assert.deepEqual(items.data.map((item) => (item.type === 'message' ? item.role : item.type)), ['developer', 'user', 'assistant']);
    assert.equal(items.data[2]?.id, response.output[0]?.type === 'message' ? response.output[0].id : undefined);
    await assert.rejects(client.responses.create({ model: 'gpt-4o', input: 'Hi', conversation: 'conv_missing' }), isNotFound);
  });

  it('counts input tokens and compacts a context', async () => {
    const { client } = mockedClient();
    const few = await client.responses.inputTokens.count({ model: 'gpt-4o', input: 'Hi' });
    const many = await client.responses.inputTokens.count({ model: 'gpt-4o', input: 'Hi '.repeat(100) });
    assert.equal(few.object, 'response.input_tokens');
    assert.ok(many.input_tokens > few.input_tokens);
    const compacted = await client.responses.compact({ model: 'gpt-4o', input: [{ role: 'user', content: 'Remember 42.' }, { role: 'assistant', content: 'Noted.' }] });
    assert.equal(compacted.object, 'response.compaction');
    assert.deepEqual(compacted.output.map((item) => item.type), ['message', 'compaction']);
  });
});

describe('responses: background', () => {
  it('moves queued, in_progress, completed across retrieves, then joins its conversation', async () => {
    const { client, openaiMock } = mockedClient();
    openaiMock.responses.create.response = { output: [responseOutput.text('Done in the background.')] };
    const conversation = await client.conversations.create();
    const created = await client.responses.create({ model: 'gpt-4o', input: 'Long task', background: true, conversation: conversation.id });
    assert.equal(created.status, 'queued');
    assert.deepEqual(created.output, []);
    const statuses: (string | undefined)[] = [created.status];
    let response = created;
    while (response.status === 'queued' || response.status === 'in_progress') {
      response = await client.responses.retrieve(created.id);
      statuses.push(response.status);
    }
    assert.deepEqual(statuses, ['queued', 'in_progress', 'completed']);
    assert.equal(response.output_text, 'Done in the background.');
    const items = await client.conversations.items.list(conversation.id, { order: 'asc' });
    assert.deepEqual(items.data.map((item) => (item.type === 'message' ? item.role : item.type)), ['user', 'assistant']);
  });

  it('takes as many steps as lifecycle().responses.background says, and reset puts the default back', async () => {
    const { client, openaiMock } = mockedClient();
    Object.assign(lifecycle(openaiMock).responses.background, { queued: 1, inProgress: 2 });
    const created = await client.responses.create({ model: 'gpt-4o', input: 'Long task', background: true });
    const statuses = [created.status];
    for (let i = 0; i < 4; i++) statuses.push((await client.responses.retrieve(created.id)).status);
    assert.deepEqual(statuses, ['queued', 'queued', 'in_progress', 'in_progress', 'completed']);
    openaiMock.reset();
    const next = await client.responses.create({ model: 'gpt-4o', input: 'Again', background: true });
    assert.equal((await client.responses.retrieve(next.id)).status, 'in_progress');
  });

  it('cancels a background response; a finished or foreground one answers as the API does', async () => {
    const { client } = mockedClient();
    const running = await client.responses.create({ model: 'gpt-4o', input: 'Long task', background: true });
    const cancelled = await client.responses.cancel(running.id);
    assert.equal(cancelled.status, 'cancelled');
    assert.equal((await client.responses.retrieve(running.id)).status, 'cancelled');
    assert.equal((await client.responses.cancel(running.id)).status, 'cancelled');

    const finished = await client.responses.create({ model: 'gpt-4o', input: 'Quick', background: true });
    await client.responses.retrieve(finished.id);
    await client.responses.retrieve(finished.id);
    await assert.rejects(client.responses.cancel(finished.id), (error: unknown) =>
      error instanceof OpenAI.BadRequestError && error.message.endsWith('Cannot cancel a completed response.'));
    const foreground = await client.responses.create({ model: 'gpt-4o', input: 'Hi' });
    await assert.rejects(client.responses.cancel(foreground.id), OpenAI.BadRequestError);
    await assert.rejects(client.responses.create({ model: 'gpt-4o', input: 'Hi', background: true, store: false }), OpenAI.BadRequestError);
  });
});
