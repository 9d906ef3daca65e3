import type { Run } from 'openai/resources/beta/threads/runs/runs';
import type { RunScript } from '../resources/beta/run-script.js';
import { bookkeeping } from '../state/bookkeeping.js';
import { stateOf } from '../state/state-of.js';
import type { StateStore } from '../state/state-store.js';
import type { RequestPredicate } from './predicates.js';
import { Script } from './script.js';

/** What a run-script rule is asked about: the new run (its model, tools, instructions) and its thread. */
type RunInput = Parameters<RequestPredicate>[0];

/**
 * Scripts for the runs created from now on, by turn and by request, on top of {@link runScript}'s default:
 * `once(script)` scripts the next run (one each, in order), `when(predicate, script)` every run whose request
 * the predicate holds for (the first rule added that holds wins, before the sequence). A predicate sees the run
 * as the request made it (`body`: model, tools, instructions, assistant), its thread (`params.thread_id`,
 * with the request's `additional_messages` already added) and the state, so `lastUserMessageContains`,
 * `modelIs` and `hasTool` work as on the other routes.
 *
 * @example
 * runScripts(openaiMock)
 *   .when(lastUserMessageContains('weather'), { statuses: ['queued', requiresAction({ name: 'get_weather', arguments: { city: 'Paris' } }), 'completed'], message: 'Sunny.' })
 *   .once({ message: 'First run.' });
 */
export interface RunScripts {
  /** The next run not answered by a rule follows this script. */
  once(script: RunScript): RunScripts;
  /** Every run whose request makes `predicate` true follows this script. */
  when(predicate: RequestPredicate, script: RunScript): RunScripts;
}

/** The run scripts of a state: its rules and its sequence. */
const scriptOf = bookkeeping('scripting.runs', () => new Script<RunInput, RunScript>());

/**
 * The run scripts of a mock (or of a `StateStore`: a shared store carries them to every mock); `openaiMock.reset()`
 * forgets them. See {@link RunScripts}.
 *
 * @example
 * runScripts(openaiMock).once({ statuses: ['queued', 'failed'] }).once({ message: 'Second try worked.' });
 */
export function runScripts(target: { readonly state: StateStore } | StateStore): RunScripts {
  const script = scriptOf(stateOf(target));
  const handle: RunScripts = {
    once(next) {
      script.enqueue(next);
      return handle;
    },
    when(predicate, next) {
      script.addRule(predicate, next);
      return handle;
    },
  };
  return handle;
}

/** The script a new run follows by its rules and sequence, if any: asked by the run routes before the default. */
export function scriptedRun(state: StateStore, run: Run): RunScript | undefined {
  return scriptOf(state).pick({ body: run, params: { thread_id: run.thread_id }, state })?.answer;
}
