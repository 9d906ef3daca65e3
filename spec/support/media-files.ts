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
