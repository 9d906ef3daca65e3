import { encodeGif } from './encoders/gif.js';
import { encodeJpeg } from './encoders/jpeg.js';
import type { Picture } from './encoders/picture.js';
import { encodePng } from './encoders/png.js';
import { encodeSvg } from './encoders/svg.js';
import { encodeWebp } from './encoders/webp.js';

/** The file formats the images routes answer in (`output_format`). */
export type ImageFormat = 'png' | 'jpeg' | 'webp' | 'gif' | 'svg';

/** One picture to draw: its size, which image of the answer it is (its colour), and its background. */
export interface PictureRequest {
  readonly format: ImageFormat;
  readonly width: number;
  readonly height: number;
  /** The image's index in the answer: each of the `n` images has its own colour. */
  readonly index: number;
  readonly transparent: boolean;
  /** GIF only: frames and their duration. */
  readonly frames?: number;
  readonly frameMs?: number;
}

// Ten distinct colours, one for each of up to ten images of an answer.
const palette: readonly (readonly [number, number, number])[] = [
  [66, 133, 244], [219, 68, 55], [244, 180, 0], [15, 157, 88], [171, 71, 188],
  [0, 172, 193], [255, 112, 67], [158, 157, 36], [92, 107, 192], [240, 98, 146],
];

const cache = new Map<string, string>();
const cacheLimit = 64;

function encode(request: PictureRequest): Uint8Array {
  const color = palette[request.index % palette.length] ?? [0, 0, 0];
  const picture: Picture = { width: request.width, height: request.height, color, transparent: request.transparent };
  switch (request.format) {
    case 'png':
      return encodePng(picture);
    case 'jpeg':
      return encodeJpeg(picture);
    case 'webp':
      return encodeWebp(picture);
    case 'gif':
      return encodeGif(picture, request.frames, request.frameMs);
    case 'svg':
      return encodeSvg(picture);
  }
}

/**
 * A real image file of the request's format and size, base64-encoded (as `b64_json` carries it). Drawn once
 * per format, size, colour and background, then served from a small cache: a test generating many images pays
 * for each kind once.
 */
export function pictureBase64(request: PictureRequest): string {
  const key = `${request.format}:${request.width}x${request.height}:${request.index % palette.length}:${request.transparent}:${request.frames}:${request.frameMs}`;
  let base64 = cache.get(key);
  if (base64 === undefined) {
    base64 = Buffer.from(encode(request)).toString('base64');
    if (cache.size >= cacheLimit) cache.delete(cache.keys().next().value ?? '');
    cache.set(key, base64);
  }
  return base64;
}

/** The media type of a format, for data URLs. */
export function mediaType(format: ImageFormat): string {
  return format === 'svg' ? 'image/svg+xml' : `image/${format}`;
}
