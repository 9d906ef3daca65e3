import type { Assistant } from 'openai/resources/beta/assistants';
import type { Run, RunCreateParams } from 'openai/resources/beta/threads/runs/runs';
import type { Thread } from 'openai/resources/beta/threads/threads';
import { badRequest, noSuch } from '../../errors/api-errors.js';
import { nowSeconds } from '../../internal/clock.js';
import { newId } from '../../internal/ids.js';
import { isPlainObject, type JsonObject } from '../../internal/merge.js';
import { streamDone } from '../../streaming/assistant-events.js';
import type { StreamStep } from '../../streaming/sse.js';
import { type CallContext, type WithEvents, defineBehaviours, listPage, missingParameter, requiredBody, wantsStream, withEvents } from '../kit/index.js';
import { type Events, advance, applyOverride, cancelRun, runToStop, startRun, submitOutputs } from './run-lifecycle.js';
import { checkMessage, isActive, newMessage, runOf, threadOf } from './shared.js';

/**
 * A run behaviour whose `stream: true` calls stream the events the call produced, then `done`: the run and the
 * events it went through are returned together, and the route sends them.
 */
export function runWithEvents(call: CallContext, respond: (events: Events) => Run): Run | WithEvents<Run> {
  if (!wantsStream(call)) return respond(undefined);
  const events: StreamStep[] = [];
  const run = respond(events);
  return withEvents(run, [...events, streamDone()]);
}

/** The run fields a create request gives (`runs.create`, `threads.createAndRun`). */
type RunRequest = Omit<RunCreateParams, 'stream'> & JsonObject;

/** The assistant a run of an unknown assistant is built from when the user set the run's response. */
function standIn(params: RunRequest): Assistant {
  return { id: params.assistant_id, object: 'assistant', created_at: 0, model: params.model ?? 'gpt-4o', name: null, description: null, instructions: null, tools: [], metadata: {} };
}

/**
 * A new run on a thread, as `runs.create` and `createAndRun` make it: the assistant's model, instructions and
 * tools unless the request overrides them, `additional_messages` added first; then on along the script as far
 * as a stream goes (or just created). 404 for an unknown assistant, 400 while the thread has an active run.
 */
export function createRun(call: CallContext, thread: Thread, params: RunRequest, events: Events): Run {
  // An unknown assistant is a 404, unless the test says what the run is (as `models.retrieve` does).
  const assistant = call.state.beta.assistants.get(params.assistant_id) ?? (call.override === undefined ? undefined : standIn(params));
  if (!assistant) throw noSuch('assistant', params.assistant_id, { param: 'assistant_id' });
  const runs = call.state.beta.threads.runs.of(thread.id);
  const active = runs.values().find(isActive);
  if (active) throw badRequest(`Thread ${thread.id} already has an active run ${active.id}.`);
  const additional = params.additional_messages ?? [];
  const checked = additional.map((message, index) => checkMessage(call.state, message, `additional_messages[${index}]`));
  for (const message of checked) call.state.beta.threads.messages.of(thread.id).put(newMessage(thread.id, message));
  const instructions = [params.instructions ?? assistant.instructions ?? '', params.additional_instructions ?? '']
    .filter(Boolean)
    .join('\n\n');
  const now = nowSeconds();
  const draft: Run = {
    id: newId('run_'),
    object: 'thread.run',
    created_at: now,
    thread_id: thread.id,
    assistant_id: assistant.id,
    status: 'queued',
    model: params.model ?? assistant.model,
    instructions,
    tools: params.tools ?? assistant.tools,
    metadata: params.metadata ?? {},
    temperature: params.temperature ?? assistant.temperature ?? 1,
    top_p: params.top_p ?? assistant.top_p ?? 1,
    response_format: params.response_format ?? assistant.response_format ?? 'auto',
    tool_choice: params.tool_choice ?? 'auto',
    parallel_tool_calls: params.parallel_tool_calls ?? true,
    truncation_strategy: params.truncation_strategy ?? { type: 'auto', last_messages: null },
    max_prompt_tokens: params.max_prompt_tokens ?? null,
    max_completion_tokens: params.max_completion_tokens ?? null,
    expires_at: now + 600,
    started_at: null,
    completed_at: null,
    cancelled_at: null,
    failed_at: null,
    incomplete_details: null,
    last_error: null,
    required_action: null,
    usage: null,
  };
  const run = startRun(call.state, draft, call.override, events);
  return events ? runToStop(call.state, run, events) : run;
}

