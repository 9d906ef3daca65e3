import { closeSync, openSync, readSync, statSync } from 'node:fs';
import type { TiktokenBPE } from 'js-tiktoken/lite';
import { packageRequire } from '../internal/package-require.js';
import type { EncodingName } from './encoding.js';
import { RankTable } from './rank-table.js';

/** The module of an encoding's ranks in js-tiktoken. */
const ranksModule: Readonly<Record<EncodingName, string>> = {
  o200k_base: 'js-tiktoken/ranks/o200k_base',
  cl100k_base: 'js-tiktoken/ranks/cl100k_base',
};

/** An encoding as the tokenizer uses it: its ranks' table and its pre-tokenizing pattern (`pat_str`). */
export interface LoadedEncoding {
  readonly table: RankTable;
  readonly pattern: string;
}

/** The ranks of an encoding, as js-tiktoken's module exports them. */
export function loadRanks(name: EncodingName): TiktokenBPE {
  const ranks: unknown = packageRequire()(ranksModule[name]);
  // The CommonJS file exports the ranks object itself; an ES-module interop may wrap it in `default`.
  const value = typeof ranks === 'object' && ranks !== null && 'default' in ranks ? ranks.default : ranks;
  return value as TiktokenBPE;
}

const marker = Buffer.from('"bpe_ranks":"');

/** How much of the ranks file is read at a time: lookups of common tokens need only the first part. */
const chunk = 256 * 1024;

/** Reads `file` from `from` into `into`, a chunk (or to its end): how far it is read. */
function readChunk(file: string, into: Buffer, from: number): number {
  const descriptor = openSync(file, 'r');
  try {
    let read = from;
    const until = Math.min(into.length, from + chunk);
    while (read < until) {
      const got = readSync(descriptor, into, read, until - read, read);
      if (got === 0) throw new Error(`${file} is shorter than it was.`);
      read += got;
    }
    return read;
  } finally {
    closeSync(descriptor);
  }
}

/**
 * The encoding read from js-tiktoken's ranks file as bytes, with no JavaScript evaluated: the file is
 * `module.exports = {"pat_str": ..., "special_tokens": {...}, "bpe_ranks": "..."}`, and loading it as a module
 * costs a process ~70 ms to parse its 2 MB string. It is read a chunk at a time as the table indexes it.
 * Undefined when the file is not where its package says or not of that shape (a bundled copy, a newer js-tiktoken).
 */
function readRanksFile(name: EncodingName): LoadedEncoding | undefined {
  let file: string;
  let bytes: Buffer;
  let read: number;
  try {
    file = packageRequire().resolve(ranksModule[name]);
    bytes = Buffer.allocUnsafe(statSync(file).size);
    read = readChunk(file, bytes, 0);
  } catch {
    return undefined;
  }
  const head = bytes.subarray(0, read);
  const opening = head.indexOf('{');
  const ranksFrom = head.indexOf(marker);
  // The ranks end at the string's closing quote, where the table stops reading (not looked for: it is 2 MB on).
  if (opening === -1 || ranksFrom <= opening) return undefined;
  try {
    const header: unknown = JSON.parse(`${bytes.toString('utf8', opening, ranksFrom)}"bpe_ranks":""}`);
    const pattern = typeof header === 'object' && header !== null && 'pat_str' in header ? header.pat_str : undefined;
    if (typeof pattern !== 'string') return undefined;
    const offset = ranksFrom + marker.length;
    const text = {
      bytes: bytes.subarray(offset),
      read: read - offset,
      more: (): number => {
        read = readChunk(file, bytes, read);
        return read - offset;
      },
    };
    return { table: new RankTable(text), pattern };
  } catch {
    return undefined;
  }
}

/**
 * An encoding's ranks and pattern, read the first time it counts: from js-tiktoken's ranks file as bytes, else
 * (where that file cannot be read so, or with `fromModule`) from its module, then indexed whole.
 */
export function loadEncoding(name: EncodingName, fromModule = false): LoadedEncoding {
  const read = fromModule ? undefined : readRanksFile(name);
  if (read) return read;
  const bpe = loadRanks(name);
  return { table: new RankTable(Buffer.from(bpe.bpe_ranks, 'latin1')).indexAll(), pattern: bpe.pat_str };
}
