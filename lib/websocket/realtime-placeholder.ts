import type { SocketEndpoint } from './connection.js';

/**
 * Stands in for the Realtime protocol's endpoint until it is part of the library: the socket opens, gets one
 * `error` event saying so, and closes.
 */
export const realtimeEndpoint: SocketEndpoint = ({ socket }) => {
  socket.send(JSON.stringify({
    type: 'error',
    event_id: `event_${Date.now().toString(36)}`,
    error: { type: 'invalid_request_error', code: 'unsupported', message: 'openai-responses does not serve the Realtime protocol yet.', param: null, event_id: null },
  }));
  socket.close(1011, 'Realtime is not served yet');
};
