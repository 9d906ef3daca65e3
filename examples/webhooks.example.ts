// Testing a webhook endpoint: the mock sends the signed events the API would (here response.completed when a
// background response finishes) to the app's handler, which verifies them with client.webhooks.unwrap.
import assert from 'node:assert/strict';
import OpenAI from 'openai';
import { createMockFetch, deliverWebhooks, OpenAIMock } from '../lib/index.js';

/** The app's webhook endpoint: verifies the event, then fetches the finished response and keeps its text. */
function webhookEndpoint(client: OpenAI, secret: () => string, inbox: string[]) {
  return async (request: Request): Promise<Response> => {
    try {
      const event = await client.webhooks.unwrap(await request.text(), request.headers, secret());
      if (event.type === 'response.completed') inbox.push((await client.responses.retrieve(event.data.id)).output_text);
      return new Response(null, { status: 200 });
    } catch {
      return new Response('invalid signature', { status: 400 });
    }
  };
}

describe('webhooks: an app that finishes background work when OpenAI calls back', () => {
  it('receives response.completed, verifies it, and reads the response', async () => {
    const openaiMock = new OpenAIMock();
    openaiMock.responses.create.response = { output_text: 'Your report is ready.' };
    const client = new OpenAI({ apiKey: 'sk-fake', fetch: createMockFetch(openaiMock) });
    const inbox: string[] = [];
    const webhooks = deliverWebhooks(openaiMock, { to: webhookEndpoint(client, () => webhooks.secret, inbox) });

    const created = await client.responses.create({ model: 'gpt-4.1', input: 'Write the report', background: true });
    let response = created;
    while (response.status === 'queued' || response.status === 'in_progress') response = await client.responses.retrieve(created.id);
    await webhooks.settled();

    assert.deepEqual(webhooks.sent.map((delivery) => [delivery.event.type, delivery.status]), [['response.completed', 200]]);
    assert.deepEqual(inbox, ['Your report is ready.']);
  });
});
