import type { OpenAIMock } from '../engine/mock.js';
import { keptHeaderValue, redactSubprotocol } from '../engine/redact.js';
import { onMockReset } from '../engine/reset-hooks.js';

/**
 * One WebSocket a client opened to the mock, as a test reads it: where it went, what it sent, how it ended.
 * Keys are never kept: the `authorization` header and an `openai-insecure-api-key.<key>` subprotocol read
 * `Bearer [redacted:c8c22e01]` and `openai-insecure-api-key.[redacted:c8c22e01]` (see `redactSecret`).
 *
 * @example
 * const [socket] = socketConnections(openaiMock);
 * socket?.path;                          // '/responses'
 * socket?.clientEvents[0];               // { type: 'response.create', model: 'gpt-5', input: 'Hi' }
 * socket?.headers.get('authorization');  // redactSecret('Bearer sk-fake')
 */
export interface SocketRecord {
  /** The URL the client asked for (`wss://api.openai.com/v1/realtime?model=gpt-realtime`). */
  readonly url: string;
  /** The path below the base URL: `/responses`, `/realtime`. */
  readonly path: string;
  /** The upgrade request's headers, keys redacted. */
  readonly headers: Headers;
  /** The subprotocols the client offered, a key protocol redacted. */
  readonly protocols: readonly string[];
  /** Every message the client sent, oldest first: parsed JSON, or the text (or bytes) when it is not JSON. */
  readonly clientEvents: readonly unknown[];
  /** How many messages the mock sent the client. */
  readonly serverEventCount: number;
  /** How the socket closed (`undefined` while it is open). */
  readonly closed: { readonly code: number; readonly reason: string } | undefined;
}

/** @internal The mutable record the transport fills. */
export class SocketLogEntry implements SocketRecord {
  readonly headers: Headers;
  readonly protocols: readonly string[];
  readonly clientEvents: unknown[] = [];
  serverEventCount = 0;
  closed: { readonly code: number; readonly reason: string } | undefined;

  constructor(
    readonly url: string,
    readonly path: string,
    headers: Headers,
    protocols: readonly string[],
  ) {
    this.headers = new Headers();
    headers.forEach((value, name) => this.headers.set(name, keptHeaderValue(name, value)));
    this.protocols = protocols.map(redactSubprotocol);
  }

  /** Records one client message. */
  received(data: string | Uint8Array): void {
    if (typeof data !== 'string') {
      this.clientEvents.push(data);
      return;
    }
    try {
      this.clientEvents.push(JSON.parse(data) as unknown);
    } catch {
      this.clientEvents.push(data);
    }
  }
}

const logs = new WeakMap<OpenAIMock, SocketLogEntry[]>();

/** @internal The log a new socket of this mock is recorded in. */
export function socketLogOf(openaiMock: OpenAIMock): SocketLogEntry[] {
  let log = logs.get(openaiMock);
  if (!log) {
    const created: SocketLogEntry[] = [];
    logs.set(openaiMock, created);
    onMockReset(openaiMock, () => void (created.length = 0));
    log = created;
  }
  return log;
}

/**
 * Every WebSocket clients opened to this mock (in process or through the server), oldest first, each with the
 * messages the client sent, since the mock was made or last reset. A `response.create` sent over a Responses socket is also a call of
 * `openaiMock.responses.create`, so the route's `calls` and matchers see it as they see an HTTP call.
 *
 * @example
 * const socket = socketConnections(openaiMock).at(-1);
 * assert.deepEqual(socket?.clientEvents.map((event) => (event as { type: string }).type), ['session.update', 'response.create']);
 */
export function socketConnections(openaiMock: OpenAIMock): readonly SocketRecord[] {
  return socketLogOf(openaiMock);
}

/**
 * Forgets the sockets recorded for this mock (open ones keep being recorded in their own entries).
 * `openaiMock.reset()` does it too.
 *
 * @example
 * clearSocketConnections(openaiMock);
 * socketConnections(openaiMock).length; // 0
 */
export function clearSocketConnections(openaiMock: OpenAIMock): void {
  socketLogOf(openaiMock).length = 0;
}
