import type { WebSocket } from 'ws';
import type { OpenAIMock } from '../engine/mock.js';
/** One client's socket, accepted by the mock: what an endpoint serves. */
export interface SocketConnection {
  readonly openaiMock: OpenAIMock;   // the mock that answers (the current test's for the global stand-in)
  readonly socket: WebSocket;        // the server side of the socket, open
  readonly url: URL;                 // as the client asked, e.g. wss://api.openai.com/v1/realtime?model=gpt-realtime
  readonly headers: Headers;         // the upgrade request's headers (keys as sent; redact before keeping)
  readonly protocols: readonly string[]; // the subprotocols the client offered
}
/** Serves one accepted socket until it closes. */
export type SocketEndpoint = (connection: SocketConnection) => void;
