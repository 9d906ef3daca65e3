// The ranks of an encoding are 100,000 to 200,000 tokens. Kept in a Map keyed by strings, they cost a process
// that many strings and Map entries to build (~300 ms for o200k_base); here they are decoded from the ranks' text
// into one byte array, with an open-addressing hash table of token numbers over it: a few typed arrays, no
// strings. And they are indexed only as far as lookups need: the text lists tokens by rank, common ones first,
// so a lookup that finds its token in the part indexed so far stops there, one that does not indexes on until it
// finds it, and only a piece that is no token indexes the rest. A piece is looked up by its bytes as they stand in
// the text being counted (a binary string, one character a byte), with no string made for it.

/** Decoded value of each base64 character (by char code), -1 for others. */
const base64Values = new Int8Array(128).fill(-1);
for (const [index, char] of [...'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/'].entries()) base64Values[char.charCodeAt(0)] = index;

const space = 0x20;
const newline = 0x0a;
const backslash = 0x5c;
const bang = 0x21;
const equals = 0x3d;
const quote = 0x22;

/** FNV-1a's offset basis and prime (32 bits). */
const fnvBasis = 0x811c9dc5;
const fnvPrime = 0x01000193;

/** @internal A ranks text not written as js-tiktoken writes it (the tokenizer then loads js-tiktoken's module). */
export class RanksTextError extends Error {
  override readonly name = 'RanksTextError';
}

function unexpected(at: number): never {
  throw new RanksTextError(`The ranks text is not as js-tiktoken writes it (at byte ${at}).`);
}

/**
 * Where a ranks text comes from: its bytes (the whole text's length, filled from the start), how many are read,
 * and how to read more (the count read after; the whole length once all are).
 */
export interface RanksText {
  readonly bytes: Uint8Array;
  readonly read: number;
  readonly more?: () => number;
}

/** What a token looked for is: its hash, and its bytes as a binary string's `start .. end`. */
interface Wanted {
  readonly hash: number;
  readonly bytes: string;
  readonly start: number;
  readonly end: number;
}

/** How many times the text lookups may search through before the text is indexed instead. */
const searchBudget = 4;

/** Bytes of text ahead of a token that must be read before it is decoded (the longest token is far shorter). */
const lookahead = 1024;

/**
 * @internal An encoding's tokens and their ranks, looked up by the token's bytes. Built from js-tiktoken's ranks
 * text (`bpe_ranks`: lines `! <first rank> <base64 token> <base64 token> ...`, ranks counting up), its lines
 * split by newlines or, as the text stands inside a JSON string, by `\n` escapes (a `"` ends it there). The
 * text is checked as it is indexed: {@link RankTable.indexAll} reads it all (and throws on a text not so written).
 */
export class RankTable {
  readonly #text: Uint8Array;
  #read: number;
  readonly #more: (() => number) | undefined;
  /**
   * Every token indexed so far, its bytes one after another (allocated, with the arrays below, when indexing
   * starts: the first lookups of a process search the text and need none of them, ~16 MB for o200k_base).
   */
  #bytes = new Uint8Array(0);
  /** Token `i`'s bytes are `#bytes[#starts[i] .. #starts[i + 1]]`. */
  #starts = new Int32Array(0);
  #ranks = new Int32Array(0);
  /** Open addressing (linear probing): token number + 1, or 0 for an empty slot. */
  #slots = new Int32Array(0);
  #mask = 0;
  /** Where indexing stands in the text, the next token's rank (-1 at a line's start), the tokens and bytes so far. */
  #at = 0;
  #rank = -1;
  #count = 0;
  #written = 0;
  #done = false;
  /** The text as a Buffer (for its native search), and how much text lookups by search have read. */
  readonly #buffer: Buffer;
  #searched = 0;

  constructor(text: Uint8Array | RanksText) {
    const { bytes, read, more } = text instanceof Uint8Array ? { bytes: text, read: text.length, more: undefined } : text;
    this.#text = bytes;
    this.#buffer = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.length);
    this.#read = read;
    this.#more = more;
  }

  /** Allocates the index, when indexing starts. */
  #allocate(): void {
    if (this.#slots.length > 0) return;
    const length = this.#text.length;
    // At most a token per five characters (the shortest is a byte: four characters and a space); not counted, as
    // counting would read the whole text.
    const tokens = Math.ceil(length / 5) + 1;
    let capacity = 1;
    while (capacity < tokens * 2) capacity *= 2;
    this.#bytes = new Uint8Array(Math.ceil((length * 3) / 4));
    this.#starts = new Int32Array(tokens + 1);
    this.#ranks = new Int32Array(tokens);
    this.#slots = new Int32Array(capacity);
    this.#mask = capacity - 1;
  }

  /** How many tokens are indexed (all of them after {@link RankTable.indexAll}). */
  get size(): number {
    return this.#count;
  }

  /** Indexes every token (a lookup indexes only as far as it must). */
  indexAll(): this {
    this.#index(undefined);
    return this;
  }

