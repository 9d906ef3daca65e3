import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { dirname } from 'node:path';
import { apiError } from '../errors/api-errors.js';
import { type HarEntry, type HarLog, type HarStreamEvent, emptyHar, harHeaders } from './har.js';
import { CassetteError, readHar } from './har-file.js';
import { redactHeaders, redactKeys, redactUrl } from './redact.js';
import { type RequestKey, requestKey } from './request-key.js';

/**
 * The environment variable that makes every cassette record afresh: `OPENAI_RESPONSES_RECORD=1 npm test`.
 *
 * @example
 * process.env[recordVariable] = '1'; // cassettes made from now on record
 */
export const recordVariable = 'OPENAI_RESPONSES_RECORD';

/**
 * Options of {@link cassette}.
 *
 * @example
 * const tape = cassette('test/cassettes/weather.har', { mode: 'record', fetch: globalThis.fetch });
 */
export interface CassetteOptions {
  /**
   * `'replay'` answers from the cassette only and never reaches the network; `'record'` sends every request on
   * and writes the cassette afresh. Default: `'record'` when `OPENAI_RESPONSES_RECORD` is `1` or `true`, else
   * `'replay'`.
   */
  mode?: 'replay' | 'record';
  /** The fetch that reaches the API when recording (default: the global `fetch` as it is when the cassette is made). */
  fetch?: typeof fetch;
  /**
   * Replay a stream with the pauses it was recorded with between events (default `false`: as fast as the client
   * reads). Either way it arrives event by event, as recorded.
   */
  replayTiming?: boolean;
}

/** Headers the runtime's fetch has already acted on: kept out of a recording, so a replay is read as it is. */
const transportHeaders = new Set(['content-encoding', 'content-length', 'transfer-encoding', 'connection', 'keep-alive']);

function isRecordingRequested(): boolean {
  const value = process.env[recordVariable]?.toLowerCase();
  return value === '1' || value === 'true';
}

function isTextual(type: string): boolean {
  return /^(text\/|application\/(json|x-ndjson|jsonl|.*\+json|x-www-form-urlencoded|xml))/.test(type) || type === '';
}

function pause(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}

/**
 * A recording of real traffic, played back offline: a HAR 1.2 file of requests and responses (see
 * {@link cassette}). Its `fetch` goes to any client that takes one, or becomes the global fetch.
 *
 * @example
 * const tape: Cassette = cassette('test/cassettes/chat.har');
 * const client = new OpenAI({ apiKey: 'sk-replay', fetch: tape.fetch });
 */
export class Cassette {
  /** The HAR file. */
  readonly path: string;
  /** Whether this cassette records or replays. */
  readonly mode: 'replay' | 'record';
  /** The fetch that records or replays: hand it to a client (`new OpenAI({ fetch: tape.fetch })`). */
  readonly fetch: typeof fetch;
  readonly #network: typeof fetch;
  readonly #replayTiming: boolean;
  #har: Promise<HarLog> | undefined;
  #writing: Promise<void> = Promise.resolve();
  /** How many times each key was replayed: the n-th identical request gets the n-th recording (then the last). */
  readonly #used = new Map<string, number>();

  /** @internal Made by {@link cassette}. */
  constructor(path: string, options: CassetteOptions = {}) {
    this.path = path;
    this.mode = options.mode ?? (isRecordingRequested() ? 'record' : 'replay');
    this.#network = options.fetch ?? globalThis.fetch;
    this.#replayTiming = options.replayTiming ?? false;
    this.fetch = (input, init) => this.#handle(new Request(input, init));
  }

  /**
   * Makes the global `fetch` this cassette's, for code that builds its own client or calls `fetch` itself;
   * returns the function that puts the previous one back.
   *
   * @example
   * const restore = tape.patchGlobalFetch();
   * try { await codeThatCallsOpenAI(); } finally { restore(); }
   */
  patchGlobalFetch(): () => void {
    const previous = globalThis.fetch;
    globalThis.fetch = this.fetch;
    return () => {
      if (globalThis.fetch === this.fetch) globalThis.fetch = previous;
    };
  }

  /**
   * Resolves once every recording made so far is written to the file (a stream's, once the client has read it
   * to the end).
   *
   * @example
   * await tape.written();
   */
  written(): Promise<void> {
    return this.#writing;
  }

