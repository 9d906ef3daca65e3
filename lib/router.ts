import fetchMock, { type FetchMock } from 'fetch-mock';
import type { CallLog } from 'fetch-mock';

type FetchMockRoute = FetchMock['router']['routes'][number];
import { apiError } from './errors.js';
import { type Answer, responseOf } from './internal/answer.js';
import type { IncomingCall, Route } from './route.js';

/** The network's fetch, as it was when this module loaded (before any test patched the global one). */
const networkFetch: typeof fetch = globalThis.fetch;

/** The base URL every OpenAI request is routed under, whatever base URL the client was given. */
export const canonicalBaseURL = 'https://api.openai.com/v1';

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

interface Forwarded {
  /** The URL as the client sent it. */
  url: string;
  /** The body as the client sent it. */
  body: BodyInit | null | undefined;
}

/**
 * The name of a route in fetch-mock's table: the client method with dashes (`chat-completions-create`),
 * as fetch-mock's call history takes names of letters, digits and dashes only.
 */
export function fetchMockRouteName(route: Route): string {
  return route.name.replaceAll('.', '-');
}

/** A route path split into its pattern and the query it requires (`/responses?beta=true`: `beta=true`). */
function splitPath(path: string): { pattern: string; query: Record<string, string> } {
  const [pattern = '', query = ''] = path.split('?');
  return { pattern, query: Object.fromEntries(new URLSearchParams(query)) };
}

function segmentsOf(path: string): string[] {
  return splitPath(path).pattern.split('/').filter(Boolean);
}

/** Orders patterns so that a literal segment is tried before a parameter in the same place. */
function bySpecificity(a: Route, b: Route): number {
  const left = segmentsOf(a.path);
  const right = segmentsOf(b.path);
  for (let i = 0; i < Math.min(left.length, right.length); i++) {
    const l = left[i]?.startsWith(':') ? 1 : 0;
    const r = right[i]?.startsWith(':') ? 1 : 0;
    if (l !== r) return l - r;
  }
  // The same pattern with a required query (`?beta=true`) goes first.
  return Object.keys(splitPath(b.path).query).length - Object.keys(splitPath(a.path).query).length;
}

async function parseBody(body: BodyInit | null | undefined, url: string, headers: Headers, method: string): Promise<unknown> {
  if (body === undefined || body === null) return undefined;
  if (typeof body === 'string') {
    if ((headers.get('content-type') ?? '').includes('json')) {
      try {
        return JSON.parse(body) as unknown;
      } catch {
        return body;
      }
    }
    return body;
  }
  if (body instanceof FormData) return body;
  const request = new Request(url, { method, headers, body, duplex: 'half' } as RequestInit);
  const type = headers.get('content-type') ?? '';
  if (type.startsWith('multipart/form-data')) return request.formData();
  const text = await request.text();
  if (type.includes('json')) {
    try {
      return JSON.parse(text) as unknown;
    } catch {
      return text;
    }
  }
  return text;
}

/**
 * The path-pattern table of the mock, on fetch-mock: one `express:` route per client method, most specific
 * first, so `POST /threads/runs` is tried before `POST /threads/:thread_id`. Requests to the OpenAI base URL
 * (or an Azure deployment URL) are routed by their path below it; any other URL goes through the same
 * fetch-mock instance, where users can add routes of their own (`openaiMock.router.route(...)`).
 */
export class MockRouter {
  /** The fetch-mock instance: add routes for other APIs here, read its `callHistory`. */
  readonly fetchMock: FetchMock;
  readonly #baseURL: string;
  readonly #routes: readonly Route[];
  readonly #forwarded = new WeakMap<object, Forwarded>();
  readonly #byName: ReadonlyMap<string, Route>;
  /** Query parameters some routes require (`beta`), so a remembered match knows them apart. */
  readonly #routingQueryKeys: string[];
  readonly #matches = new Map<string, { route: Route; fetchMockRoute: FetchMockRoute; params: Record<string, string> } | null>();
  #strategy: UnhandledRequestStrategy;

