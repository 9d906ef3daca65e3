import type { WebSocket } from 'ws';
import { newId } from '../../internal/ids.js';

/** A server event before it is sent: its `type` and fields, without the `event_id` the sender gives it. */
export type ServerEventBody = { readonly type: string } & Record<string, unknown>;

/** The fields of the API's realtime `error` event. */
export interface RealtimeErrorDetails {
  readonly type?: string;
  readonly code?: string | null;
  readonly message: string;
  readonly param?: string | null;
  /** The client event the error is about (its `event_id`), if it had one. */
  readonly event_id?: string | null;
}

/**
 * What a realtime socket sends: each server event with a fresh `event_id`, as JSON (the transport records and
 * publishes what it sends); nothing once the socket is closing.
 */
export class ServerEvents {
  constructor(private readonly socket: WebSocket) {}

  /** Whether the socket can still take events. */
  get open(): boolean {
    return this.socket.readyState === this.socket.OPEN;
  }

  /** Sends one event; the event as sent. */
  send(body: ServerEventBody): Record<string, unknown> {
    const event = { event_id: newId('event_', 21), ...body };
    if (!this.open) return event;
    this.socket.send(JSON.stringify(event));
    return event;
  }

  /** Sends the API's `error` event (an `invalid_request_error` unless told). */
  error(details: RealtimeErrorDetails): void {
    this.send({
      type: 'error',
      error: {
        type: details.type ?? 'invalid_request_error',
        code: details.code ?? null,
        message: details.message,
        param: details.param ?? null,
        event_id: details.event_id ?? null,
      },
    });
  }
}

/** A client event the session refuses: the `error` event it answers with. */
export class ClientEventError extends Error {
  constructor(readonly details: Omit<RealtimeErrorDetails, 'event_id'>) {
    super(details.message);
  }
}

/** The refusal of a missing field, worded as the API words it. */
export function missingField(param: string): ClientEventError {
  return new ClientEventError({ code: 'missing_required_parameter', message: `Missing required parameter: '${param}'.`, param });
}

/** The refusal of a field of the wrong kind. */
export function invalidField(param: string, expected: string, got: unknown): ClientEventError {
  return new ClientEventError({
    code: 'invalid_type',
    message: `Invalid type for '${param}': expected ${expected}, but got ${got === null ? 'null' : Array.isArray(got) ? 'an array' : typeof got} instead.`,
    param,
  });
}