  /** The recorded entries (read from the file when replaying; those recorded so far when recording). */
  async entries(): Promise<readonly HarEntry[]> {
    return (await this.#log()).log.entries;
  }

  #log(): Promise<HarLog> {
    this.#har ??= this.mode === 'record'
      ? Promise.resolve(emptyHar())
      : readFile(this.path, 'utf8').then((text) => readHar(this.path, text), (error: NodeJS.ErrnoException) => {
        if (error.code === 'ENOENT') return emptyHar();
        throw new CassetteError(this.path, `it cannot be read (${error.message})`);
      });
    return this.#har;
  }

  async #handle(request: Request): Promise<Response> {
    const url = new URL(request.url);
    const key = await requestKey(request, url);
    return this.mode === 'record' ? this.#record(request, url, key) : this.#replay(key);
  }

  async #replay(key: RequestKey): Promise<Response> {
    let entries: readonly HarEntry[];
    try {
      entries = (await this.#log()).log.entries;
    } catch (error) {
      if (!(error instanceof CassetteError)) throw error;
      // Not thrown: a fetch that throws is a connection error, which the SDK retries and words as its own.
      return apiError(500, error.message, { type: 'cassette_error', code: 'invalid_cassette', headers: { 'x-should-retry': 'false' } });
    }
    const matching = entries.filter((entry) => entry._key === key.key);
    if (matching.length === 0) return this.#missing(key, entries);
    const used = this.#used.get(key.key) ?? 0;
    this.#used.set(key.key, used + 1);
    const entry = matching[Math.min(used, matching.length - 1)] as HarEntry;
    const { response } = entry;
    const headers = new Headers(response.headers.map(({ name, value }) => [name, value] as [string, string]));
    const init = { status: response.status, statusText: response.statusText, headers };
    if (entry._events) return new Response(this.#eventStream(entry._events), init);
    if (response.status === 204 || response.status === 304) return new Response(null, init);
    const body = response.content.encoding === 'base64' ? Buffer.from(response.content.text, 'base64') : response.content.text;
    return new Response(body, init);
  }

  #eventStream(events: readonly HarStreamEvent[]): ReadableStream<Uint8Array> {
    const encoder = new TextEncoder();
    let index = 0;
    let last = 0;
    return new ReadableStream<Uint8Array>({
      pull: async (controller) => {
        const event = events[index];
        if (!event) return controller.close();
        index += 1;
        if (this.#replayTiming && event.time > last) await pause(event.time - last);
        last = event.time;
        controller.enqueue(encoder.encode(event.data));
      },
    });
  }

  #missing(key: RequestKey, entries: readonly HarEntry[]): Response {
    const sameRoute = entries.filter((entry) => entry._key.startsWith(`${key.line} `)).length;
    const body = redactKeys(key.body.length > 300 ? `${key.body.slice(0, 300)}…` : key.body);
    const message = [
      `openai-responses: the cassette ${this.path} has no recording of ${key.line}${body ? ` with the body ${body}` : ''}`,
      `(it holds ${entries.length} recording${entries.length === 1 ? '' : 's'}, ${sameRoute} of ${key.line} with other bodies).`,
      `To record it, run this test against the API with ${recordVariable}=1 (and a real API key in the client);`,
      'the cassette is then written afresh. Replaying never reaches the network.',
    ].join(' ');
    return apiError(404, message, { type: 'cassette_miss', code: 'recording_not_found', headers: { 'x-should-retry': 'false' } });
  }

  async #record(request: Request, url: URL, key: RequestKey): Promise<Response> {
    const started = new Date();
    const sent = performance.now();
    const requestText = request.body === null ? undefined : await request.clone().text();
    const response = await this.#network(request);
    const waited = performance.now() - sent;
    const type = response.headers.get('content-type') ?? '';
    const headers = new Headers([...response.headers].filter(([name]) => !transportHeaders.has(name.toLowerCase())));
    const entry = (text: string, encoding: 'base64' | undefined, size: number, events?: HarStreamEvent[]): HarEntry => {
      const total = performance.now() - sent;
      return {
        startedDateTime: started.toISOString(),
        time: Math.round(total),
        request: {
          method: request.method,
          url: redactUrl(url).toString(),
          httpVersion: 'HTTP/1.1',
          headers: redactHeaders(harHeaders(request.headers)),
          queryString: [...redactUrl(url).searchParams.entries()].map(([name, value]) => ({ name, value })),
          cookies: [],
          headersSize: -1,
          bodySize: requestText === undefined ? 0 : Buffer.byteLength(requestText),
          ...(requestText !== undefined && { postData: { mimeType: request.headers.get('content-type') ?? '', text: redactKeys(requestText) } }),
        },
        response: {
          status: response.status,
          statusText: response.statusText,
          httpVersion: 'HTTP/1.1',
          headers: redactHeaders(harHeaders(headers)),
          cookies: [],
          content: { size, mimeType: type, text, ...(encoding && { encoding }) },
          redirectURL: '',
          headersSize: -1,
          bodySize: size,
        },
        cache: {},
        timings: { send: 0, wait: Math.round(waited), receive: Math.round(total - waited) },
        _key: key.key,
        ...(events && { _events: events }),
      };
    };
    const init = { status: response.status, statusText: response.statusText, headers };
    if (type.startsWith('text/event-stream') && response.body) {
      return new Response(this.#recordStream(response.body, sent, (events) => {
        for (const event of events) event.data = redactKeys(event.data);
        const text = events.map((event) => event.data).join('');
        void this.#save(entry(text, undefined, Buffer.byteLength(text), events));
      }), init);
    }
    const bytes = new Uint8Array(await response.arrayBuffer());
    const textual = isTextual(type);
    const text = textual ? redactKeys(new TextDecoder().decode(bytes)) : Buffer.from(bytes).toString('base64');
    await this.#save(entry(text, textual ? undefined : 'base64', bytes.byteLength));
    const nullBody = response.status === 204 || response.status === 304;
    return new Response(nullBody ? null : bytes, init);
  }

  /**
   * Passes a stream through as it comes, noting each event (up to its blank line) and when it arrived. The
   * recording is done when the stream ends or when the client stops reading (the SDK does at `[DONE]`): what
   * the client saw is what replays.
   */
  #recordStream(body: ReadableStream<Uint8Array>, sent: number, done: (events: HarStreamEvent[]) => void): ReadableStream<Uint8Array> {
    const reader = body.getReader();
    const decoder = new TextDecoder();
    const events: HarStreamEvent[] = [];
    let pending = '';
    let finished = false;
    const take = (final: boolean): void => {
      const time = Math.round(performance.now() - sent);
      let end: number;
      while ((end = pending.search(/\r?\n\r?\n/)) !== -1) {
        const length = /^\r?\n\r?\n/.exec(pending.slice(end))?.[0].length ?? 2;
        events.push({ time, data: pending.slice(0, end + length) });
        pending = pending.slice(end + length);
      }
      if (final && pending) {
        events.push({ time, data: pending });
        pending = '';
      }
    };
    const finish = (): void => {
      if (finished) return;
      finished = true;
      pending += decoder.decode();
      take(true);
      done(events);
    };
    return new ReadableStream<Uint8Array>({
      async pull(controller) {
        const { value, done: ended } = await reader.read();
        if (ended) {
          finish();
          controller.close();
          return;
        }
        pending += decoder.decode(value, { stream: true });
        take(false);
        controller.enqueue(value);
      },
      async cancel(reason) {
        finish();
        await reader.cancel(reason);
      },
    });
  }

  /** Adds the entry and writes the file, one write after another; a failed write rejects `written()`. */
  #save(entry: HarEntry): Promise<void> {
    const next = this.#writing.then(async () => {
      const har = await this.#log();
      har.log.entries.push(entry);
      await mkdir(dirname(this.path), { recursive: true });
      await writeFile(this.path, `${JSON.stringify(har, null, 2)}\n`);
    });
    next.catch(() => undefined);
    this.#writing = next;
    return next;
  }
}

