import type { CallLog, FetchMock } from 'fetch-mock';
import { apiError } from './errors.js';
import { responseOf } from './internal/answer.js';
import { type MaybePromise, after, isPromise } from './internal/maybe-promise.js';
import type { IncomingCall, Route } from './route.js';
import { canonicalBaseURL, nearestRoutes, routeTable } from './route-table.js';

type FetchMockRoute = FetchMock['router']['routes'][number];

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

/** One header of a request's headers, however the client gave them (a `Headers`, pairs or a record). */
function headerOf(headers: HeadersInit | undefined, name: string): string {
  if (headers === undefined) return '';
  if (headers instanceof Headers) return headers.get(name) ?? '';
  const pairs = Array.isArray(headers) ? headers : Object.entries(headers);
  return pairs.find(([key]) => key.toLowerCase() === name)?.[1] ?? '';
}

function parseBody(body: BodyInit | null | undefined, url: string, headers: HeadersInit | undefined, method: string): MaybePromise<unknown> {
  if (body === undefined || body === null) return undefined;
  const type = headerOf(headers, 'content-type');
  if (typeof body === 'string') {
    if (type.includes('json')) {
      try {
        return JSON.parse(body) as unknown;
      } catch {
        return body;
      }
    }
    return body;
  }
  if (body instanceof FormData) return body;
  const request = new Request(url, { method, ...(headers !== undefined && { headers }), body, duplex: 'half' } as RequestInit);
  if (type.startsWith('multipart/form-data')) return request.formData();
  return request.text().then((text) => {
    if (!type.includes('json')) return text;
    try {
      return JSON.parse(text) as unknown;
    } catch {
      return text;
    }
  });
}

/** A call on its way in; its `Request` is built the first time something reads it. */
class IncomingRequest implements IncomingCall {
  #request: Request | undefined;

  constructor(
    readonly params: Record<string, string>,
    readonly query: URLSearchParams,
    readonly body: unknown,
    readonly signal: AbortSignal | undefined,
    private readonly url: string,
    private readonly init: RequestInit,
  ) {}

  get request(): Request {
    this.#request ??= new Request(this.url, this.init);
    return this.#request;
  }
}

/**
 * A mock's router: its own instance of the route table on fetch-mock (see `route-table.ts`). Requests to the
 * OpenAI base URL (or an Azure deployment URL) are routed by their path below it: fetch-mock's table finds the
 * route (remembered per method and path), and the route answers. Any other URL goes through fetch-mock as it
 * is, where users can add routes of their own (`openaiMock.router.route(...)`). The instance's `fetchHandler`
 * is this router's, so `openaiMock.router.mockGlobal()` works too.
 */
export class MockRouter {
  /** The fetch-mock instance: add routes for other APIs here, read its `callHistory`. */
  readonly fetchMock: FetchMock;
  readonly #baseURL: string;
  readonly #routes: ReadonlyMap<string, Route>;
  /** The URL as the client sent it, by init object, for requests handed to fetch-mock under the canonical URL. */
  readonly #sentURLs = new WeakMap<object, string>();
  readonly #matches = new Map<string, { route: Route; fetchMockRoute: FetchMockRoute; params: Record<string, string> } | null>();
  readonly #fetchMockHandler: FetchMock['fetchHandler'];
  #strategy: UnhandledRequestStrategy;

