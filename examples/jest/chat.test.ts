// Scenario: a Jest suite gives every test a fresh mock in `beforeEach` and checks a small app function that
// calls OpenAI: the answer it returns, what it sent, and how it reacts to an API error.
import { beforeEach, describe, expect, it } from '@jest/globals';
import OpenAI from 'openai';
import { OpenAIMock, createMockFetch } from '../../lib/index.js';

/** The code under test: classifies a support ticket with one word. */
async function classify(client: OpenAI, ticket: string): Promise<string> {
  const completion = await client.chat.completions.create({
    model: 'gpt-4o',
    messages: [{ role: 'user', content: `One word, billing or technical: ${ticket}` }],
  });
  return (completion.choices[0]?.message.content ?? '').trim().toLowerCase();
}

describe('classify (Jest)', () => {
  let openaiMock: OpenAIMock;
  let client: OpenAI;

  beforeEach(() => {
    openaiMock = new OpenAIMock();
    client = new OpenAI({ apiKey: 'sk-fake', fetch: createMockFetch(openaiMock), maxRetries: 0 });
  });

  it('returns the label the model gives, normalized', async () => {
    openaiMock.chat.completions.create.response = { choices: [{ message: { content: ' Billing ' } }] };

    await expect(classify(client, 'I was charged twice')).resolves.toBe('billing');
    expect(openaiMock.chat.completions.create.calls).toHaveLength(1);
    expect(openaiMock.chat.completions.create.calls[0]?.body).toMatchObject({
      model: 'gpt-4o',
      messages: [{ role: 'user', content: 'One word, billing or technical: I was charged twice' }],
    });
  });

  it('starts from a fresh mock: nothing set by the previous test remains', async () => {
    expect(openaiMock.chat.completions.create.calls).toHaveLength(0);
    await expect(classify(client, 'The app crashes')).resolves.toBe('');
  });

  it('lets the API error reach the caller', async () => {
    openaiMock.chat.completions.create.response = new Response(
      JSON.stringify({ error: { message: 'The server had an error', type: 'server_error', param: null, code: null } }),
      { status: 500, headers: { 'content-type': 'application/json' } },
    );

    await expect(classify(client, 'Anything')).rejects.toBeInstanceOf(OpenAI.InternalServerError);
  });
});
