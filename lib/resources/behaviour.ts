import type { ElementDefaults } from '../internal/merge.js';
import type { StateStore } from '../state/state-store.js';

/** What a route's behaviour sees of one call. */
export interface CallContext {
  /** The parsed request body: JSON, a `FormData` for multipart, text otherwise; `undefined` without a body. */
  readonly body: unknown;
  /** The path parameters, decoded. */
  readonly params: Readonly<Record<string, string>>;
  /** The query string. */
  readonly query: URLSearchParams;
  readonly state: StateStore;
  /** The request as a `Request` (built on first use). */
  readonly request: Request;
  /** What the user set (a partial or a full model), or `undefined` for the default. */
  readonly override: unknown;
  /** The mock's own fetch, for behaviours that call other routes (a batch runs its lines through it). */
  readonly fetch: typeof fetch;
  /** Completes `defaults` with the user's override: see {@link complete}. */
  complete<T extends object>(defaults: T, elements?: ElementDefaults): T;
}

/**
 * How one route answers when the user sets no `Response` of their own: it builds the default from the request
 * and the state, completes it with the user's partial, keeps what the API would keep, and returns the model
 * (or a `Response`, for errors and binary bodies).
 */
export interface Behaviour {
  respond(call: CallContext): unknown;
  /** Turns the model `respond` gave into a server-sent-event stream, for requests with `stream: true`. */
  stream?(model: unknown, call: CallContext): Response;
}

/** Behaviours by route name (`'chat.completions.create'`). */
export type Behaviours = Readonly<Record<string, Behaviour>>;
