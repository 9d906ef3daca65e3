// Streaming with client.responses.stream(): the mock streams the response the test sets as the API's events.
import assert from 'node:assert/strict';
import OpenAI from 'openai';
import { createMockFetch, OpenAIMock, responseOutput } from '../lib/index.js';

describe('Responses API: streaming', () => {
  it('streams text deltas, and finalResponse() gives the whole response', async () => {
    const openaiMock = new OpenAIMock();
    openaiMock.responses.create.response = { output: [responseOutput.text('Once upon a time, a mock told a story.')] };
    const client = new OpenAI({ apiKey: 'sk-fake', fetch: createMockFetch(openaiMock) });

    const stream = client.responses.stream({ model: 'gpt-4.1', input: 'Tell me a story' });
    const printed: string[] = [];
    stream.on('response.output_text.delta', (event) => printed.push(event.delta));
    const response = await stream.finalResponse();

    assert.ok(printed.length > 1);
    assert.equal(printed.join(''), 'Once upon a time, a mock told a story.');
    assert.equal(response.output_text, 'Once upon a time, a mock told a story.');
    assert.equal(response.status, 'completed');
  });
});
