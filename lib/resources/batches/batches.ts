import type { Batch } from 'openai/resources/batches';
import { Refusal, badRequest } from '../../errors/api-errors.js';
import { nowSeconds } from '../../internal/clock.js';
import { newId } from '../../internal/ids.js';
import { bookkeeping } from '../../state/bookkeeping.js';
import type { StateStore } from '../../state/state-store.js';
import { type Call, type CallWith, defineBehaviours, found, listPage, requiredBody } from '../kit/index.js';
import { lifecycle, stepsOf } from '../lifecycle.js';
import { type BatchLine, type BatchResults, readInput, runBatch } from './runner.js';
import { emitSettled } from '../../webhooks/delivery.js';

/** The endpoints a batch can run. */
export const batchEndpoints: readonly string[] = [
  '/v1/responses', '/v1/chat/completions', '/v1/embeddings', '/v1/completions', '/v1/moderations',
  '/v1/images/generations', '/v1/images/edits', '/v1/videos',
];

const terminal = new Set<Batch['status']>(['completed', 'failed', 'expired', 'cancelled']);

/** A batch's progress beside its object: retrieves since its last step, its lines once read, its results once run. */
interface Progress {
  retrieves: number;
  lines?: BatchLine[];
  results?: BatchResults;
  /** The step under way, so two concurrent retrieves move the batch one step at a time. */
  busy: Promise<void>;
}

const allProgress = bookkeeping('batches.progress', () => new Map<string, Progress>());

function progressOf(state: StateStore, batchId: string): Progress {
  const all = allProgress(state);
  let progress = all.get(batchId);
  if (!progress) all.set(batchId, (progress = { retrieves: 0, busy: Promise.resolve() }));
  return progress;
}

/** A batch's input lines, read again from its input file (a batch restored from a snapshot has none at hand). */
function linesOf(state: StateStore, batch: Batch): BatchLine[] {
  const input = readInput(state, batch.input_file_id, batch.endpoint);
  return 'lines' in input ? input.lines : [];
}

/** Moves a batch one status on and raises the webhook event of the status it settles in (`batch.completed`, ...). */
async function step(state: StateStore, fetch: typeof globalThis.fetch, batch: Batch): Promise<Batch> {
  const next = await moveOn(state, fetch, batch);
  if (next.status !== batch.status) emitSettled(state, 'batch', next.status, next.id);
  return next;
}

/** Moves a batch one status on, doing that status's work; returns it as stored. */
async function moveOn(state: StateStore, fetch: typeof globalThis.fetch, batch: Batch): Promise<Batch> {
  const progress = progressOf(state, batch.id);
  const now = nowSeconds();
  switch (batch.status) {
    case 'validating': {
      const input = readInput(state, batch.input_file_id, batch.endpoint);
      if ('errors' in input) {
        return state.batches.put({ ...batch, status: 'failed', failed_at: now, errors: { object: 'list', data: input.errors } });
      }
      progress.lines = input.lines;
      return state.batches.put({
        ...batch,
        status: 'in_progress',
        in_progress_at: now,
        request_counts: { total: input.lines.length, completed: 0, failed: 0 },
        ...(input.model !== undefined && batch.model === undefined && { model: input.model }),
      });
    }
    case 'in_progress': {
      const results = await runBatch(state, fetch, batch, progress.lines ?? linesOf(state, batch));
      progress.results = results;
      delete progress.lines;
      return state.batches.put({ ...batch, status: 'finalizing', finalizing_at: nowSeconds(), request_counts: results.request_counts, usage: results.usage });
    }
    case 'finalizing': {
      // A batch restored from a snapshot while finalizing has no results at hand: it runs its lines now.
      const results = progress.results ?? (batch.output_file_id ? undefined : await runBatch(state, fetch, batch, linesOf(state, batch)));
      delete progress.results;
      return state.batches.put({
        ...batch,
        status: 'completed',
        completed_at: now,
        ...(results?.output_file_id !== undefined && { output_file_id: results.output_file_id }),
        ...(results?.error_file_id !== undefined && { error_file_id: results.error_file_id }),
      });
    }
    case 'cancelling':
      delete progress.lines;
      return state.batches.put({ ...batch, status: 'cancelled', cancelled_at: now });
    default:
      return batch;
  }
}

/** Runs a step after any under way (so concurrent retrieves never skip or repeat one). */
function serially(state: StateStore, batchId: string, work: () => Promise<void>): Promise<void> {
  const progress = progressOf(state, batchId);
  const run = progress.busy.then(work);
  progress.busy = run.catch(() => undefined);
  return run;
}

