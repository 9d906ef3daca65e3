// A response that fails with a 500 and succeeds on the SDK's own retry (the mock's errors say "retry now").
import assert from 'node:assert/strict';
import OpenAI from 'openai';
import { createMockFetch, OpenAIMock, responseOutput } from '../lib/index.js';

describe('Responses API: a 500, then success on retry', () => {
  it('retries the failed call and returns the response', async () => {
    const openaiMock = new OpenAIMock();
    openaiMock.responses.create.failures = 1;
    openaiMock.responses.create.response = { output: [responseOutput.text('Second time lucky.')] };
    const client = new OpenAI({ apiKey: 'sk-fake', fetch: createMockFetch(openaiMock), maxRetries: 2 });

    const response = await client.responses.create({ model: 'gpt-4.1', input: 'Hi' });

    assert.equal(response.output_text, 'Second time lucky.');
    assert.deepEqual(openaiMock.responses.create.calls.map((call) => call.response.status), [500, 200]);
  });
});
