import { createHash } from 'node:crypto';
import { ascii, concat } from '../../../internal/bytes.js';
import { encodePcm, sampleRate } from './wav.js';

const blockSize = 4096;

function crc8(bytes: Uint8Array): number {
  let crc = 0;
  for (const byte of bytes) {
    crc ^= byte;
    for (let bit = 0; bit < 8; bit++) crc = crc & 0x80 ? ((crc << 1) ^ 0x07) & 0xff : (crc << 1) & 0xff;
  }
  return crc;
}

function crc16(bytes: Uint8Array): number {
  let crc = 0;
  for (const byte of bytes) {
    crc ^= byte << 8;
    for (let bit = 0; bit < 8; bit++) crc = crc & 0x8000 ? ((crc << 1) ^ 0x8005) & 0xffff : (crc << 1) & 0xffff;
  }
  return crc;
}

/** A frame number as FLAC writes it: UTF-8's variable-length coding of the number. */
function utf8Number(value: number): number[] {
  if (value < 0x80) return [value];
  if (value < 0x800) return [0xc0 | (value >> 6), 0x80 | (value & 0x3f)];
  if (value < 0x10000) return [0xe0 | (value >> 12), 0x80 | ((value >> 6) & 0x3f), 0x80 | (value & 0x3f)];
  return [0xf0 | (value >> 18), 0x80 | ((value >> 12) & 0x3f), 0x80 | ((value >> 6) & 0x3f), 0x80 | (value & 0x3f)];
}

/** One frame of `samples` samples of silence: a header, one CONSTANT subframe of value 0, and the CRCs. */
function frame(number: number, samples: number): Uint8Array<ArrayBuffer> {
  const full = samples === blockSize;
  // sync + fixed block size; block size code (4096, or 16-bit "size - 1" at the header's end), 24 kHz;
  // mono, 16 bits a sample.
  const header = [0xff, 0xf8, ((full ? 0b1100 : 0b0111) << 4) | 0b0111, (0b0000 << 4) | (0b100 << 1), ...utf8Number(number)];
  if (!full) header.push((samples - 1) >> 8, (samples - 1) & 0xff);
  const withCrc = Uint8Array.from([...header, crc8(Uint8Array.from(header))]);
  const body = concat([withCrc, Uint8Array.of(0x00, 0x00, 0x00)]); // CONSTANT subframe header, then the 16-bit value 0
  const crc = crc16(body);
  return concat([body, Uint8Array.of(crc >> 8, crc & 0xff)]);
}

/** A FLAC file of `samples` samples of silence at 24 kHz, 16-bit, mono, with its STREAMINFO (and the PCM's MD5). */
export function encodeFlac(samples: number): Uint8Array<ArrayBuffer> {
  const info = new Uint8Array(34);
  const view = new DataView(info.buffer);
  view.setUint16(0, blockSize);
  view.setUint16(2, blockSize);
  // min/max frame size (24 bits each) left 0: unknown.
  // sample rate (20 bits), channels - 1 (3 bits), bits a sample - 1 (5 bits), total samples (36 bits).
  const high = Math.floor(samples / 2 ** 32);
  view.setUint32(10, (sampleRate << 12) | (0 << 9) | (15 << 4) | (high & 0xf));
  view.setUint32(14, samples >>> 0);
  info.set(createHash('md5').update(encodePcm(samples)).digest(), 18);
  const frames: Uint8Array[] = [];
  for (let start = 0, number = 0; start < samples; start += blockSize, number++) {
    frames.push(frame(number, Math.min(blockSize, samples - start)));
  }
  return concat([ascii('fLaC'), Uint8Array.of(0x80, 0, 0, 34), info, ...frames]);
}
