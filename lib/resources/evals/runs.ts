import type { EvalRetrieveResponse as Eval } from 'openai/resources/evals/evals';
import type { OutputItemRetrieveResponse as EvalOutputItem } from 'openai/resources/evals/runs/output-items';
import type { RunDeleteResponse, RunRetrieveResponse as EvalRun } from 'openai/resources/evals/runs/runs';
import { nowSeconds } from '../../internal/clock.js';
import { newId } from '../../internal/ids.js';
import { isPlainObject, type JsonObject } from '../../internal/merge.js';
import type { StateStore } from '../../state/state-store.js';
import { type Call, type CallWith, type ListOptions, badRequest, bookkeeping, defineBehaviours, found, listPage, requiredBody } from '../kit/index.js';
import { grade } from '../graders/grading.js';
import { lifecycle, readCounter, stepsOf } from '../lifecycle.js';
import { type DataRow, givenSample, rowsOf, type Sampled, sampleThroughMock } from './sampling.js';
import { emitSettled } from '../../webhooks/delivery.js';
import { evalOf } from './evals.js';

const dataSourceTypes: readonly string[] = ['jsonl', 'completions', 'responses'];
const unfinished = new Set(['queued', 'in_progress']);

/** A run's rows, read at creation and graded when it completes. */
const pendingRows = bookkeeping('evals.rows', () => new Map<string, DataRow[]>());

/** Retrieves counted per run, each `retrievesPerStep` moving it one status on. */
const readMovesOn = readCounter('evals.reads');

/** The pass mark of a testing criterion: its `pass_threshold`, else 1 for checks and 0.5 for scores. */
function passes(criterion: unknown, score: number): boolean {
  const spec = isPlainObject(criterion) ? criterion : {};
  if (typeof spec['pass_threshold'] === 'number') return score >= spec['pass_threshold'];
  return spec['type'] === 'text_similarity' || spec['type'] === 'score_model' ? score >= 0.5 : score >= 1;
}

/** Samples and grades every row of a run, stores its output items, and returns the completed run. */
async function complete(state: StateStore, fetch: typeof globalThis.fetch, run: EvalRun, evaluation: Eval): Promise<EvalRun> {
  const rows = pendingRows(state).get(run.id) ?? [];
  pendingRows(state).delete(run.id);
  const dataSource = run.data_source as unknown as JsonObject;
  const criteria = evaluation.testing_criteria;
  const perCriterion = criteria.map((criterion) => ({ testing_criteria: String(criterion.name), passed: 0, failed: 0 }));
  const counts = { total: rows.length, passed: 0, failed: 0, errored: 0 };
  const usage = { model_name: run.model, invocation_count: 0, prompt_tokens: 0, completion_tokens: 0, total_tokens: 0, cached_tokens: 0 };
  const items = state.evals.runs.outputItems.of(run.id);
  for (const [index, row] of rows.entries()) {
    const made: Sampled | { error: string } = dataSource['type'] === 'jsonl' ? givenSample(row, run.model) : await sampleThroughMock(fetch, dataSource, row);
    if ('error' in made) {
      counts.errored += 1;
      continue;
    }
    if (dataSource['type'] !== 'jsonl') {
      usage.invocation_count += 1;
      usage.prompt_tokens += made.sample.usage.prompt_tokens;
      usage.completion_tokens += made.sample.usage.completion_tokens;
      usage.total_tokens += made.sample.usage.total_tokens;
    }
    const results: EvalOutputItem.Result[] = criteria.map((criterion, at) => {
      const { score, name, type } = grade(criterion, made.context);
      const passed = passes(criterion, score);
      const tally = perCriterion[at];
      if (tally) tally[passed ? 'passed' : 'failed'] += 1;
      return { name, type, score, passed, sample: null };
    });
    const passed = results.every((result) => result.passed);
    counts[passed ? 'passed' : 'failed'] += 1;
    items.put({
      id: newId('outputitem_'),
      object: 'eval.run.output_item',
      created_at: nowSeconds(),
      eval_id: run.eval_id,
      run_id: run.id,
      status: passed ? 'pass' : 'fail',
      datasource_item: row.item,
      datasource_item_id: index,
      results,
      sample: made.sample,
    });
  }
  emitSettled(state, 'eval.run', 'completed', run.id);
  return state.evals.runs.of(run.eval_id).put({
    ...run,
    status: 'completed',
    result_counts: counts,
    per_testing_criteria_results: perCriterion,
    per_model_usage: usage.invocation_count > 0 ? [usage] : [],
  });
}

/** Moves a run one status on (`queued` -> `in_progress` -> `completed`, sampling and grading on the last step). */
async function step(state: StateStore, fetch: typeof globalThis.fetch, run: EvalRun): Promise<EvalRun> {
  const evaluation = state.evals.get(run.eval_id);
  if (run.status === 'queued') return state.evals.runs.of(run.eval_id).put({ ...run, status: 'in_progress' });
  if (run.status !== 'in_progress' || !evaluation) return run;
  return complete(state, fetch, run, evaluation);
}

