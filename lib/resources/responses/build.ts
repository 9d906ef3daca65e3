import type { Response as ResponseObject, ResponseReasoningItem, ResponseStreamEvent } from 'openai/resources/responses/responses';
import { Refusal } from '../../errors/api-errors.js';
import { nowSeconds } from '../../internal/clock.js';
import { newId } from '../../internal/ids.js';
import { complete, isPlainObject, type JsonObject } from '../../internal/merge.js';
import type { ModelPartial } from '../../internal/model-partial.js';
import { responseStreamEvents, type WireResponse } from '../../streaming/response-events.js';
import { contextTokens, normalizeItems, type ResponseContext, type StoredItem, tokensOf } from './items.js';
import { isReasoningModel } from '../../internal/model-families.js';
import { forcedToolCall } from '../kit/forced-tool-call.js';
import { structuredOutputText } from '../kit/structured-output.js';
import { completeOutputItem } from './output.js';
import { responseUsage } from './usage.js';

const unsettled = new Set(['queued', 'in_progress', 'cancelled', 'failed']);

/** The user's partial with its output items completed one by one, and the `output_text` short form applied. */
function ownPartial(override: unknown): JsonObject {
  if (!isPlainObject(override)) return {};
  const { output_text: text, ...own } = override;
  if (Array.isArray(own['output'])) own['output'] = own['output'].map(completeOutputItem);
  else if (typeof text === 'string') own['output'] = [completeOutputItem({ content: [{ text }] })];
  return own;
}

/**
 * The opaque `encrypted_content` of a reasoning item (asked for with `include: ['reasoning.encrypted_content']`,
 * so a `store: false` conversation can pass its reasoning back): the item's reasoning, encoded.
 */
function encryptedReasoning(item: ResponseReasoningItem): string {
  return Buffer.from(JSON.stringify({ id: item.id, summary: item.summary, content: item.content ?? [] })).toString('base64');
}

/**
 * A request's tool as the response echoes it: a function tool always carries `strict` (the API's default, true,
 * when the request leaves it out) and `parameters` (null when it has none).
 */
function echoedTool(tool: unknown): unknown {
  if (!isPlainObject(tool) || tool['type'] !== 'function') return tool;
  return { ...tool, strict: tool['strict'] ?? true, parameters: tool['parameters'] ?? null };
}

/**
 * What a model writes when nothing is scripted: on a reasoning model asked for a summary (`reasoning.summary`),
 * a reasoning item with one (empty) summary part; then the call of the tool `tool_choice` forces (the smallest
 * arguments its schema takes), or one assistant message whose text is empty, or, under a JSON `text.format`, the
 * smallest instance of its schema (`{}` for `json_object`).
 */
function defaultOutput(body: JsonObject): JsonObject[] {
  const output: JsonObject[] = [];
  const reasoning = isPlainObject(body['reasoning']) ? body['reasoning'] : {};
  const summary = reasoning['summary'] ?? reasoning['generate_summary'];
  if (isReasoningModel(body['model']) && typeof summary === 'string' && summary !== 'none') {
    output.push(completeOutputItem({ type: 'reasoning', summary: [{ type: 'summary_text', text: '' }] }));
  }
  const forced = forcedToolCall(body['tools'], body['tool_choice']);
  if (forced?.type === 'function') output.push(completeOutputItem({ type: 'function_call', name: forced.name, arguments: forced.arguments }));
  else if (forced?.type === 'custom') output.push(completeOutputItem({ type: 'custom_tool_call', name: forced.name, input: forced.input }));
  else {
    const text = isPlainObject(body['text']) ? structuredOutputText(body['text']['format']) : undefined;
    output.push(completeOutputItem(text === undefined ? {} : { content: [{ text }] }));
  }
  return output;
}

/** A request's setting as the response echoes it, or the API's default. */
function echoed(body: JsonObject, key: string, fallback: unknown): unknown {
  return body[key] ?? fallback;
}

/**
 * The response a create request answers: every field the API sends, the request's settings echoed
 * (instructions, tools, temperature, metadata, text format, ...), one assistant message with an empty
 * `output_text` part, and usage counted from the context and the output; then the user's partial on top, its
 * output items completed by type (ids, statuses, call ids). Reasoning items carry an opaque `encrypted_content`
 * when the request includes `reasoning.encrypted_content`. A `failed` status brings an error, `incomplete`
 * its details. `output_text` is not sent: the SDK derives it.
 */
