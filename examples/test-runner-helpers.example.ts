// A fresh mock per test without boilerplate: the Mocha root hooks (here registered by hand; in a project,
// `"require": ["openai-responses/mocha"]` in .mocharc does it), and global fetch patching for code that
// builds its own client.
import assert from 'node:assert/strict';
import OpenAI from 'openai';
import { patchGlobalFetch, OpenAIMock } from '../lib/index.js';
import { createMochaHooks, currentOpenAIMock } from '../lib/testing/mocha.js';

describe('Mocha root hooks', () => {
  const hooks = createMochaHooks();
  beforeEach(hooks.beforeEach);
  afterEach(hooks.afterEach);

  it('gives this test a mock', async function () {
    assert.equal(this.openaiMock, currentOpenAIMock());
    currentOpenAIMock().chat.completions.create.response = { choices: [{ message: { content: 'first test' } }] };
    const client = new OpenAI({ apiKey: 'sk-fake', fetch: currentOpenAIMock().fetch });
    const completion = await client.chat.completions.create({ model: 'gpt-4o', messages: [{ role: 'user', content: 'Hi' }] });
    assert.equal(completion.choices[0]?.message.content, 'first test');
  });

  it('and a fresh one to the next test', () => {
    assert.equal(currentOpenAIMock().chat.completions.create.response, undefined);
    assert.equal(currentOpenAIMock().chat.completions.create.calls.length, 0);
  });
});

/** Code under test that builds its own client, with no way to pass a fetch. */
function makeClient(): OpenAI {
  return new OpenAI({ apiKey: 'sk-fake' });
}

describe('global fetch patching', () => {
  it('answers clients built while the patch is on, and restores the real fetch', async () => {
    const realFetch = globalThis.fetch;
    const openaiMock = new OpenAIMock();
    const restore = patchGlobalFetch(openaiMock);
    try {
      const models = await makeClient().models.list();
      assert.ok(models.data.length > 0);
    } finally {
      restore();
    }
    assert.equal(globalThis.fetch, realFetch);
    assert.equal(openaiMock.models.list.calls.length, 1);
  });
});
