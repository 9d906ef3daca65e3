import type {
  Response as ResponseObject,
  ResponseFunctionCallArgumentsDoneEvent,
  ResponseOutputItem,
  ResponseOutputMessage,
  ResponseReasoningItem,
  ResponseStreamEvent,
  ResponseUsage,
} from 'openai/resources/responses/responses';
import { splitText } from './sse.js';

/** An event before it is numbered. */
type Unnumbered<E> = E extends unknown ? Omit<E, 'sequence_number'> : never;
/** `response.function_call_arguments.done` as the API sends it: with the function's `name` (the SDK's type lacks it). */
type FunctionCallArgumentsDone = Unnumbered<ResponseFunctionCallArgumentsDoneEvent> & { name: string };
type Draft = Unnumbered<ResponseStreamEvent> | FunctionCallArgumentsDone;

/**
 * A response as the API sends it: `output_text` is the SDK's own addition, and `usage` is `null` until the
 * response settles (the SDK's type only says it may be missing).
 */
export type WireResponse = Omit<ResponseObject, 'output_text' | 'usage'> & { output_text?: string; usage?: ResponseUsage | null };

/**
 * The snapshot of a response before it settles, as lifecycle events and background polls show it: its status,
 * no output yet, no usage, not completed.
 */
export function pendingSnapshot(response: WireResponse, status: 'queued' | 'in_progress' | 'cancelled'): WireResponse {
  const { output_text: _derived, ...rest } = response;
  return { ...rest, status, output: [], usage: null, completed_at: null, error: null, incomplete_details: null };
}

/** Pieces of a text as deltas: words (several pieces for any text of more than one word), never none. */
function pieces(text: string): string[] {
  const split = splitText(text);
  return split.length > 0 ? split : [''];
}

function messageEvents(item: ResponseOutputMessage, output_index: number, push: (event: Draft) => void): void {
  const item_id = item.id;
  push({ type: 'response.output_item.added', output_index, item: { ...item, status: 'in_progress', content: [] } });
  item.content.forEach((part, content_index) => {
    const at = { item_id, output_index, content_index };
    if (part.type === 'refusal') {
      push({ type: 'response.content_part.added', ...at, part: { type: 'refusal', refusal: '' } });
      for (const delta of pieces(part.refusal)) push({ type: 'response.refusal.delta', ...at, delta });
      push({ type: 'response.refusal.done', ...at, refusal: part.refusal });
    } else {
      push({ type: 'response.content_part.added', ...at, part: { type: 'output_text', text: '', annotations: [], logprobs: [] } });
      for (const delta of pieces(part.text)) push({ type: 'response.output_text.delta', ...at, delta, logprobs: [] });
      part.annotations.forEach((annotation, annotation_index) => {
        push({ type: 'response.output_text.annotation.added', ...at, annotation_index, annotation });
      });
      push({ type: 'response.output_text.done', ...at, text: part.text, logprobs: part.logprobs ?? [] });
    }
    push({ type: 'response.content_part.done', ...at, part });
  });
}

function reasoningEvents(item: ResponseReasoningItem, output_index: number, push: (event: Draft) => void): void {
  const item_id = item.id;
  const { content: _content, ...rest } = item;
  push({ type: 'response.output_item.added', output_index, item: { ...rest, summary: [] } });
  item.summary.forEach((part, summary_index) => {
    const at = { item_id, output_index, summary_index };
    push({ type: 'response.reasoning_summary_part.added', ...at, part: { type: 'summary_text', text: '' } });
    for (const delta of pieces(part.text)) push({ type: 'response.reasoning_summary_text.delta', ...at, delta });
    push({ type: 'response.reasoning_summary_text.done', ...at, text: part.text });
    push({ type: 'response.reasoning_summary_part.done', ...at, part });
  });
  (item.content ?? []).forEach((part, content_index) => {
    const at = { item_id, output_index, content_index };
    push({ type: 'response.content_part.added', ...at, part: { type: 'reasoning_text', text: '' } });
    for (const delta of pieces(part.text)) push({ type: 'response.reasoning_text.delta', ...at, delta });
    push({ type: 'response.reasoning_text.done', ...at, text: part.text });
    push({ type: 'response.content_part.done', ...at, part });
  });
}

