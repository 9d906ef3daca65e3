import type { FineTuningJobCheckpoint } from 'openai/resources/fine-tuning/jobs/checkpoints';
import type { FineTuningJob, FineTuningJobEvent } from 'openai/resources/fine-tuning/jobs/jobs';
import { nowSeconds } from '../../internal/clock.js';
import { newId } from '../../internal/ids.js';
import { isPlainObject, type JsonObject } from '../../internal/merge.js';
import { countTokens } from '../../internal/validate.js';
import type { StateStore } from '../../state/state-store.js';
import { type Call, type CallWith, type ListOptions, type Refusal, badRequest, bookkeeping, defineBehaviours, found, listPage, requiredBody } from '../kit/index.js';
import { fileObject, storeFile } from '../files.js';
import { lifecycle, readCounter, stepsOf } from '../lifecycle.js';
import { emitSettled } from '../../webhooks/delivery.js';

/** The organization the mock's fine-tuning jobs and fine-tuned models belong to. */
export const mockOrganizationId = 'org-mock';

const terminal = new Set<FineTuningJob['status']>(['succeeded', 'failed', 'cancelled']);
const next: Partial<Record<FineTuningJob['status'], FineTuningJob['status']>> = {
  validating_files: 'queued',
  queued: 'running',
  running: 'succeeded',
};

/** Jobs paused by `fineTuning.jobs.pause`: they keep their status and do not move until resumed. */
const pausedJobs = bookkeeping('fineTuning.paused', () => new Set<string>());

/** Retrieves counted per job, each `retrievesPerStep` moving it one status on. */
const readMovesOn = readCounter('fineTuning.reads');

function addEvent(state: StateStore, jobId: string, message: string, extra: Partial<FineTuningJobEvent> = {}): void {
  state.fineTuning.jobs.events.of(jobId).put({
    id: newId('ftevent-'),
    object: 'fine_tuning.job.event',
    created_at: nowSeconds(),
    level: 'info',
    message,
    type: 'message',
    ...extra,
  });
}

function fileText(state: StateStore, fileId: string): string {
  const bytes = state.files.content.get(fileId);
  return bytes ? new TextDecoder().decode(bytes) : '';
}

/** The hyperparameters as the job reports them once it runs: `auto` settled to numbers. */
function settled(hyperparameters: FineTuningJob.Hyperparameters): FineTuningJob.Hyperparameters {
  const number = (value: unknown, fallback: number): number => (typeof value === 'number' ? value : fallback);
  return {
    batch_size: number(hyperparameters.batch_size, 1),
    learning_rate_multiplier: number(hyperparameters.learning_rate_multiplier, 2),
    n_epochs: number(hyperparameters.n_epochs, 3),
  };
}

/** The `ft:` names of the models jobs will make (`ft:<base>:<org>:<suffix>:<id>`), chosen at creation. */
const modelNames = bookkeeping('fineTuning.modelNames', () => new Map<string, string>());

/** What a job leaves when it succeeds: checkpoints (one per epoch), a result file, and its model in `models`. */
function succeed(state: StateStore, job: FineTuningJob): FineTuningJob {
  const now = nowSeconds();
  const hyperparameters = settled(job.hyperparameters);
  const epochs = typeof hyperparameters.n_epochs === 'number' ? hyperparameters.n_epochs : 3;
  const lines = fileText(state, job.training_file).split('\n').filter((line) => line.trim() !== '').length || 1;
  const model = modelNames(state).get(job.id) ?? `ft:${job.model}:${job.organization_id}::${newId('', 8)}`;
  const checkpoints = state.fineTuning.jobs.checkpoints.of(job.id);
  const rows = ['step,train_loss,train_accuracy,valid_loss,valid_mean_token_accuracy'];
  for (let epoch = 1; epoch <= epochs; epoch++) {
    const step = epoch * lines;
    const loss = Number((1 / (epoch + 1)).toFixed(4));
    const checkpoint: FineTuningJobCheckpoint = {
      id: newId('ftckpt_'),
      object: 'fine_tuning.job.checkpoint',
      created_at: now,
      fine_tuning_job_id: job.id,
      fine_tuned_model_checkpoint: epoch === epochs ? model : `${model}:ckpt-step-${step}`,
      step_number: step,
      metrics: { step, train_loss: loss, train_mean_token_accuracy: 1 - loss / 2, full_valid_loss: loss, full_valid_mean_token_accuracy: 1 - loss / 2 },
    };
    checkpoints.put(checkpoint);
    rows.push(`${step},${loss},${1 - loss / 2},${loss},${1 - loss / 2}`);
    addEvent(state, job.id, `Step ${step}/${epochs * lines}: training loss=${loss}`, { type: 'metrics', data: { step, train_loss: loss, total_steps: epochs * lines } });
  }
  const bytes = new TextEncoder().encode(rows.join('\n') + '\n');
  const results = storeFile(state, { ...fileObject({ bytes, filename: 'step_metrics.csv', purpose: 'fine-tune-results' }) }, bytes);
  state.models.put({ id: model, object: 'model', created: now, owned_by: job.organization_id });
  addEvent(state, job.id, `New fine-tuned model created: ${model}`);
  addEvent(state, job.id, 'The job has successfully completed');
  const tokens = countTokens(fileText(state, job.training_file)) * epochs;
  return {
    ...job,
    status: 'succeeded',
    hyperparameters,
    fine_tuned_model: model,
    finished_at: now,
    result_files: [results.id],
    trained_tokens: tokens,
    estimated_finish: null,
    ...(job.method && { method: withHyperparameters(job.method, hyperparameters) }),
  };
}

