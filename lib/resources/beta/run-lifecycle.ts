import type { Message } from 'openai/resources/beta/threads/messages';
import type { RequiredActionFunctionToolCall, Run, RunStatus } from 'openai/resources/beta/threads/runs/runs';
import type { RunStep } from 'openai/resources/beta/threads/runs/steps';
import { nowSeconds } from '../../internal/clock.js';
import { newId } from '../../internal/ids.js';
import { type ElementDefaults, complete, isPlainObject, type JsonObject } from '../../internal/merge.js';
import { contentText } from '../../internal/content-text.js';
import { countTokens } from '../../internal/validate.js';
import { messageEvents, runCreated, runStatus, stepFinished, stepStarted, toolCallDeltas } from '../../streaming/assistant-events.js';
import type { StreamStep } from '../../streaming/sse.js';
import type { StateStore } from '../../state/state-store.js';
import { type RunProgress, type RunStage, defaultStatuses, runBook } from './run-script.js';
import { scriptedRun } from '../../scripting/run-scripts.js';
import { terminalStatuses, textBlock } from './shared.js';

// How a run lives: each change of status is one `enter`, which sets the fields the API sets on that status,
// writes what the run produces (the assistant's message and its `message_creation` step, a `tool_calls` step),
// stores everything, and pushes the `thread.*` events a stream sends for it into `events` when given.
// Objects are never changed once stored: every change stores a new object (events hold the old ones).

/** Where a lifecycle change writes the stream events it causes (`undefined`: no stream is listening). */
export type Events = StreamStep[] | undefined;

const toolCallDefaults: ElementDefaults = {
  'required_action.submit_tool_outputs.tool_calls[]': () => ({ id: newId('call_'), type: 'function', function: { name: '', arguments: '{}' } }),
};

const replyDefaults: ElementDefaults = {
  'content[]': () => textBlock('') as unknown as JsonObject,
};

function progressOf(state: StateStore, run: Run): RunProgress {
  const book = runBook(state);
  let progress = book.progress.get(run.id);
  if (!progress) {
    // A run put in the state by hand goes on from its status as an unscripted run would.
    const at = defaultStatuses.indexOf(run.status);
    progress = { stages: at === -1 ? [] : defaultStatuses.slice(at + 1), next: 0, message: undefined, fields: {} };
    book.progress.set(run.id, progress);
  }
  return progress;
}

function stepsOf(state: StateStore, run: Run) {
  return state.beta.threads.runs.steps.of(run.id);
}

function newStep(run: Run, details: RunStep['step_details'], status: RunStep['status']): RunStep {
  return {
    id: newId('step_'),
    object: 'thread.run.step',
    created_at: nowSeconds(),
    assistant_id: run.assistant_id,
    thread_id: run.thread_id,
    run_id: run.id,
    type: details.type,
    status,
    step_details: details,
    cancelled_at: null,
    completed_at: null,
    expired_at: null,
    failed_at: null,
    last_error: null,
    metadata: {},
    usage: null,
  };
}

function usageOf(state: StateStore, run: Run, reply: Message | undefined): NonNullable<Run['usage']> {
  const thread = state.beta.threads.messages.of(run.thread_id).values().filter((message) => message.id !== reply?.id);
  const prompt = countTokens(run.instructions, run.model) + thread.reduce((sum, message) => sum + countTokens(contentText(message.content), run.model), 0);
  const completion = reply ? countTokens(contentText(reply.content), run.model) : 0;
  return { prompt_tokens: prompt, completion_tokens: completion, total_tokens: prompt + completion };
}

function defaultToolCall(run: Run): RequiredActionFunctionToolCall {
  const tool = run.tools.find((candidate) => candidate.type === 'function');
  return { id: newId('call_'), type: 'function', function: { name: tool?.type === 'function' ? tool.function.name : '', arguments: '{}' } };
}