/**
 * A cassette at `path`: a `fetch` that records real traffic to a HAR 1.2 file and replays it offline. Requests
 * are matched by method, path (and query) and body (JSON with its keys sorted; multipart by its fields), not by
 * host or headers; the n-th identical request gets the n-th recording. Streams are kept event by event with
 * when each arrived, and replayed event by event. API keys and auth headers (`Authorization`, `api-key`,
 * cookies, `?api-key=`) are written as `[REDACTED]`, in the entry's matching key too. Replaying never reaches
 * the network: a request with no recording is answered with a 404 (not retried) naming the request, the
 * cassette and how to record it; a file that is not a cassette (cut short, not JSON, not HAR) with a 500 (not
 * retried) naming the file and what is wrong, and `entries()` rejects with a {@link CassetteError}.
 * `OPENAI_RESPONSES_RECORD=1` records every cassette afresh.
 *
 * @example
 * const tape = cassette(new URL('./cassettes/weather.har', import.meta.url).pathname);
 * const client = new OpenAI({ apiKey: process.env.OPENAI_API_KEY ?? 'sk-replay', fetch: tape.fetch });
 * const completion = await client.chat.completions.create({ model: 'gpt-4o', messages: [{ role: 'user', content: 'Hi' }] });
 */
export function cassette(path: string, options: CassetteOptions = {}): Cassette {
  return new Cassette(path, options);
}