  /** The rank of the token whose bytes are `bytes[start .. end]` (a binary string: one character a byte), or -1. */
  rank(bytes: string, start: number, end: number): number {
    let hash = fnvBasis;
    for (let at = start; at < end; at += 1) hash = Math.imul(hash ^ bytes.charCodeAt(at), fnvPrime);
    for (let slot = hash & this.#mask; this.#count > 0; slot = (slot + 1) & this.#mask) {
      const entry = this.#slots[slot] ?? 0;
      if (entry === 0) break;
      if (this.#is(entry - 1, bytes, start, end)) return this.#ranks[entry - 1] ?? -1;
    }
    if (this.#done) return -1;
    // Not indexed: the first lookups of a process search the text for the token (natively), until they have read
    // several times the text (pieces that are no token read it all); then the text is indexed.
    if (this.#count === 0 && this.#searched < searchBudget * this.#text.length) {
      const rank = this.#search(bytes.slice(start, end));
      if (rank !== undefined) return rank;
    }
    const entry = this.#index({ hash, bytes, start, end });
    return entry === -1 ? -1 : (this.#ranks[entry] ?? -1);
  }

  /** The rank of a token found by searching the text for its base64 (undefined when the text cannot tell yet). */
  #search(token: string): number | undefined {
    const needle = Buffer.from(` ${btoa(token)}`, 'latin1');
    const text = this.#buffer;
    let from = 0;
    for (;;) {
      const at = text.indexOf(needle, from);
      if (at === -1 || at + needle.length >= this.#read) {
        // Not in the text read so far: read on, or it is no token.
        this.#searched += this.#read - from;
        if (this.#read < text.length && this.#more) {
          from = Math.max(0, (at === -1 ? this.#read : at) - needle.length);
          this.#read = this.#more();
          continue;
        }
        return at === -1 ? -1 : undefined;
      }
      const after = text[at + needle.length];
      // A whole token, not the start of a longer one, nor a line's first rank (digits are base64 too).
      if ((after !== space && after !== newline && after !== backslash && after !== quote) || text[at - 1] === bang) {
        from = at + 1;
        continue;
      }
      this.#searched += at - from;
      // The rank: the line's first rank, plus the tokens between the line's start and this one.
      const header = text.lastIndexOf('! ', at);
      if (header === -1) return undefined;
      let rank = 0;
      let digit = header + 2;
      for (let code = text[digit] ?? 0; code >= 0x30 && code <= 0x39; code = text[digit] ?? 0) {
        rank = rank * 10 + code - 0x30;
        digit += 1;
      }
      for (let position = digit; position < at; position += 1) if (text[position] === space) rank += 1;
      return rank;
    }
  }

  /** Whether token `entry`'s bytes are `bytes[start .. end]`. */
  #is(entry: number, bytes: string, start: number, end: number): boolean {
    const from = this.#starts[entry] ?? 0;
    if ((this.#starts[entry + 1] ?? 0) - from !== end - start) return false;
    for (let offset = 0; offset < end - start; offset += 1) if (this.#bytes[from + offset] !== bytes.charCodeAt(start + offset)) return false;
    return true;
  }

  /**
   * Indexes tokens until `wanted` is indexed (its number), or to the end of the text (-1). One loop over locals, so
   * the engine optimises it while it runs (the first lookups of a process index thousands of tokens).
   */
  #index(wanted: Wanted | undefined): number {
    this.#allocate();
    const text = this.#text;
    const out = this.#bytes;
    const starts = this.#starts;
    const ranks = this.#ranks;
    const slots = this.#slots;
    const mask = this.#mask;
    const length = text.length;
    let read = this.#read;
    let at = this.#at;
    let rank = this.#rank;
    let count = this.#count;
    let written = this.#written;
    let found = -1;
    for (;;) {
      if (read < length && at + lookahead > read && this.#more) read = this.#more();
      const end = read;
      if (at >= end || text[at] === quote) break;
      // A line starts `! <first rank>`; its tokens follow, each after a space; it ends at a newline or `\n`.
      if (rank === -1 || text[at] !== space) {
        if (text[at] === newline) at += 1;
        else if (text[at] === backslash && text[at + 1] === 0x6e) at += 2;
        if (at >= end || text[at] === quote) break;
        if (text[at] !== bang || text[at + 1] !== space) unexpected(at);
        at += 2;
        rank = 0;
        const digitsFrom = at;
        for (let code = text[at] ?? 0; code >= 0x30 && code <= 0x39 && at < end; code = text[at] ?? 0) {
          rank = rank * 10 + code - 0x30;
          at += 1;
        }
        if (at === digitsFrom || text[at] !== space) unexpected(at);
      }
      // ` <base64 token>`, decoded four characters at a time into three bytes.
      at += 1;
      const first = written;
      let hash = fnvBasis;
      let bits = 0;
      let held = 0;
      for (; at < end; at += 1) {
        const code = text[at] ?? 0;
        if (code === space || code === newline || code === backslash || code === quote) break;
        if (code === equals) continue;
        const value = code < 128 ? (base64Values[code] ?? -1) : -1;
        if (value < 0) unexpected(at);
        held = ((held << 6) | value) & 0xffffff;
        bits += 6;
        if (bits >= 8) {
          bits -= 8;
          const byte = (held >> bits) & 0xff;
          out[written] = byte;
          written += 1;
          hash = Math.imul(hash ^ byte, fnvPrime);
        }
      }
      if (written === first || count >= ranks.length) unexpected(at);
      starts[count] = first;
      starts[count + 1] = written;
      ranks[count] = rank;
      rank += 1;
      let slot = hash & mask;
      while (slots[slot] !== 0) slot = (slot + 1) & mask;
      slots[slot] = count + 1;
      count += 1;
      if (wanted && hash === wanted.hash) {
        this.#count = count;
        this.#written = written;
        if (this.#is(count - 1, wanted.bytes, wanted.start, wanted.end)) {
          found = count - 1;
          break;
        }
      }
    }
    this.#read = read;
    this.#at = at;
    this.#rank = rank;
    this.#count = count;
    this.#written = written;
    if (found === -1) this.#done = true;
    return found;
  }
}
