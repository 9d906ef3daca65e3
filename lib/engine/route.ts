import type { ModelPartial } from '../internal/model-partial.js';
import { Refusal } from '../errors/api-errors.js';
import { newRequestId } from '../internal/ids.js';
import { type Answer, answerOf, jsonAnswer } from '../internal/answer.js';
import { publishAnswer } from '../internal/diagnostics.js';
import { type AnsweredBy, CallRecord, type RouteCall, answeredBy, answeredByOf } from './call-record.js';
import type { IncomingCall } from './incoming-call.js';
import { type ElementDefaults, complete } from '../internal/merge.js';
import { type MaybePromise, after, isPromise } from '../internal/maybe-promise.js';
import type { CatalogEntry, HttpMethod } from '../catalog/entry.js';
import type { Behaviour, CallContext } from '../resources/behaviour.js';
import { behaviourAnswer, refusalAnswer } from '../resources/kit/behaviour-answer.js';
import type { StateStore } from '../state/state-store.js';
import { Script } from '../scripting/script.js';
import { unknownModel } from '../validation/known-model.js';
import { validateRequest } from '../validation/validate-request.js';


export type { ModelPartial, RouteCall, IncomingCall };

/**
 * What a response function receives.
 *
 * @example
 * openaiMock.files.retrieve.response = ({ params }) => ({ id: params.file_id, filename: 'data.jsonl' });
 */
export interface RouteFunctionInput<Model, Params, Body = unknown> {
  /** The request as the client sent it. */
  request: Request;
  /** The route answering it (its `calls` so far, ...). */
  route: Route<Model, Params, Body>;
  /** The mock's state. */
  state: StateStore;
  /** The path parameters, decoded: `{ thread_id, run_id }` for `/threads/{thread_id}/runs/{run_id}`. */
  params: Params;
  /**
   * The parsed body, typed as the client method sends it (`ChatCompletionCreateParams` for
   * `chat.completions.create`): JSON, a `FormData` for multipart, `undefined` without a body.
   */
  body: Body;
}

/**
 * A response function: returns a `Response`, a partial or a full model, sync or async.
 *
 * @example
 * openaiMock.beta.threads.runs.retrieve.response = ({ params, state }) =>
 *   ({ ...state.beta.threads.runs.of(params.thread_id).get(params.run_id), status: 'in_progress' });
 */
export type RouteFunction<Model, Params, Body = unknown> = (
  input: RouteFunctionInput<Model, Params, Body>,
) => MaybePromise<Response | ModelPartial<Model> | Model>;

/**
 * A test on a request: `route.when(predicate, answer)` answers the calls it holds for. It gets what a response
 * function gets (`body`, `params`, `state`, `request`, `route`) and returns a boolean, synchronously.
 *
 * @example
 * const asksForPrice: RoutePredicate<OpenAI.Chat.ChatCompletion, Record<string, string>, OpenAI.Chat.ChatCompletionCreateParams> = ({ body }) =>
 *   body.messages.some((message) => JSON.stringify(message.content).includes('price'));
 * openaiMock.chat.completions.create.when(asksForPrice, { choices: [{ message: { content: '42 EUR' } }] });
 */
export type RoutePredicate<Model, Params, Body = unknown> = (input: RouteFunctionInput<Model, Params, Body>) => boolean;

/**
 * Everything a route can be told to answer.
 *
 * @example
 * openaiMock.chat.completions.create.response = { choices: [{ message: { content: 'partial' } }] };
 * openaiMock.chat.completions.create.response = new Response(null, { status: 503 });
 */
export type RouteResponse<Model, Params, Body = unknown> = ModelPartial<Model> | Model | Response | RouteFunction<Model, Params, Body>;

/**
 * Errors to answer before answering normally.
 *
 * @example
 * openaiMock.responses.create.failures = { count: 2, status: 429, message: 'Rate limit reached', code: 'rate_limit_exceeded' };
 */
export interface FailureOptions {
  /** How many calls fail. */
  count: number;
  /** HTTP status (500). */
  status?: number;
  message?: string;
  type?: string;
  code?: string | null;
  /** The `retry-after-ms` header the SDK waits by (0: retry at once). */
  retryAfterMs?: number;
}



