import { type Answer, ReplayableResponse } from '../internal/answer.js';
import { newRequestId } from '../internal/ids.js';

/** A pause between two events of a stream the user builds. */
export class StreamDelay {
  constructor(readonly ms: number) {}
}

/** An error event in the middle of a stream: the SDK raises it as an `APIError` where it reads it. */
export class StreamError {
  constructor(readonly error: { message: string; type?: string; code?: string | null; param?: string | null }) {}
}

/** A named event (`event: thread.run.created`); unnamed events are plain objects. */
export class NamedEvent {
  constructor(
    readonly event: string,
    readonly data: unknown,
  ) {}
}

/** The connection dropping mid-stream: the body errors, as a cut network would. */
export class StreamAbort {
  constructor(readonly reason: string) {}
}

/**
 * One step of an event stream: an event's data (an object, or a raw string such as `'[DONE]'`) or a marker.
 *
 * @example
 * const steps: StreamStep[] = [{ id: 'chatcmpl-1', object: 'chat.completion.chunk', created: 0, model: 'gpt-4o', choices: [] }, delay(10), '[DONE]'];
 * openaiMock.chat.completions.create.response = () => eventStream(steps);
 */
export type StreamStep = object | string | StreamDelay | StreamError | NamedEvent | StreamAbort;

/**
 * A pause of `ms` milliseconds between two events.
 *
 * @example
 * openaiMock.chat.completions.create.response = eventStream([chunk1, delay(100), chunk2, '[DONE]']);
 */
export function delay(ms: number): StreamDelay {
  return new StreamDelay(ms);
}

/**
 * An error event mid-stream, e.g. after a few chunks: the SDK's stream throws an `APIError` with this message.
 *
 * @example
 * openaiMock.chat.completions.create.response = eventStream([chunk1, streamError({ message: 'overloaded' })]);
 */
export function streamError(error: StreamError['error']): StreamError {
  return new StreamError(error);
}

/**
 * A named server-sent event (`event: <name>`), as assistant runs and Responses streams send.
 *
 * @example
 * eventStream([namedEvent('thread.run.created', run), namedEvent('done', '[DONE]')]);
 */
export function namedEvent(event: string, data: unknown): NamedEvent {
  return new NamedEvent(event, data);
}

/**
 * Cuts the connection mid-stream: the body errors as a dropped network would.
 *
 * @example
 * eventStream([chunk1, abortStream('connection reset')]);
 */
export function abortStream(reason: string): StreamAbort {
  return new StreamAbort(reason);
}

function encode(step: object | string, event?: string): string {
  const data = typeof step === 'string' ? step : JSON.stringify(step);
  return (event ? `event: ${event}\n` : '') + `data: ${data}\n\n`;
}

/**
 * A `text/event-stream` answer built from steps: objects become `data:` events, strings are sent as they are
 * (`'[DONE]'`), and {@link delay}, {@link streamError}, {@link namedEvent} and {@link abortStream} shape it.
 * Set it as a route's response to stream exactly what a test needs.
 *
 * @example
 * openaiMock.chat.completions.create.response = () => eventStream([
 *   { id: 'chatcmpl-1', object: 'chat.completion.chunk', created: 0, model: 'gpt-4o',
 *     choices: [{ index: 0, delta: { content: 'Hel' }, finish_reason: null }] },
 *   delay(20),
 *   streamError({ message: 'The server had an error' }),
 * ]);
 */
export function eventStream(steps: Iterable<StreamStep>): Response {
  const { status, headers, body } = eventStreamAnswer(steps);
  return new ReplayableResponse(body, { status, headers });
}

/**
 * @internal The answer of a stream of events, each reader given a fresh stream: what the route sends when a
 * behaviour's events are asked for as a stream (no `Response` is made on the way).
 */
export function eventStreamAnswer(steps: Iterable<StreamStep>): Answer & { readonly body: () => ReadableStream<Uint8Array> } {
  const all = [...steps];
  const body = (): ReadableStream<Uint8Array> => streamOf(all);
  stepsOfBody.set(body, all);
  return { status: 200, headers: { 'content-type': 'text/event-stream', 'x-request-id': newRequestId() }, body };
}

/** The steps each event-stream body the mock made is encoded from. */
const stepsOfBody = new WeakMap<() => ReadableStream<Uint8Array>, readonly StreamStep[]>();

/**
 * @internal The steps an event-stream answer's body is made of, when the mock made it (`undefined` for a stream
 * of the test's own): a WebSocket sends them as messages without encoding and reading them as server-sent events.
 */
export function eventStepsOf(body: Answer['body']): readonly StreamStep[] | undefined {
  return typeof body === 'function' ? stepsOfBody.get(body) : undefined;
}

function streamOf(steps: readonly StreamStep[]): ReadableStream<Uint8Array> {
  const encoder = new TextEncoder();
  const iterator = steps[Symbol.iterator]();
  // The pause under way, so cancelling the stream (the client aborting it) ends it at once: no timer outlives the reader.
  let pause: { timer: ReturnType<typeof setTimeout>; resume: () => void } | undefined;
  return new ReadableStream<Uint8Array>({
    async pull(controller) {
      // Send every event up to the next pause in one pull, so a stream without pauses costs one read.
      let text = '';
      for (let next = iterator.next(); !next.done; next = iterator.next()) {
        const step = next.value;
        if (step instanceof StreamDelay) {
          if (text) controller.enqueue(encoder.encode(text));
          await new Promise<void>((resume) => {
            pause = { timer: setTimeout(resume, step.ms), resume };
          });
          pause = undefined;
          return;
        }
        if (step instanceof StreamAbort) {
          if (text) controller.enqueue(encoder.encode(text));
          controller.error(new TypeError(`terminated: ${step.reason}`));
          return;
        }
        if (step instanceof StreamError) text += encode({ error: { type: 'server_error', param: null, code: null, ...step.error } }, 'error');
        else if (step instanceof NamedEvent) text += encode(typeof step.data === 'string' ? step.data : (step.data as object), step.event);
        else text += encode(step);
      }
      if (text) controller.enqueue(encoder.encode(text));
      controller.close();
    },
    cancel() {
      if (pause) {
        clearTimeout(pause.timer);
        pause.resume();
      }
    },
    // No read ahead: a body nobody reads (the `Response` eventStream() returns is a template) never starts a pause.
  }, { highWaterMark: 0 });
}

/** Splits generated text into the pieces a stream sends as deltas: words with their spaces, long runs cut. */
export function splitText(text: string): string[] {
  const pieces: string[] = [];
  for (const word of text.match(/\s*\S+\s*/g) ?? (text ? [text] : [])) {
    for (let at = 0; at < word.length; at += 16) pieces.push(word.slice(at, at + 16));
  }
  return pieces;
}
