import { type RouteSettings, type SerializedCall, controlPrefix } from './control-api.js';
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

  /** `url`: where the server listens (`server.url`); `fetch`: the fetch to reach it with (the global one). */
  constructor(url: string, options: { fetch?: typeof fetch } = {}) {
    this.#url = url.replace(/\/+$/, '').replace(/\/v1$/, '');
    this.#fetch = options.fetch ?? globalThis.fetch;
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

  async #request(method: string, path: string, body?: unknown): Promise<unknown> {
    const response = await this.#fetch(`${this.#url}${controlPrefix}${path}`, {
      method,
      ...(body !== undefined && { body: JSON.stringify(body), headers: { 'content-type': 'application/json' } }),
    });
    const text = await response.text();
    const parsed = text ? (JSON.parse(text) as unknown) : undefined;
    if (!response.ok) {
      const message = (parsed as { error?: { message?: string } } | undefined)?.error?.message ?? text;
      throw new ControlRequestError(`openai-responses control API: ${method} ${path} answered ${response.status}: ${message}`, response.status);
    }
    return parsed;
  }
}
