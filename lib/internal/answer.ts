import { newRequestId } from './ids.js';

/**
 * An answer before it becomes a `Response`: status, headers and a body that can be read any number of times,
 * so the client and the call history each get a `Response` of their own (a `Response.clone()` would tie the
 * two together: the SDK cancelling its copy would wait for the other).
 */
export interface Answer {
  readonly status: number;
  /** Header names in lower case. */
  readonly headers: Record<string, string>;
  /** A fixed body, or a maker of a fresh stream per reader. */
  readonly body: string | Uint8Array<ArrayBuffer> | null | (() => ReadableStream<Uint8Array>);
}

/** A `Response` that can make fresh copies of itself: what `eventStream()` returns. */
export class ReplayableResponse extends Response {
  readonly #makeBody: () => ReadableStream<Uint8Array>;

  constructor(makeBody: () => ReadableStream<Uint8Array>, init: ResponseInit) {
    super(lazyStream(makeBody), init);
    this.#makeBody = makeBody;
  }

  /** The answer this response stands for, its body made afresh for each reader. */
  toAnswer(): Answer {
    return { status: this.status, headers: Object.fromEntries(this.headers), body: this.#makeBody };
  }
}

/**
 * A stream that makes its body only when read (`highWaterMark: 0`: nothing is pulled ahead). The mock answers
 * from `toAnswer()`, so the `Response` it was built as is usually never read: its events are not made twice.
 */
function lazyStream(makeBody: () => ReadableStream<Uint8Array>): ReadableStream<Uint8Array> {
  let reader: ReadableStreamDefaultReader<Uint8Array> | undefined;
  return new ReadableStream<Uint8Array>(
    {
      async pull(controller) {
        reader ??= makeBody().getReader();
        const { done, value } = await reader.read();
        if (done) controller.close();
        else controller.enqueue(value);
      },
      cancel(reason) {
        return reader?.cancel(reason);
      },
    },
    { highWaterMark: 0 },
  );
}

const buffered = new WeakMap<Response, Promise<Answer>>();

/**
 * The answer a `Response` stands for. Its body is read once (kept for every later call that answers with the
 * same `Response`), except a streaming body the mock did not make, which is passed on as it is, once.
 */
export function answerOf(response: Response): Promise<Answer> {
  if (response instanceof ReplayableResponse) return Promise.resolve(response.toAnswer());
  let answer = buffered.get(response);
  if (!answer) {
    const headers = Object.fromEntries(response.headers);
    const streaming = (headers['content-type'] ?? '').startsWith('text/event-stream') && response.body !== null;
    answer = streaming
      ? Promise.resolve<Answer>({ status: response.status, headers, body: onceOnly(response) })
      : response.arrayBuffer().then((bytes) => ({ status: response.status, headers, body: new Uint8Array(bytes) }));
    buffered.set(response, answer);
  }
  return answer;
}

function onceOnly(response: Response): () => ReadableStream<Uint8Array> {
  let used = false;
  return () => {
    if (used || !response.body) throw new Error('This streaming Response was already used: answer with a function that returns a new one per call, or with eventStream().');
    used = true;
    return response.body;
  };
}

/** A JSON answer with the API's headers. */
export function jsonAnswer(body: unknown, status = 200): Answer {
  return {
    status,
    headers: { 'content-type': 'application/json', 'x-request-id': newRequestId() },
    body: JSON.stringify(body),
  };
}

/** Statuses whose responses have no body (`new Response(body, { status: 204 })` throws). */
const nullBodyStatuses = new Set([101, 204, 205, 304]);

/** A `Response` reading the answer's body afresh. */
export function responseOf(answer: Answer): Response {
  const body = nullBodyStatuses.has(answer.status) ? null : typeof answer.body === 'function' ? answer.body() : answer.body;
  return new Response(body, { status: answer.status, headers: answer.headers });
}
