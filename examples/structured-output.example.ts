// Structured output with zod: the test sets the JSON the model would write, the SDK parses it.
import assert from 'node:assert/strict';
import OpenAI from 'openai';
import { zodResponseFormat } from 'openai/helpers/zod';
import { z } from 'zod';
import { OpenAIMock, createMockFetch } from '../lib/index.js';

const CalendarEvent = z.object({ name: z.string(), date: z.string(), participants: z.array(z.string()) });

describe('parsed chat completion', () => {
  it('gives message.parsed from the content set on the route', async () => {
    const openaiMock = new OpenAIMock();
    openaiMock.chat.completions.create.response = {
      choices: [{ message: { content: JSON.stringify({ name: 'Science fair', date: 'Friday', participants: ['Alice', 'Bob'] }) } }],
    };
    const client = new OpenAI({ apiKey: 'sk-fake', fetch: createMockFetch(openaiMock) });
    const completion = await client.chat.completions.parse({
      model: 'gpt-4o',
      messages: [{ role: 'user', content: 'Alice and Bob are going to a science fair on Friday.' }],
      response_format: zodResponseFormat(CalendarEvent, 'event'),
    });
    assert.deepEqual(completion.choices[0]?.message.parsed, { name: 'Science fair', date: 'Friday', participants: ['Alice', 'Bob'] });
  });
});
