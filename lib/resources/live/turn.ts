import type { LiveResponseRequest } from '../../catalog/beyond-sdk.js';
import type { Behaviours, CallContext } from '../behaviour.js';

/**
 * The route a Live socket calls for each turn its model speaks (`live.response.create`, see
 * `lib/websocket/live/`): the transcript the user scripts, empty by default (the mock does not listen), except that a
 * commentary turn says the commentary it was given.
 */
// Not a route of the SDK's catalog (the socket calls it), so not defined by name.
export const liveTurnRoutes: Behaviours = {
  'live.response.create': {
    respond(call: CallContext) {
      const body = call.body as LiveResponseRequest;
      return call.complete({ transcript: body.trigger === 'commentary' ? (body.commentary ?? '') : '', input_transcript: '' });
    },
  },
};
