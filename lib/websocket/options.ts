import type { ClientOptions } from 'ws';
import type { OpenAIMock } from '../engine/mock.js';
import { connectInMemory } from './in-memory.js';

/**
 * The `ws` options that connect a socket to the mock in memory, with no port and no TLS: for the SDK's classes
 * on the `ws` package (`OpenAIRealtimeWS`, `OpenAIRealtimeTranslationWS`, `ResponsesWS`, `LiveWS`, ...), which
 * pass their options to `new WebSocket(url, options)`. The URL stays the API's (`wss://api.openai.com/v1/...`).
 *
 * @example
 * import { ResponsesWS } from 'openai/resources/responses/ws';
 * const client = new OpenAI({ apiKey: 'sk-fake', fetch: createMockFetch(openaiMock) });
 * const socket = new ResponsesWS(client, mockWebSocketOptions(openaiMock));
 * socket.send({ type: 'response.create', model: 'gpt-5', input: 'Hi' });
 */
export function mockWebSocketOptions(openaiMock: OpenAIMock): ClientOptions {
  // `ws` takes any duplex from `createConnection`; its type names `net.createConnection`'s socket.
  return { createConnection: (() => connectInMemory(openaiMock)) as unknown as NonNullable<ClientOptions['createConnection']> };
}
