import { type RouteSettings, type SerializedCall, controlPrefix } from './control-api.js';
import type { JsonAnswer } from './json-answers.js';
import type { LifecycleSettings } from './json-lifecycle.js';
import type { JsonPredicates } from './json-predicates.js';
import type { RunScriptSettings } from './json-run-scripts.js';
import type { StateSnapshot } from './state-snapshot.js';

/** A control API request that did not succeed: its status and the server's message. */
class ControlRequestError extends Error {
  constructor(
    message: string,
    readonly status: number,
  ) {
    super(message);
  }
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

  /**
   * `url`: where the server listens (`server.url`; a base URL ending in `/v1` is taken too, a session's
   * included); `session`: the session to drive (on a server with sessions); `fetch`: the fetch to reach it with
   * (the global one).
   */
  constructor(url: string, options: { session?: string; fetch?: typeof fetch } = {}) {
    let origin = url.replace(/\/+$/, '').replace(/\/v1$/, '');
    const inURL = /\/sessions\/([^/]+)$/.exec(origin);
    if (inURL) origin = origin.slice(0, -inURL[0].length);
    this.#url = origin;
    const session = options.session ?? (inURL ? decodeURIComponent(inURL[1] ?? '') : undefined);
    this.#session = session;
    this.#fetch = options.fetch ?? globalThis.fetch;
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

  async #request(method: string, path: string, body?: unknown): Promise<unknown> {
    return this.#send(method, `${this.#url}${controlPrefix}${this.#sessionPath}${path}`, `${method} ${path}`, body);
  }

  async #send(method: string, url: string, label: string, body?: unknown): Promise<unknown> {
    const response = await this.#fetch(url, {
      method,
      ...(body !== undefined && { body: JSON.stringify(body), headers: { 'content-type': 'application/json' } }),
    });
    const text = await response.text();
    const parsed = text ? (JSON.parse(text) as unknown) : undefined;
    if (!response.ok) {
      const message = (parsed as { error?: { message?: string } } | undefined)?.error?.message ?? text;
      throw new ControlRequestError(`openai-responses control API: ${label} answered ${response.status}: ${message}`, response.status);
    }
    return parsed;
  }
}
