import { ascii, concat, le32 } from '../../../internal/bytes.js';
import { sampleRate } from './wav.js';

const crcTable = ((): Uint32Array => {
  const table = new Uint32Array(256);
  for (let n = 0; n < 256; n++) {
    let c = n << 24;
    for (let k = 0; k < 8; k++) c = c & 0x80000000 ? (c << 1) ^ 0x04c11db7 : c << 1;
    table[n] = c >>> 0;
  }
  return table;
})();

/** Ogg's CRC-32 (polynomial 0x04C11DB7, not reflected, initial 0). */
function oggCrc(bytes: Uint8Array): number {
  let crc = 0;
  for (const byte of bytes) crc = ((crc << 8) ^ (crcTable[((crc >>> 24) ^ byte) & 0xff] ?? 0)) >>> 0;
  return crc;
}

const serial = 0x6f707573;
/** Opus's pre-skip at 48 kHz, as libopus encoders write it. */
const preSkip = 312;
/** A 20 ms CELT fullband mono frame coding silence (TOC 0xF8, then the silence flag). */
const silentPacket = Uint8Array.of(0xf8, 0xff, 0xfe);
/** Samples of one packet at Opus's 48 kHz granule rate. */
const packetSamples = 960;

function page(sequence: number, granule: number, flags: number, packets: readonly Uint8Array[]): Uint8Array<ArrayBuffer> {
  const lacing: number[] = [];
  for (const packet of packets) {
    let left = packet.length;
    while (left >= 255) {
      lacing.push(255);
      left -= 255;
    }
    lacing.push(left);
  }
  const header = new Uint8Array(27 + lacing.length);
  const view = new DataView(header.buffer);
  header.set(ascii('OggS'));
  header[5] = flags;
  view.setUint32(6, granule >>> 0, true);
  view.setUint32(10, Math.floor(granule / 2 ** 32), true);
  view.setUint32(14, serial, true);
  view.setUint32(18, sequence, true);
  header[26] = lacing.length;
  header.set(lacing, 27);
  const out = concat([header, ...packets]);
  new DataView(out.buffer).setUint32(22, oggCrc(out), true);
  return out;
}

/**
 * An Ogg Opus file of silence at least `samples` samples (at 24 kHz) long: the OpusHead and OpusTags pages, then
 * pages of 20 ms silent CELT packets, the last page's granule position trimming the stream to the exact length.
 */
export function encodeOpus(samples: number): Uint8Array<ArrayBuffer> {
  const head = new Uint8Array(19);
  const view = new DataView(head.buffer);
  head.set(ascii('OpusHead'));
  head[8] = 1; // version
  head[9] = 1; // mono
  view.setUint16(10, preSkip, true);
  view.setUint32(12, sampleRate, true);
  const vendor = ascii('openai-responses');
  const tags = concat([ascii('OpusTags'), le32(vendor.length), vendor, le32(0)]);
  const total = Math.round((samples * 48_000) / sampleRate);
  const packets = Math.max(1, Math.ceil((total + preSkip) / packetSamples));
  const pages = [page(0, 0, 0x02, [head]), page(1, 0, 0, [tags])];
  const perPage = 50; // one second a page
  for (let first = 0, sequence = 2; first < packets; first += perPage, sequence++) {
    const count = Math.min(perPage, packets - first);
    const last = first + count >= packets;
    const granule = last ? preSkip + total : (first + count) * packetSamples;
    pages.push(page(sequence, granule, last ? 0x04 : 0, Array<Uint8Array>(count).fill(silentPacket)));
  }
  return concat(pages);
}
