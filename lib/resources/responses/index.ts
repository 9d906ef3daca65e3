import type { Behaviours } from '../behaviour.js';
import { responseCoreRoutes } from './responses.js';

/**
 * The same behaviours under `client.beta.responses.*`: the beta client sends the same requests with `?beta=true`,
 * and the router may hand a plain `GET /responses/:id` to either name, so both answer from the same state.
 */
const betaAliases: Behaviours = Object.fromEntries(Object.entries(responseCoreRoutes).map(([name, behaviour]) => [`beta.${name}`, behaviour]));

/** `client.responses.*`: create (streaming, background), retrieve, delete, cancel, compact, input items, input tokens. */
export const responseRoutes: Behaviours = { ...responseCoreRoutes, ...betaAliases };

export { responseOutput } from './output.js';
export { responseEvents } from './build.js';
export type { TextOutputOptions, FunctionCallOutputOptions } from './output.js';
