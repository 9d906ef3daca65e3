import { encodeAac } from './encoders/aac.js';
import { encodeFlac } from './encoders/flac.js';
import { encodeMp3 } from './encoders/mp3.js';
import { encodeOpus } from './encoders/opus.js';
import { encodePcm, encodeWav, sampleRate } from './encoders/wav.js';

/** The audio formats speech answers in (`response_format`). */
export type SpeechFormat = 'mp3' | 'opus' | 'aac' | 'flac' | 'wav' | 'pcm';

/** The formats, in the API's order. */
export const speechFormats: readonly SpeechFormat[] = ['mp3', 'opus', 'aac', 'flac', 'wav', 'pcm'];

const contentTypes: Record<SpeechFormat, string> = {
  mp3: 'audio/mpeg',
  opus: 'audio/opus',
  aac: 'audio/aac',
  flac: 'audio/flac',
  wav: 'audio/wav',
  pcm: 'audio/pcm',
};

/** The content type the API sends a format with. */
export function contentTypeOf(format: SpeechFormat): string {
  return contentTypes[format];
}

/** A real audio file of `seconds` of silence in `format`: 24 kHz, mono (16-bit where the format has a sample size). */
export function silence(format: SpeechFormat, seconds: number): Uint8Array<ArrayBuffer> {
  const samples = Math.max(1, Math.round(seconds * sampleRate));
  switch (format) {
    case 'mp3':
      return encodeMp3(samples);
    case 'opus':
      return encodeOpus(samples);
    case 'aac':
      return encodeAac(samples);
    case 'flac':
      return encodeFlac(samples);
    case 'wav':
      return encodeWav(samples);
    case 'pcm':
      return encodePcm(samples);
  }
}

/** The length in seconds of a WAV file (its data chunk over its byte rate), or `undefined` for anything else. */
export function wavSeconds(bytes: Uint8Array): number | undefined {
  const text = (start: number): string => String.fromCharCode(...bytes.subarray(start, start + 4));
  if (bytes.length < 12 || text(0) !== 'RIFF' || text(8) !== 'WAVE') return undefined;
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  let byteRate = 0;
  for (let at = 12; at + 8 <= bytes.length; ) {
    const size = view.getUint32(at + 4, true);
    if (text(at) === 'fmt ' && at + 16 <= bytes.length) byteRate = view.getUint32(at + 16, true);
    if (text(at) === 'data') return byteRate > 0 ? Math.min(size, bytes.length - at - 8) / byteRate : undefined;
    at += 8 + size + (size % 2);
  }
  return undefined;
}
