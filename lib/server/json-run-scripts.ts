import type { RunStatus } from 'openai/resources/beta/threads/runs/runs';
import { isPlainObject } from '../internal/merge.js';
import { type RunScript, type RunStage, requiresAction, runScript } from '../resources/beta/run-script.js';
import { runScripts } from '../scripting/run-scripts.js';
import type { StateStore } from '../state/state-store.js';
import { JsonFormError, objectAt, onlyKeys } from './json-form-error.js';
import { toolCallsAt } from './json-answers.js';
import { type JsonPredicates, predicateFromJson } from './json-predicates.js';
import type { ToolCallRequest } from '../resources/beta/run-script.js';

/**
 * A run's script as JSON (`RunScript` in process): the stages a run goes through and the reply it writes. A stage
 * is a status (`"in_progress"`), a partial run with its `status` (`{ "status": "failed", "last_error": {...} }`),
 * or `{ "requiresAction": [{ name, arguments?, id? }] }` (the run asks for these tool calls).
 *
 * @example
 * const script: JsonRunScript = { statuses: ['queued', { requiresAction: [{ name: 'get_weather', arguments: { city: 'Paris' } }] }, 'completed'], message: 'Sunny.' };
 */
export interface JsonRunScript {
  statuses?: (RunStatus | { requiresAction: ToolCallRequest[] } | ({ status: RunStatus } & Record<string, unknown>))[];
  /** The reply the run writes: its text, or a partial message. */
  message?: string | Record<string, unknown>;
}

/**
 * What `PUT /__openai-responses/run-scripts` takes (`runScript` and `runScripts` in process): `default`, the
 * script of runs nothing else scripts (`null`: back to queued, in_progress, completed); `once`, scripts for the
 * next runs, one each; `rules`, `{ when: predicates, script }` for the runs whose request they hold for (the
 * first rule added that holds wins, before the `once` scripts).
 *
 * @example
 * const settings: RunScriptSettings = { rules: [{ when: { lastUserMessageContains: 'weather' }, script: { message: 'Sunny.' } }] };
 */
export interface RunScriptSettings {
  default?: JsonRunScript | null;
  once?: JsonRunScript | JsonRunScript[];
  rules?: { when: JsonPredicates; script: JsonRunScript }[];
}

const statuses: readonly RunStatus[] = ['queued', 'in_progress', 'requires_action', 'cancelling', 'cancelled', 'failed', 'completed', 'incomplete', 'expired'];

function statusAt(value: unknown, param: string): RunStatus {
  const status = statuses.find((known) => known === value);
  if (status === undefined) throw new JsonFormError(param, `must be a run status: ${statuses.join(', ')}.`);
  return status;
}

function stageAt(value: unknown, param: string): RunStage {
  if (typeof value === 'string') return statusAt(value, param);
  const stage = objectAt(value, param, 'a status, { requiresAction: [...] } or a partial run with its status');
  if ('requiresAction' in stage) {
    onlyKeys(stage, param, ['requiresAction']);
    return requiresAction(...toolCallsAt(stage['requiresAction'], `${param}.requiresAction`));
  }
  return { ...stage, status: statusAt(stage['status'], `${param}.status`) } as RunStage;
}

function scriptAt(value: unknown, param: string): RunScript {
  const form = objectAt(value, param, '{ statuses?, message? }');
  onlyKeys(form, param, ['statuses', 'message']);
  const script: RunScript = {};
  if (form['statuses'] !== undefined) {
    const stages = form['statuses'];
    if (!Array.isArray(stages) || stages.length === 0) throw new JsonFormError(`${param}.statuses`, 'must be a non-empty array of stages.');
    script.statuses = stages.map((stage, index) => stageAt(stage, `${param}.statuses[${index}]`));
  }
  const message = form['message'];
  if (message !== undefined) {
    if (typeof message !== 'string' && !isPlainObject(message)) throw new JsonFormError(`${param}.message`, 'must be a text or a partial message.');
    script.message = message as RunScript['message'] & object;
  }
  return script;
}

function listAt(value: unknown): unknown[] {
  return Array.isArray(value) ? value : [value];
}

/**
 * Reads {@link RunScriptSettings} into the change it makes to a state's run scripts, applied only once every
 * field was read: a {@link JsonFormError} names the first one that is wrong, and nothing changes.
 *
 * @example
 * runScriptsFromJson({ once: { message: 'First run.' } })(openaiMock.state);
 */
export function runScriptsFromJson(value: unknown): (state: StateStore) => void {
  const form = objectAt(value, '', '{ default?, once?, rules? }');
  onlyKeys(form, '', ['default', 'once', 'rules']);
  const fallback = form['default'] === undefined ? 'keep' : form['default'] === null ? undefined : scriptAt(form['default'], 'default');
  const once = form['once'] === undefined ? [] : listAt(form['once']).map((script, index) => scriptAt(script, Array.isArray(form['once']) ? `once[${index}]` : 'once'));
  if (form['rules'] !== undefined && !Array.isArray(form['rules'])) throw new JsonFormError('rules', 'must be an array of { when: predicates, script }.');
  const rules = form['rules'] === undefined ? [] : listAt(form['rules']).map((rule, index) => {
    const param = `rules[${index}]`;
    const fields = objectAt(rule, param, '{ when: predicates, script }');
    onlyKeys(fields, param, ['when', 'script']);
    return { predicate: predicateFromJson(fields['when'], `${param}.when`), script: scriptAt(fields['script'], `${param}.script`) };
  });
  return (state) => {
    if (fallback !== 'keep') runScript(state, fallback);
    const scripts = runScripts(state);
    for (const script of once) scripts.once(script);
    for (const rule of rules) scripts.when(rule.predicate, rule.script);
  };
}
