import type { IncomingMessage } from 'node:http';
import type { Duplex } from 'node:stream';
import { WebSocketServer, type WebSocket } from 'ws';
import type { OpenAIMock } from '../engine/mock.js';
import { apiError } from '../errors/api-errors.js';
import { keyOfSubprotocol } from '../engine/redact.js';
import { publishSocketEvent, socketEventsWatched } from '../internal/diagnostics.js';
import type { SocketConnection } from './connection.js';
import { endpointFor } from './endpoints.js';
import { refuseUpgrade } from './refuse-upgrade.js';
import { SocketLogEntry, socketLogOf } from './socket-log.js';

/** The subprotocol the mock answers with: the first one offered that carries no key (`realtime`), else the first. */
function chooseProtocol(offered: Set<string>): string | false {
  let first: string | undefined;
  for (const protocol of offered) {
    first ??= protocol;
    if (keyOfSubprotocol(protocol) === undefined) return protocol;
  }
  return first ?? false;
}

// One upgrader serves every mock: which mock answers is decided per socket. Sockets are not tracked (each
// closes with its client), compression is off (as the SDK asks), and a frame may be as large as the client sends.
const upgrader = new WebSocketServer({ noServer: true, clientTracking: false, perMessageDeflate: false, maxPayload: 0, handleProtocols: chooseProtocol });

/** Base paths a WebSocket URL may carry before the endpoint's path: the mock's own, OpenAI's, Azure's. */
function pathBelowBase(pathname: string, basePath: string): string {
  const path = pathname.replace(/\/+$/, '') || '/';
  for (const base of [basePath, '/v1', '/openai/v1', '/openai']) {
    if (base && base !== '/' && (path === base || path.startsWith(`${base}/`))) return path.slice(base.length) || '/';
  }
  return path;
}

/** Where a socket goes: the mock answering it and the URL the client asked for. */
export interface UpgradeTarget {
  readonly openaiMock: OpenAIMock;
  /** The URL as the client asked for it (`wss://api.openai.com/v1/realtime?model=gpt-realtime`). */
  readonly url: URL;
  /** The base URL's path the endpoint paths sit under (`/v1`). */
  readonly basePath: string;
}

/**
 * Accepts one upgrade request for a mock: finds the endpoint for its path (`/responses`, `/realtime`), or refuses
 * it as the API does (a 404 for a path that has no socket), then hands the open socket to the endpoint. Every
 * message the client sends is recorded (see `socketConnections`), and every message the mock sends is published
 * for the conformance check when someone listens.
 */
export function acceptUpgrade(target: UpgradeTarget, request: IncomingMessage, socket: Duplex, head: Buffer): void {
  const path = pathBelowBase(target.url.pathname, target.basePath);
  const endpoint = endpointFor(path);
  if (!endpoint) {
    void refuseUpgrade(socket, apiError(404, `Invalid URL (GET ${target.url.pathname}): no WebSocket endpoint here (the API serves /v1/realtime and /v1/responses).`, { code: 'unknown_url' }));
    return;
  }
  socket.on('error', () => undefined);
  upgrader.handleUpgrade(request, socket, head, (ws) => {
    const headers = new Headers();
    for (const [name, value] of Object.entries(request.headers)) {
      if (value !== undefined) headers.set(name, Array.isArray(value) ? value.join(', ') : value);
    }
    const protocols = (request.headers['sec-websocket-protocol'] ?? '').split(',').map((protocol) => protocol.trim()).filter(Boolean);
    const entry = new SocketLogEntry(target.url.toString(), path, headers, protocols);
    socketLogOf(target.openaiMock).push(entry);
    record(ws, entry, path);
    const connection: SocketConnection = { openaiMock: target.openaiMock, socket: ws, url: target.url, headers, protocols };
    try {
      endpoint(connection);
    } catch (error) {
      const message = error instanceof Error ? error.message : String(error);
      ws.send(JSON.stringify({ type: 'error', error: { type: 'server_error', code: 'mock_error', message: `openai-responses: the WebSocket endpoint failed: ${message}`, param: null } }));
      ws.close(1011, 'mock error');
    }
  });
}

/** Records what the client sends and how the socket ends, and counts (and, when watched, publishes) what the mock sends. */
function record(ws: WebSocket, entry: SocketLogEntry, path: string): void {
  ws.on('message', (data, isBinary) => {
    const bytes = Array.isArray(data) ? Buffer.concat(data) : Buffer.isBuffer(data) ? data : Buffer.from(new Uint8Array(data));
    entry.received(isBinary ? new Uint8Array(bytes) : bytes.toString('utf8'));
  });
  ws.once('close', (code, reason) => {
    entry.closed = { code, reason: reason.toString('utf8') };
  });
  const send = ws.send.bind(ws) as (data: unknown, ...rest: unknown[]) => void;
  const watched = socketEventsWatched();
  const counted = (data: unknown, ...rest: unknown[]): void => {
    entry.serverEventCount += 1;
    if (watched && (typeof data === 'string' || data instanceof Uint8Array)) publishSocketEvent(path, data);
    send(data, ...rest);
  };
  Object.defineProperty(ws, 'send', { value: counted, configurable: true, writable: true });
}
