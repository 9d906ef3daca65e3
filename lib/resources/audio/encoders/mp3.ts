import { concat } from '../../../internal/bytes.js';

/** Samples in one MPEG-2 Layer III frame (one granule of 576). */
const frameSamples = 576;

/**
 * An MP3 of silence: MPEG-2 Layer III frames at 24 kHz, mono, 8 kbit/s, no CRC. Each frame is its 4-byte header,
 * 9 bytes of side information that are all zero (no coded values: silence), and zero padding to 24 bytes.
 */
export function encodeMp3(samples: number): Uint8Array<ArrayBuffer> {
  const frames = Math.max(1, Math.ceil(samples / frameSamples));
  // 0xFFF3: sync, MPEG-2, Layer III, no CRC; 0x14: 8 kbit/s, 24 kHz, no padding; 0xC4: mono, original.
  const frame = new Uint8Array(24);
  frame.set([0xff, 0xf3, 0x14, 0xc4]);
  return concat(Array<Uint8Array>(frames).fill(frame));
}
