import type { CallLog, FetchMock } from 'fetch-mock';
import { apiError } from '../errors/api-errors.js';
import { IncomingRequest, type SentBody, UnreadableBody, headerOf, readSentBody } from './incoming-call.js';
import { type Answer, responseOf } from '../internal/answer.js';
import { type MaybePromise, isPromise } from '../internal/maybe-promise.js';
import { keptHeaderValue } from './redact.js';
import type { Route } from './route.js';
import { type TableMatch, canonicalBaseURL, emptyFetchMock, nearestRoutes, routeTable } from './route-table.js';

/** The path parameters of every call to a route without any: one object, so call records need not keep their own. */
const noParams: Record<string, string> = Object.freeze({});

/** What a URL under the OpenAI base URL starts with. */
const canonicalBasePath = canonicalBaseURL + '/';

/** A route's answer as the `Response` the client gets (a refusal the router made is one already). */
function asResponse(done: Response | Answer): Response {
  return done instanceof Response ? done : responseOf(done);
}

/** The network's fetch, as it was when this module loaded (before any test patched the global one). */
const networkFetch: typeof fetch = globalThis.fetch;

/**
 * What to do with a request no route answers.
 *
 * @example
 * new OpenAIMock({ onUnhandledRequest: (request) => (request.url.includes('/health') ? new Response('ok') : undefined) });
 */
export type UnhandledRequestStrategy =
  | 'error'
  | 'warn'
  | 'bypass'
  | ((request: Request, context: { message: string }) => Response | void | Promise<Response | void>);

/** The headers of a request init with key headers redacted (as fetch-mock's call history keeps them). */
function redactedHeaders(headers: HeadersInit): [string, string][] {
  const pairs: Iterable<readonly [string, string]> =
    headers instanceof Headers || Array.isArray(headers) ? (headers as Iterable<readonly [string, string]>) : Object.entries(headers);
  return Array.from(pairs, ([name, value]) => [name, keptHeaderValue(name, value)]);
}

/** A request's parts as a URL and an init, read from a `Request`. */
async function partsOf(input: Request, signal: AbortSignal | null | undefined): Promise<{ url: string; init: RequestInit }> {
  const bytes = input.method === 'GET' || input.method === 'HEAD' ? undefined : await input.arrayBuffer();
  const init: RequestInit = { method: input.method, headers: input.headers, signal: signal ?? input.signal };
  if (bytes !== undefined && bytes.byteLength > 0) init.body = bytes;
  return { url: input.url, init };
}

/**
 * A mock's router. Requests to the OpenAI base URL (or an Azure deployment URL) are looked up in the route
 * table (fetch-mock's path patterns, see `route-table.ts`) and answered by their route. Anything else goes to
 * this mock's own fetch-mock instance, `openaiMock.router`, through its `fetchHandler`: routes users add there
 * for other APIs answer, and its fallback answers what is left (an OpenAI request that came in through
 * fetch-mock's own entry points, `router.mockGlobal()`, or the unhandled-request strategy).
 * fetch-mock's call history keeps the calls it saw, with key headers redacted; OpenAI calls are kept once,
 * on their routes.
 */
export class MockRouter {
  #fetchMock: FetchMock | undefined;
  readonly #baseURL: string;
  /** `#baseURL` followed by `/` and by `?`: what a URL under it starts with. */
  readonly #basePath: string;
  readonly #baseQuery: string;
  readonly #routes: ReadonlyMap<string, Route>;
  /** Requests this router handed to fetch-mock (the init it was given, redacted) with the init as sent. */
  readonly #handedOver = new WeakMap<object, { url: string; init: RequestInit }>();
  #strategy: UnhandledRequestStrategy;

  /** `routes`: the mock's routes by client method name. */
  constructor(routes: ReadonlyMap<string, Route>, options: { baseURL: string; onUnhandledRequest: UnhandledRequestStrategy }) {
    this.#baseURL = options.baseURL.replace(/\/+$/, '');
    this.#basePath = this.#baseURL + '/';
    this.#baseQuery = this.#baseURL + '?';
    this.#strategy = options.onUnhandledRequest;
    this.#routes = routes;
  }

