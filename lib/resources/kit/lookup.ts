import { type NotFoundOptions, type Refusal, badRequest, noSuch } from '../../errors/api-errors.js';
import { type JsonObject, isPlainObject } from '../../internal/merge.js';
import { listParams } from '../../internal/validate.js';
import type { ListPage, ResourceStore } from '../../state/resource-store.js';
import type { CallContext } from '../behaviour.js';

/** Anything objects are looked up in by id (a store, a child store, a map). */
export interface Lookup<T> {
  get(id: string): T | undefined;
}

/**
 * The object with this id, or the API's 404 for it thrown (worded for its kind: see `notFoundWordings`).
 *
 * @example
 * const file = found(call.state.files, 'file', call.params.file_id, { param: 'file_id' });
 */
export function found<T>(store: Lookup<T>, kind: string, id: string, options: NotFoundOptions = {}): T {
  const object = store.get(id);
  if (object === undefined) throw noSuch(kind, id, options);
  return object;
}

/** The `*.deleted` answer a delete route gives (`Object`: its `object`, as the SDK's type names it). */
export interface Deleted<Object extends string = string> {
  id: string;
  object: Object;
  deleted: true;
}

/**
 * Deletes the object with this id from the store and answers `{ id, object, deleted: true }` (completed with the
 * user's partial); the 404 for its kind, thrown, when the store does not hold it.
 */
export function deleteFrom<const Object extends string>(
  call: CallContext,
  store: { delete(id: string): boolean },
  kind: string,
  id: string,
  object: Object,
  options: NotFoundOptions = {},
): Deleted<Object> {
  if (!store.delete(id)) throw noSuch(kind, id, options);
  return call.complete<Deleted<Object>>({ id, object, deleted: true });
}

/** How a list route reads its store: the order when the query names none, and which objects it lists. */
export interface ListOptions<T> {
  order?: 'asc' | 'desc';
  filter?: (object: T) => boolean;
}

/**
 * One page of the store, paged by the call's query (`after`, `before`, `limit`, `order`) as the API pages,
 * completed with the user's partial. Bad paging parameters are the API's 400.
 */
export function listPage<T extends { id: string }>(call: CallContext, store: ResourceStore<T>, options: ListOptions<T> = {}): ListPage<T> {
  const params = { ...(options.order !== undefined && { order: options.order }), ...listParams(call.query) };
  return call.complete(store.list(params, options.filter));
}

/** The body's type as an object: a JSON object while the route's body is not typed. */
export type BodyObject<Body> = unknown extends Body ? JsonObject : Extract<Body, object> & JsonObject;

/** The API's 400 for a required parameter the request left out (`param` as the API names it: `file`, `session.model`). */
export function missingParameter(param: string): Refusal {
  return badRequest(`Missing required parameter: '${param}'.`, param, 'missing_required_parameter');
}

/**
 * The call's JSON body as an object, or the API's 400 thrown: for a body that is not a JSON object, or lacks one
 * of the `required` fields. A request without a body reads as `{}` when `optional` is set.
 */
export function requiredBody<Body>(call: { readonly body: Body }, required: readonly string[] = [], optional = false): BodyObject<Body> {
  const body: unknown = optional && call.body === undefined ? {} : call.body;
  if (!isPlainObject(body)) {
    throw badRequest('We could not parse the JSON body of your request. (HINT: This likely means you aren\'t using your HTTP library correctly. The OpenAI API expects a JSON payload.)');
  }
  for (const field of required) {
    if (body[field] === undefined || body[field] === null) throw missingParameter(field);
  }
  return body as BodyObject<Body>;
}
