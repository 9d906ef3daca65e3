import type { Route, RouteResponse } from '../engine/route.js';
import { isPlainObject } from '../internal/merge.js';
import type { ToolCallRequest } from '../resources/beta/run-script.js';
import { textPartial, toolCallsPartial } from '../scripting/replies.js';
import { type StreamStep, abortStream, delay, eventStream, namedEvent, streamError } from '../streaming/sse.js';
import { JsonFormError, millisecondsAt, objectAt, onlyKeys, stringAt } from './json-form-error.js';

/**
 * A whole HTTP answer as JSON: a status (200 to 599), headers, and a body (a string as it is, anything else as
 * JSON with `content-type: application/json`).
 *
 * @example
 * const down: JsonRawAnswer = { status: 503, body: { error: { message: 'Down', type: 'server_error', param: null, code: null } } };
 */
export interface JsonRawAnswer {
  status?: number;
  headers?: Record<string, string>;
  body?: unknown;
}

/**
 * One step of a custom event stream, as JSON: `{ data }` (an event's data: an object, or a raw string such as
 * `"[DONE]"`), a bare string (the same as `{ data: string }`), `{ event, data }` (a named event, as Responses
 * and Assistants streams send), `{ delay: ms }` (a pause), `{ error: { message, type?, code?, param? } }` (an
 * error event mid-stream: the SDK's stream throws it as an `APIError`) or `{ abort: reason }` (the connection
 * cut mid-stream).
 *
 * @example
 * const steps: JsonStreamStep[] = [{ data: { id: 'chatcmpl-1', object: 'chat.completion.chunk', created: 0, model: 'gpt-4o', choices: [] } }, { delay: 50 }, { error: { message: 'Overloaded' } }];
 */
export type JsonStreamStep =
  | string
  | { data: unknown }
  | { event: string; data: unknown }
  | { delay: number }
  | { error: { message: string; type?: string; code?: string | null; param?: string | null } }
  | { abort: string };

/**
 * A reply that reads the same on every API, as JSON (`reply.text`, `reply.toolCall`, `reply.toolCalls` in
 * process): `{ text }` on `chat.completions.create`, `responses.create` or `completions.create`;
 * `{ toolCall: { name, arguments?, id? } }` or `{ toolCalls: [...] }` on chat, Responses and the run routes.
 *
 * @example
 * const weatherCall: JsonReply = { toolCall: { name: 'get_weather', arguments: { city: 'Paris' }, id: 'call_1' } };
 */
export type JsonReply = { text: string } | { toolCall: ToolCallRequest } | { toolCalls: ToolCallRequest[] };

/**
 * One answer, as JSON: exactly one of `response` (a partial or full model, completed by the route as in process;
 * `null` for the route's default), `raw` (a whole HTTP answer), `stream` (a custom event stream) or `reply`.
 *
 * @example
 * const answer: JsonAnswer = { reply: { text: 'It is sunny in Paris.' } };
 */
export type JsonAnswer = { response: unknown } | { raw: JsonRawAnswer } | { stream: JsonStreamStep[] } | { reply: JsonReply };

/** The keys that hold an answer, in a route's settings or a rule. */
export const answerKeys = ['response', 'raw', 'stream', 'reply'] as const;

