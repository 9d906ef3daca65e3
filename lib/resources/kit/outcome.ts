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

/** A binary answer (see {@link BinaryBody}); `application/octet-stream` unless told. */
export function binary(bytes: Uint8Array, contentType = 'application/octet-stream', headers: Record<string, string> = {}): BinaryBody {
  return new BinaryBody(bytes, contentType, headers);
}

/** An answer without a body (`204 No Content`): what `traces.ingest` answers. */
export class NoContent {}

/** A `204 No Content` answer (see {@link NoContent}). */
export function noContent(): NoContent {
  return new NoContent();
}
