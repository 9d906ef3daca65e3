import type { SocketEndpoint } from './connection.js';
import { liveEndpoint } from './live/endpoint.js';
import { realtimeEndpoint } from './realtime/endpoint.js';
import { translationEndpoint } from './realtime/translation-endpoint.js';
import { responsesEndpoint } from './responses/endpoint.js';

/**
 * The endpoint serving a socket's path below the base URL: `/responses` (Responses in WebSocket mode),
 * `/realtime/translations` (realtime translation), `/live/sessions` (Live, the SDK's `LiveWS`), `/realtime` and the other paths under it (refused there as the
 * API refuses them), or undefined for a path the API serves no socket on.
 */
export function endpointFor(path: string): SocketEndpoint | undefined {
  if (path === '/responses') return responsesEndpoint;
  if (path === '/realtime/translations') return translationEndpoint;
  if (path === '/live/sessions') return liveEndpoint;
  if (path === '/realtime' || path.startsWith('/realtime/')) return realtimeEndpoint;
  return undefined;
}
