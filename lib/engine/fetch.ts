import type { MockFetch, OpenAIMock } from './mock.js';

/**
 * The `fetch` to give a client so that every request it sends is answered by the mock, never the network:
 * `new OpenAI({ fetch })`, `new AzureOpenAI({ fetch })`, the Vercel AI SDK's `createOpenAI({ fetch })`,
 * LangChain's `new ChatOpenAI({ configuration: { fetch } })`.
 *
 * @example
 * const openaiMock = new OpenAIMock();
 * const client = new OpenAI({ apiKey: 'sk-fake', fetch: createMockFetch(openaiMock) });
 */
export function createMockFetch(openaiMock: OpenAIMock): MockFetch {
  return openaiMock.fetch;
}
