import assert from 'node:assert/strict';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { inspect } from 'node:util';
import OpenAI, { AzureOpenAI } from 'openai';
import { OpenAIMock, StateStore, createMockFetch, redactSecret } from '../../../lib/index.js';
import { mockedClient } from '../../support/client.js';

const request = { model: 'gpt-4o', messages: [{ role: 'user' as const, content: 'Hello!' }] };

describe('routing', () => {
  it('answers under a custom base URL', async () => {
    const openaiMock = new OpenAIMock({ baseURL: 'http://localhost:4000/proxy/openai/v1/' });
    const client = new OpenAI({ apiKey: 'sk-fake', baseURL: 'http://localhost:4000/proxy/openai/v1', fetch: createMockFetch(openaiMock) });
    const completion = await client.chat.completions.create(request);
    assert.match(completion.id, /^chatcmpl-/);
    assert.equal(openaiMock.chat.completions.create.calls[0]?.request.url, 'http://localhost:4000/proxy/openai/v1/chat/completions');
  });

  it('answers Azure deployment URLs with the same routes', async () => {
    const openaiMock = new OpenAIMock();
    openaiMock.chat.completions.create.response = { choices: [{ message: { content: 'from Azure' } }] };
    const client = new AzureOpenAI({
      apiKey: 'azure-key',
      endpoint: 'https://my-resource.openai.azure.com',
      apiVersion: '2024-10-21',
      fetch: createMockFetch(openaiMock),
    });
    const completion = await client.chat.completions.create({ ...request, model: 'my-gpt-4o-deployment' });
    assert.equal(completion.choices[0]?.message.content, 'from Azure');
    const url = new URL(openaiMock.chat.completions.create.calls[0]?.request.url ?? '');
    assert.equal(url.pathname, '/openai/deployments/my-gpt-4o-deployment/chat/completions');
    assert.equal(url.searchParams.get('api-version'), '2024-10-21');
    const embedding = await client.embeddings.create({ model: 'my-embedding-deployment', input: 'hi', encoding_format: 'float' });
    assert.equal(embedding.data.length, 1);
  });

  it('tells literal segments from parameters: POST /threads/runs is not POST /threads/{id}', async () => {
    const { client, openaiMock } = mockedClient();
    openaiMock.beta.threads.createAndRun.response = { id: 'run_literal' };
    openaiMock.beta.threads.update.response = ({ params }) => ({ id: params.thread_id });
    const run = await client.beta.threads.createAndRun({ assistant_id: 'asst_1' });
    assert.equal(run.id, 'run_literal');
    assert.equal(openaiMock.beta.threads.createAndRun.calls.length, 1);
    assert.equal(openaiMock.beta.threads.update.calls.length, 0);
  });

  it('routes other APIs through the router, in the same test (a fetch-mock instance)', async () => {
    const openaiMock = new OpenAIMock();
    openaiMock.router.route('https://api.weather.example/v1/current?city=Paris', { temperature: 21 });
    const fetch = createMockFetch(openaiMock);
    const weather = (await (await fetch('https://api.weather.example/v1/current?city=Paris')).json()) as { temperature: number };
    assert.equal(weather.temperature, 21);
    assert.equal(openaiMock.router.callHistory.calls('https://api.weather.example/v1/current?city=Paris').length, 1);
  });

  it("answers through fetch-mock's own entry points too (router.mockGlobal())", async () => {
    const openaiMock = new OpenAIMock();
    openaiMock.models.list.response = { data: [{ id: 'only-model' }] };
    openaiMock.router.mockGlobal();
    try {
      const client = new OpenAI({ apiKey: 'sk-fake' });
      const page = await client.models.list();
      assert.deepEqual(page.data.map((model) => model.id), ['only-model']);
    } finally {
      openaiMock.router.unmockGlobal();
    }
    assert.equal(openaiMock.models.list.calls.length, 1);
    // fetch-mock logs what came through its own entry point too, with the key redacted.
    const logged = openaiMock.router.callHistory.calls();
    assert.equal(logged.length, 1);
    assert.doesNotMatch(inspect(logged, { depth: 4 }), /sk-fake/);
  });

  it('keeps each OpenAI call once, on its route; fetch-mock keeps what it answered, keys redacted', async () => {
    const { client, openaiMock } = mockedClient();
    openaiMock.router.route('https://api.weather.example/v1/current', { temperature: 21 });
    await client.models.list();
    await createMockFetch(openaiMock)('https://api.weather.example/v1/current', { headers: { authorization: 'Bearer weather-key' } });
    assert.equal(openaiMock.models.list.calls.length, 1);
    const logged = openaiMock.router.callHistory.calls();
    assert.deepEqual(logged.map((call) => call.url), ['https://api.weather.example/v1/current']);
    assert.equal((logged[0]?.options.headers as Record<string, string> | undefined)?.['authorization'], redactSecret('Bearer weather-key'));
    assert.doesNotMatch(JSON.stringify(logged), /weather-key/);
  });

  it('answers a path with a malformed escape with a 400 in the API shape', async () => {
    const { openaiMock } = mockedClient();
    const response = await createMockFetch(openaiMock)('https://api.openai.com/v1/files/%', { headers: { authorization: 'Bearer sk-fake' } });
    assert.equal(response.status, 400);
    const body = (await response.json()) as { error: { message: string; type: string } };
    assert.equal(body.error.type, 'invalid_request_error');
    assert.match(body.error.message, /malformed percent-escape/);
  });

  it('answers a multipart content type on a body that is not multipart with a 400', async () => {
    const { openaiMock } = mockedClient();
    const fetch = createMockFetch(openaiMock);
    for (const body of ['{"purpose":"batch"}', new TextEncoder().encode('not a form')]) {
      const response = await fetch('https://api.openai.com/v1/files', {
        method: 'POST',
        headers: { 'content-type': 'multipart/form-data; boundary=x' },
        body,
      });
      assert.equal(response.status, 400);
      const error = (await response.json()) as { error: { type: string } };
      assert.equal(error.error.type, 'invalid_request_error');
    }
    assert.equal(openaiMock.state.files.size, 0);
  });

  it('routes a new id by the shape fetch-mock matched before, and only where that cannot pick another route', async () => {
    const openaiMock = new OpenAIMock({ onUnhandledRequest: () => new Response(null, { status: 404 }) });
    const send = async (method: string, path: string): Promise<number> =>
      (await openaiMock.fetch(`https://api.openai.com/v1${path}`, { method, headers: { 'content-type': 'application/json' }, body: method === 'GET' || method === 'DELETE' ? null : '{}' })).status;
    const paramsOf = (route: { calls: readonly { params: unknown }[] }): unknown[] => route.calls.map((call) => call.params);
    // thread ids, then the literal `runs` in a thread id's place, then new ids again.
    await send('POST', '/threads/thr_a');
    await send('POST', '/threads/runs');
    await send('POST', '/threads/thr_b');
    assert.deepEqual(paramsOf(openaiMock.beta.threads.update), [{ thread_id: 'thr_a' }, { thread_id: 'thr_b' }]);
    assert.equal(openaiMock.beta.threads.createAndRun.calls.length, 1);
    // A required query picks the beta route; without it the same shape is the GA route.
    await send('GET', '/responses/resp_a?beta=true');
    await send('GET', '/responses/resp_b');
    await send('GET', '/responses/resp_c?beta=true');
    assert.deepEqual(paramsOf(openaiMock.beta.responses.retrieve), [{ response_id: 'resp_a' }, { response_id: 'resp_c' }]);
    assert.deepEqual(paramsOf(openaiMock.responses.retrieve), [{ response_id: 'resp_b' }]);
    // Escaped ids are decoded; dot segments and doubled slashes are left to fetch-mock (which finds no route).
    await send('GET', '/files/file-a');
    await send('GET', '/files/a%20b');
    assert.deepEqual(paramsOf(openaiMock.files.retrieve), [{ file_id: 'file-a' }, { file_id: 'a b' }]);
    assert.deepEqual([await send('GET', '/files/..'), await send('GET', '/files//file-b')], [404, 404]);
    assert.equal(openaiMock.files.retrieve.calls.length, 2);
  });

  it('finds routes for ids never seen before, whatever their number of segments', async () => {
    const { client, openaiMock } = mockedClient();
    for (let i = 0; i < 3; i++) {
      const thread = await client.beta.threads.create();
      const message = await client.beta.threads.messages.create(thread.id, { role: 'user', content: `hi ${i}` });
      const found = await client.beta.threads.messages.retrieve(message.id, { thread_id: thread.id });
      assert.equal(found.id, message.id);
    }
    assert.equal(openaiMock.beta.threads.messages.retrieve.calls.length, 3);
    assert.deepEqual(Object.keys(openaiMock.beta.threads.messages.retrieve.calls[2]?.params ?? {}).sort(), ['message_id', 'thread_id']);
  });
});

