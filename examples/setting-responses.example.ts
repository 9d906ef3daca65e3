// The four kinds of response a route takes (the Python library's "Responses" page): a partial, a full model,
// a raw Response, and a function (here: two server errors, then a completion, as the SDK retries).
import assert from 'node:assert/strict';
import OpenAI from 'openai';
import { OpenAIMock, createMockFetch } from '../lib/index.js';

const request: OpenAI.Chat.ChatCompletionCreateParamsNonStreaming = {
  model: 'gpt-4o',
  messages: [{ role: 'user', content: 'Hello!' }],
};

describe('setting responses', () => {
  const openaiMock = new OpenAIMock();
  beforeEach(() => openaiMock.reset());

  it('a partial: only what the test cares about, the rest from the default', async () => {
    openaiMock.chat.completions.create.response = {
      choices: [{ index: 0, finish_reason: 'stop', message: { content: 'Hello! How can I help?', role: 'assistant' } }],
    };
    const client = new OpenAI({ apiKey: 'sk-fake', fetch: createMockFetch(openaiMock) });
    const completion = await client.chat.completions.create(request);
    assert.equal(completion.choices[0]?.message.content, 'Hello! How can I help?');
    assert.match(completion.id, /^chatcmpl-/);
  });

  it('a full model: answered as it is', async () => {
    const model: OpenAI.Chat.ChatCompletion = {
      id: 'chatcmpl-explicit',
      object: 'chat.completion',
      created: 1_700_000_000,
      model: 'gpt-4o-2024-08-06',
      choices: [{ index: 0, finish_reason: 'length', logprobs: null, message: { role: 'assistant', content: 'Cut sh', refusal: null } }],
    };
    openaiMock.chat.completions.create.response = model;
    const client = new OpenAI({ apiKey: 'sk-fake', fetch: createMockFetch(openaiMock) });
    const completion = await client.chat.completions.create(request);
    assert.equal(completion.id, 'chatcmpl-explicit');
    assert.equal(completion.choices[0]?.finish_reason, 'length');
  });

  it('a raw Response: a 500 with retries off raises the SDK error', async () => {
    openaiMock.chat.completions.create.response = new Response(null, { status: 500 });
    const client = new OpenAI({ apiKey: 'sk-fake', fetch: createMockFetch(openaiMock), maxRetries: 0 });
    await assert.rejects(client.chat.completions.create(request), OpenAI.InternalServerError);
  });

  it('a function: two failures, then a completion built from the request', async () => {
    openaiMock.chat.completions.create.response = ({ route, body }) => {
      if (route.calls.length < 2) return new Response(null, { status: 500 });
      const { model } = body as OpenAI.Chat.ChatCompletionCreateParams;
      return { model, choices: [{ message: { content: 'third time lucky' } }] };
    };
    const client = new OpenAI({ apiKey: 'sk-fake', fetch: createMockFetch(openaiMock), maxRetries: 3 });
    const completion = await client.chat.completions.create(request);
    assert.equal(completion.choices[0]?.message.content, 'third time lucky');
    assert.equal(openaiMock.chat.completions.create.calls.length, 3);
  });
});
