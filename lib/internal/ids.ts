import { randomFillSync } from 'node:crypto';

const alphabet = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789';
// Random bytes are drawn from crypto in blocks, so an id costs a slice, not a system call.
const pool = new Uint8Array(4096);
let used = pool.length;

/**
 * A fresh id with the API's own prefix: `newId('chatcmpl-')`, `newId('file-')`, `newId('resp_')`.
 * The tail is `length` random characters from crypto, like the API's.
 */
export function newId(prefix: string, length = 24): string {
  if (used + length > pool.length) {
    randomFillSync(pool);
    used = 0;
  }
  let tail = '';
  for (let i = 0; i < length; i++) tail += alphabet[(pool[used + i] ?? 0) % 62];
  used += length;
  return prefix + tail;
}

/** A request id for the `x-request-id` header. */
export function newRequestId(): string {
  return newId('req_', 32);
}
