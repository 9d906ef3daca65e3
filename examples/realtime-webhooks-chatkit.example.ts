// The server side of realtime, ChatKit and webhooks: a backend hands out an ephemeral realtime key and a ChatKit
// session secret, and registers a webhook endpoint whose signing secret it keeps.
import assert from 'node:assert/strict';
import OpenAI from 'openai';
import { OpenAIMock, createMockFetch } from '../lib/index.js';

describe('realtime, chatkit and webhook endpoints', () => {
  it('issues client secrets and registers a webhook endpoint', async () => {
    const client = new OpenAI({ apiKey: 'sk-fake', fetch: createMockFetch(new OpenAIMock()) });
    const realtime = await client.realtime.clientSecrets.create({ session: { type: 'realtime', model: 'gpt-realtime' } });
    assert.match(realtime.value, /^ek_/);
    assert.ok(realtime.expires_at > Date.now() / 1000);

    const chat = await client.beta.chatkit.sessions.create({ user: 'user_42', workflow: { id: 'wf_support' } });
    assert.match(chat.client_secret, /^ek_/);

    const endpoint = await client.webhooks.create({ name: 'jobs', url: 'https://example.com/openai', event_types: ['fine_tuning.job.succeeded'] });
    assert.match(endpoint.signing_secret, /^whsec_/);
    assert.equal((await client.webhooks.retrieve(endpoint.id)).url, 'https://example.com/openai');
  });
});
