import { type IncomingMessage, type Server, type ServerResponse, createServer } from 'node:http';
import type { AddressInfo, Socket } from 'node:net';
import type { Duplex } from 'node:stream';
import { apiError } from '../errors/api-errors.js';
import { concat } from '../internal/bytes.js';
import type { OpenAIMock } from '../engine/mock.js';
import { canonicalBaseURL } from '../engine/route-table.js';
import { controlPrefix, createControlAPI } from './control-api.js';
import { type LivePage, createLivePage } from './live-page.js';
import { type RequestTarget, type SessionOptions, SessionRefusal, Sessions, requestTargets, sessionUnder } from './sessions.js';
import { serveUpgrade } from './upgrades.js';

/**
 * Options of {@link startServer}.
 *
 * @example
 * const server = await startServer(openaiMock, { port: 0, host: '127.0.0.1', maxBodyBytes: 8 * 1024 * 1024 });
 */
export interface ServerOptions {
  /** The port to listen on; `0` (the default) picks a free one. */
  port?: number;
  /** The interface to listen on: the loopback interface, `127.0.0.1`, by default. */
  host?: string;
  /** The largest request body accepted, in bytes (64 MiB); a larger one is answered 413. */
  maxBodyBytes?: number;
  /** How long `close()` lets answers under way (open streams) finish before it ends their connections (1,000 ms). */
  closeGraceMs?: number;
  /**
   * Serves sessions, one mock each, for parallel test workers: `http://HOST:PORT/sessions/<id>/v1` is a mock of
   * its own (state, routes, scripts, calls), made on its first request, with its control API under
   * `/__openai-responses/sessions/<id>`. `true`, or `{ max, create }` (at most 100 sessions by default). Off by default.
   */
  sessions?: boolean | SessionOptions;
}

/**
 * A mock served over HTTP: give its `baseURL` to any client, in any process or language.
 *
 * @example
 * const server = await startServer(openaiMock);
 * const client = new OpenAI({ apiKey: 'sk-fake', baseURL: server.baseURL });
 * await server.close();
 */
export interface MockServer {
  /** Where the server listens: `http://127.0.0.1:PORT`. */
  readonly url: string;
  /** The OpenAI base URL to hand a client: `http://127.0.0.1:PORT/v1`. */
  readonly baseURL: string;
  readonly port: number;
  /** The mock it serves. */
  readonly openaiMock: OpenAIMock;
  /**
   * The mock of session `id` (made if it is new), when the server serves sessions: script a worker's session in
   * process. Throws when sessions are off, the id is not one, or no more sessions fit.
   */
  session(id: string): OpenAIMock;
  /** Stops listening, lets answers under way finish (up to `closeGraceMs`), then ends every connection. */
  close(): Promise<void>;
}

const defaultMaxBodyBytes = 64 * 1024 * 1024;

/** Thrown when the port asked for is taken. */
class PortInUseError extends Error {
  readonly code = 'EADDRINUSE';
}

/**
 * Serves a mock over HTTP on the loopback interface: the same routes, state, lifecycles, streams and errors as
 * in process, for apps that run in another process (a Next.js server, a Playwright-driven app, a Python worker).
 * A control API under `/__openai-responses/` sets routes and reads calls from any process (see
 * {@link MockServerClient}).
 *
 * @example
 * const openaiMock = new OpenAIMock();
 * openaiMock.chat.completions.create.response = { choices: [{ message: { content: 'Hi from HTTP' } }] };
 * const server = await startServer(openaiMock, { port: 0 });
 * // OPENAI_BASE_URL=server.baseURL for the app under test
 * await server.close();
 */
export async function startServer(openaiMock: OpenAIMock, options: ServerOptions = {}): Promise<MockServer> {
  const host = options.host ?? '127.0.0.1';
  const maxBodyBytes = options.maxBodyBytes ?? defaultMaxBodyBytes;
  const sockets = new Set<Socket>();
  let origin = '';
  const live = createLivePage(openaiMock, controlPrefix);
  const sessions = options.sessions ? new Sessions(options.sessions === true ? {} : options.sessions) : undefined;
  const targetOf = requestTargets(openaiMock, createControlAPI(openaiMock), sessions);
  const server = createServer((request, response) => {
    void serve(request, response, { targetOf, live, origin, maxBodyBytes });
  });
  server.on('connection', (socket) => {
    sockets.add(socket);
    socket.once('close', () => sockets.delete(socket));
  });
  // WebSockets (`/v1/realtime`, `/v1/responses`) upgrade on the same port; they end with the server.
  const upgraded = new Set<Duplex>();
  server.on('upgrade', (request: IncomingMessage, socket: Duplex, head: Buffer) => {
    upgraded.add(socket);
    socket.once('close', () => upgraded.delete(socket));
    serveUpgrade(openaiMock, request, socket, head, host, sessions && ((path) => {
      const under = sessionUnder(path);
      if (under === undefined) return undefined;
      const session = sessions.session(under.id);
      if (session instanceof SessionRefusal) return session;
      return { openaiMock: session.mock, basePath: `/sessions/${encodeURIComponent(under.id)}/v1` };
    }));
  });
  await listen(server, options.port ?? 0, host);
  const { port } = server.address() as AddressInfo;
  origin = `http://${host.includes(':') ? `[${host}]` : host}:${port}`;
  let closing: Promise<void> | undefined;
  return {
    url: origin,
    baseURL: `${origin}/v1`,
    port,
    openaiMock,
    session(id) {
      if (!sessions) throw new Error('openai-responses: this server serves no sessions; start it with startServer(mock, { sessions: true }).');
      const session = sessions.session(id);
      if (session instanceof SessionRefusal) throw new Error(session.message);
      return session.mock;
    },
    close() {
      // Open sockets end at once: they have no answer under way to let finish.
      for (const socket of upgraded) socket.destroy();
      live.close();
      closing ??= shutDown(server, sockets, options.closeGraceMs ?? 1000);
      return closing;
    },
  };
}

