import assert from 'node:assert/strict';
import OpenAI from 'openai';
import { mockedClient } from '../../support/client.js';

describe('beta.agents', () => {
  it('keeps agents, vaults with credentials, and environment templates', async () => {
    const { client } = mockedClient();
    const agent = await client.beta.agents.create({ model: 'gpt-5.4', name: 'Helper', instructions: 'Be kind.' });
    assert.match(agent.id, /^agent_/);
    assert.deepEqual([agent.object, agent.model, agent.name], ['agent', 'gpt-5.4', 'Helper']);
    assert.equal((await client.beta.agents.update(agent.id, { name: 'Helper 2' })).name, 'Helper 2');
    assert.deepEqual((await client.beta.agents.list()).data.map((a) => a.id), [agent.id]);
    await client.beta.agents.delete(agent.id);
    await assert.rejects(client.beta.agents.retrieve(agent.id), OpenAI.NotFoundError);

    const vault = await client.beta.agents.vaults.create({ name: 'secrets' });
    const credential = await client.beta.agents.vaults.credentials.create(vault.id, { name: 'github', auth: { type: 'static_bearer', token: 't' } } as never);
    assert.equal(credential.vault_id, vault.id);
    assert.deepEqual((await client.beta.agents.vaults.credentials.list(vault.id)).data.map((c) => c.id), [credential.id]);
    await assert.rejects(client.beta.agents.vaults.credentials.list('vault_missing'), OpenAI.NotFoundError);

    const template = await client.beta.agents.environments.templates.create({ name: 'python' } as never);
    assert.equal((await client.beta.agents.environments.templates.retrieve(template.id)).name, 'python');
  });

  it('pauses and resumes automations and records invocations', async () => {
    const { client } = mockedClient();
    const automation = await client.beta.agents.automations.create({ name: 'nightly', type: 'periodic', expression: '0 3 * * *', timezone: 'UTC', target: { type: 'agent', agent_id: 'agent_1' } } as never);
    assert.equal(automation.status, 'active');
    assert.equal((await client.beta.agents.automations.pause(automation.id)).status, 'paused');
    assert.equal((await client.beta.agents.automations.resume(automation.id)).status, 'active');
    const invocation = await client.beta.agents.automations.invocations.create(automation.id, {} as never);
    assert.equal(invocation.automation_id, automation.id);
    assert.equal((await client.beta.agents.automations.invocations.retrieve(invocation.id, { automation_id: automation.id })).id, invocation.id);
  });

  it('keeps sessions of an agent; a session has no items or turns until an agent runs', async () => {
    const { client } = mockedClient();
    const agent = await client.beta.agents.create({ model: 'gpt-5.4' });
    const session: { id: string; status: string } = (await client.beta.agents.sessions.create({ agent_id: agent.id } as never)) as never;
    assert.match(session.id, /^agsess_/);
    assert.equal(session.status, 'idle');
    assert.equal((await client.beta.agents.sessions.retrieve(session.id)).id, session.id);
    assert.deepEqual((await client.beta.agents.sessions.items.list(session.id)).data, []);
    assert.deepEqual((await client.beta.agents.sessions.turns.list(session.id)).data, []);
    const { data: stream, response } = await client.beta.agents.sessions.events.stream(session.id).withResponse();
    assert.match(response.headers.get('content-type') ?? '', /^text\/event-stream/);
    const events = [];
    for await (const event of stream) events.push(event);
    assert.deepEqual(events, []);
    await assert.rejects(client.beta.agents.sessions.turns.retrieve('turn_1', { session_id: session.id }), OpenAI.NotFoundError);
    await assert.rejects(client.beta.agents.sessions.create({ agent_id: 'agent_missing' } as never), OpenAI.NotFoundError);
  });
});
