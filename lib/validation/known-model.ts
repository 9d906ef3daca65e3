import { modelNotFound, type Refusal } from '../errors/api-errors.js';
import { fineTunedBase, isKnownModelFamily } from '../internal/model-families.js';
import { isPlainObject } from '../internal/merge.js';
import type { StateStore } from '../state/state-store.js';

/** The `model` a request body names (JSON, or a multipart form's field), if it names one. */
function modelOf(body: unknown): string | undefined {
  const model = body instanceof FormData ? body.get('model') : isPlainObject(body) ? body['model'] : undefined;
  return typeof model === 'string' ? model : undefined;
}

/**
 * The API's 404 `model_not_found` for a request whose `model` the API does not serve, or `undefined`: a model
 * is known when it is in `state.models` (seeded with the current models; a test or a fine-tune adds more), or
 * of one of the API's model families, or a fine-tuned `ft:<base>:...` model whose base is known.
 */
export function unknownModel(body: unknown, state: StateStore): Refusal | undefined {
  const model = modelOf(body);
  // The families first: most requests name one, and the models store is only built when something reads it.
  if (model === undefined || isKnownModelFamily(model) || state.models.has(model)) return undefined;
  const base = fineTunedBase(model);
  if (base !== undefined && state.models.has(base)) return undefined;
  return modelNotFound(model);
}
