// Spec support: a mock and real SDK clients that reach its realtime endpoint in process, as a user's test does
// (`mockWebSocketOptions`: no port, no TLS, the API's own `wss://api.openai.com/v1/realtime` URL).
import OpenAI from 'openai';
import { OpenAIRealtimeWS } from 'openai/realtime/ws';
import type { RealtimeServerEvent } from 'openai/resources/realtime/realtime';
import type { ClientOptions } from 'ws';
import { OpenAIMock, createMockFetch, mockWebSocketOptions } from '../../../lib/index.js';

/** A mock and clients for its realtime endpoint. */
export interface RealtimeClients {
  readonly openaiMock: OpenAIMock;
  /** An OpenAI client on the mock's fetch (for its HTTP routes: client secrets, ...). */
  readonly client: OpenAI;
  /** The `ws` options that reach the mock. */
  readonly options: ClientOptions;
  /** A connected `OpenAIRealtimeWS` (open), with every event it received. */
  connect(props?: { model?: string; headers?: Record<string, string>; apiKey?: string }): Promise<{ rt: OpenAIRealtimeWS; events: RealtimeServerEvent[]; closed: Promise<number> }>;
  /** Closes every socket. */
  close(): Promise<void>;
}

/** A mock and its realtime clients for one test. */
export async function realtimeClients(openaiMock = new OpenAIMock()): Promise<RealtimeClients> {
  const options = mockWebSocketOptions(openaiMock);
  const client = new OpenAI({ apiKey: 'sk-fake', fetch: createMockFetch(openaiMock) });
  const opened: OpenAIRealtimeWS[] = [];
  return Promise.resolve({
    openaiMock,
    client,
    options,
    async connect(props = {}) {
      const socketClient = props.apiKey === undefined ? client : new OpenAI({ apiKey: props.apiKey, fetch: createMockFetch(openaiMock) });
      const rt = new OpenAIRealtimeWS({ model: props.model ?? 'gpt-realtime', options: { ...options, ...(props.headers && { headers: props.headers }) } }, socketClient);
      opened.push(rt);
      const events: RealtimeServerEvent[] = [];
      rt.on('event', (event) => events.push(event));
      rt.on('error', () => undefined);
      const closed = new Promise<number>((resolve) => rt.socket.once('close', (code) => resolve(code)));
      await new Promise<void>((resolve, reject) => {
        rt.socket.once('open', () => resolve());
        rt.socket.once('error', reject);
      });
      return { rt, events, closed };
    },
    async close() {
      await Promise.all(opened.map((rt) => new Promise<void>((resolve) => {
        if (rt.socket.readyState === rt.socket.CLOSED) return resolve();
        rt.socket.once('close', () => resolve());
        rt.socket.terminate();
      })));
    },
  });
}

/** Waits for the first event of a type (already received, or the next). */
export function nextEvent<T extends RealtimeServerEvent['type']>(rt: OpenAIRealtimeWS, events: readonly RealtimeServerEvent[], type: T, after = 0): Promise<Extract<RealtimeServerEvent, { type: T }>> {
  const seen = events.slice(after).find((event) => event.type === type);
  if (seen) return Promise.resolve(seen as Extract<RealtimeServerEvent, { type: T }>);
  return new Promise((resolve) => {
    const listener = (event: RealtimeServerEvent): void => {
      if (event.type !== type) return;
      rt.off('event', listener);
      resolve(event as Extract<RealtimeServerEvent, { type: T }>);
    };
    rt.on('event', listener);
  });
}
