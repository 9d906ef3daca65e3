import assert from 'node:assert/strict';
import OpenAI from 'openai';
import { mockedClient } from '../../support/client.js';

const messages: OpenAI.Chat.ChatCompletionMessageParam[] = [{ role: 'user', content: 'Hello!' }];

describe('chat.completions.create', () => {
  it('answers a default completion with the API id prefix, the request model and empty content', async () => {
    const { client } = mockedClient();
    const completion = await client.chat.completions.create({ model: 'gpt-4o-mini', messages });
    assert.match(completion.id, /^chatcmpl-/);
    assert.equal(completion.object, 'chat.completion');
    assert.equal(completion.model, 'gpt-4o-mini');
    assert.equal(completion.choices.length, 1);
    assert.equal(completion.choices[0]?.message.content, '');
    assert.equal(completion.choices[0]?.finish_reason, 'stop');
    assert.ok(Math.abs(completion.created - Date.now() / 1000) < 5);
  });

  it('gives n choices, indexed', async () => {
    const { client } = mockedClient();
    const completion = await client.chat.completions.create({ model: 'gpt-4o', messages, n: 3 });
    assert.deepEqual(completion.choices.map((choice) => choice.index), [0, 1, 2]);
  });

  it('completes each partial choice with the default choice', async () => {
    const { client, openaiMock } = mockedClient();
    openaiMock.chat.completions.create.response = {
      choices: [{ message: { content: 'A' } }, { message: { content: 'B' } }],
    };
    const completion = await client.chat.completions.create({ model: 'gpt-4o', messages });
    assert.deepEqual(
      completion.choices.map((choice) => [choice.index, choice.message.role, choice.message.content, choice.finish_reason]),
      [[0, 'assistant', 'A', 'stop'], [1, 'assistant', 'B', 'stop']],
    );
    assert.equal(openaiMock.chat.completions.create.calls.length, 1);
  });

  it('lets what the user sets win over the request', async () => {
    const { client, openaiMock } = mockedClient();
    openaiMock.chat.completions.create.response = { model: 'gpt-4.1' };
    const completion = await client.chat.completions.create({ model: 'gpt-4o', messages });
    assert.equal(completion.model, 'gpt-4.1');
  });

  it('records each call with its request, parsed body and response', async () => {
    const { client, openaiMock } = mockedClient();
    await client.chat.completions.create({ model: 'gpt-4o', messages });
    const [call] = openaiMock.chat.completions.create.calls;
    assert.ok(call);
    assert.equal(call.request.method, 'POST');
    assert.equal(call.request.url, 'https://api.openai.com/v1/chat/completions');
    assert.deepEqual(call.body, { model: 'gpt-4o', messages });
    assert.equal(call.response.status, 200);
    const answered = (await call.response.json()) as OpenAI.Chat.ChatCompletion;
    assert.match(answered.id, /^chatcmpl-/);
  });

  it('fills tool calls with ids and finish_reason tool_calls', async () => {
    const { client, openaiMock } = mockedClient();
    openaiMock.chat.completions.create.response = {
      choices: [{ message: { tool_calls: [{ function: { name: 'get_weather', arguments: '{"city":"Paris"}' } }] } }],
    };
    const completion = await client.chat.completions.create({ model: 'gpt-4o', messages });
    const choice = completion.choices[0];
    assert.equal(choice?.finish_reason, 'tool_calls');
    assert.equal(choice?.message.content, null);
    const call = choice?.message.tool_calls?.[0];
    assert.ok(call?.type === 'function');
    assert.match(call.id, /^call_/);
    assert.equal(call.function.name, 'get_weather');
  });

  it('answers 400 in the API shape for a body without messages', async () => {
    const { client } = mockedClient();
    await assert.rejects(
      client.chat.completions.create({ model: 'gpt-4o' } as OpenAI.Chat.ChatCompletionCreateParamsNonStreaming),
      (error: unknown) => error instanceof OpenAI.BadRequestError && error.param === 'messages' && /Missing required parameter/.test(error.message),
    );
  });
});
