import assert from 'node:assert/strict';
import type OpenAI from 'openai';
import { delay, eventStream } from '../../lib/index.js';
import { mockedClient } from '../support/client.js';
import { exemptFromConformance } from '../support/conformance/exemptions.js';

// A stream the client aborts stops at once: no pause of the stream outlives it to keep the process alive.

const chunk = (content: string): OpenAI.ChatCompletionChunk => ({
  id: 'chatcmpl-1',
  object: 'chat.completion.chunk',
  created: 0,
  model: 'gpt-4o',
  choices: [{ index: 0, delta: { content }, finish_reason: null }],
});

/** The timers alive once pending callbacks ran (the test runner's own timeout timer among them). */
async function timers(): Promise<number> {
  await new Promise((resolve) => setImmediate(resolve));
  return process.getActiveResourcesInfo().filter((kind) => kind === 'Timeout').length;
}

describe('an aborted stream', () => {
  beforeEach(() => {
    exemptFromConformance('these streams pause a minute on purpose: reading one to its end to check it would wait that long');
  });

  it('leaves no delay() timer behind', async () => {
    const { client, openaiMock } = mockedClient();
    openaiMock.chat.completions.create.response = () => eventStream([chunk('Once '), delay(60_000), chunk('upon'), '[DONE]']);
    const before = await timers();
    const stream = await client.chat.completions.create({ model: 'gpt-4o', messages: [{ role: 'user', content: 'Hi' }], stream: true });
    const received: string[] = [];
    for await (const part of stream) {
      received.push(part.choices[0]?.delta.content ?? '');
      stream.controller.abort();
    }
    assert.deepEqual(received, ['Once ']);
    assert.equal(await timers(), before);
  });

  it('a stream answered but never read starts no timer', async () => {
    const { openaiMock } = mockedClient();
    const before = await timers();
    const response = eventStream([chunk('a'), delay(60_000), '[DONE]']);
    openaiMock.chat.completions.create.response = response;
    assert.equal(await timers(), before);
  });
});
