// Checks one answer of the mock against the schema of its operation: a JSON body as a whole, an event stream
// event by event.
import type { AnswerMessage } from '../../../lib/internal/diagnostics.js';
import { ERROR_SCHEMA, type Operation, answerSchema, eventSchema, operationOf } from './operations.js';
import { checkLiveEvent } from './live-schemas.js';
import { allowQuirks } from './quirks.js';
import { type ErrorObject, isObject, validatorAt, variantOf } from './spec-document.js';

/** What is checked of an answer: the route, the request body (for the quirks) and the answer. */
export type CheckedAnswer = Pick<AnswerMessage, 'route' | 'body' | 'answer'>;

/** One place where an answer does not match the spec. */
export interface Violation {
  /** The spec's operation id (`createChatCompletion`) and the route (`chat.completions.create`). */
  readonly operation: string;
  readonly route: string;
  /** Where in the answer: `answer`, or `event 3 (response.output_text.delta)`. */
  readonly where: string;
  /** The field, as a JSON pointer into the body or event (`/choices/0/message/refusal`; `` for the whole). */
  readonly field: string;
  readonly message: string;
}

/** What checking one answer found. */
export interface CheckResult {
  /** Bodies and events validated. */
  readonly validated: number;
  readonly violations: Violation[];
  /** Why nothing was validated, when nothing was. */
  readonly unchecked?: string;
}

/** Fields that tell a union's variants apart (`type: 'message'`): a mismatch there means "another variant". */
const tags = /\/(type|event|object|role)$/;

/**
 * The error that says most: of a union's variants, the one the value meant (its tag matched) and, in it, the
 * deepest field; a leaf keyword rather than the `anyOf` that gathers the variants.
 */
function mostTelling(errors: readonly ErrorObject[]): ErrorObject | undefined {
  const score = (error: ErrorObject): number => {
    const missing = error.keyword === 'required' ? 1 : 0;
    const isTag = (error.keyword === 'enum' || error.keyword === 'const') && tags.test(error.instancePath);
    return (error.instancePath.split('/').length + missing) * 4 + (error.keyword === 'anyOf' ? 0 : 1) - (isTag ? 3 : 0);
  };
  let best: ErrorObject | undefined;
  for (const error of errors) if (!best || score(error) > score(best)) best = error;
  return best;
}

function describe(error: ErrorObject): { field: string; message: string } {
  const params = error.params as Record<string, unknown>;
  let message = error.message ?? error.keyword;
  if (error.keyword === 'enum' && Array.isArray(params.allowedValues)) message += `: ${params.allowedValues.map((value) => JSON.stringify(value)).join(', ')}`;
  if (error.keyword === 'required' && typeof params.missingProperty === 'string') {
    return { field: `${error.instancePath}/${params.missingProperty}`, message: 'is required and missing' };
  }
  return { field: error.instancePath, message: `${message} (schema ${error.schemaPath})` };
}

function validate(schema: string, value: unknown): { field: string; message: string } | undefined {
  const check = validatorAt(variantOf(schema, value));
  if (check(value)) return undefined;
  const error = mostTelling(check.errors ?? []);
  return error ? describe(error) : { field: '', message: 'does not match' };
}

function parseJson(text: string): { ok: true; value: unknown } | { ok: false } {
  try {
    return { ok: true, value: JSON.parse(text) };
  } catch {
    return { ok: false };
  }
}

/** The events of an event-stream text: each `event:` name (if any) and its joined `data:` lines. */
export function parseEventStream(text: string): { event: string | undefined; data: string }[] {
  const events: { event: string | undefined; data: string }[] = [];
  for (const block of text.split(/\r?\n\r?\n/)) {
    let event: string | undefined;
    const data: string[] = [];
    for (const line of block.split(/\r?\n/)) {
      if (line.startsWith('event:')) event = line.slice(6).trim();
      else if (line.startsWith('data:')) data.push(line.slice(5).replace(/^ /, ''));
    }
    if (data.length > 0) events.push({ event, data: data.join('\n') });
  }
  return events;
}

/** Reads a fresh copy of a streamed body to its end (or to where it was cut, for a stream that aborts). */
async function readCopy(makeBody: () => ReadableStream<Uint8Array>): Promise<string | undefined> {
  let stream: ReadableStream<Uint8Array>;
  try {
    stream = makeBody();
  } catch {
    return undefined;
  }
  const decoder = new TextDecoder();
  let text = '';
  const reader = stream.getReader();
  try {
    for (;;) {
      const { done, value } = await reader.read();
      if (done) break;
      text += decoder.decode(value, { stream: true });
    }
  } catch {
    // A stream the test cuts on purpose (abortStream): the events before the cut are checked.
  }
  return text;
}

function mediaTypeOf(headers: Record<string, string>): string {
  return (headers['content-type'] ?? '').split(';')[0]?.trim().toLowerCase() ?? '';
}

function checkJson(operation: Operation, message: CheckedAnswer, text: string, result: CheckResult & { validated: number }): void {
  const { answer, route } = message;
  const schema = answerSchema(operation, answer.status, 'application/json');
  if (!schema) {
    (result as { unchecked?: string }).unchecked = `the spec gives no JSON schema for status ${answer.status}`;
    return;
  }
  const parsed = parseJson(text);
  result.validated += 1;
  if (!parsed.ok) {
    result.violations.push({ operation: operation.id, route: route.name, where: 'answer', field: '', message: 'is not JSON' });
    return;
  }
  allowQuirks(parsed.value, { operationId: operation.id, requestBody: message.body, streamed: false });
  const found = validate(schema, parsed.value);
  if (found) result.violations.push({ operation: operation.id, route: route.name, where: `answer (${answer.status})`, ...found });
}

