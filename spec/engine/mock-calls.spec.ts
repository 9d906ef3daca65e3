import assert from 'node:assert/strict';
import { inspect } from 'node:util';
import OpenAI, { toFile } from 'openai';
import type { MockCall } from '../../lib/index.js';
import { mockedClient } from '../support/client.js';

/** A file uploaded, added to a vector store, then searched by a response: three routes, in that order. */
async function retrievalFlow(client: OpenAI): Promise<void> {
  const file = await client.files.create({ file: await toFile(Buffer.from('Refunds within 30 days.'), 'policy.md'), purpose: 'assistants' });
  const store = await client.vectorStores.create({ name: 'policies' });
  await client.vectorStores.files.create(store.id, { file_id: file.id });
  await client.responses.create({ model: 'gpt-4o', input: 'Refunds?', tools: [{ type: 'file_search', vector_store_ids: [store.id] }] });
}

describe('openaiMock.calls', () => {
  it('lists every call the mock answered, in order, across routes, with its route name', async () => {
    const { openaiMock, client } = mockedClient();
    await retrievalFlow(client);
    assert.deepEqual(openaiMock.calls.map((call) => call.route), ['files.create', 'vectorStores.create', 'vectorStores.files.create', 'responses.create']);
    const [upload, , added, answered] = openaiMock.calls;
    // The same records the routes keep, with request, body, params and response.
    assert.equal(upload, openaiMock.files.create.calls[0]);
    assert.equal(added?.params, openaiMock.vectorStores.files.create.calls[0]?.params);
    assert.equal(answered?.request.method, 'POST');
    assert.equal(((await answered?.response.json()) as OpenAI.Responses.Response).object, 'response');
  });

  it("narrows a call's body and params by its route name", async () => {
    const { openaiMock, client } = mockedClient();
    await retrievalFlow(client);
    const models: string[] = [];
    const stores: string[] = [];
    for (const call of openaiMock.calls) {
      if (call.route === 'responses.create') models.push(call.body.model ?? '');
      if (call.route === 'vectorStores.files.create') stores.push(call.params.vector_store_id);
    }
    assert.deepEqual(models, ['gpt-4o']);
    assert.equal(stores.length, 1);
    const narrowed = (call: MockCall): string | undefined => (call.route === 'files.create' ? String(call.body.get('purpose')) : undefined);
    assert.deepEqual(openaiMock.calls.map(narrowed).filter(Boolean), ['assistants']);
  });

  it("counts failures, refusals and the SDK's retries as calls, and prints the route without the key", async () => {
    const { openaiMock, client } = mockedClient();
    openaiMock.chat.completions.create.failures = 1;
    await client.chat.completions.create({ model: 'gpt-4o', messages: [{ role: 'user', content: 'Hi' }] });
    await assert.rejects(client.files.retrieve('file-missing'), OpenAI.NotFoundError);
    assert.deepEqual(openaiMock.calls.map((call) => [call.route, call.response.status]), [['chat.completions.create', 500], ['chat.completions.create', 200], ['files.retrieve', 404]]);
    const printed = inspect(openaiMock.calls, { depth: null }) + JSON.stringify(openaiMock.calls);
    assert.match(printed, /route: 'files.retrieve'/);
    assert.doesNotMatch(printed, /sk-fake/);
  });

  it('keeps the newest keepCalls calls, and reset() empties it', async () => {
    const { openaiMock, client } = mockedClient({ keepCalls: 2 });
    await retrievalFlow(client);
    assert.deepEqual(openaiMock.calls.map((call) => call.route), ['vectorStores.files.create', 'responses.create']);
    await client.models.list();
    assert.deepEqual(openaiMock.calls.map((call) => call.route), ['responses.create', 'models.list']);
    openaiMock.reset();
    assert.equal(openaiMock.calls.length, 0);
    await client.models.list();
    assert.deepEqual(openaiMock.calls.map((call) => call.route), ['models.list']);
  });

  it('keeps none with keepCalls: 0', async () => {
    const { openaiMock, client } = mockedClient({ keepCalls: 0 });
    await retrievalFlow(client);
    assert.equal(openaiMock.calls.length, 0);
  });
});
