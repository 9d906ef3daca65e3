import type { IncomingMessage } from 'node:http';
import type { Duplex } from 'node:stream';
import type { OpenAIMock } from '../engine/mock.js';
import { apiError } from '../errors/api-errors.js';
import { acceptUpgrade } from '../websocket/accept.js';
import { refuseUpgrade } from '../websocket/refuse-upgrade.js';

/** The mock a session's socket goes to, with the base path its endpoints sit under (`/sessions/<id>/v1`). */
export interface UpgradeSession {
  readonly openaiMock: OpenAIMock;
  readonly basePath: string;
}

/**
 * Serves a WebSocket upgrade on the server's HTTP port, once the request passed the server's gate
 * (`checkRequestOrigin`: Host, Origin, `allowedHosts`, `allowedOrigins`, the same checks as every HTTP request):
 * `ws://HOST:PORT/v1/realtime` and `/v1/responses` reach the mock's socket endpoints as in process; a path without
 * a socket is refused as the API refuses it. `sessionOf`, on a server with sessions, gives the session a path is
 * under (`/sessions/<id>/v1/realtime`), or its refusal.
 *
 * @example
 * server.on('upgrade', (request, socket, head) => {
 *   const refusal = checkRequestOrigin(request.headers, address, options);
 *   if (refusal) return void refuseUpgrade(socket, refusal);
 *   serveUpgrade(openaiMock, request, socket, head);
 * });
 */
export function serveUpgrade(
  openaiMock: OpenAIMock,
  request: IncomingMessage,
  socket: Duplex,
  head: Buffer,
  sessionOf?: (path: string) => UpgradeSession | Response | undefined,
): void {
  socket.on('error', () => undefined);
  const path = request.url ?? '/';
  let url: URL;
  try {
    url = new URL(`ws://${request.headers.host ?? 'localhost'}${path.startsWith('/') ? path : `/${path}`}`);
  } catch {
    void refuseUpgrade(socket, apiError(400, `openai-responses: the upgrade's target is not a URL: ${path}`, { code: 'invalid_request_target' }));
    return;
  }
  const session = sessionOf?.(url.pathname);
  if (session instanceof Response) {
    void refuseUpgrade(socket, session);
    return;
  }
  acceptUpgrade({ openaiMock: session?.openaiMock ?? openaiMock, url, basePath: session?.basePath ?? '/v1' }, request, socket, head);
}
