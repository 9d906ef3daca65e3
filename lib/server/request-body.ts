// Reads a request's body for the served mock: bounded in size (a body declared too large is refused before a byte
// of it is read) and in stalls (a client that stops sending is cut off), so no client holds the server.
import type { IncomingMessage } from 'node:http';
import type { Socket } from 'node:net';
import { concat } from '../internal/bytes.js';

/** Why a body was not read: larger than the limit, or the client stopped sending it. */
export type UnreadBody = { readonly unread: 'too-large' } | { readonly unread: 'stalled' };

/**
 * Reads a body to its end, or stops: at `limit` bytes (`too-large`, at once when `content-length` says so), or
 * when no byte came for `stallMs` (`stalled`).
 *
 * @example
 * const body = await readBody(request, 64 * 1024 * 1024, 10_000);
 * if ('unread' in body) return refuse(body.unread);
 */
export function readBody(request: IncomingMessage, limit: number, stallMs: number): Promise<Uint8Array<ArrayBuffer> | UnreadBody> {
  const declared = Number(request.headers['content-length']);
  if (Number.isFinite(declared) && declared > limit) return Promise.resolve({ unread: 'too-large' });
  if (request.complete && request.readableEnded) return Promise.resolve(new Uint8Array(0));
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    let timer: NodeJS.Timeout | undefined;
    const stop = (outcome: UnreadBody): void => {
      finish();
      request.pause();
      resolve(outcome);
    };
    const armed = (): void => {
      clearTimeout(timer);
      timer = setTimeout(() => stop({ unread: 'stalled' }), stallMs);
    };
    const onData = (chunk: Buffer): void => {
      size += chunk.length;
      if (size > limit) {
        chunks.length = 0;
        stop({ unread: 'too-large' });
        return;
      }
      chunks.push(chunk);
      armed();
    };
    const onEnd = (): void => {
      finish();
      resolve(concat(chunks));
    };
    const onError = (error: Error): void => {
      finish();
      reject(error);
    };
    const finish = (): void => {
      clearTimeout(timer);
      request.off('data', onData);
      request.off('end', onEnd);
      request.off('error', onError);
    };
    request.on('data', onData);
    request.once('end', onEnd);
    request.once('error', onError);
    armed();
  });
}

/** How long a connection refused for its body stays half-open, so its client reads the refusal before the close. */
const lingerMs = 500;

/**
 * Closes a connection whose request body is left unread, once the refusal is written: the answer is sent and the
 * sending side closed (FIN), reading stops, and the socket is destroyed shortly after. Closing at once with unread
 * bytes would reset the connection (RST) before a client still sending could read the refusal; reading the body to
 * its end (what `node:http` does for keep-alive) could take a gigabyte.
 *
 * @example
 * closeWithoutReading(request.socket); // then write the 413 with `connection: close`
 */
export function closeWithoutReading(socket: Socket): void {
  // `node:http` ends a `connection: close` answer's socket with destroySoon(): this is that, lingering.
  socket.destroySoon = () => {
    socket.end();
    socket.pause();
    const timer = setTimeout(() => socket.destroy(), lingerMs);
    socket.once('close', () => clearTimeout(timer));
  };
}
