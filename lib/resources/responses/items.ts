import { badRequest, noSuch } from '../../errors/api-errors.js';
import { isPlainObject, type JsonObject } from '../../internal/merge.js';
import { countTokens } from '../../internal/validate.js';
import type { StateStore } from '../../state/state-store.js';
import { missingParameter } from '../kit/index.js';
import { newItemId } from './output.js';

/** An item as the API keeps it: a conversation item or a response input item, always with an id. */
export type StoredItem = JsonObject & { id: string; type: string };

/** The text an item carries (message parts, call arguments, outputs, summaries), for token counts. */
export function itemText(item: JsonObject): string {
  const parts: string[] = [];
  const collect = (value: unknown): void => {
    if (typeof value === 'string') parts.push(value);
    else if (Array.isArray(value)) value.forEach(collect);
    else if (isPlainObject(value)) {
      for (const key of ['text', 'refusal', 'arguments', 'input', 'output', 'code', 'summary', 'content']) collect(value[key]);
    }
  };
  collect(item);
  return parts.join(' ');
}

/** Token count of the text of items and instructions, by `model`'s tokenizer. */
export function tokensOf(items: readonly JsonObject[], instructions?: unknown, model?: unknown): number {
  const name = typeof model === 'string' ? model : undefined;
  return items.reduce((sum, item) => sum + countTokens(itemText(item), name), countTokens(typeof instructions === 'string' ? instructions : undefined, name));
}

/** A content part as the API keeps it: an `output_text` part always carries its `annotations` and `logprobs`. */
function keptPart(part: unknown): unknown {
  if (!isPlainObject(part) || part['type'] !== 'output_text') return part;
  return { ...part, annotations: part['annotations'] ?? [], logprobs: part['logprobs'] ?? [] };
}

function messageItem(item: JsonObject): StoredItem {
  const role = typeof item['role'] === 'string' ? item['role'] : 'user';
  const content = item['content'];
  const parts = typeof content === 'string'
    ? [keptPart(role === 'assistant' ? { type: 'output_text', text: content } : { type: 'input_text', text: content })]
    : Array.isArray(content) ? content.map(keptPart) : content;
  const id = typeof item['id'] === 'string' ? item['id'] : newItemId('message');
  return { ...item, id, type: 'message', role, content: parts, status: item['status'] ?? 'completed' };
}

/**
 * The items an `input` (or a conversation's `items`) stands for, as the API keeps them: a string is one user
 * message, `{ role, content: 'text' }` a message with one text part, and every item gets an id (`msg_`, `fc_`,
 * ...) and a status. References (`{ type: 'item_reference', id }`) are kept for {@link resolveContext}.
 * A value that is not a list of objects is the API's 400, thrown.
 */
export function normalizeItems(input: unknown, param: string): StoredItem[] {
  if (input === undefined || input === null) return [];
  if (typeof input === 'string') return [messageItem({ role: 'user', content: input })];
  if (!Array.isArray(input)) throw badRequest(`Invalid type for '${param}': expected a string or an array of items.`, param, 'invalid_type');
  const items: StoredItem[] = [];
  for (const [at, raw] of input.entries()) {
    if (!isPlainObject(raw)) throw badRequest(`Invalid type for '${param}[${at}]': expected an object.`, `${param}[${at}]`, 'invalid_type');
    const type = typeof raw['type'] === 'string' ? raw['type'] : raw['role'] !== undefined ? 'message' : 'item_reference';
    if (type === 'message') {
      items.push(messageItem(raw));
    } else if (type === 'item_reference') {
      if (typeof raw['id'] !== 'string') throw missingParameter(`${param}[${at}].id`);
      items.push({ id: raw['id'], type });
    } else {
      const id = typeof raw['id'] === 'string' ? raw['id'] : newItemId(type);
      const withStatus = type === 'function_call' || type === 'function_call_output' || type === 'computer_call_output';
      items.push({ ...raw, id, type, ...(withStatus && { status: raw['status'] ?? 'completed' }) });
    }
  }
  return items;
}

