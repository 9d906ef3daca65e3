import type { Refusal } from '../errors/api-errors.js';
import type { ElementDefaults } from '../internal/merge.js';
import type { StateStore } from '../state/state-store.js';
import type { BinaryBody, EventsOnly, NoContent, WithEvents } from './kit/outcome.js';
import type { RouteBody, RouteModel, RouteName, RouteParams } from '../catalog/route-types.js';

/** What a route's behaviour sees of one call, whatever the route (see {@link Call} for a route's own view). */
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
  /** The body as the client sent it (the JSON text), when known: a client re-sending a growing history sends the same text again, then more. */
  readonly sent?: unknown;
  /** The mock's own fetch, for behaviours that call other routes (a batch runs its lines through it). */
  readonly fetch: typeof fetch;
  /** Completes `defaults` with the user's override: see {@link complete}. */
  complete<T extends object>(defaults: T, elements?: ElementDefaults): T;
}

/** One call as the behaviour of route `Name` sees it: its path parameters and body typed from the route tree. */
export interface Call<Name extends RouteName> extends Omit<CallContext, 'params' | 'body'> {
  /** The path parameters, decoded: `{ thread_id, run_id }` for `/threads/{thread_id}/runs/{run_id}`. */
  readonly params: Readonly<RouteParams<Name>>;
  /** The parsed request body, as the client sent it (check it: a test may send anything). */
  readonly body: RouteBody<Name>;
}

/**
 * A call of any route whose path has these parameters, for a helper several routes share:
 * `function threadOf(call: CallWith<{ thread_id: string }>)` takes the call of every `beta.threads.*` route.
 */
export type CallWith<Params> = Omit<CallContext, 'params'> & { readonly params: Readonly<Params> };

/**
 * The model a behaviour may answer with as JSON: the route's model unless it is a `Response`. A behaviour never builds one; a route
 * whose SDK method answers a `Response` (a download: `files.content`, `audio.speech.create`) answers `binary(...)`.
 */
export type JsonModel<Model> = Model extends Response ? never : Model;

/**
 * What a behaviour answers: the model (sent as JSON 200), a {@link Refusal} (sent in the API's error shape),
 * the model with its stream events (`withEvents`: the route streams them when the call asks for a stream),
 * the events alone for a route that only streams (`eventsOnly`), a binary body (`binary`), or no body at all
 * (`noContent`: a 204). Never a `Response`.
 */
export type Outcome<Model> = JsonModel<Model> | Refusal | WithEvents<JsonModel<Model> | BinaryBody> | EventsOnly | BinaryBody | NoContent;

/** An {@link Outcome}, now or once a promise settles. */
export type Result<Model> = Outcome<Model> | Promise<Outcome<Model>>;

/**
 * How route `Name` answers when the user sets no `Response` of their own: it builds the default from the request
 * and the state, completes it with the user's partial (`call.complete`), keeps what the API would keep, and
 * returns the model, or refuses. A refusal may also be thrown (helpers such as `found()` do), and the route
 * answers it the same way.
 */
export interface RouteBehaviour<Name extends RouteName> {
  respond(call: Call<Name>): Result<RouteModel<Name>>;
  /**
   * Whether the SDK polls this route (`createAndPoll`, `uploadAndPoll`, `poll`): its answers then carry
   * `openai-poll-after-ms: 0`, so polling the mock never sleeps.
   */
  readonly poll?: boolean;
}

/** An object a behaviour may answer with as JSON: neither a `Response` (it has no `arrayBuffer`) nor a promise (no `then`: see {@link Result}). */
export type ModelObject = object & { readonly arrayBuffer?: never; readonly then?: never };

/**
 * Any model, whatever its route, as the erased {@link Behaviour} answers it: a value, nothing (`void`: the
 * model of a route the SDK reads no body of), or a {@link ModelObject}.
 */
export type AnyModel = string | number | boolean | null | void | ModelObject;

/** A behaviour whatever its route: what the route calls. */
export interface Behaviour {
  respond(call: CallContext): Result<AnyModel>;
  readonly poll?: boolean;
}

/** Behaviours by route name (`'chat.completions.create'`), each typed by its name. */
export type BehaviourTable = { readonly [Name in RouteName]?: RouteBehaviour<Name> };

/** Behaviours by route name, whatever their route: what the mock looks routes up in. */
export type Behaviours = Readonly<Record<string, Behaviour>>;

/**
 * Defines behaviours by route name: each one's `call.params`, `call.body` and returned model are typed by the
 * route it answers, and a name the catalog does not hold is a type error.
 */
export function defineBehaviours(table: BehaviourTable): Behaviours {
  return table;
}
