import { inflateSync } from 'node:zlib';

/** What a test reads back from an image file: its format and pixel size, checked against the format's own structure. */
export interface ImageInfo {
  format: 'png' | 'jpeg' | 'webp' | 'gif' | 'svg';
  width: number;
  height: number;
}

function ascii(bytes: Uint8Array, start: number, length: number): string {
  return String.fromCharCode(...bytes.subarray(start, start + length));
}

/**
 * Reads an image file's format and size. PNGs are decoded whole (every chunk's CRC checked, the pixels inflated
 * and counted); the other formats are read from their headers.
 */
export function imageInfo(bytes: Uint8Array): ImageInfo {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  if (bytes[0] === 0x89 && ascii(bytes, 1, 3) === 'PNG') {
    const width = view.getUint32(16);
    const height = view.getUint32(20);
    const channels = bytes[25] === 6 ? 4 : 3;
    const idat: Uint8Array[] = [];
    for (let at = 8; at < bytes.length; ) {
      const length = view.getUint32(at);
      const type = ascii(bytes, at + 4, 4);
      if (type === 'IDAT') idat.push(bytes.subarray(at + 8, at + 8 + length));
      at += 12 + length;
    }
    const pixels = inflateSync(Buffer.concat(idat));
    if (pixels.length !== height * (1 + width * channels)) throw new Error(`PNG pixel data of ${pixels.length} bytes for ${width}x${height}`);
    return { format: 'png', width, height };
  }
  if (bytes[0] === 0xff && bytes[1] === 0xd8) {
    for (let at = 2; at < bytes.length; ) {
      const marker = bytes[at + 1] ?? 0;
      if (marker === 0xc0) return { format: 'jpeg', height: view.getUint16(at + 5), width: view.getUint16(at + 7) };
      at += 2 + view.getUint16(at + 2);
    }
    throw new Error('JPEG without a frame header');
  }
  if (ascii(bytes, 0, 4) === 'RIFF' && ascii(bytes, 8, 4) === 'WEBP' && ascii(bytes, 12, 4) === 'VP8L') {
    const bits = view.getUint32(21, true);
    return { format: 'webp', width: (bits & 0x3fff) + 1, height: ((bits >>> 14) & 0x3fff) + 1 };
  }
  if (ascii(bytes, 0, 6) === 'GIF89a') return { format: 'gif', width: view.getUint16(6, true), height: view.getUint16(8, true) };
  const text = new TextDecoder().decode(bytes);
  const svg = /^<svg [^>]*width="(\d+)" height="(\d+)"/.exec(text);
  if (svg) return { format: 'svg', width: Number(svg[1]), height: Number(svg[2]) };
  throw new Error(`not an image file: ${ascii(bytes, 0, 8)}`);
}

/** What a test reads back from an audio file: its container, sample rate, channels and length. */
export interface AudioInfo {
  format: 'wav' | 'mp3' | 'aac' | 'flac' | 'opus';
  sampleRate: number;
  channels: number;
  seconds: number;
}

/**
 * Reads an audio file's format, rate, channels and length by walking its structure: WAV chunks, every MP3 and
 * ADTS frame header (each frame's length must lead to the next sync word), FLAC's STREAMINFO, and every Ogg page.
 */
