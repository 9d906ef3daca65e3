import { catalog } from '../../catalog/catalog.js';
import { nowSeconds } from '../../internal/clock.js';
import { newId } from '../../internal/ids.js';
import type { JsonObject } from '../../internal/merge.js';
import { bookkeeping } from '../../state/bookkeeping.js';
import { ChildStores, type ResourceStore, type StoreOptions } from '../../state/resource-store.js';
import type { StateStore } from '../../state/state-store.js';
import type { Behaviour, Behaviours, CallContext, ModelObject } from '../behaviour.js';
import { type BodyObject, type Lookup, deleteFrom, found, listPage, requiredBody } from './lookup.js';
import type { RouteBody, RouteModel, RouteName } from '../../catalog/route-types.js';

/** The route-name prefixes that have a `retrieve`: `'beta.assistants'`, `'containers.files'`, ... */
export type ResourcePrefix = RouteName extends infer Name ? (Name extends `${infer Prefix}.retrieve` ? Prefix : never) : never;

/** The object a resource keeps: what its `retrieve` answers (an object with an id, never a download's `Response`). */
export type ResourceModel<Prefix extends ResourcePrefix> = Extract<RouteModel<`${Prefix}.retrieve` & RouteName>, { id: string } & ModelObject>;

/** The body a route of the resource takes, as an object (see `requiredBody`). */
export type ResourceBody<Prefix extends ResourcePrefix, Verb extends string> = `${Prefix}.${Verb}` extends infer Name extends RouteName
  ? BodyObject<RouteBody<Name>>
  : JsonObject;

/** What a create gives the resource's `create`: the new id and time, the body, the parent's id. */
export interface NewObject<Body = JsonObject> {
  readonly id: string;
  /** Seconds since the epoch. */
  readonly created_at: number;
  readonly body: Body;
  /** The parent's id, for a child resource ('' otherwise). */
  readonly parentId: string;
}

/** A plain stateful resource, declared: see {@link defineResource}. */
export interface ResourceDefinition<Prefix extends ResourcePrefix> {
  /** The routes' common prefix: `'beta.assistants'` answers `beta.assistants.create`, `.retrieve`, `.update`, `.list`, `.delete` (those the catalog has). */
  readonly routes: Prefix;
  /** The id prefix of new objects, as the API's: `'asst_'`. */
  readonly idPrefix: string;
  /** The objects' `object`: `'assistant'`; a delete answers `'<object>.deleted'`. */
  readonly object: string;
  /** The path parameter naming one object: `'assistant_id'`. */
  readonly idParam: string;
  /** How a 404 names the kind (see `notFoundWordings`); the `object` with spaces for dots and underscores by default. */
  readonly kind?: string;
  /** For a child resource: the path parameter naming the parent, its kind, and where parents are looked up. */
  readonly parent?: { readonly param: string; readonly kind: string; readonly store: (state: StateStore) => Lookup<unknown> };
  /** Where the objects live, per state (and parent). By default a store of the resource's own in each state. */
  readonly store?: (state: StateStore, parentId: string) => ResourceStore<ResourceModel<Prefix>>;
  /** How the default store lists (newest first, 20 a page, by default). */
  readonly storeOptions?: StoreOptions;
  /** Fields a create must have. */
  readonly required?: readonly string[];
  /** The object a create makes (before the user's partial completes it). */
  create(input: NewObject<ResourceBody<Prefix, 'create'>>, call: CallContext): ResourceModel<Prefix>;
  /** The object an update makes of the stored one; by default the body's fields set onto it. */
  update?(current: ResourceModel<Prefix>, body: ResourceBody<Prefix, 'update'>, call: CallContext): ResourceModel<Prefix>;
}

/** A declared resource: its behaviours, and its store in a state (for other behaviours and for tests). */
export interface Resource<T extends { id: string }> {
  readonly behaviours: Behaviours;
  /** The resource's store in a state (under one parent, for a child resource). */
  store(state: StateStore, parentId?: string): ResourceStore<T>;
}

const routeNames = new Set(catalog.map((entry) => entry.name));

/**
 * Defines a plain stateful CRUD resource from a few facts: create (required fields checked, a fresh id, the
 * user's partial completing the default), retrieve, update, list (paged like the API) and delete, each
 * answering the API's 404 for an unknown id (or parent). Only the routes the catalog has are defined; add or
 * replace any with your own behaviours beside it.
 *
 * @example
 * export const evalResource = defineResource({
 *   routes: 'evals', idPrefix: 'eval_', object: 'eval', idParam: 'eval_id', required: ['data_source_config'],
 *   create: ({ id, created_at, body }) => ({ id, object: 'eval', created_at, name: String(body['name'] ?? ''), ... }),
 * });
 */
export function defineResource<Prefix extends ResourcePrefix>(definition: ResourceDefinition<Prefix>): Resource<ResourceModel<Prefix>> {
  type T = ResourceModel<Prefix>;
  const kind = definition.kind ?? definition.object.replace(/[._]/g, ' ');
  const own = bookkeeping(`${definition.routes} store`, () => new ChildStores<T>(definition.storeOptions ?? {}));
  const store = (state: StateStore, parentId = ''): ResourceStore<T> => definition.store?.(state, parentId) ?? own(state).of(parentId);
  const param = (call: CallContext, name: string): string => call.params[name] ?? '';
  const parentOf = (call: CallContext): string => {
    const parent = definition.parent;
    if (!parent) return '';
    const id = param(call, parent.param);
    found(parent.store(call.state), parent.kind, id, { param: parent.param });
    return id;
  };
  const stored = (call: CallContext): { store: ResourceStore<T>; object: T } => {
    const objects = store(call.state, parentOf(call));
    const id = param(call, definition.idParam);
    return { store: objects, object: found(objects, kind, id, { param: definition.idParam }) };
  };
  const verbs: Record<string, Behaviour> = {
    create: {
      respond(call) {
        const parentId = parentOf(call);
        const body = requiredBody(call, definition.required ?? [], (definition.required ?? []).length === 0);
        const fresh = definition.create({ id: newId(definition.idPrefix), created_at: nowSeconds(), body: body as ResourceBody<Prefix, 'create'>, parentId }, call);
        return store(call.state, parentId).put(call.complete(fresh));
      },
    },
    retrieve: { respond: (call) => call.complete(stored(call).object) },
    update: {
      respond(call) {
        const { store: objects, object } = stored(call);
        const body = requiredBody(call, [], true);
        const next = definition.update ? definition.update(object, body as ResourceBody<Prefix, 'update'>, call) : setFields(object, body);
        return objects.put(call.complete(next));
      },
    },
    list: { respond: (call) => listPage(call, store(call.state, parentOf(call))) },
    delete: {
      respond(call) {
        const objects = store(call.state, parentOf(call));
        return deleteFrom(call, objects, kind, param(call, definition.idParam), `${definition.object}.deleted`, { param: definition.idParam });
      },
    },
  };
  const behaviours: Record<string, Behaviour> = {};
  for (const [verb, behaviour] of Object.entries(verbs)) {
    const name = `${definition.routes}.${verb}`;
    if (routeNames.has(name)) behaviours[name] = behaviour;
  }
  return { behaviours, store };
}

/** The object with the body's fields set onto it (fields the body leaves out, or sends as `undefined`, kept). */
function setFields<T extends object>(object: T, body: JsonObject): T {
  const next: JsonObject = { ...(object as JsonObject) };
  for (const [key, value] of Object.entries(body)) if (value !== undefined) next[key] = value;
  return next as T;
}
