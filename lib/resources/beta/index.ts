import type { Behaviours } from '../behaviour.js';
import { assistantRoutes } from './assistants.js';
import { messageRoutes } from './messages.js';
import { runStepRoutes } from './run-steps.js';
import { runRoutes } from './runs.js';
import { threadRoutes } from './threads.js';

/** `client.beta.assistants` and `client.beta.threads` (messages, runs, run steps). */
export const betaRoutes: Behaviours = {
  ...assistantRoutes,
  ...threadRoutes,
  ...messageRoutes,
  ...runRoutes,
  ...runStepRoutes,
};
