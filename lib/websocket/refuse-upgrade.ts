import { STATUS_CODES } from 'node:http';
import type { Duplex } from 'node:stream';

/**
 * Writes a refusal on a socket whose request is not answered through `http.ServerResponse` (a WebSocket upgrade)
 * and closes it: the answer's status, headers and body (an error in the API's shape, from `apiError` or
 * `checkRequestOrigin`), then `connection: close`. The client reads it as `Unexpected server response: 403`.
 *
 * @example
 * server.on('upgrade', (request, socket) => {
 *   const refusal = checkRequestOrigin(request.headers, { host: '127.0.0.1', port: 4010 });
 *   if (refusal) return void refuseUpgrade(socket, refusal);
 *   // ... accept the WebSocket
 * });
 */
export async function refuseUpgrade(socket: Duplex, refusal: Response): Promise<void> {
  socket.on('error', () => undefined);
  const body = Buffer.from(await refusal.arrayBuffer());
  const lines = [`HTTP/1.1 ${refusal.status} ${refusal.statusText || (STATUS_CODES[refusal.status] ?? 'Error')}`];
  refusal.headers.forEach((value, name) => {
    if (name !== 'content-length' && name !== 'connection' && name !== 'transfer-encoding') lines.push(`${name}: ${value}`);
  });
  lines.push(`content-length: ${body.length}`, 'connection: close', '', '');
  if (socket.writable) socket.end(Buffer.concat([Buffer.from(lines.join('\r\n')), body]));
  else socket.destroy();
}