describe('unhandled requests', () => {
  let server: Server;
  let origin: string;
  before(async () => {
    server = createServer((_request, response) => {
      response.writeHead(200, { 'content-type': 'application/json' });
      response.end(JSON.stringify({ from: 'network' }));
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });
  after(() => server.close());

  it('fail at once by default (no retries), naming method, URL and the nearest routes', async () => {
    const { client } = mockedClient({}, { maxRetries: 5 });
    const errors: unknown[] = [];
    const original = console.error;
    console.error = (...args: unknown[]) => errors.push(args.join(' '));
    try {
      await assert.rejects(client.post('/chat/completion', { body: request }), (error: unknown) => {
        assert.ok(error instanceof OpenAI.NotFoundError);
        assert.match(error.message, /POST https:\/\/api\.openai\.com\/v1\/chat\/completion\b/);
        assert.match(error.message, /POST \/chat\/completions \(openaiMock\.chat\.completions\.create\)/);
        return true;
      });
    } finally {
      console.error = original;
    }
    assert.equal(errors.length, 1, 'one request: the SDK did not retry');
  });

  it('go to the network with bypass', async () => {
    const openaiMock = new OpenAIMock({ onUnhandledRequest: 'bypass' });
    const response = await createMockFetch(openaiMock)(`${origin}/anything`);
    assert.deepEqual(await response.json(), { from: 'network' });
  });

  it('go to the network with a warning with warn', async () => {
    const openaiMock = new OpenAIMock({ onUnhandledRequest: 'warn' });
    const warnings: string[] = [];
    const original = console.warn;
    console.warn = (message: string) => warnings.push(message);
    try {
      const response = await createMockFetch(openaiMock)(`${origin}/anything`);
      assert.deepEqual(await response.json(), { from: 'network' });
    } finally {
      console.warn = original;
    }
    assert.match(warnings[0] ?? '', /GET http:\/\/127\.0\.0\.1:\d+\/anything/);
  });

  it('can be answered by a function', async () => {
    const openaiMock = new OpenAIMock({
      onUnhandledRequest: (unhandled) => Response.json({ handled: new URL(unhandled.url).pathname }),
    });
    const response = await createMockFetch(openaiMock)('https://elsewhere.example/path');
    assert.deepEqual(await response.json(), { handled: '/path' });
  });
});

describe('state', () => {
  it('is shared by mocks built on one StateStore, and cleared by reset()', async () => {
    const state = new StateStore();
    const first = new OpenAIMock({ state });
    const second = new OpenAIMock({ state });
    const client = (mock: OpenAIMock) => new OpenAI({ apiKey: 'sk-fake', fetch: createMockFetch(mock) });
    const stored = await client(first).chat.completions.create({ ...request, store: true });
    const found = await client(second).chat.completions.retrieve(stored.id);
    assert.equal(found.id, stored.id);
    second.reset();
    await assert.rejects(client(first).chat.completions.retrieve(stored.id), OpenAI.NotFoundError);
    assert.ok(state.models.size > 0, 'seeded models come back after a reset');
  });
});
