import { OpenAIMock } from '../engine/mock.js';
import { apiError } from '../errors/api-errors.js';
import { type ControlAPI, controlPrefix, createControlAPI } from './control-api.js';

/**
 * Sessions of a served mock (`startServer(mock, { sessions: true })`, `serve --sessions`): the base URL
 * `http://HOST:PORT/sessions/<id>/v1` is a mock of its own (state, routes, scripts, calls), made on its first
 * request, and `/__openai-responses/sessions/<id>/...` is its control API. Parallel test workers each take one.
 *
 * @example
 * const server = await startServer(new OpenAIMock(), { sessions: { max: 32 } });
 * // worker 3: new OpenAI({ baseURL: `${server.url}/sessions/worker-3/v1` })
 */
export interface SessionOptions {
  /** How many sessions may exist at once (100); a request that would make one more is refused with a 429. */
  max?: number;
  /** Makes the mock of a new session (`new OpenAIMock()`). */
  create?: (id: string) => OpenAIMock;
}

/** One session: its mock and the control API that drives it. */
export interface Session {
  readonly mock: OpenAIMock;
  readonly control: ControlAPI;
}

/** Why a session cannot be had: its id is not one (400), or the server has as many as it takes (429). */
export class SessionRefusal {
  constructor(
    readonly status: 400 | 429,
    readonly code: 'invalid_session_id' | 'too_many_sessions',
    readonly message: string,
  ) {}

  /** The refusal in the API's error shape; the SDK does not retry it. */
  answer(): Response {
    return apiError(this.status, this.message, { code: this.code, ...(this.status === 400 && { param: 'session' }), headers: { 'x-should-retry': 'false' } });
  }
}

/** The number of sessions a server keeps by default. */
export const defaultMaxSessions = 100;

/** What a session id may be: letters, digits, `_`, `-` and `.`, up to 64, starting with a letter or digit. */
const sessionId = /^[A-Za-z0-9][A-Za-z0-9_.-]{0,63}$/;

/**
 * Whether `id` may name a session (`worker-3`): 1 to 64 letters, digits, `_`, `-` or `.`, starting with a letter or digit.
 *
 * @example
 * isSessionId('worker-3'); // true
 * isSessionId('../etc');   // false
 */
export function isSessionId(id: string): boolean {
  return sessionId.test(id);
}

/** Where a request goes: the OpenAI API or the control API, of the server's mock or of a session. */
export type RequestTarget =
  | { readonly kind: 'api'; readonly mock: OpenAIMock; readonly path: string }
  | { readonly kind: 'control'; readonly control: ControlAPI; readonly path: string }
  | { readonly kind: 'answer'; readonly answer: Response };

/**
 * The sessions of one server, made on their first request, at most `max` at once.
 *
 * @example
 * const sessions = new Sessions({ max: 8 });
 * const worker = sessions.session('worker-1'); // its mock and control API, made now
 */
export class Sessions {
  readonly #sessions = new Map<string, Session>();
  readonly #max: number;
  readonly #create: (id: string) => OpenAIMock;

  constructor(options: SessionOptions = {}) {
    const max = options.max ?? defaultMaxSessions;
    if (!Number.isInteger(max) || max < 1) throw new RangeError(`openai-responses: sessions.max must be a whole number, 1 or more, not ${String(max)}.`);
    this.#max = max;
    this.#create = options.create ?? (() => new OpenAIMock());
  }

