import type { SocketEndpoint } from '../connection.js';
import { LiveSession } from './live-session.js';

/**
 * Live (`/v1/live/sessions`, the SDK's `LiveWS`) on an accepted socket: the client starts the session with
 * `session.start` and every client event is answered as the SDK's Live types define it (see `docs/realtime.md`).
 *
 * @example
 * const endpoint: SocketEndpoint = liveEndpoint; // the transport calls it for each socket on /v1/live/sessions
 */
export const liveEndpoint: SocketEndpoint = (connection) => {
  new LiveSession(connection).start();
};