  constructor(routes: readonly Route[], options: { baseURL: string; onUnhandledRequest: UnhandledRequestStrategy }) {
    this.#baseURL = options.baseURL.replace(/\/+$/, '');
    this.#strategy = options.onUnhandledRequest;
    this.#routes = [...routes].sort(bySpecificity);
    this.#byName = new Map(routes.map((route) => [fetchMockRouteName(route), route]));
    this.fetchMock = fetchMock.createInstance();
    this.fetchMock.config.Response = Response;
    this.#routingQueryKeys = [...new Set(this.#routes.flatMap((route) => Object.keys(splitPath(route.path).query)))];
    for (const route of this.#routes) {
      const { pattern, query } = splitPath(route.path);
      this.fetchMock.route({
        name: fetchMockRouteName(route),
        method: route.method.toLowerCase(),
        url: `express:/v1${pattern}`,
        ...(Object.keys(query).length > 0 && { query }),
        matcherFunction: (callLog: CallLog) => callLog.url.startsWith(canonicalBaseURL + '/'),
        response: (callLog: CallLog) => this.#answer(route, callLog),
        includeContentLength: false,
      });
    }
    this.fetchMock.catch((callLog: CallLog) => this.#unhandled(callLog));
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
    const forwardedInit: RequestInit = { ...init };
    this.#forwarded.set(forwardedInit, { url, body: init?.body });
    const found = apiPath === undefined ? undefined : this.#match(target, forwardedInit);
    // An OpenAI route answers here; other URLs (and routes users added) take fetch-mock's own path.
    if (!found) return this.fetchMock.fetchHandler(target, forwardedInit);
    const { route, callLog } = found;
    this.fetchMock.callHistory.recordCall(callLog);
    const signal = init?.signal ?? undefined;
    if (signal?.aborted) return Promise.reject(signal.reason);
    return this.#incoming(callLog)
      .then((incoming) => route.answer(incoming))
      .then(responseOf);
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
    const routingQuery = this.#routingQueryKeys.map((name) => `${name}=${queryParams.get(name) ?? ''}`).join('&');
    const key = `${method} ${queryAt === -1 ? target : target.slice(0, queryAt)}?${routingQuery}`;
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
      const route = fetchMockRoute?.config.name === undefined ? undefined : this.#byName.get(fetchMockRoute.config.name);
      hit = route && fetchMockRoute ? { route, fetchMockRoute, params: callLog.expressParams ?? {} } : null;
      if (this.#matches.size > 2000) this.#matches.clear();
      this.#matches.set(key, hit);
    }
    if (hit === null) return undefined;
    callLog.route = hit.fetchMockRoute;
    callLog.expressParams = hit.params;
    return { route: hit.route, callLog };
  }

  async #incoming(callLog: CallLog): Promise<IncomingCall> {
    const init = callLog.args[1];
    const forwarded = typeof init === 'object' && init !== null ? this.#forwarded.get(init) : undefined;
    const url = forwarded?.url ?? callLog.url;
    const method = (callLog.options.method ?? 'get').toUpperCase();
    const headers = new Headers(callLog.options.headers as HeadersInit | undefined);
    const raw = forwarded?.body ?? (callLog.options.body as BodyInit | null | undefined);
    const body = await parseBody(raw, url, headers, method);
    const replay: BodyInit | undefined =
      typeof raw === 'string' || raw instanceof FormData ? raw : body instanceof FormData ? body : typeof body === 'string' ? body : body === undefined ? undefined : JSON.stringify(body);
    let request: Request | undefined;
    const params: Record<string, string> = {};
    for (const [key, value] of Object.entries(callLog.expressParams ?? {})) params[key] = decodeURIComponent(value);
    return {
      params,
      query: callLog.queryParams ?? new URLSearchParams(),
      body,
      signal: callLog.signal,
      get request() {
        request ??= new Request(url, { method, headers, ...(replay !== undefined && { body: replay }) });
        return request;
      },
    };
  }

  async #answer(route: Route, callLog: CallLog): Promise<{ status: number; headers: Record<string, string>; body: BodyInit | null }> {
    const answer: Answer = await route.answer(await this.#incoming(callLog));
    const body = typeof answer.body === 'function' ? answer.body() : answer.body;
    return { status: answer.status, headers: answer.headers, body };
  }

  #nearest(method: string, path: string): string[] {
    const wanted = segmentsOf(path.split('?')[0] ?? '');
    const score = (route: Route): number => {
      const have = segmentsOf(route.path);
      let shared = 0;
      while (shared < Math.min(have.length, wanted.length)) {
        const segment = have[shared] ?? '';
        if (!segment.startsWith(':') && segment !== wanted[shared]) break;
        shared += 1;
      }
      return shared * 4 - Math.abs(have.length - wanted.length) + (route.method === method ? 2 : 0);
    };
    return [...this.#routes]
      .sort((a, b) => score(b) - score(a))
      .slice(0, 3)
      .map((route) => `${route.method} ${route.path} (openaiMock.${route.name})`);
  }

  async #unhandled(callLog: CallLog): Promise<Response> {
    const incoming = await this.#incoming(callLog);
    const method = incoming.request.method;
    const url = incoming.request.url;
    const apiPath = this.apiPath(url);
    const nearest = apiPath === undefined ? [] : this.#nearest(method, apiPath);
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