export function buildResponse(body: JsonObject, context: ResponseContext, override: unknown): WireResponse {
  const own = ownPartial(override);
  const status = typeof own['status'] === 'string' ? own['status'] : 'completed';
  const now = nowSeconds();
  const text = isPlainObject(body['text']) ? body['text'] : {};
  const defaults: JsonObject = {
    id: newId('resp_'),
    object: 'response',
    created_at: now,
    status,
    background: echoed(body, 'background', false),
    completed_at: status === 'completed' ? now : null,
    error: null,
    incomplete_details: null,
    instructions: echoed(body, 'instructions', null),
    max_output_tokens: echoed(body, 'max_output_tokens', null),
    max_tool_calls: echoed(body, 'max_tool_calls', null),
    model: echoed(body, 'model', 'gpt-4o'),
    output: unsettled.has(status) ? [] : defaultOutput(body),
    parallel_tool_calls: echoed(body, 'parallel_tool_calls', true),
    previous_response_id: echoed(body, 'previous_response_id', null),
    prompt: echoed(body, 'prompt', null),
    prompt_cache_key: echoed(body, 'prompt_cache_key', null),
    prompt_cache_retention: echoed(body, 'prompt_cache_retention', null),
    reasoning: echoed(body, 'reasoning', { effort: null, summary: null }),
    safety_identifier: echoed(body, 'safety_identifier', null),
    service_tier: echoed(body, 'service_tier', 'default'),
    store: echoed(body, 'store', true),
    temperature: echoed(body, 'temperature', 1),
    text: { format: { type: 'text' }, verbosity: 'medium', ...text },
    tool_choice: echoed(body, 'tool_choice', 'auto'),
    tools: Array.isArray(body['tools']) ? body['tools'].map(echoedTool) : [],
    top_logprobs: echoed(body, 'top_logprobs', 0),
    top_p: echoed(body, 'top_p', 1),
    truncation: echoed(body, 'truncation', 'disabled'),
    metadata: echoed(body, 'metadata', {}),
    conversation: context.conversationId === undefined ? null : { id: context.conversationId },
    access_programs: echoed(body, 'access_programs', null),
    ...(typeof body['user'] === 'string' && { user: body['user'] }),
  };
  // Nothing to merge without a partial: the defaults are the response (they are built afresh for each call).
  const response = (Object.keys(own).length === 0 ? defaults : complete(defaults, own)) as unknown as WireResponse;
  if (status === 'failed' && own['error'] === undefined) {
    response.error = { code: 'server_error', message: 'The model failed to generate a response.' };
  }
  if (status === 'incomplete' && own['incomplete_details'] === undefined) {
    response.incomplete_details = { reason: 'max_output_tokens' };
  }
  if (Array.isArray(body['include']) && body['include'].includes('reasoning.encrypted_content')) {
    for (const item of response.output) {
      if (item.type === 'reasoning' && (item.encrypted_content === undefined || item.encrypted_content === null)) item.encrypted_content = encryptedReasoning(item);
    }
  }
  if (own['usage'] === undefined) {
    const input = contextTokens(context, body['instructions'], body['model']);
    const output = tokensOf(response.output as unknown as JsonObject[], undefined, body['model']);
    const reasoning = tokensOf(response.output.filter((item) => item.type === 'reasoning') as unknown as JsonObject[], undefined, body['model']);
    response.usage = responseUsage(input, output, reasoning);
  }
  return response;
}

/** A request's input items; none for an input the API would refuse (the events are for a test to send). */
function inputOf(body: JsonObject): StoredItem[] {
  try {
    return normalizeItems(body['input'], 'input');
  } catch (error) {
    if (error instanceof Refusal) return [];
    throw error;
  }
}

/**
 * The event sequence a response streams as, from a partial (or a full response) and the create request it
 * answers (a route function's `body`): the same response `client.responses.create()` would give, as
 * `response.created`, `response.in_progress`, each item's events and `response.completed` (or
 * `response.failed` / `response.incomplete`), numbered from 0.
 * Build your own stream from it: cut it short, add a `delay()` or an `error` event, and answer with
 * `eventStream()`.
 *
 * @example
 * openaiMock.responses.create.response = ({ body }) => {
 *   const events = responseEvents({ output: [responseOutput.text('Hello there, how are you?')] }, body);
 *   return eventStream([
 *     ...events.slice(0, 6).map((event) => namedEvent(event.type, event)),
 *     delay(50),
 *     namedEvent('error', { type: 'error', code: 'server_error', message: 'The server had an error', param: null, sequence_number: 6 }),
 *   ]);
 * };
 */
export function responseEvents(response: ModelPartial<ResponseObject> | ResponseObject = {}, request?: unknown): ResponseStreamEvent[] {
  const body = isPlainObject(request) ? request : {};
  const context: ResponseContext = { prior: [], input: inputOf(body), conversationId: undefined };
  return responseStreamEvents(buildResponse(body, context, response), { background: body['background'] === true });
}
