import type { Behaviours } from '../behaviour.js';
import { evalRoutes } from './evals.js';
import { evalRunRoutes } from './runs.js';

/** `client.evals.*`: evals, their runs with a lifecycle, and the runs' graded output items. */
export const evalsRoutes: Behaviours = { ...evalRoutes, ...evalRunRoutes };