/** The fields the API sets when a run enters `status`, before the script's own. */
function statusFields(run: Run, status: RunStatus): Run {
  const now = nowSeconds();
  const base: Run = { ...run, status, required_action: null };
  switch (status) {
    case 'in_progress':
      base.started_at ??= now;
      break;
    case 'requires_action':
      base.required_action = { type: 'submit_tool_outputs', submit_tool_outputs: { tool_calls: [defaultToolCall(run)] } };
      break;
    case 'completed':
      return { ...base, completed_at: now, expires_at: null };
    case 'incomplete':
      return { ...base, incomplete_details: { reason: 'max_completion_tokens' }, expires_at: null };
    case 'failed':
      return { ...base, failed_at: now, last_error: { code: 'server_error', message: 'Sorry, something went wrong.' }, expires_at: null };
    case 'cancelled':
      return { ...base, cancelled_at: now, expires_at: null };
    case 'expired':
      return { ...base, expires_at: now };
    default:
      break;
  }
  return base;
}

/** The run's reply, stored with its `message_creation` step; events as a stream shows them. */
function writeReply(state: StateStore, run: Run, progress: RunProgress, status: 'completed' | 'incomplete', events: Events): Message {
  const now = nowSeconds();
  const defaults: Message & JsonObject = {
    id: newId('msg_'),
    object: 'thread.message',
    created_at: now,
    thread_id: run.thread_id,
    assistant_id: run.assistant_id,
    run_id: run.id,
    role: 'assistant',
    content: [textBlock('')],
    attachments: [],
    metadata: {},
    status,
    completed_at: status === 'completed' ? now : null,
    incomplete_at: status === 'incomplete' ? now : null,
    incomplete_details: status === 'incomplete' ? { reason: 'max_tokens' } : null,
  };
  const reply = progress.message;
  const partial = typeof reply === 'string' ? { content: [textBlock(reply)] } : reply;
  const message = state.beta.threads.messages.of(run.thread_id).put(complete(defaults, partial, replyDefaults));
  const started = newStep(run, { type: 'message_creation', message_creation: { message_id: message.id } }, 'in_progress');
  const done = stepsOf(state, run).put({ ...started, status: 'completed', completed_at: now, usage: usageOf(state, run, message) });
  events?.push(...stepStarted(started), ...messageEvents(message), stepFinished(done));
  return message;
}

/** Steps still in progress end with the run: failed, cancelled or expired. */
function closeSteps(state: StateStore, run: Run, status: 'failed' | 'cancelled' | 'expired', events: Events): void {
  const at = status === 'failed' ? 'failed_at' : status === 'cancelled' ? 'cancelled_at' : 'expired_at';
  const steps = stepsOf(state, run);
  for (const step of steps.values()) {
    if (step.status !== 'in_progress') continue;
    const closed = steps.put({ ...step, status, [at]: nowSeconds() });
    events?.push(stepFinished(closed));
  }
}

/**
 * The run entering a stage: the status's own fields, then what the user set on `runs.create`, then the
 * stage's fields; then what the run produces on that status; stored, with its `thread.run.<status>` event.
 */
export function enter(state: StateStore, run: Run, stage: RunStage, events: Events): Run {
  const progress = progressOf(state, run);
  const partial: unknown = typeof stage === 'string' ? { status: stage } : stage;
  let next = complete(statusFields(run, typeof stage === 'string' ? stage : stage.status) as Run & JsonObject, progress.fields, toolCallDefaults);
  next = complete(next, partial, toolCallDefaults);
  const userUsage = (isPlainObject(partial) && partial['usage'] !== undefined) || progress.fields['usage'] !== undefined;
  let reply: Message | undefined;
  if (next.status === 'requires_action' && next.required_action) {
    const toolCalls = next.required_action.submit_tool_outputs.tool_calls.map((call) => ({
      id: call.id,
      type: 'function' as const,
      function: { name: call.function.name, arguments: call.function.arguments, output: null },
    }));
    // The stream shows the step created empty, then its calls as deltas; the state keeps it whole.
    const step = newStep(next, { type: 'tool_calls', tool_calls: [] }, 'in_progress');
    stepsOf(state, next).put({ ...step, step_details: { type: 'tool_calls', tool_calls: toolCalls } });
    events?.push(...stepStarted(step), ...toolCallDeltas(step.id, toolCalls));
  } else if (next.status === 'completed' || next.status === 'incomplete') {
    reply = writeReply(state, next, progress, next.status, events);
  } else if (next.status === 'failed' || next.status === 'cancelled' || next.status === 'expired') {
    closeSteps(state, next, next.status, events);
  }
  if (terminalStatuses.has(next.status) && !userUsage) next = { ...next, usage: usageOf(state, next, reply) };
  state.beta.threads.runs.of(next.thread_id).put(next);
  events?.push(runStatus(next));
  return next;
}

