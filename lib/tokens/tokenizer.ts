import type { TiktokenBPE } from 'js-tiktoken/lite';
import { type EncodingName, encodingForModel } from './encoding.js';
import { loadRanks } from './load-ranks.js';

// Counts tokens with the models' own byte-pair encodings, the ranks js-tiktoken ships. The ranks are megabytes
// of text, so they are read the first time a model of their encoding counts tokens, never when the library is
// imported or a mock is built. They are read into one Map keyed by each token's base64 as the ranks write it
// (a piece is looked up by `btoa` of its bytes), several times faster to build than js-tiktoken's own encoder,
// which keys by joined byte lists; the merge loop is the same as tiktoken's, and the spec checks the counts
// against js-tiktoken's.

/** Text whose UTF-8 bytes are its characters: most pieces, which then need no encoding. */
const ascii = /^[\x00-\x7f]*$/;
const utf8 = new TextEncoder();

/** One encoding: its ranks by binary string and its pre-tokenizing pattern. */
class ByteEncoding {
  readonly #ranks = new Map<string, number>();
  readonly #pattern: RegExp;

  constructor(bpe: TiktokenBPE) {
    // `bpe_ranks` lines are `! <first rank> <base64 token> <base64 token> ...`, ranks counting up. Tokens are kept
    // by their base64 as written (decoding 200,000 of them would double the time this takes).
    for (const line of bpe.bpe_ranks.split('\n')) {
      if (line === '') continue;
      const fields = line.split(' ');
      const first = Number.parseInt(fields[1] ?? '0', 10);
      for (let index = 2; index < fields.length; index += 1) this.#ranks.set(fields[index] ?? '', first + index - 2);
    }
    this.#pattern = new RegExp(bpe.pat_str, 'ug');
  }

  /** The rank of a token given as a binary string (one character a byte), if it is one. */
  #rank(bytes: string): number | undefined {
    return this.#ranks.get(btoa(bytes));
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
    for (const [piece] of text.matchAll(this.#pattern)) {
      const bytes = ascii.test(piece) ? piece : String.fromCharCode(...utf8.encode(piece));
      total += this.#rank(bytes) !== undefined ? 1 : this.#merge(bytes);
    }
    return total;
  }

  /**
   * Byte-pair merging of one piece, as tiktoken does it: joins the adjacent pair of lowest rank until no pair is
   * a token, keeping each pair's rank so a merge only looks its two neighbours up again. The parts left.
   */
  #merge(bytes: string): number {
    const starts = Array.from({ length: bytes.length + 1 }, (_, index) => index);
    const rankAt = (index: number): number =>
      index + 2 < starts.length ? (this.#rank(bytes.slice(starts[index], starts[index + 2])) ?? Infinity) : Infinity;
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
}

const encodings = new Map<EncodingName, ByteEncoding>();

function encoding(name: EncodingName): ByteEncoding {
  let found = encodings.get(name);
  if (!found) {
    found = new ByteEncoding(loadRanks(name));
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
  return encoding(encodingForModel(model)).count(text);
}