/** Moves a batch on as far as it goes (the lifecycle setting `retrievesPerStep: 0`). */
async function finish(state: StateStore, fetch: typeof globalThis.fetch, batchId: string): Promise<void> {
  let batch = state.batches.get(batchId);
  while (batch && !terminal.has(batch.status)) batch = await step(state, fetch, batch);
}

async function create(call: Call<'batches.create'>): Promise<Batch | Refusal> {
  const body = requiredBody(call, ['input_file_id', 'endpoint', 'completion_window']);
  const endpoint = String(body['endpoint']);
  if (!batchEndpoints.includes(endpoint)) {
    return badRequest(`Invalid value: '${endpoint}'. Supported values are: ${batchEndpoints.map((e) => `'${e}'`).join(', ')}.`, 'endpoint', 'invalid_value');
  }
  if (body['completion_window'] !== '24h') {
    return badRequest(`Invalid value: '${String(body['completion_window'])}'. Supported values are: '24h'.`, 'completion_window', 'invalid_value');
  }
  const fileId = String(body['input_file_id']);
  const file = found(call.state.files, 'file', fileId, { param: 'input_file_id' });
  if (file.purpose !== 'batch') {
    return badRequest(`Invalid 'input_file_id': ${fileId} has purpose '${file.purpose}', and a batch input file must have purpose 'batch'.`, 'input_file_id', 'invalid_file_purpose');
  }
  const created = nowSeconds();
  const defaults: Batch = {
    id: newId('batch_'),
    object: 'batch',
    endpoint,
    input_file_id: fileId,
    completion_window: '24h',
    status: 'validating',
    created_at: created,
    expires_at: created + 86_400,
    request_counts: { total: 0, completed: 0, failed: 0 },
    metadata: (body['metadata'] as Batch['metadata'] | undefined) ?? null,
  };
  const batch = call.state.batches.put(call.complete(defaults));
  if (stepsOf(lifecycle(call.state).batches.retrievesPerStep) === 0) {
    await serially(call.state, batch.id, () => finish(call.state, call.fetch, batch.id));
  }
  return call.state.batches.get(batch.id) ?? batch;
}

/** The batch a call names, or its 404 thrown. */
function foundBatch(call: CallWith<{ batch_id: string }>): Batch {
  return found(call.state.batches, 'batch', call.params.batch_id, { param: 'batch_id' });
}

async function retrieve(call: Call<'batches.retrieve'>): Promise<Batch> {
  const batch = foundBatch(call);
  await serially(call.state, batch.id, async () => {
    const current = call.state.batches.get(batch.id);
    if (!current || terminal.has(current.status)) return;
    const perStep = stepsOf(lifecycle(call.state).batches.retrievesPerStep);
    if (perStep === 0) return finish(call.state, call.fetch, batch.id);
    const progress = progressOf(call.state, batch.id);
    progress.retrieves += 1;
    if (progress.retrieves < perStep) return;
    progress.retrieves = 0;
    await step(call.state, call.fetch, current);
  });
  return call.complete(call.state.batches.get(batch.id) ?? batch);
}

async function cancel(call: Call<'batches.cancel'>): Promise<Batch | Refusal> {
  const batch = foundBatch(call);
  let answer: Batch | Refusal = batch;
  await serially(call.state, batch.id, async () => {
    const current = call.state.batches.get(batch.id) ?? batch;
    if (current.status === 'cancelling' || current.status === 'cancelled') {
      answer = current;
      return;
    }
    if (current.status !== 'validating' && current.status !== 'in_progress') {
      answer = badRequest(`Cannot cancel a batch with status '${current.status}'.`, 'batch_id');
      return;
    }
    const cancelling = call.state.batches.put({ ...current, status: 'cancelling', cancelling_at: nowSeconds() });
    progressOf(call.state, batch.id).retrieves = 0;
    answer = stepsOf(lifecycle(call.state).batches.retrievesPerStep) === 0 ? await step(call.state, call.fetch, cancelling) : cancelling;
  });
  return answer instanceof Refusal ? answer : call.complete(answer);
}

/**
 * `client.batches.*`: a batch reads its input file's JSONL lines, runs them through this mock's own routes,
 * writes an output and an error file, and moves `validating` -> `in_progress` -> `finalizing` -> `completed`
 * one step per `retrieve` (see `lifecycle`).
 */
export const batchRoutes = defineBehaviours({
  'batches.create': { respond: create },
  'batches.retrieve': { poll: true, respond: retrieve },
  'batches.list': { respond: (call) => listPage(call, call.state.batches) },
  'batches.cancel': { respond: cancel },
});
