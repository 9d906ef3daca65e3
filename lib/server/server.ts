import { type IncomingMessage, type Server, type ServerResponse, createServer } from 'node:http';
import type { AddressInfo, Socket } from 'node:net';
import type { Duplex } from 'node:stream';
import { apiError } from '../errors/api-errors.js';
import type { OpenAIMock } from '../engine/mock.js';
import { canonicalBaseURL } from '../engine/route-table.js';
import { answerClientErrors, timeoutSettings } from './connection-timeouts.js';
import { controlPrefix, createControlAPI } from './control-api.js';
import { type LivePage, createLivePage } from './live-page.js';
import { livePageTokenParameter } from './live-page-access.js';
import { closeWithoutReading, readBody } from './request-body.js';
import { refuseUpgrade } from '../websocket/refuse-upgrade.js';
import { type RequestGate, type RequestGateOptions, type ServerAddress, checkRequestOrigin, createRequestGate } from './request-gate.js';
import { requestTarget } from './request-target.js';
import { checkStateFileWritable, loadStateFile, stateFileWriter } from './state-file.js';
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
  /** The largest request body accepted, in bytes (64 MiB); a larger one is answered 413 and its connection closed. */
  maxBodyBytes?: number;
  /** How long `close()` lets answers under way (open streams) finish before it ends their connections (1,000 ms). */
  closeGraceMs?: number;
  /** How long a client may take to send a request's headers before it is answered 408 and cut off (10,000 ms). */
  headersTimeoutMs?: number;
  /** How long a request's body may stall (no byte received) before it is answered 408 and cut off (10,000 ms). */
  bodyTimeoutMs?: number;
  /**
   * Host names the server answers to besides `localhost`, `127.0.0.1`, `[::1]` and the address it listens on
   * (`'mock'` in a compose network; `'.example.test'` for a domain and its subdomains). Any other `Host` is refused.
   */
  allowedHosts?: readonly string[];
  /** Web page origins granted `/v1` (CORS) besides the loopback ones (`http://localhost:5173`, any port). */
  allowedOrigins?: readonly string[];
  /**
   * When set, the control API requires `Authorization: Bearer <token>` (see `MockServerClient`'s `token`); the live
   * page takes it once in its link (`livePageURL`), then a cookie.
   */
  token?: string;
  /**
   * A JSON state file: restored at start when it exists (checked writable at start), written atomically by
   * `POST /__openai-responses/state/save` and when the server closes.
   */
  stateFile?: string;
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
  /** Where to reach the server: `http://127.0.0.1:PORT` (the loopback address when it listens on every interface). */
  readonly url: string;
  /** The OpenAI base URL to hand a client: `http://127.0.0.1:PORT/v1`. */
  readonly baseURL: string;
  /**
   * The live page to open in a browser: `http://127.0.0.1:PORT/__openai-responses/`, with `?token=<token>` when the
   * server has a token (the page keeps it in a cookie and drops it from the address bar).
   */
  readonly livePageURL: string;
  readonly port: number;
  /** The address it listens on, as given (`127.0.0.1`, `0.0.0.0`, `::`). */
  readonly host: string;
  /** The mock it serves. */
  readonly openaiMock: OpenAIMock;
  /** Writes the state to the state file now (atomically); rejects when the server has none. */
  saveState(): Promise<void>;
  /**
   * The mock of session `id` (made if it is new), when the server serves sessions: script a worker's session in
   * process. Throws when sessions are off, the id is not one, or no more sessions fit.
   */
  session(id: string): OpenAIMock;
  /** Stops listening, lets answers under way finish (up to `closeGraceMs`), ends every connection, then saves the state file. */
  close(): Promise<void>;
}

const defaultMaxBodyBytes = 64 * 1024 * 1024;
const defaultTimeoutMs = 10_000;

/** Thrown when the port asked for is taken. */
class PortInUseError extends Error {
  readonly code = 'EADDRINUSE';
}

