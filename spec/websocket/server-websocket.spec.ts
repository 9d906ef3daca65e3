// WebSockets on the server's HTTP port: `ws://HOST:PORT/v1/responses` (and `/v1/realtime`) reach the same
// endpoints as in process, under the server's Host and Origin checks; and no socket keeps a process alive.
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import OpenAI from 'openai';
import type { ResponsesServerEvent } from 'openai/resources/responses/responses';
import { ResponsesWS } from 'openai/resources/responses/ws';
import { WebSocket } from 'ws';
import { OpenAIMock, redactSecret, reply, socketConnections } from '../../lib/index.js';
import { type MockServer, startServer } from '../../lib/server/index.js';
import { rawRequest } from '../server/support/raw-http.js';

const here = path.dirname(fileURLToPath(import.meta.url));
const root = path.resolve(here, '../..');

/** The HTTP status an upgrade is refused with (0 when it is accepted). */
function upgradeStatus(url: string, headers: Record<string, string> = {}): Promise<number> {
  return new Promise((resolve) => {
    const socket = new WebSocket(url, { headers });
    socket.on('unexpected-response', (request, response) => {
      resolve(response.statusCode ?? -1);
      request.destroy();
    });
    socket.on('open', () => {
      resolve(0);
      socket.close();
    });
    socket.on('error', () => undefined);
  });
}

describe('WebSockets on the server (startServer)', () => {
  let openaiMock: OpenAIMock;
  let server: MockServer;

  beforeEach(async () => {
    openaiMock = new OpenAIMock();
    server = await startServer(openaiMock);
  });
  afterEach(() => server.close());

  it('serves ResponsesWS on ws://HOST:PORT/v1/responses: a tool call and its output, on the mock state', async () => {
    openaiMock.responses.create.responses = [reply.toolCall('get_weather', { city: 'Oslo' }, { id: 'call_oslo' }), reply.text('Cold.')];
    const client = new OpenAI({ apiKey: 'sk-served', baseURL: server.baseURL });
    const ws = new ResponsesWS(client);
    const completed: Extract<ResponsesServerEvent, { type: 'response.completed' }>[] = [];
    let onCompleted: () => void = () => undefined;
    ws.on('response.completed', (event) => {
      completed.push(event);
      onCompleted();
    });
    const nextCompleted = (): Promise<void> => new Promise((resolve) => (onCompleted = resolve));
    try {
      let done = nextCompleted();
      ws.send({ type: 'response.create', model: 'gpt-5', input: 'Weather in Oslo?', stream: true } as never);
      await done;
      const first = completed[0]?.response;
      assert.equal(first?.output[0]?.type, 'function_call');
      done = nextCompleted();
      ws.send({ type: 'response.create', model: 'gpt-5', previous_response_id: first?.id ?? null, input: [{ type: 'function_call_output', call_id: 'call_oslo', output: '-3°C' }] });
      await done;
      const second = completed[1]?.response;
      assert.equal(second?.output[0]?.type === 'message' && second.output[0].content[0]?.type === 'output_text' && second.output[0].content[0].text, 'Cold.');
    } finally {
      ws.close();
    }
    assert.equal(openaiMock.responses.create.calls.length, 2);
    const [record] = socketConnections(openaiMock);
    assert.equal(record?.url, `ws://127.0.0.1:${server.port}/v1/responses`);
    assert.equal(record?.headers.get('authorization'), redactSecret('Bearer sk-served'));
  });

  it('lets programs and loopback pages connect, and refuses another site, a foreign Host and an unknown path', async () => {
    const url = `ws://127.0.0.1:${server.port}/v1/responses`;
    assert.equal(await upgradeStatus(url), 0);
    assert.equal(await upgradeStatus(url, { Origin: `http://localhost:${server.port}` }), 0);
    assert.equal(await upgradeStatus(url, { Origin: 'https://evil.example' }), 403);
    assert.equal(await upgradeStatus(url, { Host: 'evil.example' }), 403);
    assert.equal(await upgradeStatus(`ws://127.0.0.1:${server.port}/v1/files`), 404);
    assert.equal(await upgradeStatus(`ws://127.0.0.1:${server.port}/elsewhere`), 404);
    // Only the accepted sockets are recorded.
    assert.equal(socketConnections(openaiMock).length, 2);
  });

  it('refuses an upgrade with no Host header (HTTP/1.1 requires one) before any socket is made', async () => {
    const upgrade = `GET /v1/responses HTTP/1.1\r\nconnection: Upgrade\r\nupgrade: websocket\r\nsec-websocket-version: 13\r\nsec-websocket-key: dGhlIHNhbXBsZSBub25jZQ==\r\n\r\n`;
    const refused = await rawRequest(server.port, upgrade);
    assert.equal(refused.status, 400);
    assert.equal(refused.error?.code, 'host_required');
    assert.equal(refused.closed, true);
    // A plain request without a Host is refused as well, HTTP/1.0 included (which does not require one).
    const plain = await rawRequest(server.port, 'GET /v1/models HTTP/1.0\r\n\r\n');
    assert.equal(plain.status, 400);
    assert.equal(plain.error?.code, 'host_required');
    assert.equal(socketConnections(openaiMock).length, 0);
  });

  it('ends open sockets when it closes', async () => {
    const socket = new WebSocket(`ws://127.0.0.1:${server.port}/v1/responses`);
    await new Promise((resolve) => socket.once('open', resolve));
    const closed = new Promise<number>((resolve) => socket.once('close', resolve));
    await server.close();
    assert.equal(await closed, 1006);
  });
});

