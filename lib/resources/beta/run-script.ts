import type { Message } from 'openai/resources/beta/threads/messages';
import type { Run, RunStatus } from 'openai/resources/beta/threads/runs/runs';
import type { JsonObject } from '../../internal/merge.js';
import type { ModelPartial } from '../../internal/model-partial.js';
import type { StateStore } from '../../state/state-store.js';
import { bookkeeping } from '../../state/bookkeeping.js';
import { stateOf } from '../../state/state-of.js';

/**
 * One stage of a run's life: a status (`'in_progress'`), or a partial run with its status and the fields it
 * sets on entering it (`{ status: 'failed', last_error: { code: 'rate_limit_exceeded', message: '...' } }`).
 *
 * @example
 * const stages: RunStage[] = ['queued', 'in_progress', { status: 'failed', last_error: { code: 'server_error', message: 'Boom' } }];
 * runScript(openaiMock, { statuses: stages });
 */
export type RunStage = RunStatus | (ModelPartial<Run> & { status: RunStatus });

/**
 * The reply a run writes when it completes: its text, or a partial message (content blocks, metadata, ...).
 *
 * @example
 * runScript(openaiMock, { message: 'The answer is 42.' });
 */
export type RunReply = string | ModelPartial<Message>;

/**
 * How the runs created from now on behave. See {@link runScript}.
 *
 * @example
 * const script: RunScript = { statuses: ['queued', requiresAction({ name: 'get_weather', arguments: { city: 'Paris' } }), 'completed'], message: 'Sunny.' };
 * runScript(openaiMock, script);
 */
export interface RunScript {
  /**
   * The stages a run goes through: the first is its status when created, each `runs.retrieve` moves it one
   * stage on (a stream goes through them all at once). `requires_action` waits for `submitToolOutputs`, which
   * moves it on; a terminal status ends it. A run past the last stage completes (a cancelling one is cancelled).
   * Default: `['queued', 'in_progress', 'completed']`.
   */
  statuses?: readonly RunStage[];
  /** What the assistant says when the run completes (or is incomplete): written as the run's message. Default: empty text. */
  message?: RunReply;
}

/** The stages of a run nobody scripted. */
export const defaultStatuses: readonly RunStatus[] = ['queued', 'in_progress', 'completed'];

/** What the run routes keep beside the state's objects: the script for new runs and each run's progress. */
export interface RunBook {
  script: RunScript | undefined;
  progress: Map<string, RunProgress>;
}

/** Where one run stands in its script. */
export interface RunProgress {
  stages: readonly RunStage[];
  /** Index of the stage the run enters next. */
  next: number;
  message: RunReply | undefined;
  /** What the user set on `runs.create` (its status aside): kept on the run through every stage. */
  fields: JsonObject;
}

/** The run bookkeeping of a state (made on first use, dropped by `state.clear()` and `openaiMock.reset()`). */
export const runBook = bookkeeping<RunBook>('beta.threads.runs', () => ({ script: undefined, progress: new Map() }));

/**
 * Scripts the runs created from now on (by `runs.create`, `createAndRun` and their poll and stream helpers):
 * the statuses they go through and the reply they write. Call it again to change the script, or with no
 * script to go back to the default (`queued` → `in_progress` → `completed`, empty reply). `openaiMock.reset()`
 * forgets it too. Takes the mock or its `StateStore` (a shared store carries its script to every mock).
 *
 * @example
 * runScript(openaiMock, {
 *   statuses: ['queued', 'in_progress', requiresAction({ name: 'get_weather', arguments: { city: 'Paris' } }), 'completed'],
 *   message: 'It is 20°C in Paris.',
 * });
 * let run = await client.beta.threads.runs.createAndPoll(thread.id, { assistant_id: assistant.id });
 * run.status; // 'requires_action'
 * run = await client.beta.threads.runs.submitToolOutputsAndPoll(run.id, {
 *   thread_id: thread.id,
 *   tool_outputs: [{ tool_call_id: run.required_action!.submit_tool_outputs.tool_calls[0]!.id, output: '20' }],
 * });
 * run.status; // 'completed'
 */
export function runScript(target: { readonly state: StateStore } | StateStore, script?: RunScript): void {
  runBook(stateOf(target)).script = script;
}

/**
 * One tool call a run asks for: the function's name and its arguments (an object is sent as JSON).
 *
 * @example
 * const call: ToolCallRequest = { name: 'get_weather', arguments: { city: 'Paris' } };
 * runScript(openaiMock, { statuses: ['queued', requiresAction(call), 'completed'] });
 */
export interface ToolCallRequest {
  name: string;
  arguments?: string | Record<string, unknown>;
  /** The call id (a fresh `call_...` by default). */
  id?: string;
}

/**
 * A `requires_action` stage asking for these function calls: shorthand for the partial run with
 * `required_action.submit_tool_outputs.tool_calls`.
 *
 * @example
 * runScript(openaiMock, { statuses: ['queued', requiresAction({ name: 'lookup', arguments: { q: 'x' } }), 'completed'] });
 */
export function requiresAction(...calls: ToolCallRequest[]): ModelPartial<Run> & { status: 'requires_action' } {
  return {
    status: 'requires_action',
    required_action: {
      type: 'submit_tool_outputs',
      submit_tool_outputs: {
        tool_calls: calls.map((call) => ({
          ...(call.id !== undefined && { id: call.id }),
          type: 'function' as const,
          function: {
            name: call.name,
            arguments: typeof call.arguments === 'string' ? call.arguments : JSON.stringify(call.arguments ?? {}),
          },
        })),
      },
    },
  };
}
