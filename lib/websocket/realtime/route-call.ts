import type { Route } from '../../engine/route.js';
import { IncomingRequest } from '../../engine/incoming-call.js';
import { keyOfSubprotocol } from '../../engine/redact.js';
import type { MaybePromise } from '../../internal/maybe-promise.js';
import type { Answer } from '../../internal/answer.js';
import { isPlainObject } from '../../internal/merge.js';
import type { SocketConnection } from '../connection.js';
import type { RealtimeErrorDetails } from './events.js';

/** What a route answered a socket's call: its model, or the error the socket sends instead. */
export type RouteOutcome<Model> = { readonly ok: true; readonly model: Model } | { readonly ok: false; readonly error: RealtimeErrorDetails };

/**
 * The upgrade's headers as a route call's: a JSON body, and a key sent as a subprotocol as the `authorization`
 * header the HTTP API reads (the call record redacts both).
 */
function callHeaders(connection: SocketConnection): Headers {
  const headers = new Headers(connection.headers);
  headers.set('content-type', 'application/json');
  const key = connection.protocols.map(keyOfSubprotocol).find((found) => found !== undefined);
  if (key !== undefined && !headers.has('authorization')) headers.set('authorization', `Bearer ${key}`);
  return headers;
}

/** The socket's URL as the call's URL (`wss:` read as `https:`, so a `Request` can be made of it). */
function callUrl(url: URL): string {
  const http = new URL(url);
  http.protocol = url.protocol === 'ws:' ? 'http:' : 'https:';
  return http.href;
}

function textOf(body: Answer['body']): string {
  if (typeof body === 'string') return body;
  if (body instanceof Uint8Array) return new TextDecoder().decode(body);
  return '';
}

/** An error answer (a configured failure, a refusal) as the socket's `error` event. */
function errorOf(answer: Answer): RealtimeErrorDetails {
  let parsed: unknown;
  try {
    parsed = JSON.parse(textOf(answer.body));
  } catch {
    parsed = undefined;
  }
  const error = isPlainObject(parsed) && isPlainObject(parsed['error']) ? parsed['error'] : {};
  const text = (value: unknown): string | null => (typeof value === 'string' ? value : null);
  return {
    type: text(error['type']) ?? (answer.status >= 500 ? 'server_error' : 'invalid_request_error'),
    code: text(error['code']),
    message: text(error['message']) ?? `The mock answered ${answer.status}.`,
    param: text(error['param']),
  };
}

/**
 * Asks a route what to answer for a socket (a realtime turn, a transcription) as a call of that route: the user's
 * script, `latency` (cut short when the socket closes) and `failures` apply, and the call is recorded in the
 * route's `calls` with the socket's URL and headers (keys redacted).
 */
export function callRoute<Model>(route: Route<Model, object, unknown>, connection: SocketConnection, body: unknown, signal: AbortSignal): MaybePromise<RouteOutcome<Model>> {
  const call = new IncomingRequest('POST', callUrl(connection.url), {}, connection.url.searchParams, callHeaders(connection), JSON.stringify(body), 'application/json', signal);
  const read = (answer: Answer): RouteOutcome<Model> => {
    if (answer.status === 204) return { ok: true, model: undefined as Model };
    if (answer.status >= 400) return { ok: false, error: errorOf(answer) };
    const parsed: unknown = JSON.parse(textOf(answer.body));
    return { ok: true, model: parsed as Model };
  };
  const answer = route.answer(call);
  return answer instanceof Promise ? answer.then(read) : read(answer);
}
