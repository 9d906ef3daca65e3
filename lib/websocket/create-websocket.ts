import { WebSocket as NodeWebSocket } from 'ws';
import type { OpenAIMock } from '../engine/mock.js';
import { mockWebSocketOptions } from './options.js';

/**
 * The factory for the Agents SDK's realtime transport (`new OpenAIRealtimeWebSocket({ createWebSocket })`), which
 * ignores the client's base URL: each socket it asks for connects to the mock in memory, its key sent as
 * `Authorization: Bearer <key>` (kept redacted).
 *
 * @example
 * import { OpenAIRealtimeWebSocket, RealtimeAgent, RealtimeSession } from '@openai/agents/realtime';
 * const transport = new OpenAIRealtimeWebSocket({ createWebSocket: mockCreateWebSocket(openaiMock) });
 * const session = new RealtimeSession(new RealtimeAgent({ name: 'Assistant' }), { transport });
 * await session.connect({ apiKey: 'sk-fake' });
 */
export function mockCreateWebSocket(openaiMock: OpenAIMock): (options: { url: string; apiKey: string }) => Promise<NodeWebSocket> {
  // A `ws` socket, as the transport's option is typed on Node; it has the WHATWG members the transport uses
  // (addEventListener, send, close, readyState).
  return ({ url, apiKey }) => Promise.resolve(new NodeWebSocket(url, { ...mockWebSocketOptions(openaiMock), headers: { Authorization: `Bearer ${apiKey}` } }));
}
