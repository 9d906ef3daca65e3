import assert from 'node:assert/strict';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import OpenAI, { toFile } from 'openai';
import { deliverWebhooks, lifecycle } from '../../lib/index.js';
import { mockedClient } from '../support/client.js';

async function backgroundResponse(client: OpenAI): Promise<OpenAI.Responses.Response> {
  const created = await client.responses.create({ model: 'gpt-4o', input: 'Hi', background: true });
  let response = created;
  while (response.status === 'queued' || response.status === 'in_progress') response = await client.responses.retrieve(created.id);
  return response;
}

describe('webhooks', () => {
  it('sends response.completed when a background response completes, verifiable with client.webhooks.unwrap', async () => {
    const { client, openaiMock } = mockedClient();
    const received: OpenAI.Webhooks.UnwrapWebhookEvent[] = [];
    const webhooks = deliverWebhooks(openaiMock, {
      to: async (request) => {
        received.push(await client.webhooks.unwrap(await request.text(), request.headers, webhooks.secret));
        return new Response(null, { status: 204 });
      },
    });
    const response = await backgroundResponse(client);
    await webhooks.settled();
    assert.equal(received.length, 1);
    const [event] = received;
    assert.equal(event?.type, 'response.completed');
    assert.deepEqual(event?.data, { id: response.id });
    assert.match(event?.id ?? '', /^evt_/);
    assert.equal(webhooks.sent[0]?.status, 204);
    assert.match(webhooks.secret, /^whsec_/);
  });

  it('signs with the secret given, so unwrap rejects another secret or a changed body', async () => {
    const { client, openaiMock } = mockedClient();
    const secret = `whsec_${Buffer.from('a secret of my own').toString('base64')}`;
    const webhooks = deliverWebhooks(openaiMock, { secret, to: () => undefined });
    await backgroundResponse(client);
    await webhooks.settled();
    const [delivery] = webhooks.sent;
    assert.ok(delivery);
    const event = await client.webhooks.unwrap(delivery.body, delivery.headers, secret);
    assert.equal(event.type, 'response.completed');
    await assert.rejects(client.webhooks.unwrap(delivery.body, delivery.headers, 'whsec_b3RoZXI='), OpenAI.InvalidWebhookSignatureError);
    await assert.rejects(client.webhooks.unwrap(delivery.body.replace('response.completed', 'response.failed'), delivery.headers, secret), OpenAI.InvalidWebhookSignatureError);
  });

  it('sends response.cancelled for a cancelled background response, and nothing for one that is not background', async () => {
    const { client, openaiMock } = mockedClient();
    const webhooks = deliverWebhooks(openaiMock, { to: () => undefined });
    await client.responses.create({ model: 'gpt-4o', input: 'Hi' });
    const queued = await client.responses.create({ model: 'gpt-4o', input: 'Hi', background: true });
    await client.responses.cancel(queued.id);
    await webhooks.settled();
    assert.deepEqual(webhooks.sent.map((d) => [d.event.type, d.event.data]), [['response.cancelled', { id: queued.id }]]);
  });

  it('sends batch.completed when a batch completes, to a handler that may call the mock back', async () => {
    const { client, openaiMock } = mockedClient();
    lifecycle(openaiMock).batches.retrievesPerStep = 0;
    const statuses: string[] = [];
    const webhooks = deliverWebhooks(openaiMock, {
      events: ['batch.completed'],
      to: async (request) => {
        const event = await client.webhooks.unwrap(await request.text(), request.headers, webhooks.secret);
        if (event.type === 'batch.completed') statuses.push((await client.batches.retrieve(event.data.id)).status);
      },
    });
    const line = JSON.stringify({ custom_id: 'a', method: 'POST', url: '/v1/chat/completions', body: { model: 'gpt-4o', messages: [{ role: 'user', content: 'Hi' }] } });
    const file = await client.files.create({ file: await toFile(Buffer.from(`${line}\n`), 'in.jsonl'), purpose: 'batch' });
    const batch = await client.batches.create({ input_file_id: file.id, endpoint: '/v1/chat/completions', completion_window: '24h' });
    await webhooks.settled();
    assert.deepEqual(webhooks.sent.map((d) => d.event.data), [{ id: batch.id }]);
    assert.deepEqual(statuses, ['completed']);
  });

  it('sends fine_tuning.job.succeeded and eval.run.succeeded as those finish, and .cancelled / .canceled when cancelled', async () => {
    const { client, openaiMock } = mockedClient();
    lifecycle(openaiMock).fineTuning.retrievesPerStep = 0;
    lifecycle(openaiMock).evals.retrievesPerStep = 0;
    const webhooks = deliverWebhooks(openaiMock, { to: () => undefined });
    const line = JSON.stringify({ messages: [{ role: 'user', content: 'Hi' }, { role: 'assistant', content: 'Hello' }] });
    const file = await client.files.create({ file: await toFile(Buffer.from(`${line}\n`), 'train.jsonl'), purpose: 'fine-tune' });
    const job = await client.fineTuning.jobs.create({ model: 'gpt-4o-mini', training_file: file.id });
    const evaluation = await client.evals.create({
      name: 'echo',
      data_source_config: { type: 'custom', item_schema: { type: 'object', properties: { answer: { type: 'string' } } }, include_sample_schema: true },
      testing_criteria: [{ type: 'string_check', name: 'same', input: '{{sample.output_text}}', reference: '{{item.answer}}', operation: 'eq' }],
    });
    const run = await client.evals.runs.create(evaluation.id, {
      data_source: { type: 'jsonl', source: { type: 'file_content', content: [{ item: { answer: 'a' }, sample: { output_text: 'a' } }] } },
    });
    lifecycle(openaiMock).fineTuning.retrievesPerStep = 1;
    const cancelled = await client.fineTuning.jobs.create({ model: 'gpt-4o-mini', training_file: file.id });
    await client.fineTuning.jobs.cancel(cancelled.id);
    await webhooks.settled();
    assert.deepEqual(webhooks.sent.map((d) => [d.event.type, d.event.data]), [
      ['fine_tuning.job.succeeded', { id: job.id }],
      ['eval.run.succeeded', { id: run.id }],
      ['fine_tuning.job.cancelled', { id: cancelled.id }],
    ]);
  });

  it('sends the events a test raises itself, and none after stop()', async () => {
    const { client, openaiMock } = mockedClient();
    const types: string[] = [];
    const webhooks = deliverWebhooks(openaiMock, {
      to: async (request) => void types.push((await client.webhooks.unwrap(await request.text(), request.headers, webhooks.secret)).type),
    });
    webhooks.send('realtime.call.incoming', { call_id: 'rtc_123', sip_headers: [{ name: 'From', value: 'sip:+1555@example.com' }] });
    await webhooks.settled();
    webhooks.stop();
    webhooks.send('batch.completed', { id: 'batch_1' });
    await backgroundResponse(client);
    await webhooks.settled();
    assert.deepEqual(types, ['realtime.call.incoming']);
  });

  it('posts to a URL with the global fetch, as the API posts to an endpoint', async () => {
    const bodies: { headers: Record<string, string | string[] | undefined>; body: string }[] = [];
    const server = createServer((request, response) => {
      let body = '';
      request.on('data', (chunk: Buffer) => (body += chunk.toString()));
      request.on('end', () => {
        bodies.push({ headers: request.headers, body });
        response.writeHead(200).end();
      });
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    try {
      const { client, openaiMock } = mockedClient();
      const { port } = server.address() as AddressInfo;
      const webhooks = deliverWebhooks(openaiMock, { to: `http://127.0.0.1:${port}/webhooks` });
      await backgroundResponse(client);
      await webhooks.settled();
      assert.equal(webhooks.sent[0]?.status, 200);
      const [received] = bodies;
      assert.ok(received);
      const headers = Object.fromEntries(Object.entries(received.headers).map(([k, v]) => [k, String(v)]));
      assert.equal((await client.webhooks.unwrap(received.body, headers, webhooks.secret)).type, 'response.completed');
    } finally {
      server.close();
    }
  });
});
