import { type RouteSettings, type SerializedCall, controlPrefix } from './control-api.js';
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
  /** Sets the route's response, raw answer, latency or failures. */
  set(settings: RouteSettings): Promise<void>;
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
 */
export class MockServerClient {
  readonly #url: string;
  readonly #fetch: typeof fetch;
  readonly #token: string | undefined;

  /**
   * `url`: where the server listens (`server.url`, or its base URL); `fetch`: the fetch to reach it with (the
   * global one); `token`: the server's control API token (by default the `OPENAI_RESPONSES_TOKEN` environment variable).
   */
  constructor(url: string, options: MockServerClientOptions = {}) {
    this.#url = url.replace(/\/+$/, '').replace(/\/v1$/, '');
    this.#fetch = options.fetch ?? globalThis.fetch;
    this.#token = options.token ?? (globalThis.process?.env['OPENAI_RESPONSES_TOKEN'] || undefined);
  }

  /** One route by its client method name (`'chat.completions.create'`). */
  route(name: string): ControlledRoute {
    const path = `/routes/${encodeURIComponent(name)}`;
    return {
      set: async (settings) => void (await this.#request('PUT', path, settings)),
      calls: async () => ((await this.#request('GET', `${path}/calls`)) as { data: SerializedCall[] }).data,
      reset: async () => void (await this.#request('POST', `${path}/reset`)),
    };
  }

  /** Resets the whole mock: state, routes, calls. */
  async reset(): Promise<void> {
    await this.#request('POST', '/reset');
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
    const headers: Record<string, string> = {
      ...(method !== 'GET' && { 'content-type': 'application/json' }),
      ...(this.#token !== undefined && { authorization: `Bearer ${this.#token}` }),
    };
    const response = await this.#fetch(`${this.#url}${controlPrefix}${path}`, {
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
      throw new ControlRequestError(`openai-responses control API: ${method} ${path} answered ${response.status}: ${error?.message ?? text}`, response.status, error?.code ?? null);
    }
    return parsed;
  }
}
