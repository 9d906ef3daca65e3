import { isPlainObject } from '../internal/merge.js';
import type { Behaviours } from './behaviour.js';
import { missingParameter, noContent } from './kit/index.js';

/**
 * `POST /traces/ingest`, the Agents SDK's trace export: a body with a `data` list is accepted with a `204`
 * (the route records it in `calls`); anything else is the API's 400.
 */
// Not a route of the SDK's catalog (the Agents SDK sends it), so not defined by name.
export const traceRoutes: Behaviours = {
  'traces.ingest': {
    respond(call) {
      if (!isPlainObject(call.body) || !Array.isArray(call.body['data'])) {
        return missingParameter('data');
      }
      return noContent();
    },
  },
};
