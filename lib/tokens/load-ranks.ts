import { createRequire } from 'node:module';
import type { TiktokenBPE } from 'js-tiktoken/lite';
import type { EncodingName } from './encoding.js';

/**
 * The ranks of an encoding, read from js-tiktoken when first asked for. Synchronous, so counting stays on the
 * answer path without a promise: in an ES module, a `require` made from the module's URL; in the CommonJS build,
 * where bundlers leave `import.meta` empty, the module's own `require`.
 */
export function loadRanks(name: EncodingName): TiktokenBPE {
  const url: string | undefined = import.meta.url;
  const load = url ? createRequire(url) : require;
  const ranks: unknown = name === 'o200k_base' ? load('js-tiktoken/ranks/o200k_base') : load('js-tiktoken/ranks/cl100k_base');
  // The CommonJS file exports the ranks object itself; an ES-module interop may wrap it in `default`.
  const value = typeof ranks === 'object' && ranks !== null && 'default' in ranks ? ranks.default : ranks;
  return value as TiktokenBPE;
}
