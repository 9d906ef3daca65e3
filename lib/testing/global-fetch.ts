import type { OpenAIMock } from '../mock.js';

/**
 * Makes the global `fetch` answer from the mock, for code that builds its own client (`new OpenAI()` with no
 * `fetch` option reads the global one when it is constructed: patch first, then build the client).
 * Returns the function that puts the previous `fetch` back.
 *
 * @example
 * const restore = patchGlobalFetch(openaiMock);
 * try {
 *   const client = new OpenAI({ apiKey: 'sk-fake' }); // picks up the mock
 *   await client.models.list();
 * } finally {
 *   restore();
 * }
 */
export function patchGlobalFetch(openaiMock: OpenAIMock): () => void {
  const previous = globalThis.fetch;
  globalThis.fetch = openaiMock.fetch;
  return () => {
    globalThis.fetch = previous;
  };
}
