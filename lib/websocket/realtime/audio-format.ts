import type { RealtimeAudioFormats } from 'openai/resources/realtime/realtime';

/** A realtime audio format as the mock codes it: PCM16 little-endian at 24 kHz, or G.711 μ-law / A-law at 8 kHz. */
export interface AudioCoding {
  readonly type: 'audio/pcm' | 'audio/pcmu' | 'audio/pcma';
  /** Samples a second. */
  readonly rate: number;
  /** Bytes a sample. */
  readonly width: 1 | 2;
}

/** The coding of a session's format (PCM16 at 24 kHz when none is set). */
export function codingOf(format: RealtimeAudioFormats | undefined): AudioCoding {
  if (format?.type === 'audio/pcmu' || format?.type === 'audio/pcma') return { type: format.type, rate: 8000, width: 1 };
  return { type: 'audio/pcm', rate: 24000, width: 2 };
}

/** How long `bytes` bytes of audio last, in milliseconds. */
export function durationMs(bytes: number, coding: AudioCoding): number {
  return Math.floor((bytes / coding.width / coding.rate) * 1000);
}

/** How many bytes `ms` milliseconds of audio take. */
export function bytesFor(ms: number, coding: AudioCoding): number {
  return Math.round((ms / 1000) * coding.rate) * coding.width;
}

/** G.711 μ-law: one byte from a 16-bit sample. */
function muLaw(sample: number): number {
  const sign = sample < 0 ? 0x80 : 0;
  let magnitude = Math.min(Math.abs(sample), 32635) + 0x84;
  let exponent = 7;
  for (let mask = 0x4000; (magnitude & mask) === 0 && exponent > 0; mask >>= 1) exponent--;
  const mantissa = (magnitude >> (exponent + 3)) & 0x0f;
  magnitude = sign | (exponent << 4) | mantissa;
  return ~magnitude & 0xff;
}

/** G.711 μ-law: the 16-bit sample of one byte. */
function fromMuLaw(byte: number): number {
  const value = ~byte & 0xff;
  const exponent = (value >> 4) & 0x07;
  const magnitude = ((((value & 0x0f) << 3) + 0x84) << exponent) - 0x84;
  return value & 0x80 ? -magnitude : magnitude;
}

/** G.711 A-law: one byte from a 16-bit sample. */
function aLaw(sample: number): number {
  const sign = sample >= 0 ? 0x80 : 0;
  let magnitude = Math.min(Math.abs(sample), 32767) >> 3;
  let exponent = 0;
  if (magnitude >= 32) {
    exponent = 1;
    while (magnitude >= 64 && exponent < 7) {
      magnitude >>= 1;
      exponent++;
    }
    magnitude >>= 1;
  }
  return (sign | (exponent << 4) | (magnitude & 0x0f)) ^ 0x55;
}

/** G.711 A-law: the 16-bit sample of one byte. */
function fromALaw(byte: number): number {
  const value = byte ^ 0x55;
  const exponent = (value >> 4) & 0x07;
  const mantissa = value & 0x0f;
  const magnitude = exponent === 0 ? (mantissa << 4) + 8 : ((mantissa << 4) + 0x108) << (exponent - 1);
  return value & 0x80 ? magnitude : -magnitude;
}

/** Audio bytes in a coding, from 16-bit samples. */
export function encodeSamples(samples: Int16Array, coding: AudioCoding): Uint8Array {
  if (coding.type === 'audio/pcm') {
    const bytes = new Uint8Array(samples.length * 2);
    const view = new DataView(bytes.buffer);
    samples.forEach((sample, index) => view.setInt16(index * 2, sample, true));
    return bytes;
  }
  const law = coding.type === 'audio/pcmu' ? muLaw : aLaw;
  return Uint8Array.from(samples, law);
}

/** 16-bit samples from audio bytes in a coding (an odd trailing PCM byte is dropped). */
export function decodeSamples(bytes: Uint8Array, coding: AudioCoding): Int16Array {
  if (coding.type === 'audio/pcm') {
    const samples = new Int16Array(Math.floor(bytes.length / 2));
    const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
    for (let index = 0; index < samples.length; index++) samples[index] = view.getInt16(index * 2, true);
    return samples;
  }
  const law = coding.type === 'audio/pcmu' ? fromMuLaw : fromALaw;
  return Int16Array.from(bytes, law);
}
