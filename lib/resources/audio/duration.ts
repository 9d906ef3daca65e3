import { wavSeconds } from './sounds.js';

function text(bytes: Uint8Array, start: number, length: number): string {
  return String.fromCharCode(...bytes.subarray(start, start + length));
}

/** FLAC: total samples over the sample rate, from STREAMINFO. */
function flacSeconds(view: DataView): number | undefined {
  const word = view.getUint32(18);
  const rate = word >>> 12;
  const total = (word & 0xf) * 2 ** 32 + view.getUint32(22);
  return rate > 0 ? total / rate : undefined;
}

/** Ogg Opus: the last page's granule position less the pre-skip, at 48 kHz. */
function oggOpusSeconds(bytes: Uint8Array, view: DataView): number | undefined {
  let granule = 0;
  let preSkip: number | undefined;
  for (let at = 0; at + 27 <= bytes.length && text(bytes, at, 4) === 'OggS'; ) {
    const segments = bytes[at + 26] ?? 0;
    let length = 0;
    for (let i = 0; i < segments; i++) length += bytes[at + 27 + i] ?? 0;
    const body = at + 27 + segments;
    if (text(bytes, body, 8) === 'OpusHead' && body + 12 <= bytes.length) preSkip = view.getUint16(body + 10, true);
    granule = view.getUint32(at + 6, true) + view.getUint32(at + 10, true) * 2 ** 32;
    at = body + length;
  }
  return preSkip === undefined ? undefined : Math.max(0, granule - preSkip) / 48_000;
}

const adtsRates = [96000, 88200, 64000, 48000, 44100, 32000, 24000, 22050, 16000, 12000, 11025, 8000];
const mpegRates: Record<number, readonly number[]> = { 3: [44100, 48000, 32000], 2: [22050, 24000, 16000], 0: [11025, 12000, 8000] };
const layer3Kbps: Record<'v1' | 'v2', readonly number[]> = {
  v1: [0, 32, 40, 48, 56, 64, 80, 96, 112, 128, 160, 192, 224, 256, 320],
  v2: [0, 8, 16, 24, 32, 40, 48, 56, 64, 80, 96, 112, 128, 144, 160],
};

/** ADTS AAC: 1024 samples a frame, walking the frames by their lengths. */
function adtsSeconds(bytes: Uint8Array): number | undefined {
  let frames = 0;
  let rate = 0;
  for (let at = 0; at + 7 <= bytes.length && bytes[at] === 0xff && ((bytes[at + 1] ?? 0) & 0xf6) === 0xf0; frames++) {
    rate = adtsRates[((bytes[at + 2] ?? 0) >> 2) & 0xf] ?? 0;
    const length = (((bytes[at + 3] ?? 0) & 3) << 11) | ((bytes[at + 4] ?? 0) << 3) | ((bytes[at + 5] ?? 0) >> 5);
    if (length < 7) break;
    at += length;
  }
  return frames > 0 && rate > 0 ? (frames * 1024) / rate : undefined;
}

/** MP3 (MPEG Layer III, after any ID3v2 tag): the samples of every frame, walking them by their lengths. */
function mp3Seconds(bytes: Uint8Array): number | undefined {
  let at = 0;
  if (text(bytes, 0, 3) === 'ID3' && bytes.length >= 10) {
    at = 10 + (((bytes[6] ?? 0) & 0x7f) << 21) + (((bytes[7] ?? 0) & 0x7f) << 14) + (((bytes[8] ?? 0) & 0x7f) << 7) + ((bytes[9] ?? 0) & 0x7f);
  }
  let seconds = 0;
  let frames = 0;
  while (at + 4 <= bytes.length && bytes[at] === 0xff && ((bytes[at + 1] ?? 0) & 0xe0) === 0xe0) {
    const version = ((bytes[at + 1] ?? 0) >> 3) & 3; // 3: MPEG-1, 2: MPEG-2, 0: MPEG-2.5
    const layer = ((bytes[at + 1] ?? 0) >> 1) & 3; // 1: Layer III
    const byte2 = bytes[at + 2] ?? 0;
    const rate = mpegRates[version]?.[(byte2 >> 2) & 3];
    const kbps = layer3Kbps[version === 3 ? 'v1' : 'v2'][byte2 >> 4];
    if (layer !== 1 || !rate || !kbps) break;
    const samples = version === 3 ? 1152 : 576;
    at += Math.floor((samples / 8) * kbps * 1000 / rate) + ((byte2 >> 1) & 1);
    seconds += samples / rate;
    frames++;
  }
  return frames > 0 ? seconds : undefined;
}

/**
 * The length in seconds of an uploaded audio file, read from its structure: WAV, FLAC, Ogg Opus, ADTS AAC and MP3
 * (Layer III) as the speech route writes them and as common encoders do; `undefined` for anything else.
 */
export function audioSeconds(bytes: Uint8Array): number | undefined {
  if (bytes.length < 12) return undefined;
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  if (text(bytes, 0, 4) === 'RIFF') return wavSeconds(bytes);
  if (text(bytes, 0, 4) === 'fLaC' && bytes.length >= 26) return flacSeconds(view);
  if (text(bytes, 0, 4) === 'OggS') return oggOpusSeconds(bytes, view);
  if (bytes[0] === 0xff && ((bytes[1] ?? 0) & 0xf6) === 0xf0) return adtsSeconds(bytes);
  return mp3Seconds(bytes);
}
