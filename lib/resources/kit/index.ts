/**
 * The resource kit: what a behaviour is made of. Define behaviours by route name (`defineBehaviours`), answer
 * with the model or a refusal (`badRequest`, `noSuch`, `refuse`), look up, list and delete with the helpers,
 * keep bookkeeping per state, stream by returning the model with its events (or the events only), and declare plain CRUD
 * resources in a few lines (`defineResource`). See CONTRIBUTING.md, "Adding a resource".
 */
export { defineBehaviours } from '../behaviour.js';
export type { Call, CallContext, CallWith, Outcome, Result, RouteBehaviour, Behaviours, BehaviourTable } from '../behaviour.js';
export { Refusal, badRequest, noSuch, refuse } from '../../errors/api-errors.js';
export { found, deleteFrom, listPage, missingParameter, requiredBody } from './lookup.js';
export type { Deleted, ListOptions, Lookup, BodyObject } from './lookup.js';
export { withEvents, eventsOnly, binary, noContent } from './outcome.js';
export type { WithEvents, EventsOnly, BinaryBody, NoContent } from './outcome.js';
export { wantsStream } from './behaviour-answer.js';
export { bookkeeping } from '../../state/bookkeeping.js';
export type { Bookkeeping } from '../../state/bookkeeping.js';
export { defineResource } from './resource.js';
export type { NewObject, Resource, ResourceDefinition, ResourceModel, ResourcePrefix } from './resource.js';
export type { RouteBody, RouteModel, RouteName, RouteParams } from '../../catalog/route-types.js';