function nextStage(progress: RunProgress, run: Run): RunStage {
  const stage = progress.stages[progress.next];
  progress.next += 1;
  return stage ?? (run.status === 'cancelling' ? 'cancelled' : 'completed');
}

/**
 * A new run: its script is the current one (see `runScript`), its first status the script's first stage
 * (or the status the user set on `runs.create`), and what the user set on `runs.create` stays on it.
 */
export function startRun(state: StateStore, draft: Run, override: unknown, events: Events): Run {
  const book = runBook(state);
  const { status, ...fields } = isPlainObject(override) ? override : {};
  const script = scriptedRun(state, draft) ?? book.script;
  const progress: RunProgress = { stages: script?.statuses ?? defaultStatuses, next: 0, message: script?.message, fields };
  book.progress.set(draft.id, progress);
  const first = typeof status === 'string' ? (status as RunStatus) : nextStage(progress, draft);
  if (typeof status === 'string') progress.next = 1;
  const created: Events = events && [];
  const run = enter(state, draft, first, created);
  events?.push(runCreated(run), ...(created ?? []));
  return run;
}

/** One step on along the script, as one `runs.retrieve` sees it; a run waiting for tool outputs or ended stays. */
export function advance(state: StateStore, run: Run, events: Events): Run {
  if (terminalStatuses.has(run.status) || run.status === 'requires_action') return run;
  return enter(state, run, nextStage(progressOf(state, run), run), events);
}

/** Every step on until the run needs tool outputs or ends: what one stream shows. */
export function runToStop(state: StateStore, run: Run, events: Events): Run {
  let current = run;
  while (!terminalStatuses.has(current.status) && current.status !== 'requires_action') current = advance(state, current, events);
  return current;
}

/** The tool-calls step waiting for outputs, completed with them; the run moves on one stage. */
export function submitOutputs(state: StateStore, run: Run, outputs: ReadonlyMap<string, string>, events: Events): Run {
  const steps = stepsOf(state, run);
  const waiting = steps.values().find((step) => step.type === 'tool_calls' && step.status === 'in_progress');
  if (waiting && waiting.step_details.type === 'tool_calls') {
    const toolCalls = waiting.step_details.tool_calls.map((call) =>
      call.type === 'function' ? { ...call, function: { ...call.function, output: outputs.get(call.id) ?? null } } : call,
    );
    const done = steps.put({ ...waiting, status: 'completed', completed_at: nowSeconds(), step_details: { type: 'tool_calls', tool_calls: toolCalls } });
    events?.push(stepFinished(done));
  }
  return enter(state, run, nextStage(progressOf(state, run), run), events);
}

/** `cancelling` now, `cancelled` at the next step on. */
export function cancelRun(state: StateStore, run: Run, events: Events): Run {
  const progress = progressOf(state, run);
  progress.stages = ['cancelled'];
  progress.next = 0;
  return enter(state, run, 'cancelling', events);
}

/**
 * What the user set on a run route other than `create` (a partial, a full run, or a function's answer):
 * a status different from the run's is entered as a stage; other fields are merged and stored.
 */
export function applyOverride(state: StateStore, run: Run, override: unknown, events: Events): Run {
  if (!isPlainObject(override)) return run;
  if (typeof override['status'] === 'string' && override['status'] !== run.status) {
    return enter(state, run, override as RunStage & object, events);
  }
  return state.beta.threads.runs.of(run.thread_id).put(complete(run as Run & JsonObject, override, toolCallDefaults));
}

/** Forgets the scripts of runs that no longer exist (their thread was deleted). */
export function forgetRuns(state: StateStore, runIds: readonly string[]): void {
  const { progress } = runBook(state);
  for (const id of runIds) {
    progress.delete(id);
    state.beta.threads.runs.steps.deleteParent(id);
  }
}
