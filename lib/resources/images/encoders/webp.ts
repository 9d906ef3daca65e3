import { ascii, concat, le32 } from '../../../internal/bytes.js';
import type { Picture } from './picture.js';

/** Bits, least significant first, as VP8L reads them. */
class LsbWriter {
  readonly #bytes: number[] = [];
  #current = 0;
  #count = 0;

  write(value: number, length: number): void {
    for (let bit = 0; bit < length; bit++) {
      this.#current |= ((value >>> bit) & 1) << this.#count;
      if (++this.#count === 8) {
        this.#bytes.push(this.#current);
        this.#current = 0;
        this.#count = 0;
      }
    }
  }

  finish(): Uint8Array {
    if (this.#count > 0) this.#bytes.push(this.#current);
    return Uint8Array.from(this.#bytes);
  }
}

/** A "simple" prefix code of one symbol: its code length is zero, so every pixel reads it without a bit. */
function writeSingleSymbol(writer: LsbWriter, symbol: number): void {
  writer.write(1, 1); // simple code
  writer.write(0, 1); // one symbol
  const wide = symbol > 1;
  writer.write(wide ? 1 : 0, 1);
  writer.write(symbol, wide ? 8 : 1);
}

/**
 * A lossless WebP (VP8L) of one flat colour: no transforms, no colour cache, and one single-symbol prefix code
 * for each of green, red, blue, alpha and distance, so the pixels themselves take no bits at all.
 */
export function encodeWebp(picture: Picture): Uint8Array {
  const { width, height, transparent } = picture;
  const [r, g, b] = picture.color;
  const writer = new LsbWriter();
  writer.write(0x2f, 8); // VP8L signature
  writer.write(width - 1, 14);
  writer.write(height - 1, 14);
  writer.write(transparent ? 1 : 0, 1);
  writer.write(0, 3); // version
  writer.write(0, 1); // no transform
  writer.write(0, 1); // no colour cache
  writer.write(0, 1); // no meta prefix codes
  for (const symbol of [g, r, b, transparent ? 0 : 255, 0]) writeSingleSymbol(writer, symbol);
  const data = writer.finish();
  const padded = data.length % 2 === 1 ? concat([data, new Uint8Array(1)]) : data;
  const chunk = concat([ascii('VP8L'), le32(data.length), padded]);
  return concat([ascii('RIFF'), le32(4 + chunk.length), ascii('WEBP'), chunk]);
}
