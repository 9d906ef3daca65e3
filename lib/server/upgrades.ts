import type { IncomingMessage } from 'node:http';
import type { Duplex } from 'node:stream';
import type { OpenAIMock } from '../engine/mock.js';
import { acceptUpgrade, refuseUpgrade } from '../websocket/accept.js';

/** Host names that are this machine. */
const loopbackHosts = new Set(['localhost', '127.0.0.1', '[::1]', '::1']);

function isLoopback(hostname: string): boolean {
  const host = hostname.toLowerCase();
  return loopbackHosts.has(host) || host.endsWith('.localhost') || /^127\.\d+\.\d+\.\d+$/.test(host);
}

/**
 * Whether a browser page may open this socket: no `Origin` (a program, not a page) or a loopback one. Another
 * site's page would otherwise reach the mock through the user's browser.
 */
export function originAllowed(origin: string | undefined): boolean {
  if (origin === undefined || origin === '') return true;
  try {
    return isLoopback(new URL(origin).hostname);
  } catch {
    return false;
  }
}

/** Whether the `Host` names this server (a loopback name or the host it listens on), so a rebound DNS name is refused. */
export function hostAllowed(hostHeader: string | undefined, listenHost: string): boolean {
  if (!hostHeader) return false;
  let hostname: string;
  try {
    hostname = new URL(`http://${hostHeader}`).hostname;
  } catch {
    return false;
  }
  const listen = listenHost.includes(':') && !listenHost.startsWith('[') ? `[${listenHost}]` : listenHost;
  return isLoopback(hostname) || hostname.toLowerCase() === listen.toLowerCase() || listenHost === '0.0.0.0' || listenHost === '::';
}

/**
 * Serves a WebSocket upgrade on the server's HTTP port: `ws://HOST:PORT/v1/realtime` and `/v1/responses` reach the
 * mock's socket endpoints as in process; an upgrade from another site's page (its `Origin`), for a `Host` that is
 * not this server, or to a path without a socket is refused as an HTTP answer. `sessionOf`, on a server with
 * sessions, gives the session a path is under (`/sessions/<id>/v1/realtime`), asked only once the checks passed.
 */
export function serveUpgrade(
  openaiMock: OpenAIMock,
  request: IncomingMessage,
  socket: Duplex,
  head: Buffer,
  listenHost: string,
  sessionOf?: (path: string) => { readonly openaiMock: OpenAIMock; readonly basePath: string } | { readonly status: number; readonly message: string; readonly code: string } | undefined,
): void {
  socket.on('error', () => undefined);
  if (!hostAllowed(request.headers.host, listenHost)) {
    refuseUpgrade(socket, 403, `The Host '${request.headers.host ?? ''}' is not this server: connect to it by a loopback address.`, 'host_not_allowed');
    return;
  }
  const origin = request.headers.origin;
  if (!originAllowed(origin)) {
    refuseUpgrade(socket, 403, `WebSocket connections from ${origin ?? 'this origin'} are refused: only pages served from this machine may connect.`, 'origin_not_allowed');
    return;
  }
  const path = request.url ?? '/';
  let url: URL;
  try {
    url = new URL(`ws://${request.headers.host ?? 'localhost'}${path}`);
  } catch {
    refuseUpgrade(socket, 400, `Invalid URL: ${path}`);
    return;
  }
  const session = sessionOf?.(url.pathname);
  if (session && 'status' in session) {
    refuseUpgrade(socket, session.status, session.message, session.code);
    return;
  }
  acceptUpgrade({ openaiMock: session?.openaiMock ?? openaiMock, url, basePath: session?.basePath ?? '/v1' }, request, socket, head);
}
