import { type RouteSettings, type SerializedCall, controlPrefix } from './control-api.js';
import type { JsonAnswer } from './json-answers.js';
import type { LifecycleSettings } from './json-lifecycle.js';
import type { JsonPredicates } from './json-predicates.js';
import type { RunScriptSettings } from './json-run-scripts.js';
import type { StateSnapshot } from './state-snapshot.js';

/**
 * A control API request that did not succeed: its status, and the server's message and error code.
 *
 * @example
 * try {
 *   await control.route('chat.complete').set({ latency: 10 });
 * } catch (error) {
 *   if (error instanceof ControlRequestError && error.status === 404) console.log(error.code); // 'route_not_found'
 * }
 */
export class ControlRequestError extends Error {
  /** The HTTP status the control API answered. */
  readonly status: number;
  /** The `error.code` of the answer, when it has one (`route_not_found`, `invalid_control_token`, ...). */
  readonly code: string | null;

  constructor(message: string, status: number, code: string | null = null) {
    super(message);
    this.name = 'ControlRequestError';
    this.status = status;
    this.code = code;
  }
}

/**
 * Options of {@link MockServerClient}.
 *
 * @example
 * const control = new MockServerClient(url, { token: process.env.OPENAI_RESPONSES_TOKEN });
 */
export interface MockServerClientOptions {
  /** The session to drive, on a server with sessions (`/sessions/<id>/v1`); by default the one in `url`, if any. */
  session?: string | undefined;
  /** The fetch to reach the server with (the global one). */
  fetch?: typeof fetch;
  /** The server's control API token, sent as `Authorization: Bearer <token>` (default: `OPENAI_RESPONSES_TOKEN`). */
  token?: string | undefined;
}

/**
 * One route of a served mock, seen from another process.
 *
 * @example
 * const route: ControlledRoute = new MockServerClient(url).route('responses.create');
 * await route.set({ response: { output: [{ type: 'message', content: [{ type: 'output_text', text: 'Hi' }] }] } });
 */
export interface ControlledRoute {
  /** Sets the route's response (or raw answer, stream, reply), sequence, latency or failures; or adds a rule or a `once` answer. */
  set(settings: RouteSettings): Promise<void>;
  /** Every call these predicates hold for gets `answer` (`route.when` in process; the first rule added that holds wins). */
  when(predicates: JsonPredicates, answer: JsonAnswer): Promise<void>;
  /** The next call not answered by a rule gets `answer`, after the answers already in the sequence (`route.once`). */
  once(answer: JsonAnswer): Promise<void>;
  /** The calls the route answered, oldest first. */
  calls(): Promise<SerializedCall[]>;
  /** Back to the default answer, no latency, no failures, no calls. */
  reset(): Promise<void>;
}

/**
 * A small client for a served mock's control API, for tests that drive an app in another process (a browser
 * e2e test, a worker): script the routes, read what the app sent, reset between tests.
 *
 * @example
 * const control = new MockServerClient(process.env.MOCK_URL ?? 'http://127.0.0.1:4010');
 * await control.reset();
 * await control.route('chat.completions.create').set({ response: { choices: [{ message: { content: 'Hi' } }] } });
 * // ... drive the app ...
 * const calls = await control.route('chat.completions.create').calls();
 *
 * // A parallel worker's own mock, on a server started with sessions:
 * const mine = new MockServerClient('http://127.0.0.1:4010', { session: `worker-${process.env.TEST_WORKER_INDEX}` });
 * // its app uses mine.baseURL: http://127.0.0.1:4010/sessions/worker-N/v1
 */
export class MockServerClient {
  readonly #url: string;
  readonly #session: string | undefined;
  readonly #fetch: typeof fetch;
  readonly #token: string | undefined;

  /**
   * `url`: where the server listens (`server.url`; a base URL ending in `/v1` is taken too, a session's
   * included); `session`: the session to drive (on a server with sessions); `fetch`: the fetch to reach it with
   * (the global one); `token`: the server's control API token (by default the `OPENAI_RESPONSES_TOKEN`
   * environment variable).
   */
  constructor(url: string, options: MockServerClientOptions = {}) {
    let origin = url.replace(/\/+$/, '').replace(/\/v1$/, '');
    const inURL = /\/sessions\/([^/]+)$/.exec(origin);
    if (inURL) origin = origin.slice(0, -inURL[0].length);
    this.#url = origin;
    this.#session = options.session ?? (inURL ? decodeURIComponent(inURL[1] ?? '') : undefined);
    this.#fetch = options.fetch ?? globalThis.fetch;
    this.#token = options.token ?? (globalThis.process?.env['OPENAI_RESPONSES_TOKEN'] || undefined);
  }