/** The events of one output item, from `output_item.added` to `output_item.done`. */
function itemEvents(item: ResponseOutputItem, output_index: number, push: (event: Draft) => void): void {
  const at = { item_id: 'id' in item && typeof item.id === 'string' ? item.id : '', output_index };
  switch (item.type) {
    case 'message':
      messageEvents(item, output_index, push);
      break;
    case 'reasoning':
      reasoningEvents(item, output_index, push);
      break;
    case 'function_call':
      push({ type: 'response.output_item.added', output_index, item: { ...item, status: 'in_progress', arguments: '' } });
      for (const delta of pieces(item.arguments)) push({ type: 'response.function_call_arguments.delta', ...at, delta });
      push({ type: 'response.function_call_arguments.done', ...at, name: item.name, arguments: item.arguments } satisfies FunctionCallArgumentsDone);
      break;
    case 'custom_tool_call':
      push({ type: 'response.output_item.added', output_index, item: { ...item, input: '' } });
      for (const delta of pieces(item.input)) push({ type: 'response.custom_tool_call_input.delta', ...at, delta });
      push({ type: 'response.custom_tool_call_input.done', ...at, input: item.input });
      break;
    case 'web_search_call':
      push({ type: 'response.output_item.added', output_index, item: { ...item, status: 'in_progress' } });
      push({ type: 'response.web_search_call.in_progress', ...at });
      push({ type: 'response.web_search_call.searching', ...at });
      push({ type: 'response.web_search_call.completed', ...at });
      break;
    case 'file_search_call':
      push({ type: 'response.output_item.added', output_index, item: { ...item, status: 'in_progress', results: null } });
      push({ type: 'response.file_search_call.in_progress', ...at });
      push({ type: 'response.file_search_call.searching', ...at });
      push({ type: 'response.file_search_call.completed', ...at });
      break;
    case 'code_interpreter_call':
      push({ type: 'response.output_item.added', output_index, item: { ...item, status: 'in_progress', code: '', outputs: null } });
      push({ type: 'response.code_interpreter_call.in_progress', ...at });
      for (const delta of pieces(item.code ?? '')) push({ type: 'response.code_interpreter_call_code.delta', ...at, delta });
      push({ type: 'response.code_interpreter_call_code.done', ...at, code: item.code ?? '' });
      push({ type: 'response.code_interpreter_call.interpreting', ...at });
      push({ type: 'response.code_interpreter_call.completed', ...at });
      break;
    case 'image_generation_call':
      push({ type: 'response.output_item.added', output_index, item: { ...item, status: 'in_progress', result: null } });
      push({ type: 'response.image_generation_call.in_progress', ...at });
      push({ type: 'response.image_generation_call.generating', ...at });
      push({ type: 'response.image_generation_call.completed', ...at });
      break;
    case 'mcp_call':
      push({ type: 'response.output_item.added', output_index, item: { ...item, status: 'in_progress', arguments: '' } });
      push({ type: 'response.mcp_call.in_progress', ...at });
      for (const delta of pieces(item.arguments)) push({ type: 'response.mcp_call_arguments.delta', ...at, delta });
      push({ type: 'response.mcp_call_arguments.done', ...at, arguments: item.arguments });
      push({ type: item.status === 'failed' ? 'response.mcp_call.failed' : 'response.mcp_call.completed', ...at });
      break;
    default:
      push({ type: 'response.output_item.added', output_index, item });
  }
  push({ type: 'response.output_item.done', output_index, item });
}

/**
 * The full event sequence the API streams for a response, numbered from 0: `response.created` (and
 * `response.queued` for a background response), `response.in_progress`, each output item from
 * `output_item.added` through its content and argument deltas to `output_item.done`, then
 * `response.completed`, `response.failed` or `response.incomplete` as the response's status says
 * (a response still queued or in progress ends after its items). The SDK's `ResponseStream` accumulates
 * it back into the same response.
 */
export function responseStreamEvents(response: WireResponse, options: { background?: boolean } = {}): ResponseStreamEvent[] {
  const events: ResponseStreamEvent[] = [];
  const push = (event: Draft): void => {
    events.push({ ...event, sequence_number: events.length } as ResponseStreamEvent);
  };
  const { output_text: _derived, ...final } = response;
  // The SDK types an event's response as its own `Response`; the wire form lacks only the derived `output_text`.
  const asSent = (snapshot: WireResponse): ResponseObject => snapshot as ResponseObject;
  const start = pendingSnapshot(final, options.background ? 'queued' : 'in_progress');
  push({ type: 'response.created', response: asSent(start) });
  if (options.background) push({ type: 'response.queued', response: asSent(start) });
  push({ type: 'response.in_progress', response: asSent(pendingSnapshot(final, 'in_progress')) });
  final.output.forEach((item, index) => itemEvents(item, index, push));
  if (final.status === 'completed') push({ type: 'response.completed', response: asSent(final) });
  else if (final.status === 'failed') push({ type: 'response.failed', response: asSent(final) });
  else if (final.status === 'incomplete') push({ type: 'response.incomplete', response: asSent(final) });
  return events;
}
