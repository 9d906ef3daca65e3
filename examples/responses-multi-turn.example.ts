// Multi-turn with previous_response_id: each turn chains on the last; the mock keeps the history as the API does.
import assert from 'node:assert/strict';
import OpenAI from 'openai';
import { createMockFetch, OpenAIMock, responseOutput } from '../lib/index.js';

describe('Responses API: multi-turn with previous_response_id', () => {
  it('chains turns, and the input items hold the whole history', async () => {
    const openaiMock = new OpenAIMock();
    const client = new OpenAI({ apiKey: 'sk-fake', fetch: createMockFetch(openaiMock) });
    const answers = ['Paris.', 'About two million people.'];
    openaiMock.responses.create.response = ({ route }) => ({ output: [responseOutput.text(answers[route.calls.length] ?? '')] });

    const first = await client.responses.create({ model: 'gpt-4.1', input: 'What is the capital of France?' });
    const second = await client.responses.create({ model: 'gpt-4.1', input: 'How many people live there?', previous_response_id: first.id });

    assert.equal(second.output_text, 'About two million people.');
    const history = [];
    for await (const item of client.responses.inputItems.list(second.id, { order: 'asc' })) history.push(item.type === 'message' ? item.role : item.type);
    assert.deepEqual(history, ['user', 'assistant', 'user']);
  });
});
