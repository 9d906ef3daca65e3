import assert from 'node:assert/strict';
import OpenAI from 'openai';
import { mockedClient } from '../../support/client.js';

describe('chatkit', () => {
  it('makes sessions with a client secret and cancels them', async () => {
    const { client } = mockedClient();
    const session = await client.beta.chatkit.sessions.create({ user: 'user_1', workflow: { id: 'wf_123' } });
    assert.match(session.id, /^cksess_/);
    assert.match(session.client_secret, /^ek_/);
    assert.deepEqual([session.object, session.status, session.workflow.id], ['chatkit.session', 'active', 'wf_123']);
    assert.equal((await client.beta.chatkit.sessions.cancel(session.id)).status, 'cancelled');
    await assert.rejects(client.beta.chatkit.sessions.cancel('cksess_missing'), OpenAI.NotFoundError);
  });

  it('lists, reads and deletes the threads the state holds, with their items', async () => {
    const { client, openaiMock } = mockedClient();
    const threads = openaiMock.state.beta.chatkit.threads;
    for (const [id, user] of [['cthr_1', 'ann'], ['cthr_2', 'bob']] as const) {
      threads.put({ id, object: 'chatkit.thread', created_at: 1, status: { type: 'active' }, title: null, user });
    }
    threads.items.of('cthr_1').put({ id: 'cthi_1', object: 'chatkit.thread_item', created_at: 1, thread_id: 'cthr_1', type: 'chatkit.widget', widget: '{}' });
    assert.deepEqual((await client.beta.chatkit.threads.list({ user: 'bob' })).data.map((t) => t.id), ['cthr_2']);
    assert.deepEqual((await client.beta.chatkit.threads.listItems('cthr_1')).data.map((i) => i.id), ['cthi_1']);
    assert.equal((await client.beta.chatkit.threads.retrieve('cthr_1')).user, 'ann');
    assert.deepEqual(await client.beta.chatkit.threads.delete('cthr_1'), { id: 'cthr_1', object: 'chatkit.thread.deleted', deleted: true });
    await assert.rejects(client.beta.chatkit.threads.retrieve('cthr_1'), OpenAI.NotFoundError);
  });

  it('pages threads with first_id and last_id, empty or not', async () => {
    const { client, openaiMock } = mockedClient();
    await client.beta.chatkit.threads.list();
    openaiMock.state.beta.chatkit.threads.put({ id: 'cthr_1', object: 'chatkit.thread', created_at: 1, status: { type: 'active' }, title: null, user: 'ann' });
    await client.beta.chatkit.threads.list();
    const bodies = await Promise.all(openaiMock.beta.chatkit.threads.list.calls.map((call) => call.response.json() as Promise<Record<string, unknown>>));
    assert.deepEqual(bodies.map((body) => [body['first_id'], body['last_id'], body['has_more']]), [[null, null, false], ['cthr_1', 'cthr_1', false]]);
  });
});

