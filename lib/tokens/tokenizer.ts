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
      const bytes = ascii.test(piece) ? piece : String.fromCharCode(...utf8.encode(piece));
      total += this.#table.rank(bytes, 0, bytes.length) !== -1 ? 1 : this.#merge(bytes);
    }
    return total;
  }

  /**
   * Byte-pair merging of one piece, as tiktoken does it: joins the adjacent pair of lowest rank until no pair is
   * a token, keeping each pair's rank so a merge only looks its two neighbours up again. The parts left.
   */
  #merge(bytes: string): number {
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
