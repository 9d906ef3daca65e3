// Quick start: `npm run example`. A real OpenAI client, answered by the mock: no network, no key.
import OpenAI from 'openai';
import { pathToFileURL } from 'node:url';
import { OpenAIMock, createMockFetch } from '../lib/index.js';

/** Builds a mock, sets what chat completions answer, and asks the real client. */
export async function main(): Promise<string | null | undefined> {
  const openaiMock = new OpenAIMock();
  const client = new OpenAI({ apiKey: 'sk-fake', fetch: createMockFetch(openaiMock) });

  openaiMock.chat.completions.create.response = {
    choices: [{ message: { content: 'Hello, how can I help?' } }],
  };

  const completion = await client.chat.completions.create({
    model: 'gpt-4o',
    messages: [{ role: 'user', content: 'Hi' }],
  });
  console.log(`${completion.id}: ${completion.choices[0]?.message.content}`);
  console.log(`calls answered: ${openaiMock.chat.completions.create.calls.length}`);
  return completion.choices[0]?.message.content;
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) await main();
