import type { EvalRetrieveResponse as Eval } from 'openai/resources/evals/evals';
import { isPlainObject, type JsonObject } from '../../internal/merge.js';
import { type Behaviours, type CallWith, badRequest, defineBehaviours, defineResource, found } from '../kit/index.js';

/** The JSON schema an eval's data source shows: the item's own schema, and the sample's when it has one; the 400 thrown for an unknown type. */
function dataSourceConfig(config: JsonObject): Eval['data_source_config'] {
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
  throw badRequest(`Invalid 'data_source_config.type': '${type}'. Supported values are: 'custom', 'logs', 'stored_completions'.`, 'data_source_config.type', 'invalid_value');
}

/** The roles a grader's message takes: a model reads no other. */
const messageRoles = ['user', 'assistant', 'system', 'developer'];

/**
 * The testing criteria as an eval keeps them, or the API's 400 thrown. A model grader's messages may be sent in
 * the short form (`{ role, content }`, `role` typed as a plain string by the SDK), but they reach a model as
 * messages: a role other than `user`, `assistant`, `system` or `developer` is refused, as the API refuses it,
 * so the eval never holds a grader the API could not show (its `EvalItem` takes those four only).
 */
function testingCriteria(criteria: unknown): Eval['testing_criteria'] {
  if (!Array.isArray(criteria)) throw badRequest("Invalid 'testing_criteria': expected an array.", 'testing_criteria', 'invalid_type');
  criteria.forEach((criterion: unknown, index) => {
    if (!isPlainObject(criterion) || !Array.isArray(criterion['input'])) return;
    criterion['input'].forEach((message: unknown, at) => {
      const role = isPlainObject(message) ? message['role'] : undefined;
      if (typeof role === 'string' && !messageRoles.includes(role)) {
        throw badRequest(`Invalid value: '${role}'. Supported values are: 'user', 'assistant', 'system', or 'developer'.`, `testing_criteria[${index}].input[${at}].role`, 'invalid_value');
      }
    });
  });
  return criteria as Eval['testing_criteria'];
}

/**
 * `client.evals.*`: evals kept with their data source's schema and testing criteria; `update` sets the name
 * and metadata. Evals change only by name and metadata, so `order_by: 'updated_at'` lists them in creation
 * order too.
 */
export const evals = defineResource({
  routes: 'evals',
  idPrefix: 'eval_',
  object: 'eval',
  idParam: 'eval_id',
  store: (state) => state.evals,
  required: ['data_source_config', 'testing_criteria'],
  create({ id, created_at, body }): Eval {
    const data_source_config = dataSourceConfig(isPlainObject(body['data_source_config']) ? body['data_source_config'] : {});
    const testing_criteria = testingCriteria(body['testing_criteria']);
    return {
      id,
      object: 'eval',
      created_at,
      name: typeof body['name'] === 'string' ? body['name'] : '',
      data_source_config,
      testing_criteria,
      metadata: isPlainObject(body['metadata']) ? (body['metadata'] as Record<string, string>) : null,
    };
  },
  update(evaluation, body): Eval {
    return {
      ...evaluation,
      ...(typeof body['name'] === 'string' && { name: body['name'] }),
      ...(body['metadata'] !== undefined && { metadata: body['metadata'] as Record<string, string> | null }),
    };
  },
});

/** The eval a call names, or its 404 thrown. */
export function evalOf(call: CallWith<{ eval_id: string }>): Eval {
  return found(call.state.evals, 'eval', call.params.eval_id, { param: 'eval_id' });
}

/** The routes of `client.evals` (runs apart): deleting an eval deletes its runs and their output items. */
export const evalRoutes: Behaviours = {
  ...evals.behaviours,
  ...defineBehaviours({
    'evals.delete': {
      respond(call) {
        const evaluation = evalOf(call);
        for (const run of call.state.evals.runs.of(evaluation.id).values()) call.state.evals.runs.outputItems.deleteParent(run.id);
        call.state.evals.delete(evaluation.id);
        return call.complete({ eval_id: evaluation.id, object: 'eval.deleted', deleted: true });
      },
    },
  }),
};
