import assert from 'node:assert/strict';
import type OpenAI from 'openai';
import { mockedClient } from '../../support/client.js';

const request = { model: 'gpt-4o', messages: [{ role: 'user' as const, content: 'Hello!' }] };

describe('chat.completions streaming', () => {
  it('streams the same completion as chunks: role, content in several deltas, finish, [DONE]', async () => {
    const { client, openaiMock } = mockedClient();
    openaiMock.chat.completions.create.response = { choices: [{ message: { content: 'Hello there, how can I help?' } }] };
    const stream = await client.chat.completions.create({ ...request, stream: true });
    const chunks: OpenAI.Chat.ChatCompletionChunk[] = [];
    for await (const chunk of stream) chunks.push(chunk);
    assert.equal(chunks[0]?.choices[0]?.delta.role, 'assistant');
    const deltas = chunks.map((chunk) => chunk.choices[0]?.delta.content ?? '').filter(Boolean);
    assert.ok(deltas.length > 1, 'content arrives in several deltas');
    assert.equal(deltas.join(''), 'Hello there, how can I help?');
    assert.equal(chunks.at(-1)?.choices[0]?.finish_reason, 'stop');
    assert.ok(chunks.every((chunk) => chunk.id === chunks[0]?.id && chunk.object === 'chat.completion.chunk'));
  });

  it('is accepted by client.chat.completions.stream(): events and the final completion', async () => {
    const { client, openaiMock } = mockedClient();
    openaiMock.chat.completions.create.response = { choices: [{ message: { content: 'Streaming works fine' } }] };
    const stream = client.chat.completions.stream({ ...request, stream_options: { include_usage: true } });
    const contents: string[] = [];
    stream.on('content', (delta) => contents.push(delta));
    const final = await stream.finalChatCompletion();
    assert.equal(contents.join(''), 'Streaming works fine');
    assert.equal(final.choices[0]?.message.content, 'Streaming works fine');
    assert.ok((final.usage?.total_tokens ?? 0) > 0, 'include_usage sends a usage chunk');
  });

  it('streams tool calls as name then argument deltas, which the helper reassembles', async () => {
    const { client, openaiMock } = mockedClient();
    openaiMock.chat.completions.create.response = {
      choices: [{ message: { tool_calls: [{ function: { name: 'get_weather', arguments: '{"city":"Paris","unit":"celsius"}' } }] } }],
    };
    const stream = client.chat.completions.stream({
      ...request,
      tools: [{ type: 'function', function: { name: 'get_weather', parameters: { type: 'object', properties: {} } } }],
    });
    const argumentDeltas: string[] = [];
    stream.on('tool_calls.function.arguments.delta', (event) => argumentDeltas.push(event.arguments_delta));
    const final = await stream.finalChatCompletion();
    const call = final.choices[0]?.message.tool_calls?.[0];
    assert.ok(call?.type === 'function');
    assert.equal(call.function.name, 'get_weather');
    assert.deepEqual(JSON.parse(call.function.arguments), { city: 'Paris', unit: 'celsius' });
    assert.ok(argumentDeltas.length > 1);
    assert.equal(final.choices[0]?.finish_reason, 'tool_calls');
  });

  it('streams n choices, each with its own index', async () => {
    const { client } = mockedClient();
    const stream = client.chat.completions.stream({ ...request, n: 2 });
    const final = await stream.finalChatCompletion();
    assert.deepEqual(final.choices.map((choice) => choice.index), [0, 1]);
  });
});

