const crcTable = Array.from({ length: 256 }, (_, n) => {
  let c = n;
  for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
  return c >>> 0;
});

function crc32(bytes: Uint8Array): number {
  let crc = 0xffffffff;
  for (const byte of bytes) crc = (crcTable[(crc ^ byte) & 0xff] ?? 0) ^ (crc >>> 8);
  return (crc ^ 0xffffffff) >>> 0;
}

/** One file of an archive: its path inside it and its bytes. */
export interface ZipEntry {
  readonly path: string;
  readonly bytes: Uint8Array;
}

/** A ZIP archive of the entries, stored without compression (any unzip tool reads it). */
export function zip(entries: readonly ZipEntry[]): Uint8Array<ArrayBuffer> {
  const encoder = new TextEncoder();
  const local: number[] = [];
  const central: number[] = [];
  const u16 = (out: number[], value: number): void => void out.push(value & 0xff, (value >>> 8) & 0xff);
  const u32 = (out: number[], value: number): void => void out.push(value & 0xff, (value >>> 8) & 0xff, (value >>> 16) & 0xff, (value >>> 24) & 0xff);
  for (const entry of entries) {
    const name = encoder.encode(entry.path);
    const crc = crc32(entry.bytes);
    const offset = local.length;
    const header = (out: number[], signature: number, centralRecord: boolean): void => {
      u32(out, signature);
      if (centralRecord) u16(out, 20);
      u16(out, 20); // version needed
      u16(out, 0x0800); // UTF-8 names
      u16(out, 0); // stored
      u16(out, 0); // time
      u16(out, 0x21); // date: 1980-01-01
      u32(out, crc);
      u32(out, entry.bytes.byteLength);
      u32(out, entry.bytes.byteLength);
      u16(out, name.byteLength);
      u16(out, 0); // extra
    };
    header(local, 0x04034b50, false);
    local.push(...name, ...entry.bytes);
    header(central, 0x02014b50, true);
    u16(central, 0); // comment
    u16(central, 0); // disk
    u16(central, 0); // internal attributes
    u32(central, 0); // external attributes
    u32(central, offset);
    central.push(...name);
  }
  const end: number[] = [];
  u32(end, 0x06054b50);
  u16(end, 0);
  u16(end, 0);
  u16(end, entries.length);
  u16(end, entries.length);
  u32(end, central.length);
  u32(end, local.length);
  u16(end, 0);
  return new Uint8Array([...local, ...central, ...end]);
}
