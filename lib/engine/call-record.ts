import { type Answer, responseOf } from '../internal/answer.js';
import { keptHeaderValue } from './redact.js';
import { type IncomingCall, type SentBody, parseSentBody } from './incoming-call.js';

/**
 * One call a route answered.
 *
 * @example
 * const [call] = openaiMock.chat.completions.create.calls;
 * call?.request.method; // 'POST'
 * call?.body.model; // 'gpt-4o': the body is a ChatCompletionCreateParams
 * call?.response.status; // 200
 */
export interface RouteCall<Params, Body = unknown> {
  /** The route that answered it, by its client method's name: `'chat.completions.create'`. */
  readonly route: string;
  /** The request as the client sent it. */
  readonly request: Request;
  /**
   * The parsed body, typed as the client method sends it (`ChatCompletionCreateParams` for
   * `chat.completions.create`): JSON, a `FormData` for multipart, `undefined` without a body.
   */
  readonly body: Body;
  readonly params: Params;
  /** The answer, unread (the client read a copy). */
  readonly response: Response;
}

/** Strings many calls share (header names and values), kept once. */
const shared = new Map<string, string>();

function sharedString(value: string): string {
  const known = shared.get(value);
  if (known !== undefined) return known;
  if (shared.size < 4096) shared.set(value, value);
  return value;
}

const noHeaders: readonly string[] = [];

/** The header list kept last: a client sends the same headers call after call, so calls share one list. */
let lastKept: readonly string[] = noHeaders;

/** Header pairs as kept, `[name, value, name, value, ...]`, secret headers redacted; a list like the last one shared. */
function keptHeaders(headers: HeadersInit | undefined): readonly string[] {
  if (headers === undefined) return noHeaders;
  const pairs: Iterable<readonly [string, string]> =
    headers instanceof Headers || Array.isArray(headers) ? (headers as Iterable<readonly [string, string]>) : Object.entries(headers);
  // Compared with the last list as it is read; a new list is made only from the first pair that differs.
  let kept: string[] | undefined;
  let at = 0;
  for (const [name, raw] of pairs) {
    const lower = name.toLowerCase();
    const value = keptHeaderValue(lower, raw);
    if (kept === undefined && lastKept[at] === lower && lastKept[at + 1] === value) {
      at += 2;
      continue;
    }
    kept ??= lastKept.slice(0, at);
    kept.push(sharedString(lower), sharedString(value));
  }
  if (kept === undefined) {
    if (at === lastKept.length) return lastKept;
    kept = lastKept.slice(0, at);
  }
  lastKept = kept;
  return kept;
}

const inspectCustom = Symbol.for('nodejs.util.inspect.custom');

/**
 * What gave a call its answer: the route's default (nothing set), its `response` (a partial, a model or a
 * `Response`), its `response` function, the n-th answer of its sequence (`responses`, `once`), its n-th `when`
 * rule (with the predicate), or a configured failure. `function` says the answer taken was a function.
 */
export interface AnsweredBy {
  readonly kind: 'default' | 'response' | 'function' | 'sequence' | 'when' | 'failure';
  /** `sequence`: the place of the answer in the sequence, from 1; `when`: the place of the rule, from 1. */
  readonly index?: number;
  /** `when`: the rule's predicate. */
  readonly predicate?: (input: never) => boolean;
  /** `sequence` and `when`: the answer taken was a function. */
  readonly function?: boolean;
}

/** The answers given without a script, one object each (a call keeps a reference, nothing is made per call). */
export const answeredBy = {
  default: Object.freeze({ kind: 'default' }),
  response: Object.freeze({ kind: 'response' }),
  function: Object.freeze({ kind: 'function' }),
  failure: Object.freeze({ kind: 'failure' }),
} as const satisfies Record<string, AnsweredBy>;

/** What answered, from a script's pick (if any) and the answer taken. */
export function answeredByOf(
  scripted: { readonly rule?: number | undefined; readonly predicate?: (input: never) => boolean; readonly sequence?: number | undefined } | undefined,
  isFunction: boolean,
  isDefault: boolean,
): AnsweredBy {
  if (scripted?.rule !== undefined) return { kind: 'when', index: scripted.rule, function: isFunction, ...(scripted.predicate && { predicate: scripted.predicate }) };
  if (scripted?.sequence !== undefined) return { kind: 'sequence', index: scripted.sequence, function: isFunction };
  if (isFunction) return answeredBy.function;
  return isDefault ? answeredBy.default : answeredBy.response;
}

/**
 * What a report reads of a call beyond the {@link RouteCall}: the route's name, the call's place among the calls
 * answered (to put the calls of several routes in order), when it came (epoch ms, sub-millisecond), how long it took
 * to answer (ms, latency included; a stream's events are read later), what answered, and the answer itself.
 */
