// A node:test suite using useOpenAIMock(): each test gets a fresh mock.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import OpenAI from 'openai';
import { useOpenAIMock } from '../../lib/testing/node-test.js';

describe('with node:test', () => {
  const mocked = useOpenAIMock();

  it('answers from the mock', async () => {
    mocked.openaiMock.chat.completions.create.response = { choices: [{ message: { content: 'from node:test' } }] };
    const client = new OpenAI({ apiKey: 'sk-fake', fetch: mocked.fetch });
    const completion = await client.chat.completions.create({ model: 'gpt-4o', messages: [{ role: 'user', content: 'Hi' }] });
    assert.equal(completion.choices[0]?.message.content, 'from node:test');
  });

  it('starts the next test fresh', () => {
    assert.equal(mocked.openaiMock.chat.completions.create.calls.length, 0);
  });
});
