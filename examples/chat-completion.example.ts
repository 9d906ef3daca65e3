// The Python library's chat page, ported: set choices, call the real client, check the answer and the call count.
import assert from 'node:assert/strict';
import OpenAI from 'openai';
import { OpenAIMock, createMockFetch, withOpenAIMock } from '../lib/index.js';

const messages: OpenAI.Chat.ChatCompletionMessageParam[] = [
  { role: 'system', content: 'You are a helpful assistant.' },
  { role: 'user', content: 'Hello!' },
];

describe('chat completions', () => {
  it('answers the choices set on the route', async () => {
    const openaiMock = new OpenAIMock();
    openaiMock.chat.completions.create.response = { choices: [{ message: { content: 'Hello, how can I help?' } }] };
    const client = new OpenAI({ apiKey: 'sk-fake', fetch: createMockFetch(openaiMock) });

    const completion = await client.chat.completions.create({ model: 'gpt-4o', messages });

    assert.equal(completion.choices.length, 1);
    assert.equal(completion.choices[0]?.message.content, 'Hello, how can I help?');
    assert.equal(openaiMock.chat.completions.create.calls.length, 1);
  });

  it(
    'works as a per-test wrapper, like the Python decorator, with three choices for n=3',
    withOpenAIMock(
      {
        choices: [
          { message: { content: 'Hello, how can I help?' } },
          { message: { content: "Hi! I'm here to help!" } },
          { message: { content: 'How can I help?' } },
        ],
      },
      async ({ openaiMock, fetch }) => {
        const client = new OpenAI({ apiKey: 'sk-fake', fetch });
        const completion = await client.chat.completions.create({ model: 'gpt-4o', messages, n: 3 });
        assert.equal(completion.choices.length, 3);
        assert.equal(openaiMock.chat.completions.create.calls.length, 1);
      },
    ),
  );

  it(
    'adds latency and failures the SDK retries through',
    withOpenAIMock({ choices: [{ message: { content: 'finally' } }], latency: 5, failures: 2 }, async ({ openaiMock, fetch }) => {
      const client = new OpenAI({ apiKey: 'sk-fake', fetch, maxRetries: 2 });
      const completion = await client.chat.completions.create({ model: 'gpt-4o', messages });
      assert.equal(completion.choices[0]?.message.content, 'finally');
      assert.equal(openaiMock.chat.completions.create.calls.length, 3);
    }),
  );
});
