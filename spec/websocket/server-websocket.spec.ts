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

  it('ends open sockets when it closes', async () => {
    const socket = new WebSocket(`ws://127.0.0.1:${server.port}/v1/responses`);
    await new Promise((resolve) => socket.once('open', resolve));
    const closed = new Promise<number>((resolve) => socket.once('close', resolve));
    await server.close();
    assert.equal(await closed, 1006);
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
