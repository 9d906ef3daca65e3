import { concat } from '../../../internal/bytes.js';

/** Samples in one AAC frame. */
const frameSamples = 1024;

/**
 * AAC-LC in ADTS of silence at 24 kHz, mono. Each frame is a 7-byte ADTS header and a 4-byte raw data block:
 * one single-channel element with `max_sfb` 0 (no spectral data: silence), then the end element.
 */
export function encodeAac(samples: number): Uint8Array<ArrayBuffer> {
  const frames = Math.max(1, Math.ceil(samples / frameSamples));
  const length = 7 + 4;
  const frame = Uint8Array.of(
    0xff, 0xf1, // sync, MPEG-4, layer 0, no CRC
    (1 << 6) | (6 << 2) | 0, // profile LC (object type 2 - 1), 24 kHz (index 6), private 0, channel config high bit 0
    (1 << 6) | (length >> 11), // channel config 1 (mono), frame length high bits
    (length >> 3) & 0xff,
    ((length & 7) << 5) | 0x1f, // frame length low bits, buffer fullness 0x7FF (variable)
    0xfc, // buffer fullness low bits, one raw data block
    0x00, 0x00, 0x00, 0x07, // SCE (tag 0, global gain 0, long window, max_sfb 0, no pulse/TNS/gain control), END
  );
  return concat(Array<Uint8Array>(frames).fill(frame));
}