const headerName = /^[!#$%&'*+.^_`|~0-9A-Za-z-]+$/;

function rawAt(value: unknown, param: string): () => Response {
  const raw = objectAt(value, param, '{ status?, headers?, body? }');
  onlyKeys(raw, param, ['status', 'headers', 'body']);
  const status = raw['status'] ?? 200;
  if (typeof status !== 'number' || !Number.isInteger(status) || status < 200 || status > 599) throw new JsonFormError(`${param}.status`, 'must be a whole number from 200 to 599.');
  const headers: Record<string, string> = {};
  if (raw['headers'] !== undefined) {
    for (const [name, headerValue] of Object.entries(objectAt(raw['headers'], `${param}.headers`, '{ name: value }'))) {
      if (!headerName.test(name)) throw new JsonFormError(`${param}.headers`, `'${name}' is not a valid header name.`);
      if (typeof headerValue !== 'string' || /[\r\n\0]/.test(headerValue)) throw new JsonFormError(`${param}.headers.${name}`, 'must be a string without line breaks.');
      headers[name.toLowerCase()] = headerValue;
    }
  }
  const body = raw['body'];
  const text = body === undefined || body === null ? null : typeof body === 'string' ? body : JSON.stringify(body);
  if (typeof body === 'object' && body !== null) headers['content-type'] ??= 'application/json';
  if (text !== null && (status === 204 || status === 205 || status === 304)) throw new JsonFormError(`${param}.body`, `cannot be sent with status ${status}.`);
  // A fresh Response per call: a body can be read only once.
  return () => new Response(text, { status, headers });
}

function stepAt(value: unknown, param: string): StreamStep {
  if (typeof value === 'string') return value;
  const step = objectAt(value, param, '{ data }, { event, data }, { delay }, { error }, { abort }, or a string');
  const keys = Object.keys(step).sort().join(',');
  if (keys === 'data') return typeof step['data'] === 'string' ? step['data'] : dataAt(step['data'], `${param}.data`);
  if (keys === 'data,event') return namedEvent(stringAt(step['event'], `${param}.event`), typeof step['data'] === 'string' ? step['data'] : dataAt(step['data'], `${param}.data`));
  if (keys === 'delay') return delay(millisecondsAt(step['delay'], `${param}.delay`));
  if (keys === 'abort') return abortStream(stringAt(step['abort'], `${param}.abort`));
  if (keys === 'error') {
    const error = objectAt(step['error'], `${param}.error`, '{ message, type?, code?, param? }');
    onlyKeys(error, `${param}.error`, ['message', 'type', 'code', 'param']);
    const message = stringAt(error['message'], `${param}.error.message`);
    for (const key of ['type', 'code', 'param'] as const) {
      const field = error[key];
      if (field !== undefined && field !== null && typeof field !== 'string') throw new JsonFormError(`${param}.error.${key}`, 'must be a string or null.');
    }
    return streamError({ message, ...(typeof error['type'] === 'string' && { type: error['type'] }), ...(error['code'] !== undefined && { code: error['code'] as string | null }), ...(error['param'] !== undefined && { param: error['param'] as string | null }) });
  }
  throw new JsonFormError(param, 'must be one of { data }, { event, data }, { delay }, { error }, { abort }, or a string.');
}

function dataAt(value: unknown, param: string): object {
  if (typeof value !== 'object' || value === null) throw new JsonFormError(param, 'must be a JSON object, array or string.');
  return value;
}

/**
 * Reads a custom event stream's steps (see {@link JsonStreamStep}) into a maker of the stream's answer, or throws
 * a {@link JsonFormError} naming the step that is wrong.
 *
 * @example
 * const answer = streamFromJson([{ data: chunk }, { delay: 20 }, '[DONE]'], 'stream');
 */
export function streamFromJson(value: unknown, param: string): () => Response {
  if (!Array.isArray(value)) throw new JsonFormError(param, 'must be an array of stream steps.');
  const steps = value.map((step, index) => stepAt(step, `${param}[${index}]`));
  return () => eventStream(steps);
}

function toolCallAt(value: unknown, param: string): ToolCallRequest {
  const call = objectAt(value, param, '{ name, arguments?, id? }');
  onlyKeys(call, param, ['name', 'arguments', 'id']);
  const args = call['arguments'];
  if (args !== undefined && typeof args !== 'string' && !isPlainObject(args)) throw new JsonFormError(`${param}.arguments`, 'must be an object (sent as JSON) or a string.');
  return {
    name: stringAt(call['name'], `${param}.name`),
    ...(args !== undefined && { arguments: args }),
    ...(call['id'] !== undefined && { id: stringAt(call['id'], `${param}.id`) }),
  };
}

/** The tool calls of a `toolCall` or `toolCalls` form. */
export function toolCallsAt(value: unknown, param: string): ToolCallRequest[] {
  if (!Array.isArray(value) || value.length === 0) throw new JsonFormError(param, 'must be a non-empty array of { name, arguments?, id? }.');
  return value.map((call, index) => toolCallAt(call, `${param}[${index}]`));
}

function replyAt(value: unknown, param: string, routeName: string): unknown {
  const form = objectAt(value, param, '{ text }, { toolCall } or { toolCalls }');
  const keys = Object.keys(form);
  if (keys.length !== 1) throw new JsonFormError(param, 'must have exactly one of text, toolCall, toolCalls.');
  try {
    if (keys[0] === 'text') return textPartial(routeName, stringAt(form['text'], `${param}.text`));
    if (keys[0] === 'toolCall') return toolCallsPartial(routeName, [toolCallAt(form['toolCall'], `${param}.toolCall`)]);
    if (keys[0] === 'toolCalls') return toolCallsPartial(routeName, toolCallsAt(form['toolCalls'], `${param}.toolCalls`));
  } catch (error) {
    if (error instanceof JsonFormError) throw error;
    throw new JsonFormError(param, error instanceof Error ? error.message : String(error));
  }
  throw new JsonFormError(`${param}.${keys[0] ?? ''}`, 'is not a reply; the replies are text, toolCall, toolCalls.');
}

/** What an answer form gives a route: a response, or nothing in the form (`absent`). */
export type ReadAnswer = { readonly answer: RouteResponse<unknown, unknown, unknown> | undefined } | 'absent';

/**
 * Reads the answer of a form that may hold one (a route's settings, a rule, a `once` answer): exactly one of
 * {@link answerKeys}, checked against the route (a reply the route cannot give is refused). `'absent'` when the
 * form holds none. `param` prefixes the fields named in errors.
 *
 * @example
 * const read = answerFromJson({ reply: { text: 'Hi' } }, route, '');
 */
export function answerFromJson(form: Readonly<Record<string, unknown>>, route: Route<unknown, unknown, unknown>, param: string): ReadAnswer {
  const given = answerKeys.filter((key) => form[key] !== undefined);
  const at = (key: string): string => (param ? `${param}.${key}` : key);
  if (given.length === 0) return 'absent';
  if (given.length > 1) throw new JsonFormError(at(given[1] ?? ''), `an answer is one of ${answerKeys.join(', ')}; ${given.join(' and ')} were both given.`);
  const key = given[0];
  if (key === 'response') {
    const response = form['response'];
    if (response !== null && !isPlainObject(response)) throw new JsonFormError(at('response'), 'must be a partial or full model (a JSON object), or null for the default.');
    return { answer: response === null ? undefined : response };
  }
  if (key === 'raw') return { answer: rawAt(form['raw'], at('raw')) };
  if (key === 'stream') return { answer: streamFromJson(form['stream'], at('stream')) };
  return { answer: replyAt(form['reply'], at('reply'), route.name) };
}
