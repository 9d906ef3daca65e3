import type { Picture } from './picture.js';

/** An SVG document of one flat colour (`fill-opacity` 0 when transparent). */
export function encodeSvg(picture: Picture): Uint8Array {
  const { width, height, transparent } = picture;
  const hex = picture.color.map((c) => c.toString(16).padStart(2, '0')).join('');
  const svg = `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}" viewBox="0 0 ${width} ${height}">` +
    `<rect width="${width}" height="${height}" fill="#${hex}"${transparent ? ' fill-opacity="0"' : ''}/></svg>`;
  return new TextEncoder().encode(svg);
}
