import { ascii, concat } from '../../../internal/bytes.js';
import type { Picture } from './picture.js';

/** GIF's LZW code stream of `count` pixels of colour index 0 (minimum code size 2), packed into sub-blocks. */
function lzwZeros(count: number): Uint8Array {
  const minCodeSize = 2;
  const clear = 1 << minCodeSize;
  const end = clear + 1;
  const bytes: number[] = [];
  let buffer = 0;
  let bits = 0;
  let codeSize = minCodeSize + 1;
  const emit = (code: number): void => {
    buffer |= code << bits;
    bits += codeSize;
    while (bits >= 8) {
      bytes.push(buffer & 0xff);
      buffer >>>= 8;
      bits -= 8;
    }
  };
  // Every pixel is index 0, so the table only ever grows "the current run plus one more 0": one successor a code.
  const table = new Int16Array(4096).fill(-1);
  let next = end + 1;
  emit(clear);
  let prefix = 0;
  for (let i = 1; i < count; i++) {
    const known = table[prefix] ?? -1;
    if (known >= 0) {
      prefix = known;
      continue;
    }
    emit(prefix);
    if (next === 4096) {
      emit(clear);
      table.fill(-1);
      next = end + 1;
      codeSize = minCodeSize + 1;
    } else {
      if (next >= 1 << codeSize) codeSize++;
      table[prefix] = next++;
    }
    prefix = 0;
  }
  emit(prefix);
  emit(end);
  if (bits > 0) bytes.push(buffer & 0xff);
  const blocks: number[] = [minCodeSize];
  for (let i = 0; i < bytes.length; i += 255) {
    const block = bytes.slice(i, i + 255);
    blocks.push(block.length, ...block);
  }
  blocks.push(0);
  return Uint8Array.from(blocks);
}

function le16(value: number): number[] {
  return [value & 0xff, value >> 8];
}

/**
 * An animated GIF89a of one flat colour: `frames` frames (`frame_count`) of `delayMs` each (`frame_duration_ms`,
 * in GIF's hundredths of a second), looping forever; index 0 transparent when the picture is.
 */
export function encodeGif(picture: Picture, frames = 9, delayMs = 200): Uint8Array {
  const { width, height, transparent } = picture;
  const [r, g, b] = picture.color;
  const screen = Uint8Array.from([...le16(width), ...le16(height), 0x80, 0, 0, r, g, b, 0, 0, 0]);
  const loop = Uint8Array.from([0x21, 0xff, 11, ...ascii('NETSCAPE2.0'), 3, 1, 0, 0, 0]);
  const delay = Math.min(0xffff, Math.round(delayMs / 10));
  const control = Uint8Array.from([0x21, 0xf9, 4, transparent ? 0x09 : 0x04, ...le16(delay), 0, 0]);
  const descriptor = Uint8Array.from([0x2c, 0, 0, 0, 0, ...le16(width), ...le16(height), 0]);
  const frame = concat([control, descriptor, lzwZeros(width * height)]);
  return concat([ascii('GIF89a'), screen, ...(frames > 1 ? [loop] : []), ...Array<Uint8Array>(frames).fill(frame), Uint8Array.of(0x3b)]);
}
