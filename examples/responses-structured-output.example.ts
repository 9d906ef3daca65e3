// Structured output with zod on the Responses API: the test sets the JSON the model would write, parse() gives output_parsed.
import assert from 'node:assert/strict';
import OpenAI from 'openai';
import { zodTextFormat } from 'openai/helpers/zod';
import { z } from 'zod';
import { createMockFetch, OpenAIMock, responseOutput } from '../lib/index.js';

const CalendarEvent = z.object({ name: z.string(), date: z.string(), participants: z.array(z.string()) });

describe('Responses API: structured output with zod', () => {
  it('parses the JSON set on the route', async () => {
    const openaiMock = new OpenAIMock();
    const event = { name: 'Science fair', date: 'Friday', participants: ['Alice', 'Bob'] };
    openaiMock.responses.create.response = { output: [responseOutput.text(JSON.stringify(event))] };
    const client = new OpenAI({ apiKey: 'sk-fake', fetch: createMockFetch(openaiMock) });

    const response = await client.responses.parse({
      model: 'gpt-4.1',
      input: 'Alice and Bob are going to a science fair on Friday.',
      text: { format: zodTextFormat(CalendarEvent, 'event') },
    });

    assert.deepEqual(response.output_parsed, event);
  });
});