export interface CallDetails {
  readonly route: string;
  readonly sequence: number;
  readonly at: number;
  readonly durationMs: number;
  readonly answeredBy: AnsweredBy;
  readonly answer: Answer;
}

/** Numbers the calls this copy of the library answered, in the order they were answered. */
let callsAnswered = 0;

/**
 * Where a call record answers its details: a key shared by every copy of the library in the process (the ESM and
 * CommonJS builds, a runner's own module registry), so a report made by one copy reads calls recorded by another.
 */
const detailsKey = Symbol.for('openai-responses.callDetails');

/** The details a report reads of a call the mock recorded (`undefined` for a call record made elsewhere). */
export function callDetails(call: RouteCall<unknown, unknown>): CallDetails | undefined {
  const read: unknown = (call as unknown as Record<symbol, unknown>)[detailsKey];
  return typeof read === 'function' ? (read.call(call) as CallDetails) : undefined;
}

/**
 * One call as a route's `calls` keeps it: method, URL, headers (keys redacted), the body as sent, the decoded
 * path parameters and the answer. The parsed body, the `Request` and the answer's `Response` are made when
 * first read. Printing it (`console.log`, `util.inspect`) or serialising it (`JSON.stringify`) shows the
 * same, and key headers show their redacted form only (see {@link redactSecret}).
 */
export class CallRecord<Params, Body> implements RouteCall<Params, Body> {
  readonly #method: string;
  readonly #url: string;
  readonly #headers: readonly string[];
  #sent: SentBody;
  #body: { value: Body } | undefined;
  readonly #answer: Answer;
  #response: Response | undefined;
  readonly #by: AnsweredBy;
  readonly #started: number;
  readonly #finished: number;
  readonly #sequence: number;

  /** @internal What a report reads (see {@link callDetails}). */
  [detailsKey](): CallDetails {
    return {
      route: this.route,
      sequence: this.#sequence,
      at: performance.timeOrigin + this.#started,
      durationMs: this.#finished - this.#started,
      answeredBy: this.#by,
      answer: this.#answer,
    };
  }

  constructor(
    /** The route that answered it, by its client method's name. */
    readonly route: string,
    call: IncomingCall,
    readonly params: Params,
    answer: Answer,
    by: AnsweredBy = answeredBy.default,
    started = performance.now(),
  ) {
    this.#method = call.method;
    this.#url = sharedString(call.url);
    this.#headers = keptHeaders(call.headers);
    this.#sent = call.sent;
    this.#answer = answer;
    this.#by = by;
    this.#started = started;
    this.#finished = performance.now();
    this.#sequence = ++callsAnswered;
  }

  /** The request as the client sent it, key headers redacted. */
  get request(): Request {
    const headers: [string, string][] = [];
    for (let i = 0; i < this.#headers.length; i += 2) headers.push([this.#headers[i] ?? '', this.#headers[i + 1] ?? '']);
    const sent = this.#sent ?? (this.#body === undefined ? undefined : JSON.stringify(this.#body.value));
    return new Request(this.#url, { method: this.#method, headers, ...(sent !== undefined && { body: sent }) });
  }

  #header(name: string): string {
    const at = this.#headers.indexOf(name);
    return at % 2 === 0 ? (this.#headers[at + 1] ?? '') : '';
  }

  /** The parsed body (parsed on first read). */
  get body(): Body {
    if (this.#body === undefined) {
      this.#body = { value: parseSentBody(this.#sent, this.#header('content-type')) as Body };
      // A parsed JSON body is kept instead of its text; text, forms and unparsable bodies stay as they are.
      if (typeof this.#body.value === 'object' && !(this.#body.value instanceof FormData)) this.#sent = undefined;
    }
    return this.#body.value;
  }

  /** The answer, unread (the client read a copy of its own). */
  get response(): Response {
    this.#response ??= responseOf(this.#answer);
    return this.#response;
  }

  /** What printing and serialising show: the call without its secrets. */
  toJSON(): { route: string; method: string; url: string; headers: Record<string, string>; params: Params; body: Body; status: number } {
    const headers: Record<string, string> = {};
    for (let i = 0; i < this.#headers.length; i += 2) headers[this.#headers[i] ?? ''] = this.#headers[i + 1] ?? '';
    return { route: this.route, method: this.#method, url: this.#url, headers, params: this.params, body: this.body, status: this.#answer.status };
  }

  [inspectCustom](depth: number, options: object, inspect: (value: unknown, options: object) => string): string {
    return `CallRecord ${inspect(this.toJSON(), { ...options, depth: depth < 0 ? null : depth })}`;
  }
}
