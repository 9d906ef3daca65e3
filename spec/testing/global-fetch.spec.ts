import assert from 'node:assert/strict';
import OpenAI from 'openai';
import { OpenAIMock, patchGlobalFetch, withOpenAIMock } from '../../lib/index.js';

describe('patchGlobalFetch', () => {
  const networkFetch = globalThis.fetch;
  // A client built once and reused by every test, like a lazy singleton in the code under test.
  let singleton: OpenAI | undefined;
  const sharedClient = (): OpenAI => (singleton ??= new OpenAI({ apiKey: 'sk-fake', maxRetries: 0 }));

  it('answers a client built under an earlier mock from the current mock, which records the call', async () => {
    const first = new OpenAIMock();
    first.chat.completions.create.response = { choices: [{ message: { content: 'first test' } }] };
    const restoreFirst = patchGlobalFetch(first);
    try {
      const completion = await sharedClient().chat.completions.create({ model: 'gpt-4o', messages: [{ role: 'user', content: 'Hi' }] });
      assert.equal(completion.choices[0]?.message.content, 'first test');
    } finally {
      restoreFirst();
    }
    assert.equal(globalThis.fetch, networkFetch);

    const second = new OpenAIMock();
    second.chat.completions.create.response = { choices: [{ message: { content: 'second test' } }] };
    const restoreSecond = patchGlobalFetch(second);
    try {
      const completion = await sharedClient().chat.completions.create({ model: 'gpt-4o', messages: [{ role: 'user', content: 'Again' }] });
      assert.equal(completion.choices[0]?.message.content, 'second test');
    } finally {
      restoreSecond();
    }
    assert.equal(first.chat.completions.create.calls.length, 1);
    assert.equal(second.chat.completions.create.calls.length, 1);
    assert.equal(second.chat.completions.create.calls[0]?.body?.messages[0]?.content, 'Again');
  });

  it('withOpenAIMock({ patchGlobalFetch: true }): each wrapped test answers the shared client from its own mock', async () => {
    const seen: string[] = [];
    for (const content of ['one', 'two']) {
      await withOpenAIMock({ patchGlobalFetch: true, choices: [{ message: { content } }] }, async ({ openaiMock }) => {
        const completion = await sharedClient().chat.completions.create({ model: 'gpt-4o', messages: [{ role: 'user', content: 'Hi' }] });
        seen.push(completion.choices[0]?.message.content ?? '');
        assert.equal(openaiMock.chat.completions.create.calls.length, 1);
      })();
    }
    assert.deepEqual(seen, ['one', 'two']);
    assert.equal(globalThis.fetch, networkFetch);
  });

  it('answers from the newest mock patched in; restoring it goes back to the one before, then to the original fetch', async () => {
    const outer = new OpenAIMock();
    const inner = new OpenAIMock();
    const restoreOuter = patchGlobalFetch(outer);
    const restoreInner = patchGlobalFetch(inner);
    await sharedClient().models.list();
    restoreInner();
    restoreInner();
    await sharedClient().models.list();
    restoreOuter();
    assert.deepEqual([outer.models.list.calls.length, inner.models.list.calls.length], [1, 1]);
    assert.equal(globalThis.fetch, networkFetch);
  });

  it('answers the Agents SDK\'s trace export (POST /v1/traces/ingest) with a 204 and records the batch', async () => {
    const openaiMock = new OpenAIMock();
    const restore = patchGlobalFetch(openaiMock);
    try {
      const sent = await fetch('https://api.openai.com/v1/traces/ingest', {
        method: 'POST',
        headers: { 'content-type': 'application/json', 'openai-beta': 'traces=v1' },
        body: JSON.stringify({ data: [{ object: 'trace', id: 'trace_1', workflow_name: 'Agent workflow' }] }),
      });
      assert.equal(sent.status, 204);
      const invalid = await fetch('https://api.openai.com/v1/traces/ingest', { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{}' });
      assert.equal(invalid.status, 400);
    } finally {
      restore();
    }
    const [call] = openaiMock.traces.ingest.calls;
    assert.deepEqual(call?.body.data.map((item) => [item.object, item.id]), [['trace', 'trace_1']]);
    assert.equal(openaiMock.traces.ingest.calls.length, 2);
  });
});
