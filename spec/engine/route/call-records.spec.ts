import assert from 'node:assert/strict';
import { inspect } from 'node:util';
import OpenAI, { AzureOpenAI } from 'openai';
import { OpenAIMock, createMockFetch, redactSecret } from '../../../lib/index.js';
import { mockedClient } from '../../support/client.js';

const request = { model: 'gpt-4o', messages: [{ role: 'user' as const, content: 'Hello!' }] };

describe('call records', () => {
  it('never print, serialise or keep the API key, and still tell which key was sent', async () => {
    const { client, openaiMock } = mockedClient();
    await client.chat.completions.create(request);
    const call = openaiMock.chat.completions.create.calls[0];
    assert.ok(call);
    for (const shown of [inspect(call, { depth: null }), JSON.stringify(call), inspect(openaiMock.chat.completions.create.calls), inspect(call.request)]) {
      assert.doesNotMatch(shown, /sk-fake/);
    }
    assert.match(inspect(call), /\[redacted:[0-9a-f]{8}\]/);
    assert.equal(call.request.headers.get('authorization'), redactSecret('Bearer sk-fake'));
    assert.notEqual(call.request.headers.get('authorization'), redactSecret('Bearer sk-other'));
    assert.equal(JSON.parse(JSON.stringify(call)).body.model, 'gpt-4o');
  });

  it("redact Azure's api-key header too", async () => {
    const openaiMock = new OpenAIMock();
    const client = new AzureOpenAI({ apiKey: 'azure-secret-key', endpoint: 'https://my.openai.azure.com', apiVersion: '2024-10-21', fetch: createMockFetch(openaiMock) });
    await client.chat.completions.create({ ...request, model: 'deployment' });
    const call = openaiMock.chat.completions.create.calls[0];
    assert.doesNotMatch(inspect(call, { depth: null }) + JSON.stringify(call), /azure-secret-key/);
    assert.equal(call?.request.headers.get('api-key'), redactSecret('azure-secret-key'));
  });

  it('give the request, the parsed body, the params and the unread answer', async () => {
    const { client, openaiMock } = mockedClient();
    const created = await client.chat.completions.create({ ...request, store: true });
    await client.chat.completions.retrieve(created.id);
    const [call] = openaiMock.chat.completions.retrieve.calls;
    assert.equal(call?.params.completion_id, created.id);
    assert.equal(call?.body, undefined);
    assert.equal(call?.request.method, 'GET');
    assert.equal(((await call?.response.json()) as OpenAI.ChatCompletion).id, created.id);
    const [create] = openaiMock.chat.completions.create.calls;
    assert.deepEqual(await create?.request.json(), { ...request, store: true });
    assert.equal(create?.body.store, true);
  });

  it("keep each call's own headers, redacted, when two clients share a mock", async () => {
    const openaiMock = new OpenAIMock();
    const fetch = createMockFetch(openaiMock);
    const clients = ['sk-first', 'sk-second'].map((apiKey) => new OpenAI({ apiKey, fetch, defaultHeaders: { 'x-client': apiKey.slice(3) } }));
    for (let i = 0; i < 6; i++) await clients[i % 2]?.chat.completions.create(request);
    const calls = openaiMock.chat.completions.create.calls;
    assert.equal(calls.length, 6);
    for (const at of [0, 1, 2, 3, 4, 5]) {
      const call = calls[at];
      const key = at % 2 === 0 ? 'sk-first' : 'sk-second';
      assert.equal(call?.request.headers.get('authorization'), redactSecret(`Bearer ${key}`));
      assert.equal(call?.request.headers.get('x-client'), key.slice(3));
      assert.equal(JSON.parse(JSON.stringify(call)).headers['x-client'], key.slice(3));
      assert.doesNotMatch(inspect(call), /sk-(first|second)/);
      assert.equal(call?.body.model, 'gpt-4o');
    }
    assert.equal(openaiMock.calls[5]?.request.headers.get('x-client'), 'second');
  });

  it('keep the newest calls only, with keepCalls', async () => {
    const { client, openaiMock } = mockedClient({ keepCalls: 2 });
    for (const content of ['one', 'two', 'three']) await client.chat.completions.create({ ...request, messages: [{ role: 'user', content }] });
    const kept = openaiMock.chat.completions.create.calls.map((call) => call.body.messages[0]?.content);
    assert.deepEqual(kept, ['two', 'three']);
  });

  it('keep no calls with keepCalls: 0, and still answer', async () => {
    const { client, openaiMock } = mockedClient({ keepCalls: 0 });
    const completion = await client.chat.completions.create(request);
    assert.match(completion.id, /^chatcmpl-/);
    assert.equal(openaiMock.chat.completions.create.calls.length, 0);
  });
});
