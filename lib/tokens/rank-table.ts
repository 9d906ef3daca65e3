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
 * @internal An encoding's tokens and their ranks, looked up by the token's bytes. Built from js-tiktoken's ranks
 * text (`bpe_ranks`: lines `! <first rank> <base64 token> <base64 token> ...`, ranks counting up), its lines
 * split by newlines or, as the text stands inside a JSON string, by `\n` escapes (a `"` ends it there). The text is checked as it is
 * indexed: {@link RankTable.indexAll} reads it all (and throws on a text not so written).
 */
export class RankTable {
  readonly #text: Uint8Array;
  /** Every token indexed so far, its bytes one after another. */
  readonly #bytes: Uint8Array;
  /** Token `i`'s bytes are `#bytes[#starts[i] .. #starts[i + 1]]`. */
  readonly #starts: Int32Array;
  readonly #ranks: Int32Array;
  /** Open addressing (linear probing): token number + 1, or 0 for an empty slot. */
  readonly #slots: Int32Array;
  readonly #mask: number;
  /** Where indexing stands in the text, the next token's rank and number, and the bytes written. */
  #at = 0;
  #rank = -1;
  #count = 0;
  #written = 0;

  constructor(text: Uint8Array) {
    // At most a token per five characters (the shortest is a byte: four characters and a space); not counted, as
    // counting would read the whole text.
    const tokens = Math.ceil(text.length / 5) + 1;
    let capacity = 1;
    while (capacity < tokens * 2) capacity *= 2;
    this.#text = text;
    this.#bytes = new Uint8Array(Math.ceil((text.length * 3) / 4));
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
    while (this.#next() !== -1);
    return this;
  }

  /** The rank of the token whose bytes are `bytes[start .. end]` (a binary string: one character a byte), or -1. */
  rank(bytes: string, start: number, end: number): number {
    let hash = fnvBasis;
    for (let at = start; at < end; at += 1) hash = Math.imul(hash ^ bytes.charCodeAt(at), fnvPrime);
    for (let slot = hash & this.#mask; ; slot = (slot + 1) & this.#mask) {
      const entry = this.#slots[slot] ?? 0;
      if (entry === 0) break;
      if (this.#is(entry - 1, bytes, start, end)) return this.#ranks[entry - 1] ?? -1;
    }
    // Not indexed yet: index on until the token comes (or the text ends).
    for (;;) {
      const entry = this.#next();
      if (entry === -1) return -1;
      if (this.#is(entry, bytes, start, end)) return this.#ranks[entry] ?? -1;
    }
  }

  /** Whether token `entry`'s bytes are `bytes[start .. end]`. */
  #is(entry: number, bytes: string, start: number, end: number): boolean {
    const from = this.#starts[entry] ?? 0;
    if ((this.#starts[entry + 1] ?? 0) - from !== end - start) return false;
    for (let offset = 0; offset < end - start; offset += 1) if (this.#bytes[from + offset] !== bytes.charCodeAt(start + offset)) return false;
    return true;
  }

  /** Indexes the next token of the text: its number, or -1 at the end of the text. */
  #next(): number {
    const text = this.#text;
    const end = text.length;
    let at = this.#at;
    if (at >= end || text[at] === quote) return -1;
    // A line starts `! <first rank>`; its tokens follow, each after a space; it ends at a newline or `\n`.
    if (this.#rank === -1 || text[at] !== space) {
      if (at < end && text[at] === newline) at += 1;
      else if (at + 1 < end && text[at] === backslash && text[at + 1] === 0x6e) at += 2;
      if (at >= end || text[at] === quote) {
        this.#at = at;
        return -1;
      }
      if (at + 2 >= end || text[at] !== bang || text[at + 1] !== space) unexpected(at);
      at += 2;
      let rank = 0;
      const digitsFrom = at;
      while (at < end && (text[at] ?? 0) >= 0x30 && (text[at] ?? 0) <= 0x39) {
        rank = rank * 10 + (text[at] ?? 0) - 0x30;
        at += 1;
      }
      if (at === digitsFrom || at >= end || text[at] !== space) unexpected(at);
      this.#rank = rank;
    }
    // ` <base64 token>`, decoded four characters at a time into three bytes.
    at += 1;
    const bytes = this.#bytes;
    const first = this.#written;
    let written = first;
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
        bytes[written] = byte;
        written += 1;
        hash = Math.imul(hash ^ byte, fnvPrime);
      }
    }
    const entry = this.#count;
    if (written === first || entry >= this.#ranks.length) unexpected(at);
    this.#starts[entry] = first;
    this.#starts[entry + 1] = written;
    this.#ranks[entry] = this.#rank;
    this.#rank += 1;
    this.#count = entry + 1;
    this.#written = written;
    this.#at = at;
    let slot = hash & this.#mask;
    while (this.#slots[slot] !== 0) slot = (slot + 1) & this.#mask;
    this.#slots[slot] = entry + 1;
    return entry;
  }
}