/** What a response (or a token count, or a compaction) reads: the earlier items, the new input, the conversation. */
export interface ResponseContext {
  /** Items before this request: the previous response's input and output, or the conversation's items. */
  readonly prior: readonly StoredItem[];
  /** This request's input items, references resolved. */
  readonly input: readonly StoredItem[];
  /** The conversation the response belongs to. */
  readonly conversationId: string | undefined;
}

function conversationIdOf(value: unknown): string | undefined {
  if (typeof value === 'string') return value;
  if (isPlainObject(value) && typeof value['id'] === 'string') return value['id'];
  return undefined;
}

/** Checks the tool-call pairing the API checks (the 400 thrown): every output answers a call, every call has its output. */
function checkToolPairs(items: readonly StoredItem[]): void {
  const calls = new Map<string, string>();
  const answered = new Set<string>();
  for (const item of items) {
    const callId = typeof item['call_id'] === 'string' ? item['call_id'] : undefined;
    if (callId === undefined) continue;
    if (item.type === 'function_call' || item.type === 'custom_tool_call') calls.set(callId, item.type);
    if (item.type === 'function_call_output' || item.type === 'custom_tool_call_output') {
      if (!calls.has(callId)) throw badRequest(`No tool call found for function call output with call_id ${callId}.`, 'input');
      answered.add(callId);
    }
  }
  for (const callId of calls.keys()) {
    if (!answered.has(callId)) throw badRequest(`No tool output found for function call ${callId}.`, 'input');
  }
}

/**
 * An item any stored response holds, as its output or its input (what `item_reference` may name on the API,
 * whatever response or conversation the request continues); the newest response's copy first.
 */
export function storedItem(state: StateStore, id: string): StoredItem | undefined {
  const responses = state.responses.values();
  for (let at = responses.length - 1; at >= 0; at--) {
    const response = responses[at];
    if (!response) continue;
    const output = response.output.find((item) => 'id' in item && item.id === id);
    if (output) return output as unknown as StoredItem;
    const input = state.responses.inputItems.of(response.id).get(id);
    if (input) return input as unknown as StoredItem;
  }
  return undefined;
}

/**
 * The context of a request with `input`, `previous_response_id` and `conversation`, checked as the API checks
 * it: the two are exclusive, an unknown previous response is a 400, an unknown conversation a 404, a reference
 * to an item no stored response holds a 400, and function calls and their outputs must pair up (each refusal
 * thrown).
 */
export function resolveContext(state: StateStore, body: JsonObject, options: { checkToolPairs: boolean }): ResponseContext {
  const previousId = body['previous_response_id'];
  const conversation = body['conversation'];
  if (typeof previousId === 'string' && conversation !== undefined && conversation !== null) {
    throw badRequest("Mutually exclusive parameters: Ensure you are only providing one of: 'previous_response_id' or 'conversation'.", 'previous_response_id', 'mutually_exclusive_parameters');
  }
  let prior: StoredItem[] = [];
  let conversationId: string | undefined;
  if (typeof previousId === 'string') {
    const previous = state.responses.get(previousId);
    if (!previous) throw badRequest(`Previous response with id '${previousId}' not found.`, 'previous_response_id', 'previous_response_not_found');
    prior = [...(state.responses.inputItems.of(previousId).values() as unknown as StoredItem[]), ...(previous.output as unknown as StoredItem[])];
  } else if (conversation !== undefined && conversation !== null) {
    conversationId = conversationIdOf(conversation);
    if (conversationId === undefined) throw badRequest("Invalid type for 'conversation': expected a string or an object with an 'id'.", 'conversation', 'invalid_type');
    if (!state.conversations.has(conversationId)) throw noSuch('conversation', conversationId, { param: 'conversation' });
    prior = state.conversations.items.of(conversationId).values() as StoredItem[];
  }
  const normalized = normalizeItems(body['input'], 'input');
  const known = new Map(prior.map((item) => [item.id, item]));
  const input: StoredItem[] = [];
  for (const item of normalized) {
    if (item.type !== 'item_reference') {
      input.push(item);
      known.set(item.id, item);
      continue;
    }
    const found = known.get(item.id) ?? storedItem(state, item.id);
    if (!found) throw badRequest(`Item with id '${item.id}' not found.`, 'input');
    input.push(found);
  }
  if (options.checkToolPairs) checkToolPairs([...prior, ...input]);
  return { prior, input, conversationId };
}
