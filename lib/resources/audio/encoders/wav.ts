import { ascii, concat, le32 } from '../../../internal/bytes.js';

/** The sample rate of the API's speech audio: 24 kHz, 16-bit, mono. */
export const sampleRate = 24_000;

/** Raw PCM of `samples` samples of silence: signed 16-bit little-endian, mono, 24 kHz (`response_format: 'pcm'`). */
export function encodePcm(samples: number): Uint8Array<ArrayBuffer> {
  return new Uint8Array(samples * 2);
}

/** A WAV file (RIFF, PCM format 1) of `samples` samples of silence at 24 kHz, 16-bit, mono. */
export function encodeWav(samples: number): Uint8Array<ArrayBuffer> {
  const data = encodePcm(samples);
  const format = new Uint8Array(16);
  const view = new DataView(format.buffer);
  view.setUint16(0, 1, true); // PCM
  view.setUint16(2, 1, true); // mono
  view.setUint32(4, sampleRate, true);
  view.setUint32(8, sampleRate * 2, true); // bytes a second
  view.setUint16(12, 2, true); // bytes a frame
  view.setUint16(14, 16, true); // bits a sample
  return concat([ascii('RIFF'), le32(36 + data.length), ascii('WAVE'), ascii('fmt '), le32(16), format, ascii('data'), le32(data.length), data]);
}