async function finish(state: StateStore, fetch: typeof globalThis.fetch, run: EvalRun): Promise<EvalRun> {
  let current = run;
  while (unfinished.has(current.status)) {
    const next = await step(state, fetch, current);
    if (next === current) break;
    current = next;
  }
  return current;
}

/** The run a call names (in the eval it names), or the 404 of either thrown. */
function runOf(call: CallWith<{ eval_id: string; run_id: string }>): EvalRun {
  return found(call.state.evals.runs.of(evalOf(call).id), 'eval run', call.params.run_id, { param: 'run_id' });
}

async function create(call: Call<'evals.runs.create'>): Promise<EvalRun> {
  const evaluation = evalOf(call);
  const body = requiredBody(call, ['data_source']);
  const dataSource: JsonObject = isPlainObject(body['data_source']) ? body['data_source'] : {};
  const type = String(dataSource['type']);
  if (!dataSourceTypes.includes(type)) {
    throw badRequest(`Invalid 'data_source.type': '${type}'. Supported values are: ${dataSourceTypes.map((t) => `'${t}'`).join(', ')}.`, 'data_source.type', 'invalid_value');
  }
  const rows = rowsOf(call.state, dataSource['source']);
  const id = newId('evalrun_');
  const model = typeof dataSource['model'] === 'string' ? dataSource['model'] : '';
  const defaults: EvalRun = {
    id,
    object: 'eval.run',
    eval_id: evaluation.id,
    created_at: nowSeconds(),
    name: typeof body['name'] === 'string' ? body['name'] : `${type}-run-${id.slice(-8)}`,
    model,
    status: 'queued',
    data_source: dataSource as unknown as EvalRun['data_source'],
    metadata: isPlainObject(body['metadata']) ? (body['metadata'] as Record<string, string>) : null,
    report_url: `https://platform.openai.com/evaluation/evals/${evaluation.id}?run_id=${id}`,
    result_counts: { total: 0, passed: 0, failed: 0, errored: 0 },
    per_model_usage: [],
    per_testing_criteria_results: [],
    // The API sends `error: null` for a run that did not fail (the SDK's type has no null).
    error: null as unknown as EvalRun['error'],
  };
  const run = call.state.evals.runs.of(evaluation.id).put(call.complete(defaults));
  pendingRows(call.state).set(run.id, rows);
  if (stepsOf(lifecycle(call.state).evals.retrievesPerStep) === 0) return finish(call.state, call.fetch, run);
  return run;
}

async function retrieve(call: Call<'evals.runs.retrieve'>): Promise<EvalRun> {
  const run = runOf(call);
  let current = run;
  if (unfinished.has(run.status)) {
    const perStep = stepsOf(lifecycle(call.state).evals.retrievesPerStep);
    if (perStep === 0) current = await finish(call.state, call.fetch, run);
    else if (readMovesOn(call.state, run.id, perStep)) current = await step(call.state, call.fetch, run);
  }
  return call.complete(current);
}

/** A listing's `status` filter. */
function byStatus<T extends { status: string }>(query: URLSearchParams): ListOptions<T> {
  const status = query.get('status');
  return status === null ? {} : { filter: (object) => object.status === status };
}

/**
 * `client.evals.runs.*` and `client.evals.runs.outputItems.*`: a run reads its rows when created, moves
 * `queued` -> `in_progress` -> `completed` one step per `retrieve` (see `lifecycle`), and on completing samples
 * each row (a JSONL row's own sample, or this mock's chat completions / responses route for model runs),
 * grades it by the eval's testing criteria, and keeps one output item per row.
 */
export const evalRunRoutes = defineBehaviours({
  'evals.runs.create': { respond: create },
  'evals.runs.retrieve': { respond: retrieve, poll: true },
  'evals.runs.list': { respond: (call) => listPage(call, call.state.evals.runs.of(evalOf(call).id), byStatus(call.query)) },
  'evals.runs.delete': {
    respond(call) {
      const run = runOf(call);
      call.state.evals.runs.of(run.eval_id).delete(run.id);
      call.state.evals.runs.outputItems.deleteParent(run.id);
      pendingRows(call.state).delete(run.id);
      return call.complete<RunDeleteResponse>({ run_id: run.id, object: 'eval.run.deleted', deleted: true });
    },
  },
  'evals.runs.cancel': {
    respond(call) {
      const run = runOf(call);
      if (!unfinished.has(run.status)) return badRequest(`Cannot cancel a run with status '${run.status}'.`, 'run_id');
      pendingRows(call.state).delete(run.id);
      emitSettled(call.state, 'eval.run', 'canceled', run.id);
      return call.complete(call.state.evals.runs.of(run.eval_id).put({ ...run, status: 'canceled' }));
    },
  },
  'evals.runs.outputItems.list': { respond: (call) => listPage(call, call.state.evals.runs.outputItems.of(runOf(call).id), byStatus(call.query)) },
  'evals.runs.outputItems.retrieve': {
    respond(call) {
      const run = runOf(call);
      return call.complete(found(call.state.evals.runs.outputItems.of(run.id), 'output item', call.params.output_item_id, { param: 'output_item_id' }));
    },
  },
});