function withHyperparameters(method: FineTuningJob.Method, hyperparameters: FineTuningJob.Hyperparameters): FineTuningJob.Method {
  const own = method[method.type];
  if (!isPlainObject(own)) return method;
  return { ...method, [method.type]: { ...own, hyperparameters: { ...(isPlainObject(own['hyperparameters']) ? own['hyperparameters'] : {}), ...hyperparameters } } };
}

/** Moves a job one status on, with the events the API logs on the way. */
function step(state: StateStore, job: FineTuningJob): FineTuningJob {
  const status = next[job.status];
  if (!status || pausedJobs(state).has(job.id)) return job;
  if (status === 'queued') addEvent(state, job.id, 'Files validated, moving job to queued state');
  if (status === 'running') addEvent(state, job.id, 'Fine-tuning job started');
  const moved = status === 'succeeded' ? succeed(state, job) : { ...job, status, ...(status === 'running' && { estimated_finish: nowSeconds() + 600 }) };
  emitSettled(state, 'fine_tuning.job', moved.status, moved.id);
  return state.fineTuning.jobs.put(moved);
}

function finish(state: StateStore, job: FineTuningJob): FineTuningJob {
  let current = job;
  while (!terminal.has(current.status)) current = step(state, current);
  return current;
}

/** Checks a file a job names (when it names one): its 404, or the 400 for a file not meant for fine-tuning, thrown. */
function checkFile(state: StateStore, id: unknown, param: string): void {
  if (id === undefined || id === null) return;
  const file = found(state.files, 'file', String(id), { param });
  if (file.purpose !== 'fine-tune') {
    throw badRequest(`Invalid file '${file.id}': a fine-tuning file must have purpose 'fine-tune', not '${file.purpose}'.`, param, 'invalid_file_purpose');
  }
}

/** The hyperparameters asked for (at the top or in the method), `auto` where none is given. */
interface AskedHyperparameters {
  batch_size: 'auto' | number;
  learning_rate_multiplier: 'auto' | number;
  n_epochs: 'auto' | number;
}

function hyperparametersOf(body: JsonObject): AskedHyperparameters {
  const method = isPlainObject(body['method']) ? body['method'] : undefined;
  const own = method && typeof method['type'] === 'string' && isPlainObject(method[method['type']]) ? (method[method['type']] as JsonObject) : undefined;
  const given = { ...(isPlainObject(body['hyperparameters']) ? body['hyperparameters'] : {}), ...(own && isPlainObject(own['hyperparameters']) ? own['hyperparameters'] : {}) };
  const pick = (key: keyof AskedHyperparameters): 'auto' | number => {
    const value = given[key];
    return typeof value === 'number' ? value : 'auto';
  };
  return { batch_size: pick('batch_size'), learning_rate_multiplier: pick('learning_rate_multiplier'), n_epochs: pick('n_epochs') };
}

function create(call: Call<'fineTuning.jobs.create'>): FineTuningJob {
  const body = requiredBody(call, ['model', 'training_file']);
  checkFile(call.state, body['training_file'], 'training_file');
  checkFile(call.state, body['validation_file'], 'validation_file');
  const hyperparameters = hyperparametersOf(body);
  const method = isPlainObject(body['method'])
    ? (body['method'] as unknown as FineTuningJob.Method)
    : { type: 'supervised' as const, supervised: { hyperparameters } };
  const id = newId('ftjob-');
  const suffix = typeof body['suffix'] === 'string' ? body['suffix'] : '';
  modelNames(call.state).set(id, `ft:${String(body['model'])}:${mockOrganizationId}:${suffix}:${newId('', 8)}`);
  const defaults: FineTuningJob = {
    id,
    object: 'fine_tuning.job',
    created_at: nowSeconds(),
    model: String(body['model']),
    organization_id: mockOrganizationId,
    status: 'validating_files',
    training_file: String(body['training_file']),
    validation_file: typeof body['validation_file'] === 'string' ? body['validation_file'] : null,
    hyperparameters,
    method,
    seed: typeof body['seed'] === 'number' ? body['seed'] : Math.floor(Math.random() * 2 ** 31),
    fine_tuned_model: null,
    finished_at: null,
    error: null,
    result_files: [],
    trained_tokens: null,
    estimated_finish: null,
    integrations: Array.isArray(body['integrations']) ? (body['integrations'] as NonNullable<FineTuningJob['integrations']>) : null,
    metadata: isPlainObject(body['metadata']) ? (body['metadata'] as Record<string, string>) : null,
  };
  const job = call.state.fineTuning.jobs.put(call.complete(defaults));
  addEvent(call.state, job.id, `Created fine-tuning job: ${job.id}`);
  addEvent(call.state, job.id, `Validating training file: ${job.training_file}`);
  if (stepsOf(lifecycle(call.state).fineTuning.retrievesPerStep) === 0) return finish(call.state, job);
  return job;
}