describe("WebSocket upgrades follow the server's gate, as every HTTP request does", () => {
  const served: MockServer[] = [];
  afterEach(async () => {
    await Promise.all(served.splice(0).map((server) => server.close()));
  });
  const serve = async (options: Parameters<typeof startServer>[1]): Promise<MockServer> => {
    const server = await startServer(new OpenAIMock(), options);
    served.push(server);
    return server;
  };

  it('grants an origin listed in allowedOrigins, and refuses one that is not', async () => {
    const server = await serve({ allowedOrigins: ['https://app.example.test'] });
    const url = `ws://127.0.0.1:${server.port}/v1/realtime?model=gpt-realtime`;
    assert.equal(await upgradeStatus(url, { Origin: 'https://app.example.test' }), 0);
    assert.equal(await upgradeStatus(url, { Origin: 'https://other.example.test' }), 403);
    assert.equal(await upgradeStatus(url, { Origin: 'http://127.0.0.1:5173' }), 0, 'a loopback page');
    assert.equal(await upgradeStatus(url, { Origin: 'http://[::1]:8080' }), 0, 'a loopback page (IPv6)');
    assert.equal(await upgradeStatus(url, { Origin: 'null' }), 403, 'a sandboxed page');
    assert.equal(await upgradeStatus(url, { 'Sec-Fetch-Site': 'cross-site' }), 403, 'a cross-site request that sends no Origin');
    assert.equal(socketConnections(server.openaiMock).length, 3);
  });

  it('honours allowedHosts, and refuses a rebound name even on 0.0.0.0', async () => {
    const listed = await serve({ allowedHosts: ['mock.internal'] });
    const url = `ws://127.0.0.1:${listed.port}/v1/responses`;
    assert.equal(await upgradeStatus(url, { Host: `mock.internal:${listed.port}` }), 0);
    assert.equal(await upgradeStatus(url, { Host: `rebound.example:${listed.port}` }), 403);

    const everywhere = await serve({ host: '0.0.0.0' });
    const wide = `ws://127.0.0.1:${everywhere.port}/v1/responses`;
    assert.equal(await upgradeStatus(wide), 0, 'the loopback address');
    assert.equal(await upgradeStatus(wide, { Host: `localhost:${everywhere.port}` }), 0);
    const refused = await rawRequest(
      everywhere.port,
      `GET /v1/responses HTTP/1.1\r\nhost: rebound.example:${everywhere.port}\r\nconnection: Upgrade\r\nupgrade: websocket\r\nsec-websocket-version: 13\r\nsec-websocket-key: dGhlIHNhbXBsZSBub25jZQ==\r\n\r\n`,
    );
    assert.equal(refused.status, 403);
    assert.equal(refused.error?.code, 'host_not_allowed');
    assert.equal(socketConnections(everywhere.openaiMock).length, 2);
  });

  it("refuses a session's socket under the same checks, and a bad session id in the API's shape", async () => {
    const server = await serve({ sessions: true });
    const url = `ws://127.0.0.1:${server.port}/sessions/worker-1/v1/responses`;
    assert.equal(await upgradeStatus(url, { Origin: 'https://evil.example' }), 403);
    assert.equal(await upgradeStatus(url, { Host: `evil.example:${server.port}` }), 403);
    assert.equal(await upgradeStatus(`ws://127.0.0.1:${server.port}/sessions/-bad-/v1/responses`), 400);
    assert.equal(await upgradeStatus(url, { Origin: `http://localhost:${server.port}` }), 0);
    assert.equal(socketConnections(server.session('worker-1')).length, 1);
    assert.equal(socketConnections(server.openaiMock).length, 0);
  });
});

describe('nothing lingers after a socket closes', () => {
  for (const who of ['client', 'server']) {
    it(`a process whose ${who} closes its in-memory socket exits on its own`, async () => {
      // The process is killed after 20 s: without the fix, `ws` waits out its 30 s close timer first.
      const output = await new Promise<string>((resolve, reject) => {
        execFile(process.execPath, ['--import', 'tsx', path.join(here, 'fixtures/socket-turn.ts'), who], { cwd: root, timeout: 20_000 }, (error, stdout, stderr) => {
          if (error) reject(new Error(`the process did not exit by itself: ${error.message}\n${stdout}${stderr}`));
          else resolve(stdout);
        });
      });
      assert.match(output, /closed \d+/);
      if (who === 'client') assert.match(output, /completed/);
    });
  }
});