function checkEvents(operation: Operation, message: CheckedAnswer, text: string, result: CheckResult & { validated: number }): void {
  const stream = eventSchema(operation);
  if (!stream) {
    (result as { unchecked?: string }).unchecked = 'the spec describes no stream for this operation';
    return;
  }
  parseEventStream(text).forEach(({ event, data }, index) => {
    // `data: [DONE]` ends chat and completion streams: the SDK's end marker, not an event.
    if (!stream.named && data === '[DONE]') return;
    const parsed = parseJson(data);
    const type = parsed.ok && isObject(parsed.value) && typeof parsed.value.type === 'string' ? parsed.value.type : event;
    const where = `event ${index + 1}${type ? ` (${type})` : ''}`;
    result.validated += 1;
    const value = stream.named ? { event, data: parsed.ok ? parsed.value : data } : parsed.ok ? parsed.value : data;
    if (!stream.named && !parsed.ok) {
      result.violations.push({ operation: operation.id, route: message.route.name, where, field: '', message: 'is not JSON' });
      return;
    }
    allowQuirks(value, { operationId: operation.id, requestBody: message.body, streamed: true });
    // A mid-stream error as the API sends it on chat and completion streams: `event: error` with `{ error }`.
    if (!stream.named && event === 'error' && isObject(value) && 'error' in value) {
      const found = validate(ERROR_SCHEMA, value);
      if (found) result.violations.push({ operation: operation.id, route: message.route.name, where, ...found });
      return;
    }
    const found = validate(stream.schema, value);
    if (found) result.violations.push({ operation: operation.id, route: message.route.name, where, ...found });
  });
}

/** Validates one answer: its JSON body, or each event of its stream. */
export async function checkAnswer(message: CheckedAnswer): Promise<CheckResult> {
  const result: CheckResult & { validated: number } = { validated: 0, violations: [] };
  const { route, answer } = message;
  const operation = operationOf(route.method, route.path);
  if (!operation) return { ...result, unchecked: 'the spec has no such operation' };
  const mediaType = mediaTypeOf(answer.headers);
  const { body } = answer;
  if (body === null) return { ...result, unchecked: 'no body' };
  if (mediaType === 'text/event-stream') {
    if (typeof body !== 'function') {
      checkEvents(operation, message, typeof body === 'string' ? body : new TextDecoder().decode(body), result);
      return result;
    }
    const text = await readCopy(body);
    if (text === undefined) return { ...result, unchecked: "a streaming Response of the test's own, read once by the client" };
    checkEvents(operation, message, text, result);
    return result;
  }
  if (mediaType !== 'application/json' || typeof body === 'function') return { ...result, unchecked: `not JSON (${mediaType || 'no content type'})` };
  checkJson(operation, message, typeof body === 'string' ? body : new TextDecoder().decode(body), result);
  return result;
}

/** The schema of the messages a mock sends over a socket, by the endpoint's path. */
function socketEventSchema(path: string): { operation: string; schema: string } | undefined {
  if (path === '/responses') return { operation: 'responses (WebSocket)', schema: '#/components/schemas/ResponsesServerEvent' };
  if (path.startsWith('/realtime/translations')) return { operation: 'realtime translations (WebSocket)', schema: '#/components/schemas/RealtimeTranslationServerEvent' };
  if (path === '/realtime' || path.startsWith('/realtime/')) return { operation: 'realtime (WebSocket)', schema: '#/components/schemas/RealtimeServerEvent' };
  return undefined;
}

/** Validates one message a mock sent over a socket against the spec's server events for its endpoint. */
export function checkSocketEvent(path: string, data: string | Uint8Array): CheckResult {
  // The spec has no Live events: they are checked against the SDK's Live types (see live-schemas.ts).
  if (path === '/live/sessions') {
    if (typeof data !== 'string') return { validated: 0, violations: [], unchecked: 'a binary frame' };
    const parsed = parseJson(data);
    const operation = "live (WebSocket, the SDK's Live types)";
    const route = `WebSocket ${path}`;
    if (!parsed.ok) return { validated: 1, violations: [{ operation, route, where: 'message', field: '', message: 'is not JSON' }] };
    const type = isObject(parsed.value) && typeof parsed.value.type === 'string' ? parsed.value.type : 'no type';
    const found = checkLiveEvent(parsed.value);
    return { validated: 1, violations: found ? [{ operation, route, where: `event (${type})`, ...found }] : [] };
  }
  const target = socketEventSchema(path);
  if (!target) return { validated: 0, violations: [], unchecked: `the spec describes no socket events for ${path}` };
  if (typeof data !== 'string') return { validated: 0, violations: [], unchecked: 'a binary frame' };
  const parsed = parseJson(data);
  const route = `WebSocket ${path}`;
  if (!parsed.ok) return { validated: 1, violations: [{ operation: target.operation, route, where: 'message', field: '', message: 'is not JSON' }] };
  const type = isObject(parsed.value) && typeof parsed.value.type === 'string' ? parsed.value.type : 'no type';
  // Steering events are in the SDK's types but not yet in the spec's server events.
  if (type.startsWith('response.steer.') && path === '/responses') return { validated: 0, violations: [], unchecked: `the spec has no schema for ${type}` };
  // The same quirks as the stream the events come from (a response under way carries `usage: null`).
  allowQuirks(parsed.value, { operationId: path === '/responses' ? 'createResponse' : target.operation, requestBody: undefined, streamed: true });
  const found = validate(target.schema, parsed.value);
  return { validated: 1, violations: found ? [{ operation: target.operation, route, where: `event (${type})`, ...found }] : [] };
}
