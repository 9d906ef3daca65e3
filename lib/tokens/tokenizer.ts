import { asciiPattern } from './ascii-pattern.js';
import { type EncodingName, encodingForModel } from './encoding.js';
import { type LoadedEncoding, loadEncoding } from './load-ranks.js';
import { type RankTable, RanksTextError } from './rank-table.js';

// Counts tokens with the models' own byte-pair encodings, the ranks js-tiktoken ships. The ranks are megabytes
// of text, so they are read the first time a model of their encoding counts tokens, never when the library is
// imported or a mock is built. They are read into a table looked up by a piece's bytes (see `rank-table.ts`),
// built in a few ms where js-tiktoken's own encoder takes a few hundred; the merge loop is the same as
// tiktoken's, and the spec checks the counts against js-tiktoken's.

/** Text whose UTF-8 bytes are its characters: most pieces, which then need no encoding. */
const ascii = /^[\x00-\x7f]*$/;
const utf8 = new TextEncoder();

/**
 * One encoding: its ranks by bytes and its pre-tokenizing pattern, compiled for Unicode text when such text is
 * first counted, and for ASCII text apart (see `ascii-pattern.ts`).
 */
class ByteEncoding {
  readonly #table: RankTable;
  readonly #source: string;
  #unicode: RegExp | undefined;
  readonly #ascii: RegExp | undefined;

  constructor({ table, pattern }: LoadedEncoding) {
    this.#table = table;
    this.#source = pattern;
    const asciiOnly = asciiPattern(pattern);
    this.#ascii = asciiOnly === undefined ? undefined : new RegExp(asciiOnly, 'g');
  }

  /** The pattern that splits `text`: the ASCII one when the text is ASCII (the same pieces, far cheaper to compile). */
  #patternFor(text: string): RegExp {
    if (this.#ascii && ascii.test(text)) return this.#ascii;
    this.#unicode ??= new RegExp(this.#source, 'ug');
    return this.#unicode;
  }

  /** Counts of texts seen lately: a test sends the same system prompt, history and roles again and again. */
  readonly #seen = new Map<string, number>();

  /** How many tokens `text` encodes to (special tokens counted as ordinary text). */
  count(text: string): number {
    const known = this.#seen.get(text);
    if (known !== undefined) return known;
    const total = this.#encode(text);
    if (this.#seen.size >= 4096) this.#seen.clear();
    this.#seen.set(text, total);
    return total;
  }

  #encode(text: string): number {
    let total = 0;
    for (const [piece] of text.matchAll(this.#patternFor(text))) {
      const bytes = ascii.test(piece) ? piece : asLatin1(utf8.encode(piece));
      total += this.#table.rank(bytes, 0, bytes.length) !== -1 ? 1 : this.#merge(bytes);
    }
    return total;
  }

  /**
   * Byte-pair merging of one piece, as tiktoken does it: joins the adjacent pair of lowest rank (the leftmost of
   * equal ones) until no pair is a token, keeping each pair's rank so a merge only looks its two neighbours up
   * again. The parts left. A long piece (a run of one letter, a blob of base64) is merged through a heap, so it
   * costs n log n instead of n² (a 20,000-letter run took ~230 ms by the scan; a megabyte would take minutes).
   */
  #merge(bytes: string): number {
    return bytes.length > longPiece ? this.#mergeLong(bytes) : this.#mergeShort(bytes);
  }