/** What a route needs of its mock. */
export interface RouteHost {
  readonly state: StateStore;
  readonly fetch: typeof fetch;
  /** The newest calls each route keeps (`undefined`: all). */
  readonly keepCalls?: number | undefined;
  /** Whether request bodies are checked against the API's request schemas before the default answer (true). */
  readonly validateRequests?: boolean;
  /** Whether a request may name any model (false: an id outside the known families and `state.models` is the API's 404). */
  readonly acceptAnyModel?: boolean;
  /** Where the mock keeps every call it answered, in order, across routes (`openaiMock.calls`). */
  readonly calls?: { add(call: RouteCall<unknown, unknown>): void };
}

function isRouteFunction<Model, Params, Body>(value: unknown): value is RouteFunction<Model, Params, Body> {
  return typeof value === 'function';
}

function sleep(ms: number, signal: AbortSignal | undefined): Promise<void> {
  return new Promise((resolve, reject) => {
    if (signal?.aborted) return reject(signal.reason);
    const onAbort = (): void => {
      clearTimeout(timer);
      reject(signal?.reason);
    };
    const timer = setTimeout(() => {
      signal?.removeEventListener('abort', onAbort);
      resolve();
    }, ms);
    signal?.addEventListener('abort', onAbort, { once: true });
  });
}

/** Adds what every API answer carries, and a retry header so the SDK's retries never sleep. */
function withApiHeaders(answer: Answer): Answer {
  const { status, headers } = answer;
  headers['x-request-id'] ??= newRequestId();
  const retryable = status === 408 || status === 409 || status === 429 || status >= 500;
  if (retryable && headers['retry-after'] === undefined) headers['retry-after-ms'] ??= '0';
  return answer;
}

/** What a response function (and a `when` rule) receives; the `Request` is built when first read. */
class FunctionInput<Model, Params, Body> implements RouteFunctionInput<Model, Params, Body> {
  readonly params: Params;
  readonly body: Body;

  constructor(
    private readonly call: IncomingCall,
    readonly route: Route<Model, Params, Body>,
    readonly state: StateStore,
  ) {
    this.params = call.params as Params;
    this.body = call.body as Body;
  }

  get request(): Request {
    return this.call.request;
  }
}

/** What a behaviour sees of a call (see {@link CallContext}). */
class Context implements CallContext {
  readonly body: unknown;
  readonly sent: unknown;
  readonly params: Readonly<Record<string, string>>;
  readonly state: StateStore;
  readonly fetch: typeof fetch;

  constructor(
    private readonly call: IncomingCall,
    host: RouteHost,
    readonly override: unknown,
  ) {
    this.body = call.body;
    this.sent = call.sent;
    this.params = call.params;
    this.state = host.state;
    this.fetch = host.fetch;
  }

  /** The query, parsed when first read (most calls have none). */
  get query(): URLSearchParams {
    return this.call.query;
  }

  get request(): Request {
    return this.call.request;
  }

  complete<T extends object>(defaults: T, elements?: ElementDefaults): T {
    return complete(defaults, this.override, elements);
  }
}

/**
 * One route of the mock: `openaiMock.chat.completions.create`. Set `response` to change what it answers,
 * read `calls` to see what it was asked, add `latency` or `failures`, and `reset()` it.
 *
 * @example
 * openaiMock.chat.completions.create.response = { choices: [{ message: { content: 'Hi!' } }] };
 * openaiMock.chat.completions.create.failures = 2; // the next two calls answer 500, retried by the SDK
 * openaiMock.chat.completions.create.latency = 50; // ms before each answer
 * openaiMock.chat.completions.create.calls.length; // how many calls it answered
 */
export class Route<Model = unknown, Params = Record<string, string>, Body = unknown> {
  /** The client method this route answers: `chat.completions.create`. */
  readonly name: string;
  readonly method: HttpMethod;
  /** The path pattern below the base URL: `/threads/:thread_id/runs/:run_id`. */
  readonly path: string;
  /** Milliseconds to wait before answering (0). The client's timeout and abort signal cut it short. */
  latency = 0;
  #response: RouteResponse<Model, Params, Body> | undefined;
  #calls: RouteCall<Params, Body>[] = [];
  #failures: FailureOptions = { count: 0 };
  readonly #script = new Script<RouteFunctionInput<Model, Params, Body>, RouteResponse<Model, Params, Body> | undefined>();
  readonly #behaviour: Behaviour | undefined;
  readonly #host: RouteHost;

