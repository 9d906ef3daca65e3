import type { WebSocket } from 'ws';
import { newId } from '../../internal/ids.js';
import { isPlainObject, type JsonObject } from '../../internal/merge.js';

/** A server event before it is sent: its `type` and fields, without the `event_id` the sender gives it. */
export type ServerEventBody = { readonly type: string; readonly event_id?: never } & Record<string, unknown>;

/**
 * One delta event of a content part or a call (`response.output_text.delta`, `response.output_audio.delta`, ...),
 * ready to send: the JSON of the fields it shares with every delta of its part (its `type`, response, item and
 * indexes), written once by {@link DeltaEvents}, and its own `delta`, which comes last as in the API's events.
 */
export class DeltaEvent {
  constructor(
    readonly type: string,
    /** The shared fields' JSON, without braces: `"type":"response.output_text.delta","response_id":...`. */
    readonly shared: string,
    readonly delta: string,
  ) {}
}

/** The deltas of one part (or call): each {@link DeltaEvent} is `{ ...fields, delta }`, the fields' JSON written once. */
export class DeltaEvents {
  readonly #shared: string;

  constructor(private readonly fields: ServerEventBody) {
    this.#shared = JSON.stringify(fields).slice(1, -1);
  }

  /** The event carrying this delta. */
  of(delta: string): DeltaEvent {
    return new DeltaEvent(this.fields.type, this.#shared, delta);
  }
}

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

  /**
   * Sends one event, its fresh `event_id` first (the frame reads as `{ event_id, ...body }` would); the frame's
   * length in characters (0 once the socket is closing). The frame is the body's JSON with the id written in
   * front, not a copy of each event made to hold it: a response sends one event per delta.
   */
  send(body: ServerEventBody | DeltaEvent): number {
    if (!this.open) return 0;
    const fields = body instanceof DeltaEvent ? `${body.shared},"delta":${JSON.stringify(body.delta)}}` : JSON.stringify(body).slice(1);
    const frame = `{"event_id":"${newId('event_', 21)}",${fields}`;
    this.socket.send(frame);
    return frame.length;
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

/**
 * A client event's text read as the one JSON object with a `type` it must be, or the `invalid_json` refusal to
 * answer it with (a binary frame comes as `undefined`: audio travels base64-encoded in `audioEvent`).
 */
export function parseClientEvent(text: string | undefined, audioEvent: string): JsonObject | ClientEventError {
  let event: unknown;
  try {
    event = text === undefined ? undefined : JSON.parse(text);
  } catch {
    return new ClientEventError({ code: 'invalid_json', message: "The server could not parse the client event as JSON. Each event must be one JSON object with a 'type'." });
  }
  if (isPlainObject(event)) return event;
  return new ClientEventError({
    code: 'invalid_json',
    message: `Each client event must be one JSON object with a 'type' (binary frames are not taken: send audio base64-encoded in '${audioEvent}').`,
  });
}

/**
 * Receives one client event: read by {@link parseClientEvent}, then handed to `dispatch` with its `event_id`. A bad
 * event (not one JSON object, or refused by `dispatch` with a {@link ClientEventError}) goes to `refuse` with what
 * is wrong and the event's `event_id` (undefined when it had none or could not be read), so a session answers it
 * with its `error` event and keeps the socket; any other error is the mock's own and is thrown.
 */
export function receiveClientEvent(
  text: string | undefined,
  audioEvent: string,
  dispatch: (event: JsonObject, eventId: string | undefined) => void,
  refuse: (details: Omit<RealtimeErrorDetails, 'event_id'>, eventId: string | undefined) => void,
): void {
  const event = parseClientEvent(text, audioEvent);
  if (event instanceof ClientEventError) {
    refuse(event.details, undefined);
    return;
  }
  const eventId = typeof event['event_id'] === 'string' ? event['event_id'] : undefined;
  try {
    dispatch(event, eventId);
  } catch (error) {
    if (!(error instanceof ClientEventError)) throw error;
    refuse(error.details, eventId);
  }
}
