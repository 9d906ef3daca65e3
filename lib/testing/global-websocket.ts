import { WebSocket as NodeWebSocket, type ClientOptions } from 'ws';
import type { OpenAIMock } from '../engine/mock.js';
import { mockWebSocketOptions } from '../websocket/options.js';
import { type GlobalPatches, pushPatch } from './global-patches.js';


// Kept on the global object, so every copy of this module (ESM, CommonJS, the runner entries) shares them.
const patchesKey = Symbol.for('openai-responses.globalWebSocketPatches');

/** How a WHATWG-shaped caller may pass its second argument: protocols, or (Node, Deno, Bun) `{ headers, protocols }`. */
type SecondArgument = string | string[] | { headers?: Record<string, string> | Headers; protocols?: string | string[] } | undefined;

/** Whether a socket URL is the mock's to answer: the mock's own host, OpenAI's, or an Azure OpenAI host. */
function answers(openaiMock: OpenAIMock, url: URL): boolean {
  const host = url.host.toLowerCase();
  return host === new URL(openaiMock.baseURL).host.toLowerCase() || host === 'api.openai.com' || host.endsWith('.openai.azure.com');
}

function globalPatches(): GlobalPatches<'WebSocket'> {
  const holder = globalThis as typeof globalThis & { [patchesKey]?: GlobalPatches<'WebSocket'> };
  const existing = holder[patchesKey];
  if (existing) return existing;
  const current = (): OpenAIMock | undefined => created.active[created.active.length - 1]?.openaiMock;

  /**
   * The stand-in: a `ws` socket (it has the WHATWG members: `addEventListener`, `onmessage`, `readyState`,
   * `binaryType`, plus `ping`), connected in memory to the current test's mock. A socket to any other host is
   * the previous global `WebSocket`'s.
   */
  class MockGlobalWebSocket extends NodeWebSocket {
    constructor(address: string | URL, second?: SecondArgument) {
      const url = new URL(String(address));
      const openaiMock = current();
      if (!openaiMock || !answers(openaiMock, url)) {
        const Previous = created.previous;
        if (!Previous) throw new Error(`openai-responses: no WebSocket to open ${url.origin} with (only the mock's host is answered).`);
        const protocols = typeof second === 'string' || Array.isArray(second) ? second : second?.protocols;
        return new Previous(url, protocols) as unknown as MockGlobalWebSocket;
      }
      const protocols = typeof second === 'string' || Array.isArray(second) ? second : second?.protocols;
      const options: ClientOptions = { ...mockWebSocketOptions(openaiMock) };
      if (second !== undefined && typeof second === 'object' && !Array.isArray(second) && second.headers !== undefined) {
        options.headers = second.headers instanceof Headers ? Object.fromEntries(second.headers) : { ...second.headers };
      }
      super(url, protocols ?? [], options);
      // As a browser's socket: binary messages arrive as Blobs unless the caller asks otherwise.
      this.binaryType = 'blob' as NodeWebSocket['binaryType'];
    }
  }
  const created: GlobalPatches<'WebSocket'> = {
    standIn: MockGlobalWebSocket as unknown as typeof globalThis.WebSocket,
    active: [],
    previous: globalThis.WebSocket,
  };
  holder[patchesKey] = created;
  return created;
}

/**
 * Makes the global `WebSocket` connect to the mock, in memory, for code that opens its sockets with it: the SDK's
 * `OpenAIRealtimeWebSocket` and the Agents SDK's Responses WebSocket transport (`new globalThis.WebSocket(url,
 * { headers })`). Like `patchGlobalFetch`, sockets always connect to the mock patched in most recently and not
 * yet restored (the current test's), and a socket to another host is the previous global `WebSocket`'s.
 * Returns the function that takes this mock out again (the previous `WebSocket` is back once none is left).
 *
 * @example
 * const restore = patchGlobalWebSocket(openaiMock);
 * try {
 *   const socket = new WebSocket('wss://api.openai.com/v1/responses', { headers: { Authorization: 'Bearer sk-fake' } });
 * } finally {
 *   restore();
 * }
 */
export function patchGlobalWebSocket(openaiMock: OpenAIMock): () => void {
  return pushPatch('WebSocket', globalPatches(), openaiMock);
}
