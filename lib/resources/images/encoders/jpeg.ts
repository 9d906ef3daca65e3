import { concat } from '../../../internal/bytes.js';
import type { Picture } from './picture.js';

/** Bits, most significant first, with JPEG's byte stuffing (a 0x00 after every 0xFF of entropy-coded data). */
class EntropyWriter {
  readonly #bytes: number[] = [];
  #current = 0;
  #count = 0;

  write(code: number, length: number): void {
    for (let bit = length - 1; bit >= 0; bit--) {
      this.#current = (this.#current << 1) | ((code >>> bit) & 1);
      if (++this.#count === 8) this.#flush();
    }
  }

  /** Pads the last byte with 1 bits, as the standard asks. */
  finish(): Uint8Array {
    if (this.#count > 0) this.write(0xff >>> this.#count, 8 - this.#count);
    return Uint8Array.from(this.#bytes);
  }

  #flush(): void {
    this.#bytes.push(this.#current);
    if (this.#current === 0xff) this.#bytes.push(0);
    this.#current = 0;
    this.#count = 0;
  }
}

/** A Huffman table as JPEG declares it: how many codes of each length 1..16, then the symbols in code order. */
interface HuffmanTable {
  readonly counts: readonly number[];
  readonly symbols: readonly number[];
}

// A flat picture needs few symbols: every block is a DC difference (category 0 after the first block) and an
// end-of-block. Category 0 and end-of-block get one-bit codes, so each 8x8 block after the first costs 2 bits.
const dcTable: HuffmanTable = { counts: [1, 0, 0, 0, 11, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0], symbols: [0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11] };
const acTable: HuffmanTable = { counts: [1, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0], symbols: [0x00] };

/** The canonical codes of a table (JPEG Annex C), by symbol: `[code, length]`. */
function codesOf(table: HuffmanTable): Map<number, [number, number]> {
  const codes = new Map<number, [number, number]>();
  let code = 0;
  let next = 0;
  table.counts.forEach((count, index) => {
    for (let i = 0; i < count; i++) codes.set(table.symbols[next++] ?? 0, [code++, index + 1]);
    code <<= 1;
  });
  return codes;
}

const dcCodes = codesOf(dcTable);
const acCodes = codesOf(acTable);

function segment(marker: number, data: readonly number[]): Uint8Array {
  const length = data.length + 2;
  return Uint8Array.from([0xff, marker, length >> 8, length & 0xff, ...data]);
}

function huffmanSegment(tableClass: number, table: HuffmanTable): Uint8Array {
  return segment(0xc4, [(tableClass << 4) | 0, ...table.counts, ...table.symbols]);
}

/** Writes a DC difference: its category's code, then the value's bits (negative values as one's complement). */
function writeDc(writer: EntropyWriter, diff: number): void {
  const magnitude = Math.abs(diff);
  const category = magnitude === 0 ? 0 : Math.floor(Math.log2(magnitude)) + 1;
  const [code, length] = dcCodes.get(category) ?? [0, 1];
  writer.write(code, length);
  if (category > 0) writer.write(diff > 0 ? diff : diff + (1 << category) - 1, category);
}

/**
 * A baseline JPEG (JFIF, YCbCr, no subsampling) of one flat colour. Each block holds only its DC coefficient,
 * with a quantisation table of ones, so the colour is exact to the YCbCr conversion.
 */
export function encodeJpeg(picture: Picture): Uint8Array {
  const { width, height } = picture;
  const [r, g, b] = picture.color;
  const ycbcr = [
    0.299 * r + 0.587 * g + 0.114 * b,
    128 - 0.168736 * r - 0.331264 * g + 0.5 * b,
    128 + 0.5 * r - 0.418688 * g - 0.081312 * b,
  ].map((value) => 8 * (Math.min(255, Math.max(0, Math.round(value))) - 128));
  const writer = new EntropyWriter();
  const [eob, eobLength] = acCodes.get(0) ?? [0, 1];
  const blocks = Math.ceil(width / 8) * Math.ceil(height / 8);
  for (let block = 0; block < blocks; block++) {
    for (const dc of ycbcr) {
      writeDc(writer, block === 0 ? dc : 0);
      writer.write(eob, eobLength);
    }
  }
  const jfif = segment(0xe0, [0x4a, 0x46, 0x49, 0x46, 0, 1, 1, 0, 0, 1, 0, 1, 0, 0]);
  const quantisation = segment(0xdb, [0, ...Array<number>(64).fill(1)]);
  const frame = segment(0xc0, [8, height >> 8, height & 0xff, width >> 8, width & 0xff, 3, 1, 0x11, 0, 2, 0x11, 0, 3, 0x11, 0]);
  const scan = segment(0xda, [3, 1, 0x00, 2, 0x00, 3, 0x00, 0, 63, 0]);
  return concat([
    Uint8Array.of(0xff, 0xd8),
    jfif,
    quantisation,
    frame,
    huffmanSegment(0, dcTable),
    huffmanSegment(1, acTable),
    scan,
    writer.finish(),
    Uint8Array.of(0xff, 0xd9),
  ]);
}
