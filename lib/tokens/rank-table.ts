// The ranks of an encoding are 100,000 to 200,000 tokens. Kept in a Map keyed by strings, they cost a process
// that many strings and Map entries to build (~300 ms for o200k_base); here they are decoded in one pass over the
// ranks' text into one byte array, with an open-addressing hash table of entry numbers over it: a few typed
// arrays, built in a few ms. A piece is looked up by its bytes as they stand in the text being counted (a binary
// string, one character a byte), with no string made for it.

/** Decoded value of each base64 character (by char code), -1 for others. */
const base64Values = new Int8Array(128).fill(-1);
for (const [index, char] of [...'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/'].entries()) base64Values[char.charCodeAt(0)] = index;

const space = 0x20;
const newline = 0x0a;
const backslash = 0x5c;
const bang = 0x21;
const equals = 0x3d;

/** FNV-1a's offset basis and prime (32 bits). */
const fnvBasis = 0x811c9dc5;
const fnvPrime = 0x01000193;

/** Where the text of the ranks stops parsing: a clear error (the caller falls back to js-tiktoken's own loader). */
function unexpected(at: number): never {
  throw new Error(`The ranks text is not as js-tiktoken writes it (at byte ${at}).`);
}

/**
 * @internal An encoding's tokens and their ranks, looked up by the token's bytes. Built from js-tiktoken's ranks
 * text (`bpe_ranks`: lines `! <first rank> <base64 token> <base64 token> ...`, ranks counting up), its lines
 * split by newlines or, as the text stands inside a JSON string, by `\n` escapes.
 */
export class RankTable {
  /** Every token's bytes, one after another. */
  readonly #bytes: Uint8Array;
  /** Token `i`'s bytes are `#bytes[#starts[i] .. #starts[i + 1]]`. */
  readonly #starts: Int32Array;
  readonly #ranks: Int32Array;
  /** Open addressing (linear probing): token number + 1, or 0 for an empty slot. */
  readonly #slots: Int32Array;
  readonly #mask: number;
  /** How many tokens the table holds. */
  readonly size: number;

  constructor(text: Uint8Array) {
    let tokens = 0;
    for (let at = 0; at < text.length; at += 1) if (text[at] === space) tokens += 1;
    const bytes = new Uint8Array(Math.ceil((text.length * 3) / 4));
    const starts = new Int32Array(tokens + 1);
    const ranks = new Int32Array(tokens);
    let capacity = 1;
    while (capacity < tokens * 2) capacity *= 2;
    const slots = new Int32Array(capacity);
    const mask = capacity - 1;
    let count = 0;
    let written = 0;
    let at = 0;
    const end = text.length;
    while (at < end) {
      // A line: `!`, a space, the first rank's digits, then ` <token>` for each token.
      if (text[at] !== bang || text[at + 1] !== space) unexpected(at);
      at += 2;
      let rank = 0;
      const digitsFrom = at;
      for (let code = text[at] ?? 0; code >= 0x30 && code <= 0x39; code = text[at] ?? 0) {
        rank = rank * 10 + code - 0x30;
        at += 1;
      }
      if (at === digitsFrom) unexpected(at);
      while (text[at] === space) {
        at += 1;
        // One base64 token, decoded four characters at a time into three bytes.
        const from = written;
        let hash = fnvBasis;
        let bits = 0;
        let held = 0;
        for (let code = text[at] ?? 0; code !== space && code !== newline && code !== backslash && at < end; code = text[at] ?? 0) {
          at += 1;
          if (code === equals) continue;
          const value = code < 128 ? (base64Values[code] ?? -1) : -1;
          if (value < 0) unexpected(at - 1);
          held = (held << 6) | value;
          bits += 6;
          if (bits >= 8) {
            bits -= 8;
            const byte = (held >> bits) & 0xff;
            bytes[written] = byte;
            written += 1;
            hash = Math.imul(hash ^ byte, fnvPrime);
          }
        }
        if (written === from || count >= tokens) unexpected(at);
        starts[count] = from;
        ranks[count] = rank;
        count += 1;
        rank += 1;
        let slot = hash & mask;
        while (slots[slot] !== 0) slot = (slot + 1) & mask;
        slots[slot] = count;
      }
      if (text[at] === newline) at += 1;
      else if (text[at] === backslash && text[at + 1] === 0x6e) at += 2;
      else if (at < end) unexpected(at);
    }
    starts[count] = written;
    this.#bytes = bytes;
    this.#starts = starts;
    this.#ranks = ranks;
    this.#slots = slots;
    this.#mask = mask;
    this.size = count;
  }

  /** The rank of the token whose bytes are `bytes[start .. end]` (a binary string: one character a byte), or -1. */
  rank(bytes: string, start: number, end: number): number {
    let hash = fnvBasis;
    for (let at = start; at < end; at += 1) hash = Math.imul(hash ^ bytes.charCodeAt(at), fnvPrime);
    const length = end - start;
    for (let slot = hash & this.#mask; ; slot = (slot + 1) & this.#mask) {
      const entry = this.#slots[slot] ?? 0;
      if (entry === 0) return -1;
      const from = this.#starts[entry - 1] ?? 0;
      if ((this.#starts[entry] ?? 0) - from !== length) continue;
      let same = true;
      for (let offset = 0; offset < length && same; offset += 1) same = this.#bytes[from + offset] === bytes.charCodeAt(start + offset);
      if (same) return this.#ranks[entry - 1] ?? -1;
    }
  }
}