  /** The ids of the sessions made so far, oldest first. */
  get ids(): string[] {
    return [...this.#sessions.keys()];
  }

  /** The session of this id, made if it is new; a {@link SessionRefusal} when the id is not one or no more fit. */
  session(id: string): Session | SessionRefusal {
    const existing = this.#sessions.get(id);
    if (existing) return existing;
    if (!isSessionId(id)) {
      return new SessionRefusal(400, 'invalid_session_id', `openai-responses: '${id}' is not a session id. A session id is 1 to 64 letters, digits, '_', '-' or '.', starting with a letter or digit (e.g. 'worker-3').`);
    }
    if (this.#sessions.size >= this.#max) {
      return new SessionRefusal(429, 'too_many_sessions', `openai-responses: this server already has ${this.#max} sessions, its limit. End the ones you are done with (DELETE ${controlPrefix}/sessions/<id>, or MockServerClient.deleteSession()), reuse ids (one per worker), or raise the limit (sessions: { max } / --max-sessions).`);
    }
    const mock = this.#create(id);
    const session = { mock, control: createControlAPI(mock) };
    this.#sessions.set(id, session);
    return session;
  }

  /** The session of this id if it was made (none is made here). */
  find(id: string): Session | undefined {
    return this.#sessions.get(id);
  }

  /** Ends a session: its mock is dropped; the id makes a fresh one on its next request. */
  delete(id: string): boolean {
    return this.#sessions.delete(id);
  }

}

/** The session id and the rest of a path under `/sessions/<id>`, if it is one. */
export function sessionUnder(path: string): { id: string; rest: string } | undefined {
  const match = /^\/sessions\/([^/?#]*)(.*)$/s.exec(path);
  if (!match) return undefined;
  let id: string;
  try {
    id = decodeURIComponent(match[1] ?? '');
  } catch {
    id = match[1] ?? '';
  }
  const rest = match[2] ?? '';
  return { id, rest: rest.startsWith('/') ? rest : `/${rest}` };
}

/**
 * Where each request goes on a server: its own mock, or (when `sessions` is given) a session's.
 * `/sessions/<id>/...` is session `<id>`'s API (`/sessions/<id>/v1` its OpenAI base URL),
 * `/__openai-responses/sessions/<id>/...` its control API; `GET /__openai-responses/sessions` lists the sessions
 * and `DELETE /__openai-responses/sessions/<id>` ends one. Without sessions, a path under `/sessions/` is answered
 * with a 404 that says how to turn them on.
 *
 * @example
 * const targetOf = requestTargets(openaiMock, createControlAPI(openaiMock), new Sessions());
 * targetOf('GET', '/sessions/worker-1/v1/models'); // { kind: 'api', mock: <worker-1's mock>, path: '/v1/models' }
 */
export function requestTargets(mock: OpenAIMock, control: ControlAPI, sessions: Sessions | undefined): (method: string, path: string) => RequestTarget {
  return (method, path) => {
    const isControl = path === controlPrefix || path.startsWith(`${controlPrefix}/`) || path.startsWith(`${controlPrefix}?`);
    const inner = isControl ? path.slice(controlPrefix.length) : path;
    const under = sessionUnder(inner);
    if (under === undefined) {
      if (isControl && /^\/sessions\/?(\?.*)?$/.test(inner) && method === 'GET') return { kind: 'answer', answer: Response.json({ object: 'list', data: (sessions?.ids ?? []).map((id) => ({ id })) }) };
      return isControl ? { kind: 'control', control, path: inner } : { kind: 'api', mock, path };
    }
    if (!sessions) {
      return {
        kind: 'answer',
        answer: apiError(404, `openai-responses: sessions are off on this server, so ${path.split('?')[0] ?? path} is not served. Start it with --sessions (or startServer(mock, { sessions: true })) to give each test worker a mock of its own under /sessions/<id>/v1.`, { code: 'sessions_off', headers: { 'x-should-retry': 'false' } }),
      };
    }
    if (isControl && method === 'DELETE' && /^\/?(\?.*)?$/.test(under.rest)) {
      return { kind: 'answer', answer: Response.json({ id: under.id, object: 'session', deleted: sessions.delete(under.id) }) };
    }
    const session = sessions.session(under.id);
    if (session instanceof SessionRefusal) return { kind: 'answer', answer: session.answer() };
    return isControl ? { kind: 'control', control: session.control, path: under.rest } : { kind: 'api', mock: session.mock, path: under.rest };
  };
}
