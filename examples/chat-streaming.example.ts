// Streaming: the same response, streamed as chunks with `stream: true`, accepted by the SDK's stream helper;
// and a stream built by hand, with a pause and an error in the middle.
import assert from 'node:assert/strict';
import OpenAI from 'openai';
import { OpenAIMock, createMockFetch, delay, eventStream, streamError } from '../lib/index.js';

describe('chat streaming', () => {
  const openaiMock = new OpenAIMock();
  const client = new OpenAI({ apiKey: 'sk-fake', fetch: createMockFetch(openaiMock) });
  beforeEach(() => openaiMock.reset());

  it('streams what the route would answer', async () => {
    openaiMock.chat.completions.create.response = { choices: [{ message: { content: 'Once upon a time, a mock.' } }] };
    const stream = client.chat.completions.stream({ model: 'gpt-4o', messages: [{ role: 'user', content: 'Tell a story' }] });
    let text = '';
    stream.on('content', (delta) => (text += delta));
    const final = await stream.finalChatCompletion();
    assert.equal(text, 'Once upon a time, a mock.');
    assert.equal(final.choices[0]?.finish_reason, 'stop');
  });

  it('streams a hand-built sequence that fails midway', async () => {
    const chunk = (content: string): OpenAI.Chat.ChatCompletionChunk => ({
      id: 'chatcmpl-story',
      object: 'chat.completion.chunk',
      created: 0,
      model: 'gpt-4o',
      choices: [{ index: 0, delta: { content }, finish_reason: null }],
    });
    openaiMock.chat.completions.create.response = () =>
      eventStream([chunk('Once '), delay(10), chunk('upon '), streamError({ message: 'The server had an error' })]);
    const stream = await client.chat.completions.create({ model: 'gpt-4o', messages: [{ role: 'user', content: 'Tell a story' }], stream: true });
    let text = '';
    await assert.rejects(async () => {
      for await (const part of stream) text += part.choices[0]?.delta.content ?? '';
    }, OpenAI.APIError);
    assert.equal(text, 'Once upon ');
  });
});
