import type { PermissionDeleteResponse } from 'openai/resources/fine-tuning/checkpoints/permissions';
import { apiError, invalidRequest, notFound } from '../../errors.js';
import { nowSeconds } from '../../internal/clock.js';
import { newId } from '../../internal/ids.js';
import { listParams, requireBody } from '../../internal/validate.js';
import type { StateStore } from '../../state/state-store.js';
import type { Behaviours, CallContext } from '../behaviour.js';

/** Whether a checkpoint name is one the state knows: a job's checkpoint or a fine-tuned model. */
function knownCheckpoint(state: StateStore, name: string): boolean {
  if (state.models.has(name)) return true;
  return state.fineTuning.jobs.values().some((job) => state.fineTuning.jobs.checkpoints.of(job.id).values().some((c) => c.fine_tuned_model_checkpoint === name));
}

function checkpointOf(call: CallContext): string | Response {
  const name = call.params['fine_tuned_model_checkpoint'] ?? '';
  if (knownCheckpoint(call.state, name)) return name;
  return apiError(404, `Fine-tuned model checkpoint '${name}' not found.`, { param: 'fine_tuned_model_checkpoint', code: 'model_not_found' });
}

function create(call: CallContext): unknown {
  const checkpoint = checkpointOf(call);
  if (checkpoint instanceof Response) return checkpoint;
  const body = requireBody(call.body, ['project_ids']);
  if (body instanceof Response) return body;
  const projects = body['project_ids'];
  if (!Array.isArray(projects) || projects.length === 0 || !projects.every((p) => typeof p === 'string')) {
    return invalidRequest("Invalid 'project_ids': expected a non-empty array of project ids.", 'project_ids', 'invalid_value');
  }
  const store = call.state.fineTuning.checkpointPermissions.of(checkpoint);
  const created = (projects as string[]).map((project) =>
    store.put({ id: newId('cp_'), object: 'checkpoint.permission', created_at: nowSeconds(), project_id: project }),
  );
  return call.complete({ object: 'list', data: created, first_id: created[0]?.id ?? null, last_id: created.at(-1)?.id ?? null, has_more: false });
}

/** A listing: `order` is `ascending` / `descending` here, and `project_id` filters. */
function list(call: CallContext): unknown {
  const checkpoint = checkpointOf(call);
  if (checkpoint instanceof Response) return checkpoint;
  const params = listParams(call.query);
  const order = call.query.get('order');
  if (order !== null) {
    if (order !== 'ascending' && order !== 'descending') {
      return invalidRequest(`Invalid 'order': expected 'ascending' or 'descending', got '${order}'.`, 'order', 'invalid_value');
    }
    params.order = order === 'ascending' ? 'asc' : 'desc';
  }
  const project = call.query.get('project_id');
  const store = call.state.fineTuning.checkpointPermissions.of(checkpoint);
  return call.complete(store.list(params, project === null ? undefined : (permission) => permission.project_id === project));
}

function remove(call: CallContext): PermissionDeleteResponse | Response {
  const checkpoint = checkpointOf(call);
  if (checkpoint instanceof Response) return checkpoint;
  const id = call.params['permission_id'] ?? '';
  if (!call.state.fineTuning.checkpointPermissions.of(checkpoint).delete(id)) return notFound('checkpoint permission', id, 'permission_id');
  return call.complete<PermissionDeleteResponse>({ id, object: 'checkpoint.permission', deleted: true });
}

/**
 * `client.fineTuning.checkpoints.permissions.*`: which projects may use a fine-tuned model checkpoint. The
 * checkpoint must be one the state knows (a job's checkpoint or a model in `models`); `retrieve` and `list`
 * are the same request.
 */
export const checkpointPermissionRoutes: Behaviours = {
  'fineTuning.checkpoints.permissions.create': { respond: create },
  'fineTuning.checkpoints.permissions.retrieve': { respond: list },
  'fineTuning.checkpoints.permissions.list': { respond: list },
  'fineTuning.checkpoints.permissions.delete': { respond: remove },
};