  /** @internal Built by `OpenAIMock`. */
  constructor(entry: CatalogEntry, behaviour: Behaviour | undefined, host: RouteHost) {
    this.name = entry.name;
    this.method = entry.method;
    this.path = entry.path;
    this.#behaviour = behaviour;
    this.#host = host;
  }

  /** What the route answers: a partial, a full model, a `Response` or a function; `undefined` for the default. */
  get response(): RouteResponse<Model, Params, Body> | undefined {
    return this.#response;
  }

  set response(value: RouteResponse<Model, Params, Body> | undefined) {
    this.#response = value;
  }

  /** The calls this route answered, oldest first. */
  get calls(): readonly RouteCall<Params, Body>[] {
    return this.#calls;
  }

  /** How many of the next calls answer with an error (a number: status 500), or the error's details. */
  get failures(): number | FailureOptions {
    return this.#failures.count === 0 ? 0 : this.#failures;
  }

  set failures(value: number | FailureOptions) {
    this.#failures = typeof value === 'number' ? { count: value } : { ...value };
  }

  /**
   * Answers in sequence: the next calls take these, one each, before `response` answers again
   * (`route.responses = [toolCall, finalText]`). Reads the answers not used yet. See `docs/scripting.md`.
   */
  get responses(): readonly (RouteResponse<Model, Params, Body> | undefined)[] {
    return this.#script.queued;
  }

  set responses(answers: readonly (RouteResponse<Model, Params, Body> | undefined)[]) {
    this.#script.replaceQueue(answers);
  }

  /** Adds one answer to the sequence (`responses`): the next call not answered by a `when` rule takes it. */
  once(answer: RouteResponse<Model, Params, Body> | undefined): this {
    this.#script.enqueue(answer);
    return this;
  }

  /** Every call whose request makes `predicate` true gets `answer` (the first rule added that holds wins). */
  when(predicate: RoutePredicate<Model, Params, Body>, answer: RouteResponse<Model, Params, Body> | undefined): this {
    this.#script.addRule(predicate, answer);
    return this;
  }

  /** Back to the default response, no sequence or `when` rules, no latency, no failures, no calls. */
  reset(): void {
    this.#script.clear();
    this.#response = undefined;
    this.#calls = [];
    this.#failures = { count: 0 };
    this.latency = 0;
  }

