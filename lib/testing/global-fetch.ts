import type { OpenAIMock } from '../engine/mock.js';
import { type GlobalPatches, pushPatch } from './global-patches.js';

// Kept on the global object, so every copy of this module (the ESM and CommonJS builds, the Mocha entry)
// dispatches through the same fetch and sees the same patches.
const patchesKey = Symbol.for('openai-responses.globalFetchPatches');

function globalPatches(): GlobalPatches<'fetch'> {
  const holder = globalThis as typeof globalThis & { [patchesKey]?: GlobalPatches<'fetch'> };
  let patches = holder[patchesKey];
  if (!patches) {
    const dispatch = ((input: string | URL | Request, init?: RequestInit) => {
      const current = created.active[created.active.length - 1];
      if (current) return current.openaiMock.fetch(input, init);
      return created.previous ? created.previous(input, init) : Promise.reject(new TypeError('openai-responses: no mock is patched in and there was no global fetch before.'));
    }) as typeof fetch;
    const created: GlobalPatches<'fetch'> = { standIn: Object.assign(dispatch, { Response }), active: [], previous: globalThis.fetch };
    patches = holder[patchesKey] = created;
  }
  return patches;
}

/**
 * Makes the global `fetch` answer from the mock, for code that builds its own client (`new OpenAI()` with no
 * `fetch` option reads the global one when it is constructed) or calls `fetch` itself (the Agents SDK's trace
 * export). The global fetch always answers from the mock patched in most recently and not yet restored, so a
 * client built once, in an earlier test (a lazy singleton, like the Agents SDK's default client), answers from
 * the current test's mock, and that mock records its calls; with no mock patched in, it is the fetch from
 * before. Returns the function that takes this mock out again (the previous `fetch` is back once none is left).
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
  return pushPatch('fetch', globalPatches(), openaiMock);
}
