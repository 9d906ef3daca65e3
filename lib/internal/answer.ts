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
  if (nullBodyStatuses.has(answer.status)) return new Response(null, { status: answer.status, headers: answer.headers });
  // (A text body without a content type gets the one `Response` gives it, `text/plain;charset=UTF-8`.)
  if (typeof answer.body === 'string' && answer.headers['content-type'] !== undefined) return new TextAnswerResponse(answer.body, { status: answer.status, headers: answer.headers });
  return new Response(typeof answer.body === 'function' ? answer.body() : answer.body, { status: answer.status, headers: answer.headers });
}

const unusable = (): Promise<never> => Promise.reject(new TypeError('Body is unusable: Body has already been read'));

/**
 * A `Response` of a text answer (JSON, mostly) whose body stream is made only if something reads `body`:
 * `text()` and `json()`, what clients call, answer from the text itself. Making a body stream and reading
 * it back costs more than the rest of a mock's answer, and most answers are never read as a stream. Every
 * other reader (`body`, `arrayBuffer()`, `bytes()`, `blob()`, `formData()`) reads a `Response` made from the
 * text on first use, so a read behaves as a plain `Response`'s, and a body is read once either way.
 */
class TextAnswerResponse extends Response {
  readonly #text: string;
  /** The plain `Response` of the text, made when something reads the body another way than `text()` or `json()`. */
  #plain: Response | undefined;
  /** Whether `text()` or `json()` read the body (before any plain `Response` was made). */
  #read = false;

  constructor(text: string, init: ResponseInit) {
    super(null, init);
    this.#text = text;
  }

  #asPlain(): Response {
    if (this.#plain === undefined) {
      this.#plain = new Response(this.#text, { status: this.status, headers: this.headers });
      // A body `text()` or `json()` already read stays read.
      if (this.#read) this.#plain.text().catch(() => undefined);
    }
    return this.#plain;
  }

  override get body(): ReadableStream<Uint8Array<ArrayBuffer>> | null {
    return this.#asPlain().body;
  }

  override get bodyUsed(): boolean {
    return this.#plain === undefined ? this.#read : this.#plain.bodyUsed;
  }

  override text(): Promise<string> {
    if (this.#plain !== undefined) return this.#plain.text();
    if (this.#read) return unusable();
    this.#read = true;
    return Promise.resolve(this.#text);
  }

  override json(): Promise<unknown> {
    if (this.#plain !== undefined) return this.#plain.json();
    if (this.#read) return unusable();
    this.#read = true;
    try {
      return Promise.resolve(JSON.parse(this.#text) as unknown);
    } catch (error) {
      return Promise.reject(error as Error);
    }
  }

  override arrayBuffer(): Promise<ArrayBuffer> {
    return this.#asPlain().arrayBuffer();
  }

  override bytes(): Promise<Uint8Array<ArrayBuffer>> {
    return this.#asPlain().bytes();
  }

  override blob(): Promise<Blob> {
    return this.#asPlain().blob();
  }

  override formData(): Promise<FormData> {
    return this.#asPlain().formData();
  }

  override clone(): Response {
    if (this.bodyUsed) throw new TypeError('Response.clone: Body has already been consumed.');
    return new TextAnswerResponse(this.#text, { status: this.status, headers: this.headers });
  }
}