export function audioInfo(bytes: Uint8Array): AudioInfo {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  if (ascii(bytes, 0, 4) === 'RIFF' && ascii(bytes, 8, 4) === 'WAVE') {
    let format = { sampleRate: 0, channels: 0, byteRate: 0 };
    for (let at = 12; at + 8 <= bytes.length; ) {
      const size = view.getUint32(at + 4, true);
      if (ascii(bytes, at, 4) === 'fmt ') {
        format = { channels: view.getUint16(at + 10, true), sampleRate: view.getUint32(at + 12, true), byteRate: view.getUint32(at + 16, true) };
      }
      if (ascii(bytes, at, 4) === 'data') return { format: 'wav', sampleRate: format.sampleRate, channels: format.channels, seconds: size / format.byteRate };
      at += 8 + size;
    }
    throw new Error('WAV without a data chunk');
  }
  if (ascii(bytes, 0, 4) === 'fLaC') {
    const word = view.getUint32(18);
    const sampleRate = word >>> 12;
    const total = (word & 0xf) * 2 ** 32 + view.getUint32(22);
    return { format: 'flac', sampleRate, channels: ((word >>> 9) & 7) + 1, seconds: total / sampleRate };
  }
  if (ascii(bytes, 0, 4) === 'OggS') {
    let granule = 0;
    let head: { channels: number; preSkip: number; rate: number } | undefined;
    for (let at = 0; at < bytes.length; ) {
      if (ascii(bytes, at, 4) !== 'OggS') throw new Error(`no Ogg page at ${at}`);
      const segments = bytes[at + 26] ?? 0;
      let length = 0;
      for (let i = 0; i < segments; i++) length += bytes[at + 27 + i] ?? 0;
      const body = at + 27 + segments;
      if (ascii(bytes, body, 8) === 'OpusHead') head = { channels: bytes[body + 9] ?? 0, preSkip: view.getUint16(body + 10, true), rate: view.getUint32(body + 12, true) };
      granule = view.getUint32(at + 6, true) + view.getUint32(at + 10, true) * 2 ** 32;
      at = body + length;
    }
    if (!head) throw new Error('Ogg without OpusHead');
    return { format: 'opus', sampleRate: head.rate, channels: head.channels, seconds: (granule - head.preSkip) / 48_000 };
  }
  if (bytes[0] === 0xff && ((bytes[1] ?? 0) & 0xf6) === 0xf0) {
    const rates = [96000, 88200, 64000, 48000, 44100, 32000, 24000, 22050, 16000, 12000, 11025, 8000];
    let frames = 0;
    let sampleRate = 0;
    let channels = 0;
    for (let at = 0; at < bytes.length; frames++) {
      if (bytes[at] !== 0xff || ((bytes[at + 1] ?? 0) & 0xf6) !== 0xf0) throw new Error(`no ADTS frame at ${at}`);
      sampleRate = rates[((bytes[at + 2] ?? 0) >> 2) & 0xf] ?? 0;
      channels = (((bytes[at + 2] ?? 0) & 1) << 2) | ((bytes[at + 3] ?? 0) >> 6);
      at += (((bytes[at + 3] ?? 0) & 3) << 11) | ((bytes[at + 4] ?? 0) << 3) | ((bytes[at + 5] ?? 0) >> 5);
    }
    return { format: 'aac', sampleRate, channels, seconds: (frames * 1024) / sampleRate };
  }
  if (bytes[0] === 0xff && ((bytes[1] ?? 0) & 0xe0) === 0xe0) {
    const mpeg2Rates = [22050, 24000, 16000];
    const mpeg2Layer3Kbps = [0, 8, 16, 24, 32, 40, 48, 56, 64, 80, 96, 112, 128, 144, 160];
    let frames = 0;
    let sampleRate = 0;
    let channels = 0;
    for (let at = 0; at < bytes.length; frames++) {
      if (bytes[at] !== 0xff || bytes[at + 1] !== 0xf3) throw new Error(`no MPEG-2 Layer III frame at ${at}`);
      const byte2 = bytes[at + 2] ?? 0;
      sampleRate = mpeg2Rates[(byte2 >> 2) & 3] ?? 0;
      channels = (bytes[at + 3] ?? 0) >> 6 === 3 ? 1 : 2;
      at += Math.floor((72 * (mpeg2Layer3Kbps[byte2 >> 4] ?? 0) * 1000) / sampleRate) + ((byte2 >> 1) & 1);
    }
    return { format: 'mp3', sampleRate, channels, seconds: (frames * 576) / sampleRate };
  }
  throw new Error(`not an audio file: ${ascii(bytes, 0, 8)}`);
}
