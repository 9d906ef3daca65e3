import type { Model } from 'openai/resources/models';
import type { RouteModel } from '../catalog/route-types.js';
import { nowSeconds } from '../internal/clock.js';
import { defineBehaviours, deleteFrom, found } from './kit/index.js';

/** `client.models.*`: the seeded model ids (and any put in `state.models`); 404 for unknown ids. */
export const modelRoutes = defineBehaviours({
  'models.list': {
    // The API's model list has no cursors (the SDK reads it with its plain `Page`): `object` and `data` only.
    // Models the test lists itself are completed like a stored one (`{ data: [{ id: 'm' }] }`).
    respond: (call) => call.complete({ object: 'list', data: call.state.models.values() }, {
      'data[]': (index) => ({ id: `model-${index}`, object: 'model', created: nowSeconds(), owned_by: 'openai' }),
    }) as RouteModel<'models.list'>,
  },
  'models.retrieve': {
    respond(call) {
      const id = call.params.model;
      // A model the state does not know is a 404, unless the test says what it is.
      const model: Model = call.override === undefined
        ? found(call.state.models, 'model', id)
        : (call.state.models.get(id) ?? { id, object: 'model', created: nowSeconds(), owned_by: 'user' });
      return call.complete(model);
    },
  },
  'models.delete': {
    respond: (call) => deleteFrom(call, call.state.models, 'model', call.params.model, 'model'),
  },
});
