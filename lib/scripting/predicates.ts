import { contentText } from '../internal/content-text.js';
import { isPlainObject, type JsonObject } from '../internal/merge.js';
import type { StateStore } from '../state/state-store.js';

/**
 * What the ready-made predicates read of a call (every route's predicate input has it), so each works on every
 * route (chat completions, Responses, legacy completions, assistant runs).
 *
 * @example
 * const isGpt4o: RequestPredicate = modelIs('gpt-4o');
 * openaiMock.responses.create.when(isGpt4o, { output: [responseOutput.text('from gpt-4o')] });
 */
export type RequestPredicate = (input: { readonly body: unknown; readonly params: unknown; readonly state: StateStore }) => boolean;

/** The predicate, named as it was made (`lastUserMessageContains("weather")`), so a report can say which rule answered. */
function named(predicate: RequestPredicate, helper: string, argument: unknown): RequestPredicate {
  const shown = argument instanceof RegExp ? String(argument) : argument === undefined ? '' : JSON.stringify(argument);
  return Object.defineProperty(predicate, 'name', { value: `${helper}(${shown})` });
}

/** A text test: a string is looked for as it is (case-sensitive), a RegExp is tested. */
function matches(text: string, pattern: string | RegExp): boolean {
  if (typeof pattern === 'string') return text.includes(pattern);
  pattern.lastIndex = 0;
  return pattern.test(text);
}

function objects(value: unknown): JsonObject[] {
  return Array.isArray(value) ? value.filter(isPlainObject) : [];
}

function lastUserText(messages: readonly JsonObject[]): string | undefined {
  for (let index = messages.length - 1; index >= 0; index -= 1) {
    const message = messages[index];
    if (message?.['role'] === 'user') return contentText(message['content']);
  }
  return undefined;
}

function paramOf(params: unknown, name: string): string | undefined {
  const value: unknown = isPlainObject(params) ? params[name] : undefined;
  return typeof value === 'string' ? value : undefined;
}

/**
 * The text of the last user message a request carries, wherever its API puts it: chat `messages`; Responses
 * `input` (a string, or the last `user` item; when this turn has none, as a tool loop's second call, the stored
 * input of the `previous_response_id` chain); legacy `prompt`; a run's `additional_messages`, or else its
 * thread's messages in the state (`runs.create`), or the new thread's messages (`threads.createAndRun`).
 */
export function lastUserMessageText(input: Parameters<RequestPredicate>[0]): string | undefined {
  const { body, state } = input;
  if (!isPlainObject(body)) return undefined;
  if (Array.isArray(body['messages'])) return lastUserText(objects(body['messages']));
  if (typeof body['prompt'] === 'string') return body['prompt'];
  if (Array.isArray(body['prompt'])) return body['prompt'].filter((part) => typeof part === 'string').at(-1);
  if (typeof body['input'] === 'string') return body['input'];
  if (Array.isArray(body['input'])) {
    const found = lastUserText(objects(body['input']));
    if (found !== undefined) return found;
    let previous: unknown = body['previous_response_id'];
    while (typeof previous === 'string') {
      const items = state.responses.inputItems.of(previous).values() as unknown as JsonObject[];
      const earlier = lastUserText(items);
      if (earlier !== undefined) return earlier;
      previous = (state.responses.get(previous) as unknown as JsonObject | undefined)?.['previous_response_id'];
    }
    return undefined;
  }
  const additional = lastUserText(objects(body['additional_messages']));
  if (additional !== undefined) return additional;
  if (isPlainObject(body['thread'])) return lastUserText(objects(body['thread']['messages']));
  const threadId = paramOf(input.params, 'thread_id');
  if (threadId === undefined) return undefined;
  return lastUserText(state.beta.threads.messages.of(threadId).values() as unknown as JsonObject[]);
}

/** The ids of the tool calls whose results a request sends: chat `tool` messages, Responses `*_output` items, a run's `tool_outputs`. */
export function toolResultIds(body: unknown): string[] {
  if (!isPlainObject(body)) return [];
  const ids: unknown[] = [
    ...objects(body['messages']).filter((message) => message['role'] === 'tool').map((message) => message['tool_call_id']),
    ...objects(body['input']).filter((item) => typeof item['type'] === 'string' && item['type'].endsWith('_output')).map((item) => item['call_id']),
    ...objects(body['tool_outputs']).map((output) => output['tool_call_id']),
  ];
  return ids.filter((id): id is string => typeof id === 'string');
}

/** The names of the function tools a request declares (chat `tools[].function.name`, Responses and runs `tools[].name`). */
export function toolNames(body: unknown): string[] {
  if (!isPlainObject(body)) return [];
  return objects(body['tools'])
    .map((tool) => (isPlainObject(tool['function']) ? tool['function']['name'] : tool['name']))
    .filter((name): name is string => typeof name === 'string');
}

/**
 * Holds when the last user message of the request contains `text` (a string, case-sensitive) or matches it
 * (a RegExp). Reads chat `messages`, Responses `input` (following `previous_response_id` when this turn
 * carries no user message), legacy `prompt`, and a run's `additional_messages` or thread.
 *
 * @example
 * openaiMock.chat.completions.create.when(lastUserMessageContains('weather'), reply.toolCall('get_weather', { city: 'Paris' }));
 */
export function lastUserMessageContains(text: string | RegExp): RequestPredicate {
  return named((input) => {
    const last = lastUserMessageText(input);
    return last !== undefined && matches(last, text);
  }, 'lastUserMessageContains', text);
}

/**
 * Holds when the request sends a tool result: for the call `callId`, or for any call without it. Chat
 * `tool` messages, Responses `function_call_output` (and other `*_output`) items, a run's `tool_outputs`.
 *
 * @example
 * openaiMock.responses.create.when(hasToolResult('call_weather'), reply.text('It is 21°C in Paris.'));
 */
export function hasToolResult(callId?: string): RequestPredicate {
  return named(({ body }) => {
    const ids = toolResultIds(body);
    return callId === undefined ? ids.length > 0 : ids.includes(callId);
  }, 'hasToolResult', callId);
}

/**
 * Holds when the request asks for this model (its `model`, exactly, or matching a RegExp). A run without a
 * `model` asks for its assistant's.
 *
 * @example
 * openaiMock.chat.completions.create.when(modelIs(/^gpt-4o/), { choices: [{ message: { content: 'from a 4o model' } }] });
 */
export function modelIs(model: string | RegExp): RequestPredicate {
  return named(({ body, state }) => {
    if (!isPlainObject(body)) return false;
    let asked: unknown = body['model'];
    if (asked === undefined && typeof body['assistant_id'] === 'string') asked = state.beta.assistants.get(body['assistant_id'])?.model;
    if (typeof asked !== 'string') return false;
    return typeof model === 'string' ? asked === model : matches(asked, model);
  }, 'modelIs', model);
}

/**
 * Holds when the request declares a function tool of this name.
 *
 * @example
 * openaiMock.responses.create.when(hasTool('get_weather'), { output: [responseOutput.functionCall('get_weather', { city: 'Paris' })] });
 */
export function hasTool(name: string): RequestPredicate {
  return named(({ body }) => toolNames(body).includes(name), 'hasTool', name);
}
