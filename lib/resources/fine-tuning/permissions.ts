import type { PermissionCreateResponse as CheckpointPermission } from 'openai/resources/fine-tuning/checkpoints/permissions';
import { nowSeconds } from '../../internal/clock.js';
import { newId } from '../../internal/ids.js';
import { listParams } from '../../internal/validate.js';
import type { ListPage } from '../../state/resource-store.js';
import type { StateStore } from '../../state/state-store.js';
import { type Call, type CallWith, type RouteModel, badRequest, defineBehaviours, deleteFrom, noSuch, requiredBody } from '../kit/index.js';

/** Whether a checkpoint name is one the state knows: a job's checkpoint or a fine-tuned model. */
function knownCheckpoint(state: StateStore, name: string): boolean {
  if (state.models.has(name)) return true;
  return state.fineTuning.jobs.values().some((job) => state.fineTuning.jobs.checkpoints.of(job.id).values().some((c) => c.fine_tuned_model_checkpoint === name));
}

type CheckpointCall = CallWith<{ fine_tuned_model_checkpoint: string }>;

/** The checkpoint a call names, or its 404 thrown. */
function checkpointOf(call: CheckpointCall): string {
  const name = call.params.fine_tuned_model_checkpoint;
  if (!knownCheckpoint(call.state, name)) throw noSuch('fine-tuned model checkpoint', name, { param: 'fine_tuned_model_checkpoint' });
  return name;
}

function create(call: Call<'fineTuning.checkpoints.permissions.create'>): RouteModel<'fineTuning.checkpoints.permissions.create'> {
  const checkpoint = checkpointOf(call);
  const body = requiredBody(call, ['project_ids']);
  const projects: unknown = body.project_ids;
  if (!Array.isArray(projects) || projects.length === 0 || !projects.every((p) => typeof p === 'string')) {
    throw badRequest("Invalid 'project_ids': expected a non-empty array of project ids.", 'project_ids', 'invalid_value');
  }
  const store = call.state.fineTuning.checkpointPermissions.of(checkpoint);
  const created = (projects as string[]).map((project) =>
    store.put({ id: newId('cp_'), object: 'checkpoint.permission', created_at: nowSeconds(), project_id: project }),
  );
  return call.complete({ object: 'list', data: created, first_id: created[0]?.id ?? null, last_id: created.at(-1)?.id ?? null, has_more: false });
}

/** A listing: `order` is `ascending` / `descending` here, and `project_id` filters. */
function list(call: CheckpointCall): ListPage<CheckpointPermission> {
  const checkpoint = checkpointOf(call);
  const params = listParams(call.query);
  const order = call.query.get('order');
  if (order !== null) {
    if (order !== 'ascending' && order !== 'descending') {
      throw badRequest(`Invalid 'order': expected 'ascending' or 'descending', got '${order}'.`, 'order', 'invalid_value');
    }
    params.order = order === 'ascending' ? 'asc' : 'desc';
  }
  const project = call.query.get('project_id');
  const store = call.state.fineTuning.checkpointPermissions.of(checkpoint);
  return call.complete(store.list(params, project === null ? undefined : (permission) => permission.project_id === project));
}

/**
 * `client.fineTuning.checkpoints.permissions.*`: which projects may use a fine-tuned model checkpoint. The
 * checkpoint must be one the state knows (a job's checkpoint or a model in `models`); `retrieve` and `list`
 * are the same request.
 */
export const checkpointPermissionRoutes = defineBehaviours({
  'fineTuning.checkpoints.permissions.create': { respond: create },
  'fineTuning.checkpoints.permissions.retrieve': { respond: list },
  'fineTuning.checkpoints.permissions.list': { respond: list },
  'fineTuning.checkpoints.permissions.delete': {
    respond(call) {
      const store = call.state.fineTuning.checkpointPermissions.of(checkpointOf(call));
      return deleteFrom(call, store, 'checkpoint permission', call.params.permission_id, 'checkpoint.permission', { param: 'permission_id' });
    },
  },
});
