import type { MockFetch, OpenAIMock } from '../engine/mock.js';

/** The global fetch's patches: one dispatching fetch, the mocks patched in (newest last), the fetch before them. */
interface GlobalPatches {
  readonly dispatch: MockFetch;
  readonly active: { readonly openaiMock: OpenAIMock }[];
  previous: typeof fetch;
}

// Kept on the global object, so every copy of this module (the ESM and CommonJS builds, the Mocha entry)
// dispatches through the same fetch and sees the same patches.
const patchesKey = Symbol.for('openai-responses.globalFetchPatches');

function globalPatches(): GlobalPatches {
  const holder = globalThis as typeof globalThis & { [patchesKey]?: GlobalPatches };
  let patches = holder[patchesKey];
  if (!patches) {
    const dispatch = ((input: string | URL | Request, init?: RequestInit) => {
      const current = created.active[created.active.length - 1];
      return current ? current.openaiMock.fetch(input, init) : created.previous(input, init);
    }) as typeof fetch;
    const created: GlobalPatches = { dispatch: Object.assign(dispatch, { Response }), active: [], previous: globalThis.fetch };
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
  const patches = globalPatches();
  if (globalThis.fetch !== patches.dispatch) {
    patches.previous = globalThis.fetch;
    globalThis.fetch = patches.dispatch;
  }
  const patch = { openaiMock };
  patches.active.push(patch);
  return () => {
    const at = patches.active.indexOf(patch);
    if (at === -1) return;
    patches.active.splice(at, 1);
    if (patches.active.length === 0 && globalThis.fetch === patches.dispatch) globalThis.fetch = patches.previous;
  };
}