  /**
   * @internal Answers one call. The answer path, one step each (each may finish the answer early):
   * 1. `latency`: wait, cut short by the client's abort signal;
   * 2. `#failure`: a configured failure answers instead;
   * 3. `#fromUserResponse`: what the user set for this call (a scripted answer, a `when` rule's, `response`);
   * 4. a response function is called; its result is the override;
   * 5. `#fromOverride`: a user `Response` answers as it is; else the behaviour runs;
   * 6. `behaviourAnswer` (the kit's converter): the behaviour's outcome becomes the answer;
   * 7. `#finish`: API headers, then the call is recorded.
   * A throw anywhere becomes a 500 `mock_error`. The path stays synchronous until a step returns a promise.
   */
  answer(call: IncomingCall): MaybePromise<Answer> {
    const started = performance.now();
    if (this.latency > 0) return sleep(this.latency, call.signal).then(() => this.#answerNow(call, started));
    return this.#answerNow(call, started);
  }

  #answerNow(call: IncomingCall, started: number): MaybePromise<Answer> {
    let answer: MaybePromise<Answer>;
    // What answered is known before anything asynchronous runs: it is kept with the call (reports show it).
    let by: AnsweredBy = answeredBy.default;
    try {
      const failure = this.#failure();
      if (failure !== undefined) {
        by = answeredBy.failure;
        answer = failure;
      } else if (this.#script.isEmpty && !isRouteFunction(this.#response)) {
        // Without a sequence, rules or a function, nothing reads the function input: none is made.
        by = this.#response === undefined ? answeredBy.default : answeredBy.response;
        answer = this.#fromOverride(call, this.#response);
      } else {
        const input = new FunctionInput<Model, Params, Body>(call, this, this.#host.state);
        const scripted = this.#script.pick(input);
        const response = scripted ? scripted.answer : this.#response;
        by = answeredByOf(scripted, isRouteFunction(response), response === undefined);
        answer = this.#fromUserResponse(call, input, response);
      }
    } catch (error) {
      answer = this.#internalError(error);
    }
    // Closures only for an answer that is not there yet: a call answered at once makes none.
    if (isPromise(answer)) return answer.catch((error: unknown) => this.#internalError(error)).then((done) => this.#finish(call, done, by, started));
    return this.#finish(call, answer, by, started);
  }

  /** Step 2: the next configured failure, if any is left. */
  #failure(): Answer | undefined {
    const failure = this.#failures;
    if (failure.count <= 0) return undefined;
    failure.count -= 1;
    return refusalAnswer(new Refusal(failure.status ?? 500, failure.message ?? 'The server had an error while processing your request.', {
      ...(failure.type !== undefined && { type: failure.type }),
      code: failure.code ?? null,
      headers: { 'retry-after-ms': String(failure.retryAfterMs ?? 0) },
    }));
  }

  /**
   * Steps 3 and 4: what the user set for this call (a scripted answer, a `when` rule's, else `response`); a
   * response function is called with the call, and its result is the override.
   */
  #fromUserResponse(call: IncomingCall, input: FunctionInput<Model, Params, Body>, response: RouteResponse<Model, Params, Body> | undefined): MaybePromise<Answer> {
    if (!isRouteFunction<Model, Params, Body>(response)) return this.#fromOverride(call, response);
    return after(response(input), (override) => this.#fromOverride(call, override));
  }

  /**
   * Step 5: the user's `Response` answers as it is; otherwise the body is validated (a 400 if the API would refuse
   * it) and its `model` checked (the API's 404 for a model it does not serve; not on Azure, where it names a
   * deployment), then the behaviour runs, completed with the override.
   */
  #fromOverride(call: IncomingCall, override: unknown): MaybePromise<Answer> {
    if (override instanceof Response) return answerOf(override);
    const checks = this.#host.validateRequests !== false;
    const invalid = validateRequest(this.method, this.path, call, checks);
    if (invalid) return refusalAnswer(invalid);
    if (checks && this.#host.acceptAnyModel !== true && call.azure !== true) {
      const unknown = unknownModel(call.body, this.#host.state);
      if (unknown) return refusalAnswer(unknown);
    }
    const behaviour = this.#behaviour;
    if (!behaviour) {
      if (override !== undefined) return jsonAnswer(override);
      return refusalAnswer(new Refusal(501, `openai-responses has no default answer for client.${this.name}() (${this.method} ${this.path}). Set openaiMock.${this.name}.response to answer it.`, {
        type: 'not_implemented',
        headers: { 'x-should-retry': 'false' },
      }));
    }
    // Step 6: the behaviour's outcome becomes the answer through the kit's one converter.
    return behaviourAnswer(behaviour, new Context(call, this.#host, override));
  }

  /** Step 7: what every API answer carries, then the call is recorded. */
  #finish(call: IncomingCall, answer: Answer, by: AnsweredBy, started: number): Answer {
    withApiHeaders(answer);
    const keep = this.#host.keepCalls;
    if (keep !== undefined && this.#calls.length >= keep) this.#calls.splice(0, this.#calls.length - keep + 1);
    if (keep !== 0) {
      const record = new CallRecord<Params, Body>(this.name, call, call.params as Params, answer, by, started);
      this.#calls.push(record);
      // One record in both lists: the route's and the mock's.
      this.#host.calls?.add(record);
    }
    // The request and body are read only if someone subscribes to the diagnostics channel.
    publishAnswer(this, call, answer);
    return answer;
  }

  #internalError(error: unknown): Answer {
    const reason = error instanceof Error ? error.message : String(error);
    return refusalAnswer(new Refusal(500, `openai-responses: client.${this.name}() failed inside the mock: ${reason}`, {
      type: 'mock_error',
      headers: { 'x-should-retry': 'false' },
    }));
  }
}