/** The job a call names, or its 404 thrown. */
function jobOf(call: CallWith<{ fine_tuning_job_id: string }>): FineTuningJob {
  return found(call.state.fineTuning.jobs, 'fine-tuning job', call.params.fine_tuning_job_id, { param: 'fine_tuning_job_id' });
}

function retrieve(call: Call<'fineTuning.jobs.retrieve'>): FineTuningJob {
  const job = jobOf(call);
  let current = job;
  if (!terminal.has(job.status) && !pausedJobs(call.state).has(job.id)) {
    const perStep = stepsOf(lifecycle(call.state).fineTuning.retrievesPerStep);
    if (perStep === 0) current = finish(call.state, job);
    else if (readMovesOn(call.state, job.id, perStep)) current = step(call.state, job);
  }
  return call.complete(current);
}

function cancel(call: Call<'fineTuning.jobs.cancel'>): FineTuningJob | Refusal {
  const job = jobOf(call);
  if (terminal.has(job.status)) {
    return badRequest(`Cannot cancel a job that has already ${job.status === 'cancelled' ? 'been cancelled' : job.status}: ${job.id}.`, 'fine_tuning_job_id');
  }
  pausedJobs(call.state).delete(job.id);
  addEvent(call.state, job.id, 'Fine-tuning job cancelled');
  emitSettled(call.state, 'fine_tuning.job', 'cancelled', job.id);
  return call.complete(call.state.fineTuning.jobs.put({ ...job, status: 'cancelled', finished_at: nowSeconds(), estimated_finish: null }));
}

function pause(call: Call<'fineTuning.jobs.pause'>): FineTuningJob | Refusal {
  const job = jobOf(call);
  if (job.status !== 'running' || pausedJobs(call.state).has(job.id)) {
    return badRequest(`Only a running job can be paused; ${job.id} is ${pausedJobs(call.state).has(job.id) ? 'paused' : job.status}.`, 'fine_tuning_job_id');
  }
  pausedJobs(call.state).add(job.id);
  addEvent(call.state, job.id, 'Fine-tuning job paused');
  return call.complete(job);
}

function resume(call: Call<'fineTuning.jobs.resume'>): FineTuningJob | Refusal {
  const job = jobOf(call);
  if (!pausedJobs(call.state).delete(job.id)) {
    return badRequest(`Only a paused job can be resumed; ${job.id} is ${job.status}.`, 'fine_tuning_job_id');
  }
  addEvent(call.state, job.id, 'Fine-tuning job resumed');
  return call.complete(job);
}

/** `metadata[key]=value` filters of a job listing. */
function byMetadata(query: URLSearchParams): ListOptions<FineTuningJob> {
  const wanted: [string, string][] = [];
  for (const [key, value] of query) {
    const match = /^metadata\[(.+)\]$/.exec(key);
    if (match?.[1] !== undefined) wanted.push([match[1], value]);
  }
  if (wanted.length === 0) return {};
  return { filter: (job) => wanted.every(([key, value]) => job.metadata?.[key] === value) };
}

/**
 * `client.fineTuning.jobs.*`: a job checks its files, then moves `validating_files` -> `queued` -> `running` ->
 * `succeeded` one step per `retrieve` (see `lifecycle`), logging events; once it succeeds it has checkpoints,
 * a result file and a `fine_tuned_model` that `models.list` and `models.retrieve` know.
 */
export const fineTuningJobRoutes = defineBehaviours({
  'fineTuning.jobs.create': { respond: create },
  'fineTuning.jobs.retrieve': { respond: retrieve, poll: true },
  'fineTuning.jobs.list': { respond: (call) => listPage(call, call.state.fineTuning.jobs, byMetadata(call.query)) },
  'fineTuning.jobs.cancel': { respond: cancel },
  'fineTuning.jobs.pause': { respond: pause },
  'fineTuning.jobs.resume': { respond: resume },
  'fineTuning.jobs.listEvents': { respond: (call) => listPage(call, call.state.fineTuning.jobs.events.of(jobOf(call).id)) },
  'fineTuning.jobs.checkpoints.list': { respond: (call) => listPage(call, call.state.fineTuning.jobs.checkpoints.of(jobOf(call).id)) },
});