function toolOutputs(run: Run, body: JsonObject): Map<string, string> {
  const given = body['tool_outputs'];
  if (!Array.isArray(given)) throw missingParameter('tool_outputs');
  const expected = (run.required_action?.submit_tool_outputs.tool_calls ?? []).map((call) => call.id);
  const outputs = new Map<string, string>();
  for (const [index, output] of given.entries()) {
    const id: unknown = isPlainObject(output) ? output['tool_call_id'] : undefined;
    if (typeof id !== 'string' || !expected.includes(id)) {
      throw badRequest(`Invalid 'tool_outputs[${index}].tool_call_id': '${String(id)}' is not a tool call of run ${run.id}.`, `tool_outputs[${index}].tool_call_id`);
    }
    const text: unknown = isPlainObject(output) ? output['output'] : undefined;
    outputs.set(id, typeof text === 'string' ? text : '');
  }
  const missing = expected.filter((id) => !outputs.has(id));
  if (missing.length) {
    throw badRequest(`Expected tool outputs for call_ids [${expected.join(', ')}], got [${[...outputs.keys()].join(', ')}].`, 'tool_outputs');
  }
  return outputs;
}

/** `client.beta.threads.runs.*` (steps apart): a run's lifecycle follows its script; see `runScript`. */
export const runRoutes = defineBehaviours({
  'beta.threads.runs.create': {
    respond(call) {
      const thread = threadOf(call);
      const body = requiredBody(call, ['assistant_id']);
      return runWithEvents(call, (events) => createRun(call, thread, body, events));
    },
  },
  'beta.threads.runs.retrieve': {
    poll: true,
    respond(call) {
      const found = runOf(call);
      // A status the user sets on this route decides the run's next status in place of the script.
      const decides = isPlainObject(call.override) && typeof call.override['status'] === 'string';
      const run = decides ? found : advance(call.state, found, undefined);
      return applyOverride(call.state, run, call.override, undefined);
    },
  },
  'beta.threads.runs.update': {
    respond(call) {
      const run = runOf(call);
      const body = requiredBody(call);
      const updated: Run = body.metadata === undefined ? run : { ...run, metadata: body.metadata };
      return applyOverride(call.state, call.state.beta.threads.runs.of(run.thread_id).put(updated), call.override, undefined);
    },
  },
  'beta.threads.runs.list': {
    respond: (call) => listPage(call, call.state.beta.threads.runs.of(threadOf(call).id)),
  },
  'beta.threads.runs.cancel': {
    respond(call) {
      const run = runOf(call);
      if (!['queued', 'in_progress', 'requires_action'].includes(run.status)) {
        return badRequest(`Cannot cancel run with status '${run.status}'.`);
      }
      return applyOverride(call.state, cancelRun(call.state, run, undefined), call.override, undefined);
    },
  },
  'beta.threads.runs.submitToolOutputs': {
    respond(call) {
      const run = runOf(call);
      if (run.status !== 'requires_action') return badRequest(`Runs in status "${run.status}" do not accept tool outputs.`);
      const outputs = toolOutputs(run, requiredBody(call, ['tool_outputs']));
      return runWithEvents(call, (events) => {
        const moved = applyOverride(call.state, submitOutputs(call.state, run, outputs, events), call.override, events);
        return events ? runToStop(call.state, moved, events) : moved;
      });
    },
  },
});
