import type { EvalDeleteResponse, EvalRetrieveResponse as Eval } from 'openai/resources/evals/evals';
import { invalidRequest, notFound } from '../../errors.js';
import { nowSeconds } from '../../internal/clock.js';
import { newId } from '../../internal/ids.js';
import { isPlainObject, type JsonObject } from '../../internal/merge.js';
import { listParams, requireBody } from '../../internal/validate.js';
import type { Behaviours, CallContext } from '../behaviour.js';

/** The JSON schema an eval's data source shows: the item's own schema, and the sample's when it has one. */
function dataSourceConfig(config: JsonObject): Eval['data_source_config'] | string {
  const type = String(config['type']);
  const metadata = isPlainObject(config['metadata']) ? { metadata: config['metadata'] as Record<string, string> } : {};
  if (type === 'custom') {
    const item = isPlainObject(config['item_schema']) ? config['item_schema'] : { type: 'object' };
    const withSample = config['include_sample_schema'] === true;
    return {
      type: 'custom',
      schema: {
        type: 'object',
        properties: { item, ...(withSample && { sample: { type: 'object', properties: { output_text: { type: 'string' } } } }) },
        required: withSample ? ['item', 'sample'] : ['item'],
      },
    };
  }
  if (type === 'logs' || type === 'stored_completions') return { type, schema: { type: 'object', properties: { item: { type: 'object' }, sample: { type: 'object' } } }, ...metadata };
  return `Invalid 'data_source_config.type': '${type}'. Supported values are: 'custom', 'logs', 'stored_completions'.`;
}

function found(call: CallContext): Eval | Response {
  const id = call.params['eval_id'] ?? '';
  return call.state.evals.get(id) ?? notFound('eval', id, 'eval_id');
}

function create(call: CallContext): Eval | Response {
  const body = requireBody(call.body, ['data_source_config', 'testing_criteria']);
  if (body instanceof Response) return body;
  const config = dataSourceConfig(isPlainObject(body['data_source_config']) ? body['data_source_config'] : {});
  if (typeof config === 'string') return invalidRequest(config, 'data_source_config.type', 'invalid_value');
  if (!Array.isArray(body['testing_criteria'])) return invalidRequest("Invalid 'testing_criteria': expected an array.", 'testing_criteria', 'invalid_type');
  const defaults: Eval = {
    id: newId('eval_'),
    object: 'eval',
    created_at: nowSeconds(),
    name: typeof body['name'] === 'string' ? body['name'] : '',
    data_source_config: config,
    testing_criteria: body['testing_criteria'] as Eval['testing_criteria'],
    metadata: isPlainObject(body['metadata']) ? (body['metadata'] as Record<string, string>) : null,
  };
  return call.state.evals.put(call.complete(defaults));
}

/**
 * `client.evals.*`: evals kept with their data source's schema and testing criteria; `update` sets the name
 * and metadata; deleting an eval deletes its runs.
 */
export const evalRoutes: Behaviours = {
  'evals.create': { respond: create },
  'evals.retrieve': {
    respond(call) {
      const evaluation = found(call);
      return evaluation instanceof Response ? evaluation : call.complete(evaluation);
    },
  },
  'evals.update': {
    respond(call) {
      const evaluation = found(call);
      if (evaluation instanceof Response) return evaluation;
      const body = requireBody(call.body ?? {});
      if (body instanceof Response) return body;
      const next: Eval = {
        ...evaluation,
        ...(typeof body['name'] === 'string' && { name: body['name'] }),
        ...(body['metadata'] !== undefined && { metadata: (body['metadata'] as Record<string, string> | null) }),
      };
      return call.complete(call.state.evals.put(next));
    },
  },
  // Evals change only by name and metadata, so `order_by: 'updated_at'` lists them in creation order too.
  'evals.list': { respond: (call) => call.complete(call.state.evals.list(listParams(call.query))) },
  'evals.delete': {
    respond(call) {
      const evaluation = found(call);
      if (evaluation instanceof Response) return evaluation;
      for (const run of call.state.evals.runs.of(evaluation.id).values()) call.state.evals.runs.outputItems.deleteParent(run.id);
      call.state.evals.delete(evaluation.id);
      return call.complete<EvalDeleteResponse>({ eval_id: evaluation.id, object: 'eval.deleted', deleted: true });
    },
  },
};
