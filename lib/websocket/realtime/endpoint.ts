import { keyOfSubprotocol } from '../../engine/redact.js';
import { nowSeconds } from '../../internal/clock.js';
import type { JsonObject } from '../../internal/merge.js';
import { issuedClientSecrets } from '../../resources/realtime/realtime.js';
import type { SocketConnection, SocketEndpoint } from '../connection.js';
import { ServerEvents } from './events.js';
import { RealtimeSession } from './realtime-session.js';

/** The key a client connected with: `Authorization: Bearer <key>`, or the key subprotocol. */
export function keyOf(connection: SocketConnection): string | undefined {
  const bearer = /^Bearer\s+(\S+)/i.exec(connection.headers.get('authorization') ?? '')?.[1];
  return bearer ?? connection.protocols.map(keyOfSubprotocol).find((key) => key !== undefined);
}

/** Whether the client asked for the beta protocol (`OpenAI-Beta: realtime=v1`, or its subprotocol). */
function asksForBeta(connection: SocketConnection): boolean {
  const beta = connection.headers.get('openai-beta') ?? '';
  return /\brealtime=v1\b/.test(beta) || connection.protocols.includes('openai-beta.realtime-v1');
}

/** Refuses a connection as the API does: its `error` event, then the socket closed. */
export function refuse(connection: SocketConnection, error: { code: string; message: string }): void {
  new ServerEvents(connection.socket).error({ type: 'invalid_request_error', ...error });
  connection.socket.close(1008, error.code);
}

/**
 * The Realtime API (GA) on an accepted socket: the session the URL asks for (`?model=`, or
 * `?intent=transcription`), or the one a client secret (`ek_...`, from `client.realtime.clientSecrets.create`)
 * configured; then `session.created` and every client event answered as the API answers it (see
 * `docs/realtime.md`). A beta connection (`OpenAI-Beta: realtime=v1`), an unknown or expired client secret (or a
 * translation session's) get the API's `error` event and a closed socket, as does a path below `/realtime` that the
 * API serves no socket on (translations have their own endpoint).
 *
 * @example
 * const endpoint: SocketEndpoint = realtimeEndpoint; // the transport calls it for each socket on /v1/realtime
 */
export const realtimeEndpoint: SocketEndpoint = (connection) => {
  if (/\/realtime\/.+/.test(connection.url.pathname)) {
    refuse(connection, { code: 'unsupported', message: `The Realtime API serves sockets on /v1/realtime and /v1/realtime/translations, not ${connection.url.pathname}.` });
    return;
  }
  if (asksForBeta(connection)) {
    refuse(connection, { code: 'beta_api_not_supported', message: 'The Realtime Beta API is no longer supported. Please use /v1/realtime for the GA API.' });
    return;
  }
  const key = keyOf(connection);
  let asked: JsonObject;
  if (key?.startsWith('ek_')) {
    const secret = issuedClientSecrets(connection.openaiMock.state).get(key);
    if (!secret || secret.expiresAt <= nowSeconds() || secret.session['type'] === 'translation') {
      refuse(connection, { code: 'invalid_api_key', message: `Incorrect API key provided: ${key.slice(0, 6)}***. The client secret is unknown or has expired.` });
      return;
    }
    asked = secret.session;
  } else {
    const intent = connection.url.searchParams.get('intent');
    asked = intent === 'transcription' ? { type: 'transcription' } : { type: 'realtime', model: connection.url.searchParams.get('model') ?? 'gpt-realtime' };
  }
  new RealtimeSession(connection, asked).start();
};