/**
 * Serves a mock over HTTP on the loopback interface: the same routes, state, lifecycles, streams and errors as
 * in process, for apps that run in another process (a Next.js server, a Playwright-driven app, a Python worker).
 * A control API under `/__openai-responses/` sets routes and reads calls from any process (see
 * {@link MockServerClient}). Requests naming another host, or sent by a web page of another origin, are refused
 * (see `docs/server.md`, "Security").
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
  const stateFile = options.stateFile;
  if (stateFile !== undefined) {
    await checkStateFileWritable(stateFile);
    await loadStateFile(stateFile, openaiMock.state);
  }
  const save = stateFile === undefined ? undefined : stateFileWriter(stateFile, openaiMock.state);
  const saveState = async (): Promise<string> => {
    if (!save || stateFile === undefined) throw new Error('openai-responses: this server has no state file (startServer(mock, { stateFile })).');
    await save();
    return stateFile;
  };
  const sockets = new Set<Socket>();
  const headersTimeoutMs = options.headersTimeoutMs ?? defaultTimeoutMs;
  const sessions = options.sessions ? new Sessions(options.sessions === true ? {} : options.sessions) : undefined;
  const context: ServeContext = {
    targetOf: requestTargets(openaiMock, createControlAPI(openaiMock, { ...(save && { saveState }) }), sessions),
    live: createLivePage(openaiMock, controlPrefix, { sessions }),
    listening: undefined,
    maxBodyBytes: options.maxBodyBytes ?? defaultMaxBodyBytes,
    bodyTimeoutMs: options.bodyTimeoutMs ?? defaultTimeoutMs,
    closing: false,
    answering: new Set(),
  };
  const server = createServer(timeoutSettings(headersTimeoutMs), (request, response) => {
    void serve(request, response, context);
  });
  answerClientErrors(server);
  server.on('connection', (socket) => {
    sockets.add(socket);
    socket.once('close', () => sockets.delete(socket));
  });
  // WebSockets (`/v1/realtime`, `/v1/responses`) upgrade on the same port; they end with the server.
  const upgraded = new Set<Duplex>();
  server.on('upgrade', (request: IncomingMessage, socket: Duplex, head: Buffer) => {
    upgraded.add(socket);
    socket.once('close', () => upgraded.delete(socket));
    // The gate's Host and Origin checks, the same as every HTTP request's (allowedHosts, allowedOrigins), and no other.
    const listening = context.listening;
    const refusal = listening
      ? checkRequestOrigin(request.headers, listening.address, listening.gateOptions)
      : apiError(503, 'openai-responses: the server is starting.', { type: 'server_error' });
    if (refusal) {
      void refuseUpgrade(socket, refusal);
      return;
    }
    serveUpgrade(openaiMock, request, socket, head, sessions && ((path) => {
      const under = sessionUnder(path);
      if (under === undefined) return undefined;
      const session = sessions.session(under.id);
      if (session instanceof SessionRefusal) return session.answer();
      return { openaiMock: session.mock, basePath: `/sessions/${encodeURIComponent(under.id)}/v1` };
    }));
  });
  await listen(server, options.port ?? 0, host);
  const { port } = server.address() as AddressInfo;
  const url = `http://${reachableHost(host)}:${port}`;
  const gateOptions = { allowedHosts: options.allowedHosts, allowedOrigins: options.allowedOrigins, token: options.token };
  context.listening = { address: { host, port }, gateOptions, gate: createRequestGate({ host, port }, gateOptions), origin: url };
  let closing: Promise<void> | undefined;
  return {
    url,
    baseURL: `${url}/v1`,
    livePageURL: `${url}${controlPrefix}/${options.token ? `?${livePageTokenParameter}=${encodeURIComponent(options.token)}` : ''}`,
    port,
    host,
    openaiMock,
    saveState: async () => void (await saveState()),
    session(id) {
      if (!sessions) throw new Error('openai-responses: this server serves no sessions; start it with startServer(mock, { sessions: true }).');
      const session = sessions.session(id);
      if (session instanceof SessionRefusal) throw new Error(session.message);
      return session.mock;
    },
    close() {
      // Open sockets end at once: they have no answer under way to let finish.
      for (const socket of upgraded) socket.destroy();
      context.live.close();
      context.closing = true;
      closing ??= shutDown(server, sockets, context.answering, options.closeGraceMs ?? 1000).then(() => save?.());
      return closing;
    },
  };
}

/** The host a client can use in a URL: the loopback address for a wildcard bind, brackets around IPv6. */
function reachableHost(host: string): string {
  if (host === '0.0.0.0' || host === '') return '127.0.0.1';
  if (host === '::' || host === '[::]') return '[::1]';
  return host.includes(':') && !host.startsWith('[') ? `[${host}]` : host;
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

function shutDown(server: Server, sockets: Set<Socket>, answering: Set<ServerResponse>, graceMs: number): Promise<void> {
  return new Promise((resolve) => {
    const timer = setTimeout(() => {
      for (const socket of sockets) socket.destroy();
    }, graceMs);
    // Answers begun before (a stream said `keep-alive`) close their connection as they end; later ones say `Connection: close`.
    for (const response of answering) response.once('finish', () => setImmediate(() => server.closeIdleConnections()));
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
  /** Set once the server listens: its address, the gate in front of it, and its origin. */
  listening: { readonly address: ServerAddress; readonly gateOptions: RequestGateOptions; readonly gate: RequestGate; readonly origin: string } | undefined;
  readonly maxBodyBytes: number;
  readonly bodyTimeoutMs: number;
  /** Whether `close()` was called: every answer from then on says `Connection: close`. */
  closing: boolean;
  /** The answers under way. */
  readonly answering: Set<ServerResponse>;
}

/** One HTTP exchange: pass the gate, read the body (bounded), let the mock (or the control API) answer, write the answer back. */
async function serve(request: IncomingMessage, response: ServerResponse, context: ServeContext): Promise<void> {
  const abort = new AbortController();
  context.answering.add(response);
  response.once('close', () => {
    context.answering.delete(response);
    if (!response.writableFinished) abort.abort(new Error('The client closed the connection.'));
  });
  const send = (answer: Response, extra: Readonly<Record<string, string>> = {}, close = false): Promise<void> =>
    write(answer, response, abort.signal, { ...extra, ...((close || context.closing) && { connection: 'close' }) });
  try {
    const method = request.method ?? 'GET';
    const target = requestTarget(method, request.url ?? '/');
    if (target.kind === 'invalid') return await send(apiError(400, `openai-responses: ${target.reason}`, { code: 'invalid_request_target' }), {}, true);
    const headers = target.kind === 'path' && target.authority !== undefined ? { ...request.headers, host: target.authority } : request.headers;
    const listening = context.listening;
    if (!listening) return await send(apiError(503, 'openai-responses: the server is starting.', { type: 'server_error' }), {}, true);
    if (target.kind === 'server') {
      const refusal = checkRequestOrigin(headers, listening.address, listening.gateOptions);
      return await send(refusal ?? new Response(null, { status: 204, headers: { allow: 'GET, POST, PUT, PATCH, DELETE, OPTIONS' } }));
    }
    const path = target.path;
    const decision = listening.gate.admit(method, path, headers);
    if ('answer' in decision) {
      // A refused request's body is not read: its connection closes after the answer.
      const hasBody = request.headers['transfer-encoding'] !== undefined || Number(request.headers['content-length'] ?? 0) > 0;
      if (hasBody) closeWithoutReading(request.socket);
      return await send(decision.answer, {}, hasBody);
    }
    const body = await readBody(request, context.maxBodyBytes, context.bodyTimeoutMs);
    if ('unread' in body) {
      closeWithoutReading(request.socket);
      const refusal =
        body.unread === 'too-large'
          ? apiError(413, `The request body is larger than the server accepts (${context.maxBodyBytes} bytes).`, { code: 'request_too_large' })
          : apiError(408, `openai-responses: the request body stalled: no byte came for ${context.bodyTimeoutMs} ms.`, { code: 'request_timeout' });
      return await send(refusal, decision.headers, true);
    }
    const forwarded = new Headers();
    for (const [name, value] of Object.entries(request.headers)) {
      if (value === undefined || name === 'host' || name === 'connection' || name === 'content-length' || name === 'transfer-encoding') continue;
      forwarded.set(name, Array.isArray(value) ? value.join(', ') : value);
    }
    const init: RequestInit = { method, headers: forwarded, signal: abort.signal, ...(body.length > 0 && method !== 'GET' && method !== 'HEAD' && { body }) };
    // The live page (`GET /__openai-responses/`) and its update stream; then the control API, then the mock (the server's or a session's).
    const livePage = context.live.handle(method, path);
    const destination = livePage === undefined ? context.targetOf(method, path) : undefined;
    const answer =
      livePage !== undefined ? await livePage
      : destination === undefined ? apiError(500, 'openai-responses: no target.', { type: 'mock_error' })
      : destination.kind === 'answer' ? destination.answer
      : destination.kind === 'control' ? await destination.control.handle(method, destination.path, body)
      : await destination.mock.fetch(targetURL(destination.path, listening.origin), init);
    await send(answer, decision.headers);
  } catch (error) {
    if (abort.signal.aborted) return;
    const message = error instanceof Error ? error.message : String(error);
    if (!response.headersSent) {
      await send(apiError(500, `openai-responses: the server failed to answer: ${message}`, { type: 'mock_error' }));
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

/** Writes a fetch `Response` to the HTTP response, flushing each chunk as it comes (server-sent events stay live). */
async function write(answer: Response, response: ServerResponse, signal: AbortSignal, extra: Readonly<Record<string, string>> = {}): Promise<void> {
  const headers: Record<string, string> = { ...extra };
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
