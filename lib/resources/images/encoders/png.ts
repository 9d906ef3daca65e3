import { constants, deflateSync } from 'node:zlib';
import { ascii, concat } from '../../../internal/bytes.js';
import type { Picture } from './picture.js';

const crcTable = ((): Uint32Array => {
  const table = new Uint32Array(256);
  for (let n = 0; n < 256; n++) {
    let c = n;
    for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
    table[n] = c >>> 0;
  }
  return table;
})();

/** The CRC-32 PNG (and zip) use, over `bytes`. */
export function crc32(bytes: Uint8Array): number {
  let c = 0xffffffff;
  for (const byte of bytes) c = (crcTable[(c ^ byte) & 0xff] ?? 0) ^ (c >>> 8);
  return (c ^ 0xffffffff) >>> 0;
}

function chunk(type: string, data: Uint8Array): Uint8Array {
  const out = new Uint8Array(12 + data.length);
  const view = new DataView(out.buffer);
  view.setUint32(0, data.length);
  out.set(ascii(type), 4);
  out.set(data, 8);
  view.setUint32(8 + data.length, crc32(out.subarray(4, 8 + data.length)));
  return out;
}

/**
 * A PNG of one flat colour: truecolour (with alpha when the picture is transparent), 8 bits a sample,
 * compressed with deflate.
 */
export function encodePng(picture: Picture): Uint8Array {
  const { width, height, color, transparent } = picture;
  const channels = transparent ? 4 : 3;
  const pixel = transparent ? [color[0], color[1], color[2], 0] : [color[0], color[1], color[2]];
  // The first row is filtered Sub (each pixel less the one before it: the colour, then zeros), every other row
  // Up (less the row above: zeros), so the data is nearly all zeros and deflate's RLE strategy packs it at once.
  const stride = 1 + width * channels;
  const raw = new Uint8Array(stride * height);
  raw[0] = 1;
  raw.set(pixel, 1);
  for (let y = 1; y < height; y++) raw[y * stride] = 2;
  const header = new Uint8Array(13);
  const view = new DataView(header.buffer);
  view.setUint32(0, width);
  view.setUint32(4, height);
  header.set([8, transparent ? 6 : 2, 0, 0, 0], 8);
  const signature = Uint8Array.of(0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a);
  const parts = [signature, chunk('IHDR', header), chunk('IDAT', deflateSync(raw, { strategy: constants.Z_RLE })), chunk('IEND', new Uint8Array())];
  return concat(parts);
}