  /** `routes`: the mock's routes by client method name. */
  constructor(routes: ReadonlyMap<string, Route>, options: { baseURL: string; onUnhandledRequest: UnhandledRequestStrategy }) {
    this.#baseURL = options.baseURL.replace(/\/+$/, '');
    this.#strategy = options.onUnhandledRequest;
    this.#routes = routes;
    this.fetchMock = routeTable().template.createInstance();
    this.fetchMock.catch((callLog: CallLog) => this.#unhandled(callLog));
    this.#fetchMockHandler = this.fetchMock.fetchHandler;
    this.fetchMock.fetchHandler = (input, init) => this.handle(input, init);
  }

  /** Changes what happens to requests no route answers. */
  set onUnhandledRequest(strategy: UnhandledRequestStrategy) {
    this.#strategy = strategy;
  }

  /** The path below the OpenAI base URL (or an Azure deployment URL) with its query, or `undefined`. */
  apiPath(url: string): string | undefined {
    if (url.startsWith(this.#baseURL + '/') || url.startsWith(this.#baseURL + '?')) return url.slice(this.#baseURL.length);
    if (url.startsWith(canonicalBaseURL + '/')) return url.slice(canonicalBaseURL.length);
    const azure = /^https?:\/\/[^/]+(?:\/[^?]*)?\/openai(?:\/deployments\/[^/?]+|\/v1)?(\/[^?]*(?:\?.*)?)$/.exec(url);
    return azure?.[1];
  }

  /** Routes one request: the fetch the client is given. */
  handle(input: string | URL | Request, init?: RequestInit): Promise<Response> {
    if (input instanceof Request) return this.#handleRequest(input, init);
    const url = String(input);
    const apiPath = this.apiPath(url);
    const target = apiPath === undefined ? url : canonicalBaseURL + apiPath;
    const forwardedInit: RequestInit = init ?? {};
    const found = apiPath === undefined ? undefined : this.#match(target, forwardedInit);
    if (!found) {
      // Other URLs (and routes users added) take fetch-mock's own path; the init object finds the URL as sent.
      this.#sentURLs.set(forwardedInit, url);
      return this.#fetchMockHandler.call(this.fetchMock, target, forwardedInit);
    }
    const { route, callLog } = found;
    this.fetchMock.callHistory.recordCall(callLog);
    const signal = init?.signal ?? undefined;
    if (signal?.aborted) return Promise.reject(signal.reason);
    try {
      const answer = after(this.#incoming(callLog, url), (incoming) => route.answer(incoming));
      return isPromise(answer) ? answer.then(responseOf) : Promise.resolve(responseOf(answer));
    } catch (error) {
      return Promise.reject(error);
    }
  }

  #handleRequest(input: Request, init: RequestInit | undefined): Promise<Response> {
    return input.arrayBuffer().then((bytes) => {
      const body = input.method === 'GET' || input.method === 'HEAD' ? undefined : bytes;
      return this.handle(input.url, {
        method: input.method,
        headers: input.headers,
        ...(body !== undefined && { body }),
        signal: init?.signal ?? input.signal,
      });
    });
  }

  /** Finds the OpenAI route for a request in fetch-mock's table (remembering the answer per method and path). */
  #match(target: string, init: RequestInit): { route: Route; callLog: CallLog } | undefined {
    const method = (init.method ?? 'get').toLowerCase();
    const queryAt = target.indexOf('?');
    const queryParams = new URLSearchParams(queryAt === -1 ? '' : target.slice(queryAt + 1));
    // Matches are remembered per method, path and the query keys routes tell apart by (`beta=true`).
    const key =
      queryAt === -1
        ? `${method} ${target}`
        : `${method} ${target.slice(0, queryAt)}?${routeTable().routingQueryKeys.map((name) => `${name}=${queryParams.get(name) ?? ''}`).join('&')}`;
    const callLog: CallLog = {
      args: [target, init],
      url: target,
      options: { ...init, method } as CallLog['options'],
      queryParams,
      pendingPromises: [],
      ...(init.signal ? { signal: init.signal } : {}),
    };
    let hit = this.#matches.get(key);
    if (hit === undefined) {
      const fetchMockRoute = this.fetchMock.router.routes.find((candidate) => candidate.matcher(callLog));
      const name = fetchMockRoute?.config.name === undefined ? undefined : routeTable().byFetchMockName.get(fetchMockRoute.config.name);
      const route = name === undefined ? undefined : this.#routes.get(name);
      hit = route && fetchMockRoute ? { route, fetchMockRoute, params: callLog.expressParams ?? {} } : null;
      if (this.#matches.size > 2000) this.#matches.clear();
      this.#matches.set(key, hit);
    }
    if (hit === null) return undefined;
    callLog.route = hit.fetchMockRoute;
    callLog.expressParams = hit.params;
    return { route: hit.route, callLog };
  }

  /** The call as routes see it; `url` is the URL as the client sent it. */
  #incoming(callLog: CallLog, url: string): MaybePromise<IncomingCall> {
    const method = (callLog.options.method ?? 'get').toUpperCase();
    const headers = callLog.options.headers as HeadersInit | undefined;
    const raw = callLog.options.body as BodyInit | null | undefined;
    return after(parseBody(raw, url, headers, method), (body) => this.#incomingWith(callLog, url, method, headers, raw, body));
  }

  #incomingWith(callLog: CallLog, url: string, method: string, headers: HeadersInit | undefined, raw: BodyInit | null | undefined, body: unknown): IncomingCall {
    const replay: BodyInit | undefined =
      typeof raw === 'string' || raw instanceof FormData ? raw : body instanceof FormData ? body : typeof body === 'string' ? body : body === undefined ? undefined : JSON.stringify(body);
    const params: Record<string, string> = {};
    for (const [key, value] of Object.entries(callLog.expressParams ?? {})) params[key] = decodeURIComponent(value);
    const init: RequestInit = { method, ...(headers !== undefined && { headers }), ...(replay !== undefined && { body: replay }) };
    return new IncomingRequest(params, callLog.queryParams ?? new URLSearchParams(), body, callLog.signal, url, init);
  }

  async #unhandled(callLog: CallLog): Promise<Response> {
    const init = callLog.args[1];
    const sent = typeof init === 'object' && init !== null ? this.#sentURLs.get(init) : undefined;
    const incoming = await this.#incoming(callLog, sent ?? callLog.url);
    const method = incoming.request.method;
    const url = incoming.request.url;
    const apiPath = this.apiPath(url);
    const nearest = apiPath === undefined ? [] : nearestRoutes(method, apiPath);
    const message =
      `openai-responses: no route answers ${method} ${url}.` +
      (nearest.length ? ` The nearest routes are: ${nearest.join(', ')}.` : '') +
      ' Add a route for it on openaiMock.router (fetch-mock), or pass onUnhandledRequest: \'bypass\' to send such requests to the network.';
    const strategy = this.#strategy;
    if (typeof strategy === 'function') {
      const answer = await strategy(incoming.request, { message });
      if (answer instanceof Response) return answer;
    } else if (strategy === 'bypass' || strategy === 'warn') {
      if (strategy === 'warn') console.warn(message.replace('no route answers', 'passing to the network, as no route answers'));
      return networkFetch(incoming.request);
    }
    console.error(message);
    return apiError(404, message, { type: 'unhandled_request', code: 'unhandled_request', headers: { 'x-should-retry': 'false' } });
  }
}

