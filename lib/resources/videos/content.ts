/** An MP4 header: an `ftyp` box (isom, mp41) and an empty `mdat`, enough for a file's type to read as MP4. */
function mp4(): Uint8Array<ArrayBuffer> {
  const ascii = (text: string): number[] => [...text].map((c) => c.charCodeAt(0));
  const ftyp = [0, 0, 0, 24, ...ascii('ftyp'), ...ascii('isom'), 0, 0, 2, 0, ...ascii('isom'), ...ascii('mp41')];
  const mdat = [0, 0, 0, 8, ...ascii('mdat')];
  return new Uint8Array([...ftyp, ...mdat]);
}

const webp = 'UklGRhoAAABXRUJQVlA4TA0AAAAvAAAAEAcQERGIiP4HAA==';
const jpeg =
  '/9j/4AAQSkZJRgABAQEASABIAAD/2wBDAP//////////////////////////////////////////////////////////////////////////////////////wgALCAABAAEBAREA/8QAFBABAAAAAAAAAAAAAAAAAAAAAP/aAAgBAQABPxA=';

const variants: Readonly<Record<string, { type: string; bytes: () => Uint8Array<ArrayBuffer> }>> = {
  video: { type: 'video/mp4', bytes: mp4 },
  thumbnail: { type: 'image/webp', bytes: () => new Uint8Array(Buffer.from(webp, 'base64')) },
  spritesheet: { type: 'image/jpeg', bytes: () => new Uint8Array(Buffer.from(jpeg, 'base64')) },
};

/** A completed video's download for a `variant` (`video`, `thumbnail`, `spritesheet`); `undefined` for another. */
export function videoContent(variant: string): { bytes: Uint8Array; type: string } | undefined {
  const content = variants[variant];
  return content && { bytes: content.bytes(), type: content.type };
}
