// A text response from the Responses API: the test sets the text, the code under test reads `output_text`.
import assert from 'node:assert/strict';
import OpenAI from 'openai';
import { createMockFetch, OpenAIMock, responseOutput } from '../lib/index.js';

describe('Responses API: a text response', () => {
  it('answers with the text the test sets', async () => {
    const openaiMock = new OpenAIMock();
    openaiMock.responses.create.response = { output: [responseOutput.text('Hello! How can I help?')] };
    const client = new OpenAI({ apiKey: 'sk-fake', fetch: createMockFetch(openaiMock) });

    const response = await client.responses.create({ model: 'gpt-4.1', instructions: 'Be friendly.', input: 'Hi' });

    assert.equal(response.output_text, 'Hello! How can I help?');
    assert.equal(response.instructions, 'Be friendly.');
    assert.equal(openaiMock.responses.create.calls.length, 1);
  });
});
