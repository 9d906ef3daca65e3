import type { OpenAIMock } from '../engine/mock.js';

/** The globals a mock can stand in for. */
export type PatchableGlobal = 'fetch' | 'WebSocket';

/**
 * One global's patches: the stand-in installed in its place, the mocks patched in (newest last, the one that
 * answers), and the global from before them. Kept on the global object by each patcher, so every copy of the
 * library (the ESM and CommonJS builds, the runner entries) shares one stack per global.
 */
export interface GlobalPatches<Name extends PatchableGlobal> {
  readonly standIn: (typeof globalThis)[Name];
  readonly active: { readonly openaiMock: OpenAIMock }[];
  previous: (typeof globalThis)[Name] | undefined;
}

/**
 * Puts `openaiMock` on top of a global's patches (installing the stand-in if another value holds the global),
 * and returns the function that takes it out again: the previous global is back once no mock is left.
 */
export function pushPatch<Name extends PatchableGlobal>(name: Name, patches: GlobalPatches<Name>, openaiMock: OpenAIMock): () => void {
  const globals = globalThis as unknown as Record<Name, (typeof globalThis)[Name] | undefined>;
  if (globals[name] !== patches.standIn) {
    patches.previous = globals[name];
    globals[name] = patches.standIn;
  }
  const patch = { openaiMock };
  patches.active.push(patch);
  return () => {
    const at = patches.active.indexOf(patch);
    if (at === -1) return;
    patches.active.splice(at, 1);
    if (patches.active.length === 0 && globals[name] === patches.standIn) {
      if (patches.previous) globals[name] = patches.previous;
      else Reflect.deleteProperty(globalThis, name);
    }
  };
}
