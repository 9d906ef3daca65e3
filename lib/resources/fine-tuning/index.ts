import type { Behaviours } from '../behaviour.js';
import { graderRoutes } from './graders.js';
import { fineTuningJobRoutes } from './jobs.js';
import { checkpointPermissionRoutes } from './permissions.js';

/** `client.fineTuning.*`: jobs with their lifecycle, events and checkpoints; checkpoint permissions; graders. */
export const fineTuningRoutes: Behaviours = {
  ...fineTuningJobRoutes,
  ...checkpointPermissionRoutes,
  ...graderRoutes,
};
