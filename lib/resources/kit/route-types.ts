import type { RouteTree } from '../../catalog/route-tree.js';
import type { Route } from '../../route.js';

type NamesOf<Tree, Prefix extends string> = {
  [Key in keyof Tree & string]: Tree[Key] extends Route<infer _Model, infer _Params> ? `${Prefix}${Key}` : NamesOf<Tree[Key], `${Prefix}${Key}.`>;
}[keyof Tree & string];

type At<Tree, Name extends string> = Name extends `${infer Head}.${infer Rest}`
  ? Head extends keyof Tree ? At<Tree[Head], Rest> : never
  : Name extends keyof Tree ? Tree[Name] : never;

/** Every route's client method name, dotted: `'chat.completions.create'`, `'beta.threads.runs.retrieve'`. */
export type RouteName = NamesOf<RouteTree, ''>;

/** The model a route answers with (one page's body for a list route). */
export type RouteModel<Name extends RouteName> = At<RouteTree, Name> extends Route<infer Model, infer _Params> ? Model : never;

/** A route's path parameters: `{ thread_id: string; run_id: string }`. */
export type RouteParams<Name extends RouteName> = At<RouteTree, Name> extends Route<infer _Model, infer Params> ? Params : never;

/**
 * A route's request body as the SDK types it. Not typed per route yet: `unknown` until the catalog names each
 * route's body; read it through `requireBody()`.
 */
export type RouteBody<_Name extends RouteName> = unknown;
