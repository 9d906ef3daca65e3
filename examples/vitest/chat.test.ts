// Scenario: a Vitest suite gives every test a fresh mock in `beforeEach`, so what one test sets (responses,
// failures, stored state) never leaks into the next, and checks a small app function that calls OpenAI.
import OpenAI from 'openai';
import { beforeEach, describe, expect, it } from 'vitest';
import { OpenAIMock, createMockFetch } from '../../lib/index.js';

/** The code under test: asks the model for a one-line summary. */
async function summarize(client: OpenAI, text: string): Promise<string> {
  const completion = await client.chat.completions.create({
    model: 'gpt-4o-mini',
    messages: [
      { role: 'system', content: 'Summarize in one line.' },
      { role: 'user', content: text },
    ],
  });
  return completion.choices[0]?.message.content ?? '';
}

describe('summarize (Vitest)', () => {
  let openaiMock: OpenAIMock;
  let client: OpenAI;

  beforeEach(() => {
    openaiMock = new OpenAIMock();
    client = new OpenAI({ apiKey: 'sk-fake', fetch: createMockFetch(openaiMock), maxRetries: 0 });
  });

  it('returns the summary the model gives', async () => {
    openaiMock.chat.completions.create.response = { choices: [{ message: { content: 'Cats sleep a lot.' } }] };

    await expect(summarize(client, 'A long text about cats and their naps.')).resolves.toBe('Cats sleep a lot.');
    expect(openaiMock.chat.completions.create.calls).toHaveLength(1);
    expect(openaiMock.chat.completions.create.calls[0]?.body).toMatchObject({
      model: 'gpt-4o-mini',
      messages: [{ role: 'system' }, { role: 'user', content: 'A long text about cats and their naps.' }],
    });
  });

  it('starts from a fresh mock: nothing set by the previous test remains', async () => {
    expect(openaiMock.chat.completions.create.calls).toHaveLength(0);
    await expect(summarize(client, 'Anything')).resolves.toBe('');
  });

  it('lets the API error reach the caller', async () => {
    openaiMock.chat.completions.create.failures = { count: 1, status: 429 };

    await expect(summarize(client, 'Anything')).rejects.toBeInstanceOf(OpenAI.RateLimitError);
  });
});
