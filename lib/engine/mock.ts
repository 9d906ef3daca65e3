import type { FetchMock } from 'fetch-mock';
import type { BeyondSdkRouteTree } from '../catalog/beyond-sdk.js';
import { CallList } from './call-list.js';
import type { MockCall } from './mock-call.js';
import { MockRoutes, defineRouteTree, routesOfNode } from './mock-routes.js';
import { runMockResetHooks } from './reset-hooks.js';
import type { RouteTree } from '../catalog/route-tree.js';
import { behaviours } from '../resources/index.js';
import { Route } from './route.js';
import { canonicalBaseURL } from './route-table.js';
import { MockRouter, type UnhandledRequestStrategy } from './router.js';
import { StateStore } from '../state/state-store.js';

/**
 * Options of {@link OpenAIMock}.
 *
 * @example
 * const openaiMock = new OpenAIMock({ baseURL: 'http://localhost:4000/v1', onUnhandledRequest: 'warn' });
 */
export interface OpenAIMockOptions {
  /** The base URL the client talks to (`https://api.openai.com/v1`). Azure deployment URLs always match. */
  baseURL?: string;
  /** The state to start from (a fresh `StateStore` by default); one store can serve several mocks. */
  state?: StateStore;
  /**
   * A request no route answers: `'error'` (default) answers a 404 naming the method, the URL and the nearest
   * routes, which the SDK does not retry; `'warn'` prints that and sends it to the network; `'bypass'` sends it
   * to the network silently; a function gets the request and may answer it (else: `'error'`).
   */
  onUnhandledRequest?: UnhandledRequestStrategy;
  /**
   * How many of its newest calls each route keeps in `calls` (all, by default), and the mock in its own
   * `calls`. Set it for long runs: a call is kept as one slim record (under a kilobyte for a chat completion),
   * but a million add up.
   */
  keepCalls?: number;
  /**
   * Check request bodies against the API's request schemas (true): a body the API would refuse (a wrong type, a
   * missing required field, a number out of range, an unknown enum value) answers the API's 400 naming the
   * `param`, and changes no state. A route whose `response` is a `Response`, or a function that returns one,
   * answers that instead. `false` turns the check off.
   */
  validateRequests?: boolean;
  /**
   * Let requests name any model (false). By default a `model` outside the API's model families (`gpt-`, `o3`,
   * `text-embedding-`, `dall-e-`, `whisper-`, `tts-`, `sora-`, ...; see the README) and not in `state.models`
   * answers the API's 404 `model_not_found`, so a typo fails a test as it would fail in production. A fine-tuned
   * `ft:<base>:...` id is accepted when its base is; Azure deployment names always are. `validateRequests: false`
   * turns this check off too.
   */
  acceptAnyModel?: boolean;
}

/**
 * The fetch the mock answers with: a `fetch`, carrying the `Response` class (so the SDK's upload probe stays local).
 *
 * @example
 * const fetch: MockFetch = createMockFetch(openaiMock);
 * const client = new OpenAI({ apiKey: 'sk-fake', fetch });
 */
export type MockFetch = typeof fetch & { readonly Response: typeof Response };

// Declaration merging gives the class the route tree's typed members (`openaiMock.chat.completions.create`).
// eslint-disable-next-line @typescript-eslint/no-empty-object-type, @typescript-eslint/no-unsafe-declaration-merging
export interface OpenAIMock extends Omit<RouteTree, keyof BeyondSdkRouteTree>, BeyondSdkRouteTree {}

/**
 * A mock of the whole OpenAI API: every route of the installed SDK, shaped like the client, with a state store
 * that keeps files, vector stores, responses, conversations, assistants, threads and runs consistent.
 * Hand it to a client with {@link createMockFetch}.
 *
 * @example
 * const openaiMock = new OpenAIMock();
 * const client = new OpenAI({ apiKey: 'sk-fake', fetch: createMockFetch(openaiMock) });
 * openaiMock.chat.completions.create.response = { choices: [{ message: { content: 'Hello!' } }] };
 * const completion = await client.chat.completions.create({ model: 'gpt-4o', messages: [{ role: 'user', content: 'Hi' }] });
 * completion.choices[0]?.message.content; // 'Hello!'
 */
// eslint-disable-next-line @typescript-eslint/no-unsafe-declaration-merging
export class OpenAIMock {
  /** The state of the stateful routes. */
  readonly state: StateStore;
  /** The fetch-mock instance routing every request: add routes for other APIs with `router.route(...)`. */
  get router(): FetchMock {
    return this.#router.fetchMock;
  }

  /** The base URL the mock answers under. */
  readonly baseURL: string;
  /** Every route, by client method name (`'beta.threads.runs.retrieve'`). */
  readonly routes: ReadonlyMap<string, Route>;
  /** The fetch that answers from this mock; `createMockFetch(openaiMock)` returns it. */
  readonly fetch: MockFetch;
  readonly #router: MockRouter;
  readonly #routes: MockRoutes;
  readonly #calls: CallList;

  /**
   * Every call the mock answered, oldest first, across routes: each is the record its route keeps in its own
   * `calls` (the same object), with `route`, the route's name. Failures, refusals and retries are calls too.
   * `keepCalls` bounds it as it bounds each route's; `reset()` empties it.
   *
   * @example
   * openaiMock.calls.map((call) => call.route); // ['files.create', 'vectorStores.files.create', 'responses.create']
   */
  get calls(): readonly MockCall[] {
    return this.#calls.calls;
  }

  /** @internal Where the route tree's getters find this mock's routes. */
  get [routesOfNode](): MockRoutes {
    return this.#routes;
  }

  constructor(options: OpenAIMockOptions = {}) {
    this.baseURL = options.baseURL ?? canonicalBaseURL;
    this.state = options.state ?? new StateStore();
    const fetch = ((input: string | URL | Request, init?: RequestInit) => this.#router.handle(input, init)) as typeof globalThis.fetch;
    this.fetch = Object.assign(fetch, { Response });
    this.#calls = new CallList(options.keepCalls);
    const host = { state: this.state, fetch: this.fetch, keepCalls: options.keepCalls, validateRequests: options.validateRequests ?? true, acceptAnyModel: options.acceptAnyModel ?? false, calls: this.#calls };
    const routes = new MockRoutes((entry) => new Route(entry, behaviours[entry.name], host));
    this.#routes = routes;
    this.routes = routes;
    this.#router = new MockRouter(routes, {
      baseURL: this.baseURL,
      onUnhandledRequest: options.onUnhandledRequest ?? 'error',
    });
  }

  /** Changes what happens to requests no route answers (see {@link OpenAIMockOptions.onUnhandledRequest}). */
  set onUnhandledRequest(strategy: UnhandledRequestStrategy) {
    this.#router.onUnhandledRequest = strategy;
  }

  /**
   * Clears the state, every route's response, latency, failures and calls, the mock's `calls`, the router's
   * history, and the WebSocket log (`socketConnections`; sockets still open keep being recorded in their entries).
   */
  reset(): void {
    this.state.clear();
    this.#calls.clear();
    for (const route of this.#routes.made()) route.reset();
    this.#router.clearHistory();
    runMockResetHooks(this);
  }
}

defineRouteTree(OpenAIMock.prototype);