  /**
   * The fetch-mock instance: add routes for other APIs here, read its `callHistory`. Made when first used, so a
   * mock whose requests all reach OpenAI routes never builds one.
   */
  get fetchMock(): FetchMock {
    this.#fetchMock ??= emptyFetchMock().catch((callLog: CallLog) => this.#fallback(callLog));
    return this.#fetchMock;
  }

  /** Forgets the calls fetch-mock saw (nothing to forget if it was never made). */
  clearHistory(): void {
    this.#fetchMock?.clearHistory();
  }

  /** Changes what happens to requests no route answers. */
  set onUnhandledRequest(strategy: UnhandledRequestStrategy) {
    this.#strategy = strategy;
  }

  /** The path below the OpenAI base URL (or an Azure deployment URL) with its query, or `undefined`. */
  apiPath(url: string): string | undefined {
    if (url.startsWith(this.#basePath) || url.startsWith(this.#baseQuery)) return url.slice(this.#baseURL.length);
    if (url.startsWith(canonicalBasePath)) return url.slice(canonicalBaseURL.length);
    const azure = /^https?:\/\/[^/]+(?:\/[^?]*)?\/openai(?:\/deployments\/[^/?]+|\/v1)?(\/[^?]*(?:\?.*)?)$/.exec(url);
    return azure?.[1];
  }

  /** Whether a URL the table matched is an Azure one (neither under the mock's base URL nor the OpenAI one). */
  #isAzure(url: string): boolean {
    return !url.startsWith(this.#basePath) && !url.startsWith(this.#baseQuery) && !url.startsWith(canonicalBasePath);
  }

  /** Routes one request: the fetch the client is given. */
  handle(input: string | URL | Request, init?: RequestInit): Promise<Response> {
    if (input instanceof Request) return partsOf(input, init?.signal).then(({ url, init: read }) => this.handle(url, read));
    const url = String(input);
    const answered = this.#answerOpenAI(url, init);
    if (answered === undefined) return this.#handOver(url, init);
    return isPromise(answered) ? answered.then((response) => response ?? this.#handOver(url, init)) : answered;
  }

  /**
   * The answer of the OpenAI route a request reaches; `undefined` (or a promise of it) when none does. Settles
   * synchronously, without a promise round trip, when the table already knows the path.
   */
  #answerOpenAI(url: string, init: RequestInit | undefined): Promise<Response> | undefined | Promise<Response | undefined> {
    const apiPath = this.apiPath(url);
    if (apiPath === undefined) return undefined;
    const method = (init?.method ?? 'GET').toUpperCase();
    const match = routeTable().match(method, apiPath);
    if (isPromise(match)) return match.then((found) => (found ? this.#answerMatch(found, method, url, apiPath, init) : undefined));
    return match ? this.#answerMatch(match, method, url, apiPath, init) : undefined;
  }

  #answerMatch(match: TableMatch, method: string, url: string, apiPath: string, init: RequestInit | undefined): Promise<Response> {
    const route = this.#routes.get(match.name);
    if (!route) return Promise.resolve(this.#badRequest(`openai-responses has no route ${match.name}.`));
    const signal = init?.signal ?? undefined;
    if (signal?.aborted) return Promise.reject(signal.reason);
    let params: Record<string, string> = noParams;
    try {
      for (const key in match.rawParams) {
        if (params === noParams) params = {};
        params[key] = decodeURIComponent(match.rawParams[key] ?? '');
      }
    } catch {
      return Promise.resolve(this.#badRequest(`Invalid URL (${method} ${url}): a path segment has a malformed percent-escape.`));
    }
    const headers = init?.headers;
    const contentType = headerOf(headers, 'content-type');
    const queryAt = apiPath.indexOf('?');
    // The query is parsed only if something reads it (most calls have none, and no route reads an empty one).
    const query = queryAt === -1 ? '' : apiPath.slice(queryAt + 1);
    try {
      const sent = readSentBody(init?.body, contentType, url, method);
      if (isPromise(sent)) return sent.then((read) => this.#answerSent(route, read, method, url, params, query, headers, contentType, signal)).then(asResponse);
      const answer = this.#answerSent(route, sent, method, url, params, query, headers, contentType, signal);
      // Nothing waited for: the answer is made into a `Response` now, without a promise round trip.
      return isPromise(answer) ? answer.then(asResponse) : Promise.resolve(asResponse(answer));
    } catch (error) {
      return Promise.reject(error);
    }
  }

  /** The route's answer to a call whose body is read (a 400 if it could not be). */
  #answerSent(
    route: Route,
    sent: SentBody | UnreadableBody,
    method: string,
    url: string,
    params: Record<string, string>,
    query: string,
    headers: HeadersInit | undefined,
    contentType: string,
    signal: AbortSignal | undefined,
  ): MaybePromise<Answer | Response> {
    if (sent instanceof UnreadableBody) return this.#badRequest(`Could not parse the request body as ${contentType.split(';')[0] ?? 'sent'}: ${sent.reason}`);
    return route.answer(new IncomingRequest(method, url, params, query, headers, sent, contentType, signal, this.#isAzure(url)));
  }

  #badRequest(message: string): Response {
    return apiError(400, message, { code: 'invalid_request', headers: { 'x-should-retry': 'false' } });
  }

  /** Gives a request to fetch-mock, with key headers redacted in what its call history keeps. */
  #handOver(url: string, init: RequestInit | undefined): Promise<Response> {
    const kept: RequestInit = { ...init };
    if (init?.headers !== undefined) kept.headers = redactedHeaders(init.headers);
    this.#handedOver.set(kept, { url, init: init ?? {} });
    return this.fetchMock.fetchHandler(url, kept);
  }

  /**
   * fetch-mock's fallback: requests none of its routes answered. Ones this router handed over go to the
   * unhandled-request strategy; ones that came in through fetch-mock's own `fetchHandler` (`mockGlobal()`)
   * are answered by their OpenAI route first. Key headers are redacted in the call log fetch-mock keeps.
   */
  async #fallback(callLog: CallLog): Promise<Response> {
    const handed = typeof callLog.args[1] === 'object' && callLog.args[1] !== null ? this.#handedOver.get(callLog.args[1]) : undefined;
    if (handed) return this.#unhandled(handed.url, handed.init);
    const [input, init] = callLog.args as [string | URL | Request, RequestInit | undefined];
    const sent = input instanceof Request ? await partsOf(input, init?.signal) : { url: String(input), init: init ?? {} };
    this.#redactCallLog(callLog);
    return (await this.#answerOpenAI(sent.url, sent.init)) ?? this.#unhandled(sent.url, sent.init);
  }

  #redactCallLog(callLog: CallLog): void {
    const headers = callLog.options.headers as Record<string, string> | undefined;
    if (headers) for (const name of Object.keys(headers)) headers[name] = keptHeaderValue(name, headers[name] ?? '');
    const init = callLog.args[1];
    if (typeof init === 'object' && init !== null && 'headers' in init && init.headers !== undefined) {
      callLog.args[1] = { ...init, headers: redactedHeaders(init.headers as HeadersInit) };
    }
    if (callLog.request) callLog.args[0] = callLog.request.url;
    delete callLog.request;
  }

  async #unhandled(url: string, init: RequestInit): Promise<Response> {
    const request = new Request(url, init);
    const method = request.method;
    const apiPath = this.apiPath(url);
    const nearest = apiPath === undefined ? [] : nearestRoutes(method, apiPath);
    const message =
      `openai-responses: no route answers ${method} ${url}.` +
      (nearest.length ? ` The nearest routes are: ${nearest.join(', ')}.` : '') +
      ' Add a route for it on openaiMock.router (fetch-mock), or pass onUnhandledRequest: \'bypass\' to send such requests to the network.';
    const strategy = this.#strategy;
    if (typeof strategy === 'function') {
      const answer = await strategy(request, { message });
      if (answer instanceof Response) return answer;
    } else if (strategy === 'bypass' || strategy === 'warn') {
      if (strategy === 'warn') console.warn(message.replace('no route answers', 'passing to the network, as no route answers'));
      return networkFetch(request);
    }
    console.error(message);
    return apiError(404, message, { type: 'unhandled_request', code: 'unhandled_request', headers: { 'x-should-retry': 'false' } });
  }
}

