import type { Model } from 'openai/resources/models';
import { apiError } from '../errors.js';
import { nowSeconds } from '../internal/clock.js';
import type { Behaviours, CallContext } from './behaviour.js';

function unknownModel(id: string): Response {
  return apiError(404, `The model '${id}' does not exist`, { param: 'model', code: 'model_not_found' });
}

function found(call: CallContext): Model | undefined {
  return call.state.models.get(call.params['model'] ?? '');
}

/** `client.models.*`: the seeded model ids (and any put in `state.models`); 404 for unknown ids. */
export const modelRoutes: Behaviours = {
  'models.list': {
    // Models the test lists itself are completed like a stored one (`{ data: [{ id: 'm' }] }`).
    respond: (call) => call.complete({ object: 'list', data: call.state.models.values() }, {
      'data[]': (index) => ({ id: `model-${index}`, object: 'model', created: nowSeconds(), owned_by: 'openai' }),
    }),
  },
  'models.retrieve': {
    respond(call) {
      const id = call.params['model'] ?? '';
      const model = found(call);
      // A model the state does not know is a 404, unless the test says what it is.
      if (!model && call.override === undefined) return unknownModel(id);
      return call.complete<Model>(model ?? { id, object: 'model', created: nowSeconds(), owned_by: 'user' });
    },
  },
  'models.delete': {
    respond(call) {
      const model = found(call);
      if (!model) return unknownModel(call.params['model'] ?? '');
      call.state.models.delete(model.id);
      return call.complete({ id: model.id, object: 'model', deleted: true });
    },
  },
};
