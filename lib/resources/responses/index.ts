import type { Behaviours } from '../behaviour.js';

/** `client.responses.*` (issue: Responses API). */
export const responseRoutes: Behaviours = {};
