import type { SocketEndpoint } from './connection.js';
import { realtimeEndpoint } from './realtime/endpoint.js';
import { responsesEndpoint } from './responses/endpoint.js';

/**
 * The endpoint serving a socket's path below the base URL: `/responses` (Responses in WebSocket mode), `/realtime`
 * and the paths under it (translations, sideband calls), or undefined for a path the API serves no socket on.
 */
export function endpointFor(path: string): SocketEndpoint | undefined {
  if (path === '/responses') return responsesEndpoint;
  if (path === '/realtime' || path.startsWith('/realtime/')) return realtimeEndpoint;
  return undefined;
}
