import type { Behaviours } from './behaviour.js';
import { batchRoutes } from './batches/batches.js';
import { fileRoutes } from './files.js';
import { uploadPartRoutes } from './uploads/parts.js';
import { uploadRoutes } from './uploads/uploads.js';
import { fileBatchRoutes } from './vector-stores/file-batches.js';
import { vectorStoreFileRoutes } from './vector-stores/files.js';
import { vectorStoreRoutes } from './vector-stores/vector-stores.js';

/**
 * `client.files`, `uploads`, `batches`, `vectorStores` (the stateful data plane): files keep their exact bytes,
 * uploads assemble parts into files, batches run their lines through the mock's own routes, and vector stores
 * keep per-store file records that `search` reads.
 */
export const dataPlaneRoutes: Behaviours = {
  ...fileRoutes,
  ...uploadRoutes,
  ...uploadPartRoutes,
  ...batchRoutes,
  ...vectorStoreRoutes,
  ...vectorStoreFileRoutes,
  ...fileBatchRoutes,
};