  /** The session this client drives, if any. */
  get session(): string | undefined {
    return this.#session;
  }

  /** The OpenAI base URL of the mock this client drives: `http://HOST:PORT/v1`, or its session's `.../sessions/<id>/v1`. */
  get baseURL(): string {
    return `${this.#url}${this.#sessionPath}/v1`;
  }

  get #sessionPath(): string {
    return this.#session === undefined ? '' : `/sessions/${encodeURIComponent(this.#session)}`;
  }

  /** One route by its client method name (`'chat.completions.create'`). */
  route(name: string): ControlledRoute {
    const path = `/routes/${encodeURIComponent(name)}`;
    return {
      set: async (settings) => void (await this.#request('PUT', path, settings)),
      when: async (predicates, answer) => void (await this.#request('PUT', path, { ...answer, when: predicates })),
      once: async (answer) => void (await this.#request('PUT', path, { ...answer, once: true })),
      calls: async () => ((await this.#request('GET', `${path}/calls`)) as { data: SerializedCall[] }).data,
      reset: async () => void (await this.#request('POST', `${path}/reset`)),
    };
  }

  /** Resets the whole mock: state, routes, calls, run scripts, lifecycle settings. */
  async reset(): Promise<void> {
    await this.#request('POST', '/reset');
  }

  /**
   * Scripts the runs created from now on (`runScript` and `runScripts` in process): `default`, `once` scripts,
   * `rules`. See `RunScriptSettings`.
   */
  async runScripts(settings: RunScriptSettings): Promise<void> {
    await this.#request('PUT', '/run-scripts', settings);
  }

  /** Changes some lifecycle settings (`lifecycle(openaiMock)` in process); resolves to all of them. */
  async setLifecycle(settings: LifecycleSettings): Promise<LifecycleSettings> {
    return (await this.#request('PUT', '/lifecycle', settings)) as LifecycleSettings;
  }

  /** The lifecycle settings. */
  async lifecycle(): Promise<LifecycleSettings> {
    return (await this.#request('GET', '/lifecycle')) as LifecycleSettings;
  }

  /**
   * Ends this client's session: its mock (state, routes, calls) is dropped, freeing its place; its next request
   * makes it afresh. Resolves to whether it existed.
   */
  async deleteSession(): Promise<boolean> {
    if (this.#session === undefined) throw new Error('openai-responses: this MockServerClient drives no session; pass { session } to its constructor.');
    const url = `${this.#url}${controlPrefix}${this.#sessionPath}`;
    return ((await this.#send('DELETE', url, `DELETE ${this.#sessionPath}`)) as { deleted: boolean }).deleted;
  }

  /** A snapshot of the mock's state. */
  async state(): Promise<StateSnapshot> {
    return (await this.#request('GET', '/state')) as StateSnapshot;
  }

  /** Replaces the mock's state with a snapshot. */
  async restoreState(snapshot: StateSnapshot): Promise<void> {
    await this.#request('PUT', '/state', snapshot);
  }

  /**
   * Writes the state to the server's state file now, atomically (`serve --state FILE`); resolves to the file.
   * Rejects with a {@link ControlRequestError} (409) when the server has no state file.
   */
  async saveState(): Promise<string> {
    return ((await this.#request('POST', '/state/save')) as { file: string }).file;
  }

  async #request(method: string, path: string, body?: unknown): Promise<unknown> {
    return this.#send(method, `${this.#url}${controlPrefix}${this.#sessionPath}${path}`, `${method} ${path}`, body);
  }

  async #send(method: string, url: string, label: string, body?: unknown): Promise<unknown> {
    const headers: Record<string, string> = {
      ...(method !== 'GET' && { 'content-type': 'application/json' }),
      ...(this.#token !== undefined && { authorization: `Bearer ${this.#token}` }),
    };
    const response = await this.#fetch(url, {
      method,
      headers,
      ...(body !== undefined && { body: JSON.stringify(body) }),
    });
    const text = await response.text();
    let parsed: unknown;
    try {
      parsed = text ? (JSON.parse(text) as unknown) : undefined;
    } catch {
      parsed = undefined;
    }
    if (!response.ok) {
      const error = (parsed as { error?: { message?: string; code?: string | null } } | undefined)?.error;
      throw new ControlRequestError(`openai-responses control API: ${label} answered ${response.status}: ${error?.message ?? text}`, response.status, error?.code ?? null);
    }
    return parsed;
  }
}
