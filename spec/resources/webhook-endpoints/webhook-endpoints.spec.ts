import assert from 'node:assert/strict';
import OpenAI from 'openai';
import { mockedClient } from '../../support/client.js';

describe('webhook endpoints', () => {
  it('shows the signing secret once, rotates it, tests and lists endpoints', async () => {
    const { client } = mockedClient();
    const endpoint = await client.webhooks.create({ name: 'jobs', url: 'https://example.com/hooks', event_types: ['batch.completed', 'fine_tuning.job.succeeded'] });
    assert.match(endpoint.signing_secret, /^whsec_/);
    assert.equal(endpoint.signing_secret_hint, `whsec_...${endpoint.signing_secret.slice(-4)}`);
    const read = await client.webhooks.retrieve(endpoint.id);
    assert.equal('signing_secret' in read, false);
    const rotated = await client.webhooks.rotateSecret(endpoint.id);
    assert.notEqual(rotated.signing_secret, endpoint.signing_secret);
    const updated = await client.webhooks.update(endpoint.id, { event_types: ['video.completed'] });
    assert.deepEqual(updated.event_types, ['video.completed']);
    const test = await client.webhooks.test(endpoint.id, { event_type: 'video.completed' });
    assert.deepEqual([test.object, test.success, test.webhook_endpoint_id], ['webhook_endpoint.test', true, endpoint.id]);
    assert.ok((await client.webhooks.eventTypes.list()).data.includes('response.completed'));
    assert.deepEqual((await client.webhooks.list()).data.map((e) => e.id), [endpoint.id]);
    await assert.rejects(client.webhooks.create({ name: 'x', url: 'http://insecure', event_types: ['batch.completed'] }), OpenAI.BadRequestError);
    assert.equal((await client.webhooks.delete(endpoint.id)).deleted, true);
    await assert.rejects(client.webhooks.retrieve(endpoint.id), OpenAI.NotFoundError);
  });
});