describe('chat.completions parse and logprobs', () => {
  it('parses structured output with zod from the content the user sets', async () => {
    const { z } = await import('zod');
    const { zodResponseFormat } = await import('openai/helpers/zod');
    const { client, openaiMock } = mockedClient();
    const Weather = z.object({ city: z.string(), temperature: z.number() });
    openaiMock.chat.completions.create.response = { choices: [{ message: { content: JSON.stringify({ city: 'Paris', temperature: 21 }) } }] };
    const completion = await client.chat.completions.parse({ ...request, response_format: zodResponseFormat(Weather, 'weather') });
    assert.deepEqual(completion.choices[0]?.message.parsed, { city: 'Paris', temperature: 21 });
  });

  it('gives token logprobs when asked', async () => {
    const { client, openaiMock } = mockedClient();
    openaiMock.chat.completions.create.response = { choices: [{ message: { content: 'Hi there' } }] };
    const completion = await client.chat.completions.create({ ...request, logprobs: true });
    const tokens = completion.choices[0]?.logprobs?.content?.map((token) => token.token);
    assert.equal(tokens?.join(''), 'Hi there');
  });

  it('streams the logprobs with the content chunks: the stream helper ends with those of the non-streamed answer', async () => {
    const { client, openaiMock } = mockedClient();
    openaiMock.chat.completions.create.response = { choices: [{ message: { content: 'Streaming logprobs, one piece at a time.' } }] };
    const answered = await client.chat.completions.create({ ...request, logprobs: true });
    const stream = client.chat.completions.stream({ ...request, logprobs: true });
    const deltas: string[] = [];
    stream.on('logprobs.content.delta', ({ content }) => deltas.push(...content.map((token) => token.token)));
    const final = await stream.finalChatCompletion();
    assert.ok(deltas.length > 1, 'the logprobs arrive over several chunks');
    assert.deepEqual(final.choices[0]?.logprobs?.content, answered.choices[0]?.logprobs?.content);
    assert.equal(deltas.join(''), 'Streaming logprobs, one piece at a time.');
    // Logprobs the test sets (here one token for the whole text) go with the chunks whose text they cover.
    openaiMock.chat.completions.create.response = {
      choices: [{ message: { content: 'Two words' }, logprobs: { content: [{ token: 'Two words', logprob: -0.5, bytes: null, top_logprobs: [] }], refusal: null } }],
    };
    const own = await client.chat.completions.stream({ ...request, logprobs: true }).finalChatCompletion();
    assert.deepEqual(own.choices[0]?.logprobs?.content?.map((token) => token.logprob), [-0.5]);
    // Nothing set: no content, and logprobs with no tokens, streamed or not.
    openaiMock.chat.completions.create.reset();
    const empty = await client.chat.completions.stream({ ...request, logprobs: true }).finalChatCompletion();
    assert.deepEqual(empty.choices[0]?.logprobs, { content: [], refusal: null });
  });

  it('streams a legacy function_call the test sets: its name, then its arguments', async () => {
    const { client, openaiMock } = mockedClient();
    openaiMock.chat.completions.create.response = { choices: [{ message: { function_call: { name: 'get_weather', arguments: '{"city": "Paris", "unit": "celsius"}' } } }] };
    const answered = await client.chat.completions.create(request);
    assert.equal(answered.choices[0]?.finish_reason, 'function_call');
    assert.equal(answered.choices[0]?.message.content, null);
    const final = await client.chat.completions.stream(request).finalChatCompletion();
    assert.deepEqual(final.choices[0]?.message.function_call, { name: 'get_weather', arguments: '{"city": "Paris", "unit": "celsius"}' });
    assert.equal(final.choices[0]?.finish_reason, 'function_call');
  });
});

describe('stored chat completions', () => {
  it('keeps completions created with store: true: retrieve, update, list, messages, delete', async () => {
    const { client } = mockedClient();
    const stored = await client.chat.completions.create({ ...request, store: true, metadata: { topic: 'greeting' } });
    await client.chat.completions.create(request); // not stored
    assert.equal((await client.chat.completions.retrieve(stored.id)).id, stored.id);
    const updated = await client.chat.completions.update(stored.id, { metadata: { topic: 'updated' } });
    assert.deepEqual(updated.metadata, { topic: 'updated' });
    assert.deepEqual((await client.chat.completions.retrieve(stored.id)).metadata, { topic: 'updated' });
    const listed = [];
    for await (const completion of client.chat.completions.list({ metadata: { topic: 'updated' } })) listed.push(completion.id);
    assert.deepEqual(listed, [stored.id]);
    const messages = await client.chat.completions.messages.list(stored.id);
    assert.deepEqual(messages.data.map((message) => message.content), ['Hello!']);
    const deleted = await client.chat.completions.delete(stored.id);
    assert.equal(deleted.deleted, true);
    await assert.rejects(client.chat.completions.retrieve(stored.id), { status: 404 });
    await assert.rejects(client.chat.completions.delete(stored.id), { status: 404 });
  });
});
