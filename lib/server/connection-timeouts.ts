// Timeouts that fit a mock on loopback, and answers in the API's shape for what Node's HTTP parser refuses before
// a request reaches the handler (headers too slow, too large, or not HTTP).
import type { Server, ServerOptions as HttpServerOptions } from 'node:http';
import type { Duplex } from 'node:stream';
import { apiError } from '../errors/api-errors.js';

/**
 * The `node:http` server options for a headers timeout: a client that has not sent its headers within
 * `headersTimeoutMs` is answered 408. The whole request has no time limit (the body's stalls are timed by
 * `readBody`), and an answer under way (a route's `latency`, a stream) none either.
 *
 * @example
 * const server = createServer(timeoutSettings(10_000), handler);
 */
export function timeoutSettings(headersTimeoutMs: number): HttpServerOptions {
  return {
    headersTimeout: headersTimeoutMs,
    requestTimeout: 0,
    // Node checks its timeouts at this interval (30 s by default): often enough for the timeout to hold.
    connectionsCheckingInterval: Math.min(1000, Math.max(10, Math.floor(headersTimeoutMs / 4))),
  };
}

const statusText: Record<number, string> = { 400: 'Bad Request', 408: 'Request Timeout', 413: 'Content Too Large', 431: 'Request Header Fields Too Large' };

/** The answer to a request Node's parser refused, by its error code. */
function refusalFor(code: string | undefined): { status: number; message: string; code: string } {
  if (code === 'ERR_HTTP_REQUEST_TIMEOUT') return { status: 408, message: 'openai-responses: the request headers did not arrive in time.', code: 'request_timeout' };
  if (code === 'HPE_HEADER_OVERFLOW') return { status: 431, message: 'openai-responses: the request headers are too large.', code: 'headers_too_large' };
  return { status: 400, message: `openai-responses: the request is not valid HTTP/1.1 (${code ?? 'parse error'}).`, code: 'invalid_http_request' };
}

/**
 * Answers what Node's parser refuses (`clientError`) in the API's error shape, then closes the connection.
 *
 * @example
 * answerClientErrors(server);
 */
export function answerClientErrors(server: Server): void {
  server.on('clientError', (error: NodeJS.ErrnoException, socket: Duplex) => {
    if (error.code === 'ECONNRESET' || !socket.writable) {
      socket.destroy();
      return;
    }
    const { status, message, code } = refusalFor(error.code);
    void apiError(status, message, { code })
      .text()
      .then((body) => {
        const bytes = Buffer.from(body);
        socket.end(`HTTP/1.1 ${status} ${statusText[status] ?? 'Error'}\r\ncontent-type: application/json\r\ncontent-length: ${bytes.length}\r\nconnection: close\r\n\r\n${body}`, () => socket.destroy());
      });
  });
}