function listen(server: Server, port: number, host: string): Promise<void> {
  return new Promise((resolve, reject) => {
    const onError = (error: NodeJS.ErrnoException): void => {
      if (error.code === 'EADDRINUSE') {
        reject(new PortInUseError(`openai-responses: port ${port} on ${host} is in use. Pass port 0 to pick a free port, or stop what listens there.`));
      } else {
        reject(error);
      }
    };
    server.once('error', onError);
    server.listen(port, host, () => {
      server.off('error', onError);
      resolve();
    });
  });
}

function shutDown(server: Server, sockets: Set<Socket>, graceMs: number): Promise<void> {
  return new Promise((resolve) => {
    const timer = setTimeout(() => {
      for (const socket of sockets) socket.destroy();
    }, graceMs);
    server.close(() => {
      clearTimeout(timer);
      resolve();
    });
    server.closeIdleConnections();
  });
}

interface ServeContext {
  readonly targetOf: (method: string, path: string) => RequestTarget;
  readonly live: LivePage;
  readonly origin: string;
  readonly maxBodyBytes: number;
}

/** One HTTP exchange: read the body (bounded), let the mock (or the control API) answer, write the answer back. */
async function serve(request: IncomingMessage, response: ServerResponse, context: ServeContext): Promise<void> {
  const abort = new AbortController();
  response.once('close', () => {
    if (!response.writableFinished) abort.abort(new Error('The client closed the connection.'));
  });
  try {
    const body = await readBody(request, context.maxBodyBytes);
    if (body === tooLarge) {
      await write(apiError(413, `The request body is larger than the server accepts (${context.maxBodyBytes} bytes).`, { code: 'request_too_large' }), response, abort.signal);
      request.resume();
      return;
    }
    const path = request.url ?? '/';
    const method = request.method ?? 'GET';
    const headers = new Headers();
    for (const [name, value] of Object.entries(request.headers)) {
      if (value === undefined || name === 'host' || name === 'connection' || name === 'content-length' || name === 'transfer-encoding') continue;
      headers.set(name, Array.isArray(value) ? value.join(', ') : value);
    }
    const init: RequestInit = { method, headers, signal: abort.signal, ...(body.length > 0 && method !== 'GET' && method !== 'HEAD' && { body }) };
    // The live page (`GET /__openai-responses/`) and its update stream; then the control API, then the mock (the server's or a session's).
    const livePage = context.live.handle(method, path);
    const target = livePage === undefined ? context.targetOf(method, path) : undefined;
    const answer =
      livePage !== undefined ? await livePage
      : target === undefined ? apiError(500, 'openai-responses: no target.', { type: 'mock_error' })
      : target.kind === 'answer' ? target.answer
      : target.kind === 'control' ? await target.control.handle(method, target.path, body)
      : await target.mock.fetch(targetURL(target.path, context.origin), init);
    await write(answer, response, abort.signal);
  } catch (error) {
    if (abort.signal.aborted) return;
    const message = error instanceof Error ? error.message : String(error);
    if (!response.headersSent) {
      await write(apiError(500, `openai-responses: the server failed to answer: ${message}`, { type: 'mock_error' }), response, abort.signal);
    } else {
      response.destroy();
    }
  }
}

/** The URL the mock routes: `/v1/...` is the OpenAI API's path; anything else (Azure's `/openai/...`) keeps this origin. */
function targetURL(path: string, origin: string): string {
  if (path === '/v1' || path.startsWith('/v1/') || path.startsWith('/v1?')) return canonicalBaseURL + path.slice('/v1'.length);
  return origin + path;
}

const tooLarge = Symbol('tooLarge');

function readBody(request: IncomingMessage, limit: number): Promise<Uint8Array<ArrayBuffer> | typeof tooLarge> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    let over = false;
    request.on('data', (chunk: Buffer) => {
      if (over) return;
      size += chunk.length;
      if (size > limit) {
        over = true;
        chunks.length = 0;
        resolve(tooLarge);
        return;
      }
      chunks.push(chunk);
    });
    request.once('end', () => {
      if (over) return;
      resolve(concat(chunks));
    });
    request.once('error', reject);
  });
}

/** Writes a fetch `Response` to the HTTP response, flushing each chunk as it comes (server-sent events stay live). */
async function write(answer: Response, response: ServerResponse, signal: AbortSignal): Promise<void> {
  const headers: Record<string, string> = {};
  answer.headers.forEach((value, name) => {
    if (name !== 'content-length' && name !== 'transfer-encoding' && name !== 'connection' && name !== 'content-encoding') headers[name] = value;
  });
  response.writeHead(answer.status, headers);
  if (!answer.body) {
    response.end();
    return;
  }
  const reader = answer.body.getReader();
  const cancel = (): void => void reader.cancel(signal.reason).catch(() => undefined);
  signal.addEventListener('abort', cancel, { once: true });
  try {
    for (;;) {
      const { done, value } = await reader.read();
      if (done) break;
      if (!response.write(value)) await drainedOrClosed(response);
    }
    response.end();
  } catch {
    response.destroy();
  } finally {
    signal.removeEventListener('abort', cancel);
  }
}

function drainedOrClosed(response: ServerResponse): Promise<void> {
  return new Promise((resolve) => {
    const done = (): void => {
      response.off('drain', done);
      response.off('close', done);
      resolve();
    };
    response.once('drain', done);
    response.once('close', done);
  });
}
