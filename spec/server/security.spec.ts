// The served mock is safe to leave running on a developer's machine: a web page cannot reach it through a name of
// its own (DNS rebinding), nor send it cross-site requests that wipe or plant state; the control API takes JSON
// only, and a token when one is set; a browser app on a loopback origin (or a listed one) gets CORS on /v1 and never
// the control API; stalled clients are cut off without cutting a route's own latency. Driven from outside: raw
// sockets, the SDK, MockServerClient, and the CLI in a process of its own.
import assert from 'node:assert/strict';
import { type ChildProcess, spawn } from 'node:child_process';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import OpenAI from 'openai';
import { OpenAIMock } from '../../lib/index.js';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { ControlRequestError, type MockServer, MockServerClient, checkRequestOrigin, refuseUpgrade, startServer } from '../../lib/server/index.js';
import { head, rawRequest } from './support/raw-http.js';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');

describe('the served mock, safe to leave running', () => {
  let openaiMock: OpenAIMock;
  let server: MockServer;
  let client: OpenAI;

  beforeEach(async () => {
    openaiMock = new OpenAIMock();
    server = await startServer(openaiMock);
    client = new OpenAI({ apiKey: 'sk-fake', baseURL: server.baseURL, maxRetries: 0 });
  });

  afterEach(() => server.close());

  describe('DNS rebinding: the Host must name this server', () => {
    it('refuses another host name on every path, in the API error shape, without reading or changing anything', async () => {
      const file = await client.files.create({ file: new File(['secret bytes'], 'notes.txt'), purpose: 'user_data' });
      for (const target of ['/__openai-responses/state', `/v1/files/${file.id}/content`, '/v1/models']) {
        const answer = await rawRequest(server.port, head(`GET ${target}`, { host: `rebound.evil.example:${server.port}` }));
        assert.equal(answer.status, 403, target);
        assert.equal(answer.error?.code, 'host_not_allowed');
        assert.match(answer.error?.message ?? '', /Host 'rebound\.evil\.example:\d+' is not this server's.*allowedHosts/);
        assert.doesNotMatch(answer.body, /secret bytes/);
      }
      const put = await rawRequest(
        server.port,
        head('PUT /__openai-responses/routes/models.list', { host: `rebound.evil.example:${server.port}`, 'content-type': 'application/json', 'content-length': 2 }) + '{}',
      );
      assert.equal(put.status, 403);
      assert.equal((await client.files.list()).data.length, 1);
    });

    it('answers localhost, 127.0.0.1 and [::1] with the port, and the hosts listed in allowedHosts', async () => {
      for (const host of [`localhost:${server.port}`, `127.0.0.1:${server.port}`, `[::1]:${server.port}`, 'LocalHost']) {
        const answer = await rawRequest(server.port, head('GET /v1/models', { host }));
        assert.equal(answer.status, 200, host);
      }
      const listed = await startServer(new OpenAIMock(), { allowedHosts: ['mock', '.example.test'] });
      try {
        for (const [host, status] of [
          [`mock:${listed.port}`, 200],
          [`api.example.test:${listed.port}`, 200],
          ['example.test', 200],
          [`mock.evil.example:${listed.port}`, 403],
          [`notexample.test:${listed.port}`, 403],
        ] as const) {
          assert.equal((await rawRequest(listed.port, head('GET /v1/models', { host }))).status, status, host);
        }
      } finally {
        await listed.close();
      }
    });

    it('checks the host of an absolute-form request target as its Host', async () => {
      const answer = await rawRequest(server.port, head(`GET http://rebound.evil.example:${server.port}/v1/models`, { host: `127.0.0.1:${server.port}` }));
      assert.equal(answer.status, 403);
      assert.equal(answer.error?.code, 'host_not_allowed');
    });
  });

  describe('cross-site requests', () => {
    it('refuses a text/plain reset from another site: the state is kept', async () => {
      const assistant = await client.beta.assistants.create({ model: 'gpt-4o' });
      for (const target of ['/__openai-responses/reset', '/__openai-responses/routes/beta.assistants.create/reset']) {
        const answer = await rawRequest(
          server.port,
          head(`POST ${target}`, { host: `127.0.0.1:${server.port}`, origin: 'https://evil.example', 'content-type': 'text/plain', 'content-length': 2 }) + 'hi',
        );
        assert.equal(answer.status, 403, target);
        assert.equal(answer.error?.code, 'cross_origin_request');
        assert.equal(answer.headers['access-control-allow-origin'], undefined);
      }
      assert.equal((await client.beta.assistants.retrieve(assistant.id)).id, assistant.id);
      assert.equal(openaiMock.beta.assistants.create.calls.length, 1, 'the route was not reset');
    });

    it('refuses a multipart upload to /v1 from another site: no file is planted', async () => {
      const form = new FormData();
      form.append('purpose', 'user_data');
      form.append('file', new File(['planted'], 'planted.txt'));
      const request = new Request('http://x/', { method: 'POST', body: form });
      const body = Buffer.from(await request.arrayBuffer());
      const answer = await rawRequest(
        server.port,
        Buffer.concat([
          Buffer.from(head('POST /v1/files', { host: `127.0.0.1:${server.port}`, origin: 'https://evil.example', 'content-type': request.headers.get('content-type') ?? '', 'content-length': body.length })),
          body,
        ]),
      );
      assert.equal(answer.status, 403);
      assert.equal((await client.files.list()).data.length, 0);
    });

    it('refuses a request a browser marks Sec-Fetch-Site: cross-site, and a page whose origin is null', async () => {
      const file = await client.files.create({ file: new File(['bytes'], 'a.txt'), purpose: 'user_data' });
      const crossSite = await rawRequest(server.port, head(`GET /v1/files/${file.id}/content`, { host: `localhost:${server.port}`, 'sec-fetch-site': 'cross-site' }));
      assert.equal(crossSite.status, 403);
      const sandboxed = await rawRequest(server.port, head('GET /v1/models', { host: `localhost:${server.port}`, origin: 'null' }));
      assert.equal(sandboxed.status, 403);
    });

    it('takes only JSON for the control API calls that change state, even from a process with no Origin', async () => {
      const assistant = await client.beta.assistants.create({ model: 'gpt-4o' });
      const answer = await rawRequest(server.port, head('POST /__openai-responses/reset', { host: `127.0.0.1:${server.port}`, 'content-type': 'text/plain', 'content-length': 0 }));
      assert.equal(answer.status, 415);
      assert.match(answer.error?.message ?? '', /content-type: application\/json/);
      assert.equal((await client.beta.assistants.retrieve(assistant.id)).id, assistant.id);
      const json = await rawRequest(server.port, head('POST /__openai-responses/reset', { host: `127.0.0.1:${server.port}`, 'content-type': 'application/json; charset=utf-8', 'content-length': 0 }));
      assert.equal(json.status, 200);
      await assert.rejects(client.beta.assistants.retrieve(assistant.id), OpenAI.NotFoundError);
    });
  });

  describe('a browser app on another origin (CORS)', () => {
    const browserClient = (origin: string, baseURL: string): OpenAI =>
      new OpenAI({ apiKey: 'sk-fake', baseURL, maxRetries: 0, dangerouslyAllowBrowser: true, defaultHeaders: { origin } });

    it('grants /v1 to a loopback page: its origin echoed (never *), its preflight answered', async () => {
      for (const origin of ['http://localhost:5173', 'http://127.0.0.1:3000', 'http://[::1]:8080']) {
        const preflight = await rawRequest(
          server.port,
          head('OPTIONS /v1/chat/completions', {
            host: `127.0.0.1:${server.port}`,
            origin,
            'access-control-request-method': 'POST',
            'access-control-request-headers': 'authorization,content-type,x-stainless-os',
          }),
        );
        assert.equal(preflight.status, 204);
        assert.equal(preflight.headers['access-control-allow-origin'], origin);
        assert.match(preflight.headers['access-control-allow-methods'] ?? '', /POST/);
        assert.equal(preflight.headers['access-control-allow-headers'], 'authorization,content-type,x-stainless-os');
        const { data, response } = await browserClient(origin, server.baseURL).chat.completions.create({ model: 'gpt-4o', messages: [{ role: 'user', content: 'Hi' }] }).withResponse();
        assert.equal(data.object, 'chat.completion');
        assert.equal(response.headers.get('access-control-allow-origin'), origin);
        assert.match(response.headers.get('vary') ?? '', /Origin/);
      }
    });

    it('refuses a page of any other origin on /v1, and grants one listed in allowedOrigins', async () => {
      await assert.rejects(
        browserClient('https://evil.example', server.baseURL).models.list(),
        (error: unknown) => error instanceof OpenAI.PermissionDeniedError && /https:\/\/evil\.example.*allowedOrigins/.test(error.message),
      );
      const listed = await startServer(new OpenAIMock(), { allowedOrigins: ['https://app.example.test'] });
      try {
        const { response } = await browserClient('https://app.example.test', listed.baseURL).models.list().withResponse();
        assert.equal(response.headers.get('access-control-allow-origin'), 'https://app.example.test');
        await assert.rejects(browserClient('https://other.example.test', listed.baseURL).models.list(), OpenAI.PermissionDeniedError);
      } finally {
        await listed.close();
      }
    });

    it('never grants the control API to a page, whatever its origin', async () => {
      const preflight = await rawRequest(
        server.port,
        head('OPTIONS /__openai-responses/reset', { host: `127.0.0.1:${server.port}`, origin: 'http://localhost:5173', 'access-control-request-method': 'POST' }),
      );
      assert.equal(preflight.status, 403);
      assert.equal(preflight.headers['access-control-allow-origin'], undefined);
      const read = await rawRequest(server.port, head('GET /__openai-responses/state', { host: `127.0.0.1:${server.port}`, origin: 'http://localhost:5173' }));
      assert.equal(read.status, 403);
      assert.equal(read.headers['access-control-allow-origin'], undefined);
      const own = await rawRequest(server.port, head('GET /__openai-responses/health', { host: `127.0.0.1:${server.port}`, origin: server.url, 'sec-fetch-site': 'same-origin' }));
      assert.equal(own.status, 200, "the server's own page may call it");
    });
  });

  describe('the same checks for what is served beside the mock', () => {
    it('refuses a WebSocket upgrade from another site or host with checkRequestOrigin and refuseUpgrade', async () => {
      const upgrades = createServer();
      upgrades.on('upgrade', (request, socket) => {
        const { port } = upgrades.address() as AddressInfo;
        const refusal = checkRequestOrigin(request.headers, { host: '127.0.0.1', port });
        if (refusal) void refuseUpgrade(socket, refusal);
        else socket.end('HTTP/1.1 501 Not Implemented\r\nconnection: close\r\n\r\n');
      });
      await new Promise<void>((resolve) => upgrades.listen(0, '127.0.0.1', resolve));
      const { port } = upgrades.address() as AddressInfo;
      try {
        const upgrade = { connection: 'Upgrade', upgrade: 'websocket', 'sec-websocket-version': 13, 'sec-websocket-key': 'dGhlIHNhbXBsZSBub25jZQ==' };
        const crossSite = await rawRequest(port, head('GET /v1/realtime', { ...upgrade, host: `127.0.0.1:${port}`, origin: 'https://evil.example' }));
        assert.equal(crossSite.status, 403);
        assert.equal(crossSite.error?.code, 'cross_origin_request');
        assert.equal(crossSite.closed, true);
        const rebound = await rawRequest(port, head('GET /v1/realtime', { ...upgrade, host: `evil.example:${port}` }));
        assert.equal(rebound.error?.code, 'host_not_allowed');
        const local = await rawRequest(port, head('GET /v1/realtime', { ...upgrade, host: `localhost:${port}`, origin: 'http://localhost:5173' }));
        assert.equal(local.status, 501, 'a loopback page passes the checks');
      } finally {
        upgrades.close();
      }
    });
  });

  describe('the control API token', () => {
    it('requires the token as a bearer, and MockServerClient sends it', async () => {
      const guarded = await startServer(new OpenAIMock(), { token: 'let-me-in' });
      try {
        await assert.rejects(
          new MockServerClient(guarded.url, { token: '' }).route('models.list').set({ latency: 1 }),
          (error: unknown) => error instanceof ControlRequestError && error.status === 401 && error.code === 'invalid_control_token',
        );
        await assert.rejects(new MockServerClient(guarded.url, { token: 'wrong' }).reset(), (error: unknown) => error instanceof ControlRequestError && error.status === 401);
        const control = new MockServerClient(guarded.url, { token: 'let-me-in' });
        await control.route('models.list').set({ raw: { status: 200, body: { object: 'list', data: [] } } });
        const guardedClient = new OpenAI({ apiKey: 'sk-fake', baseURL: guarded.baseURL, maxRetries: 0 });
        assert.deepEqual((await guardedClient.models.list()).data, [], '/v1 takes no token, only the OpenAI key');
      } finally {
        await guarded.close();
      }
    });
  });

  describe('timeouts', () => {
    let quick: MockServer;

    beforeEach(async () => {
      quick = await startServer(new OpenAIMock(), { headersTimeoutMs: 200, bodyTimeoutMs: 200 });
    });

    afterEach(() => quick.close());

    it('cuts off a client that stalls its headers, with a 408 in the API shape', async () => {
      const silent = await rawRequest(quick.port, '', { waitMs: 10_000 });
      assert.equal(silent.closed, true);
      assert.equal(silent.status, 408);
      const partial = await rawRequest(quick.port, `GET /v1/models HTTP/1.1\r\nhost: 127.0.0.1:${quick.port}\r\n`, { waitMs: 10_000 });
      assert.equal(partial.status, 408);
      assert.equal(partial.error?.code, 'request_timeout');
      assert.equal(partial.closed, true);
    });

    it('cuts off a client that stalls its body', async () => {
      const stalled = await rawRequest(
        quick.port,
        `POST /v1/chat/completions HTTP/1.1\r\nhost: 127.0.0.1:${quick.port}\r\ncontent-type: application/json\r\ncontent-length: 500\r\n\r\n{"model":`,
        { waitMs: 10_000 },
      );
      assert.equal(stalled.status, 408);
      assert.match(stalled.error?.message ?? '', /body stalled/);
      assert.equal(stalled.closed, true);
      assert.equal(quick.openaiMock.chat.completions.create.calls.length, 0);
    });

    it("never cuts a route's own latency", async () => {
      quick.openaiMock.chat.completions.create.latency = 600;
      quick.openaiMock.chat.completions.create.response = { choices: [{ message: { content: 'worth the wait' } }] };
      const slowClient = new OpenAI({ apiKey: 'sk-fake', baseURL: quick.baseURL, maxRetries: 0 });
      const completion = await slowClient.chat.completions.create({ model: 'gpt-4o', messages: [{ role: 'user', content: 'Hi' }] });
      assert.equal(completion.choices[0]?.message.content, 'worth the wait');
    });
  });
});

describe('the CLI, safe to leave running', () => {
  let child: ChildProcess | undefined;

  afterEach(() => {
    child?.kill('SIGKILL');
    child = undefined;
  });

  /** Starts `serve` and waits for its URL; what it wrote to stderr until then. */
  function serve(args: string[], env: NodeJS.ProcessEnv = {}): Promise<{ url: string; stderr: () => string }> {
    const started = spawn(process.execPath, ['--import', 'tsx', path.join(root, 'lib/server/cli.ts'), 'serve', ...args], {
      cwd: root,
      env: { ...process.env, ...env },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    child = started;
    let errors = '';
    started.stderr.on('data', (chunk: Buffer) => (errors += chunk.toString()));
    return new Promise((resolve, reject) => {
      let output = '';
      started.stdout.on('data', (chunk: Buffer) => {
        output += chunk.toString();
        const url = /listening on (http:\/\/\S+)/.exec(output)?.[1];
        if (url) resolve({ url, stderr: () => errors });
      });
      started.once('exit', (code) => reject(new Error(`serve exited with ${code}: ${output}${errors}`)));
    });
  }

  it('takes its token from OPENAI_RESPONSES_TOKEN, and MockServerClient from the same variable', async function () {
    this.timeout(60_000);
    const { url } = await serve([], { OPENAI_RESPONSES_TOKEN: 'from-the-environment' });
    await assert.rejects(new MockServerClient(url, { token: 'guess' }).state(), (error: unknown) => error instanceof ControlRequestError && error.status === 401);
    process.env['OPENAI_RESPONSES_TOKEN'] = 'from-the-environment';
    try {
      assert.equal((await new MockServerClient(url).state()).version, 1);
    } finally {
      delete process.env['OPENAI_RESPONSES_TOKEN'];
    }
  });

  it('warns that --host 0.0.0.0 is reachable from the network, and prints a URL a client can use', async function () {
    this.timeout(60_000);
    const { url, stderr } = await serve(['--host', '0.0.0.0', '--token', 't0k3n', '--allowed-host', 'mock.internal']);
    assert.match(url, /^http:\/\/127\.0\.0\.1:\d+$/);
    const port = Number(new URL(url).port);
    const client = new OpenAI({ apiKey: 'sk-fake', baseURL: `${url}/v1`, maxRetries: 0 });
    assert.ok((await client.models.list()).data.length > 0);
    for (let turn = 0; turn < 50 && !/warning/.test(stderr()); turn += 1) await new Promise((resolve) => setTimeout(resolve, 20));
    assert.match(stderr(), /warning: listening on every interface \(0\.0\.0\.0\): the mock is reachable from the network/);
    assert.equal((await rawRequest(port, head('GET /v1/models', { host: `mock.internal:${port}` }))).status, 200);
    assert.equal((await rawRequest(port, head('GET /v1/models', { host: `evil.example:${port}` }))).status, 403);
  });
});
