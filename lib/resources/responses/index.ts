import type { Behaviours } from '../behaviour.js';
import { responseCoreRoutes } from './responses.js';

/** `client.responses.*`: create (streaming, background), retrieve, delete, cancel, compact, input items, input tokens. */
export const responseRoutes: Behaviours = responseCoreRoutes;

export { responseOutput } from './output.js';
export { responseEvents } from './build.js';
export { backgroundSteps } from './background.js';
export type { TextOutputOptions, FunctionCallOutputOptions } from './output.js';
export type { BackgroundSteps } from './background.js';
