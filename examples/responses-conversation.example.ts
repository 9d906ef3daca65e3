// A conversation built over several turns: each response adds its input and output to the conversation, listed after.
import assert from 'node:assert/strict';
import OpenAI from 'openai';
import { createMockFetch, OpenAIMock, responseOutput } from '../lib/index.js';

describe('Responses API: a conversation over several turns', () => {
  it('keeps every turn in the conversation, in order', async () => {
    const openaiMock = new OpenAIMock();
    const client = new OpenAI({ apiKey: 'sk-fake', fetch: createMockFetch(openaiMock) });
    openaiMock.responses.create.response = ({ route }) => ({ output: [responseOutput.text(`Answer ${route.calls.length + 1}`)] });

    const conversation = await client.conversations.create({ items: [{ role: 'developer', content: 'Answer briefly.' }] });
    for (const question of ['First question', 'Second question', 'Third question']) {
      await client.responses.create({ model: 'gpt-4.1', input: question, conversation: conversation.id });
    }

    const transcript: string[] = [];
    for await (const item of client.conversations.items.list(conversation.id, { order: 'asc', limit: 3 })) {
      if (item.type === 'message') transcript.push(`${item.role}: ${item.content.map((part) => ('text' in part ? part.text : '')).join('')}`);
    }
    assert.deepEqual(transcript, [
      'developer: Answer briefly.',
      'user: First question', 'assistant: Answer 1',
      'user: Second question', 'assistant: Answer 2',
      'user: Third question', 'assistant: Answer 3',
    ]);
  });
});
