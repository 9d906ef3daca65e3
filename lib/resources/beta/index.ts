import type { Behaviours } from '../behaviour.js';

/** `client.beta.assistants` and `client.beta.threads` (messages, runs, run steps). */
export const betaRoutes: Behaviours = {};
