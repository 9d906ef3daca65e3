import { randomFillSync } from 'node:crypto';

const alphabet = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789';
// Random characters are drawn from crypto in blocks and kept as one string, so an id costs a slice: no system
// call and no character-by-character building.
let pool = '';
let used = 0;

/** Each byte value's character (`byte % 62`), so a block of random bytes becomes characters by one lookup each. */
const characterOf = Uint8Array.from({ length: 256 }, (_, byte) => alphabet.charCodeAt(byte % 62));

function refill(length: number): void {
  const block = randomFillSync(Buffer.allocUnsafe(Math.max(16384, length)));
  for (let i = 0; i < block.length; i++) block[i] = characterOf[block[i] ?? 0] ?? 0;
  pool = block.toString('latin1');
  used = 0;
}

/**
 * A fresh id with the API's own prefix: `newId('chatcmpl-')`, `newId('file-')`, `newId('resp_')`.
 * The tail is `length` random characters from crypto, like the API's.
 */
export function newId(prefix: string, length = 24): string {
  if (used + length > pool.length) refill(length);
  const tail = pool.slice(used, used + length);
  used += length;
  return prefix + tail;
}

/** A request id for the `x-request-id` header. */
export function newRequestId(): string {
  return newId('req_', 32);
}
