import type { Behaviours } from './behaviour.js';

/** `client.files`, `uploads`, `batches`, `vectorStores` (the stateful data plane). */
export const dataPlaneRoutes: Behaviours = {};
