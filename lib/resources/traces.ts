import { invalidRequest } from '../errors.js';
import { isPlainObject } from '../internal/merge.js';
import type { Behaviours } from './behaviour.js';

/**
 * `POST /traces/ingest`, the Agents SDK's trace export: a body with a `data` list is accepted with a `204`
 * (the route records it in `calls`); anything else is the API's 400.
 */
export const traceRoutes: Behaviours = {
  'traces.ingest': {
    respond(call) {
      if (!isPlainObject(call.body) || !Array.isArray(call.body['data'])) {
        return invalidRequest("Missing required parameter: 'data'.", 'data', 'missing_required_parameter');
      }
      return new Response(null, { status: 204 });
    },
  },
};