  /** The merge by a scan for the lowest rank: the cheapest for the short pieces nearly all text is made of. */
  #mergeShort(bytes: string): number {
    const starts = Array.from({ length: bytes.length + 1 }, (_, index) => index);
    const rankAt = (index: number): number => {
      if (index + 2 >= starts.length) return Infinity;
      const rank = this.#table.rank(bytes, starts[index] ?? 0, starts[index + 2] ?? 0);
      return rank === -1 ? Infinity : rank;
    };
    const ranks = starts.map((_, index) => rankAt(index));
    for (;;) {
      let best = -1;
      let bestRank = Infinity;
      for (let index = 0; index < ranks.length; index += 1) {
        const rank = ranks[index] ?? Infinity;
        if (rank < bestRank) {
          bestRank = rank;
          best = index;
        }
      }
      if (best === -1) return starts.length - 1;
      starts.splice(best + 1, 1);
      ranks.splice(best + 1, 1);
      ranks[best] = rankAt(best);
      if (best > 0) ranks[best - 1] = rankAt(best - 1);
    }
  }

  /**
   * The same merge, the parts a linked list over their first bytes and the pairs in a heap keyed by rank, then
   * position (so the lowest rank, leftmost of equals, comes first, as the scan picks). A pair whose rank changed
   * since it was pushed (a neighbour merged) is skipped when it comes up.
   */
  #mergeLong(bytes: string): number {
    const length = bytes.length;
    const next = new Int32Array(length + 1);
    const previous = new Int32Array(length + 1);
    /** The rank of the pair starting at each part's first byte; -1 for none (or a byte merged into its part). */
    const pairRank = new Int32Array(length + 1).fill(-1);
    for (let at = 0; at <= length; at++) {
      next[at] = at + 1;
      previous[at] = at - 1;
    }
    const heap = new MinHeap();
    const rankPair = (start: number): void => {
      const middle = next[start] ?? length;
      const rank = middle >= length ? -1 : this.#table.rank(bytes, start, next[middle] ?? length);
      pairRank[start] = rank;
      if (rank !== -1) heap.push(rank * (length + 1) + start);
    };
    for (let start = 0; start < length; start++) rankPair(start);
    let parts = length;
    for (let key = heap.pop(); key !== undefined; key = heap.pop()) {
      const start = key % (length + 1);
      if (pairRank[start] !== (key - start) / (length + 1)) continue;
      const middle = next[start] ?? length;
      const end = next[middle] ?? length;
      next[start] = end;
      previous[end] = start;
      pairRank[middle] = -1;
      parts -= 1;
      rankPair(start);
      const before = previous[start] ?? -1;
      if (before >= 0) rankPair(before);
    }
    return parts;
  }
}

/** Pieces longer than this many bytes are merged through a heap (see `ByteEncoding.#merge`). */
const longPiece = 256;

/** A binary min-heap of numbers. */
class MinHeap {
  readonly #values: number[] = [];

  push(value: number): void {
    const values = this.#values;
    let at = values.push(value) - 1;
    while (at > 0) {
      const parent = (at - 1) >> 1;
      const above = values[parent] ?? 0;
      if (above <= value) break;
      values[at] = above;
      at = parent;
    }
    values[at] = value;
  }

  pop(): number | undefined {
    const values = this.#values;
    const top = values[0];
    const last = values.pop();
    if (top === undefined || last === undefined || values.length === 0) return top;
    let at = 0;
    for (;;) {
      const left = 2 * at + 1;
      if (left >= values.length) break;
      const right = left + 1;
      const child = right < values.length && (values[right] ?? 0) < (values[left] ?? 0) ? right : left;
      const smaller = values[child] ?? 0;
      if (smaller >= last) break;
      values[at] = smaller;
      at = child;
    }
    values[at] = last;
    return top;
  }
}

/** Bytes as a string of one character per byte (what the rank table reads), however many there are. */
function asLatin1(bytes: Uint8Array): string {
  return Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).toString('latin1');
}

const encodings = new Map<EncodingName, ByteEncoding>();

function encoding(name: EncodingName): ByteEncoding {
  let found = encodings.get(name);
  if (!found) {
    found = new ByteEncoding(loadEncoding(name));
    encodings.set(name, found);
  }
  return found;
}

/**
 * How many tokens `text` is for `model`, by the model's own tokenizer (`o200k_base` or `cl100k_base`, see
 * {@link encodingForModel}). Special tokens written in the text (`<|endoftext|>`) count as ordinary text, as the
 * API counts user input.
 *
 * @example
 * countTextTokens('Hello, world!', 'gpt-4o'); // 4
 */
export function countTextTokens(text: string, model?: string): number {
  if (text === '') return 0;
  const name = encodingForModel(model);
  try {
    return encoding(name).count(text);
  } catch (error) {
    // The ranks file is read as it is indexed: one a newer js-tiktoken writes otherwise is loaded as a module.
    if (!(error instanceof RanksTextError)) throw error;
    encodings.set(name, new ByteEncoding(loadEncoding(name, true)));
    return encoding(name).count(text);
  }
}
