import type { StreamStep } from '../../streaming/sse.js';

/**
 * A model with the events that stream it: the route sends the model as JSON, or, when the call asks for a
 * stream (`stream: true` in the body, or `?stream=true`), the events as server-sent events. The events are
 * made only when streamed.
 */
export class WithEvents<Model> {
  constructor(
    readonly model: Model,
    readonly events: () => Iterable<StreamStep>,
  ) {}
}

/**
 * The model and its stream events (see {@link WithEvents}): the events as a list, or a function making them
 * (so a call that does not stream never builds them).
 */
export function withEvents<Model>(model: Model, events: Iterable<StreamStep> | (() => Iterable<StreamStep>)): WithEvents<Model> {
  return new WithEvents(model, typeof events === 'function' ? events : () => events);
}

/** A non-JSON body (a file's content, speech audio): bytes, their content type, extra headers. */
export class BinaryBody {
  constructor(
    readonly bytes: Uint8Array,
    readonly contentType: string,
    readonly headers: Readonly<Record<string, string>>,
  ) {}
}

/**
 * Events without a model: the route always sends them as server-sent events, whatever the call asks. For the
 * routes the SDK only ever reads as a stream (`beta.agents.sessions.events.stream`), which have no JSON answer.
 */
export class EventsOnly {
  constructor(readonly events: () => Iterable<StreamStep>) {}
}

/** An answer that is only a stream (see {@link EventsOnly}): the events as a list, or a function making them. */
export function eventsOnly(events: Iterable<StreamStep> | (() => Iterable<StreamStep>)): EventsOnly {
  return new EventsOnly(typeof events === 'function' ? events : () => events);
}

/** A binary answer (see {@link BinaryBody}); `application/octet-stream` unless told. */
export function binary(bytes: Uint8Array, contentType = 'application/octet-stream', headers: Record<string, string> = {}): BinaryBody {
  return new BinaryBody(bytes, contentType, headers);
}

/** An answer without a body (`204 No Content`): what `traces.ingest` answers. */
export class NoContent {
  /** Its status (a member of its own, so no other object, a `Response` least of all, passes for one). */
  readonly status = 204 as const;
}

/** A `204 No Content` answer (see {@link NoContent}). */
export function noContent(): NoContent {
  return new NoContent();
}
