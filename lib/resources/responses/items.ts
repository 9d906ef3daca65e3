import { badRequest, noSuch } from '../../errors/api-errors.js';
import { type ItemsPrefix, itemsPrefixOf, itemsRepeated } from '../../internal/items-prefix.js';
import { isPlainObject, type JsonObject } from '../../internal/merge.js';
import { countTokens } from '../../internal/validate.js';
import { bookkeeping } from '../../state/bookkeeping.js';
import type { StateStore } from '../../state/state-store.js';
import { type EncodingName, encodingForModel } from '../../tokens/encoding.js';
import { missingParameter } from '../kit/index.js';
import { newItemId } from './output.js';

/** An item as the API keeps it: a conversation item or a response input item, always with an id. */
export type StoredItem = JsonObject & { id: string; type: string };

/** The keys whose values hold an item's text, at any depth. */
const textKeys = ['text', 'refusal', 'arguments', 'input', 'output', 'code', 'summary', 'content'];

/** Adds the strings `value` holds under {@link textKeys} to `parts`. */
function collectText(value: unknown, parts: string[]): void {
  if (typeof value === 'string') parts.push(value);
  else if (Array.isArray(value)) for (const element of value) collectText(element, parts);
  else if (isPlainObject(value)) for (const key of textKeys) collectText(value[key], parts);
}

/** The text an item carries (message parts, call arguments, outputs, summaries), for token counts. */
export function itemText(item: JsonObject): string {
  const parts: string[] = [];
  collectText(item, parts);
  return parts.join(' ');
}

/**
 * Each item's token count by encoding, kept with the item: a conversation sends its earlier items again turn after
 * turn (the same stored objects, for a `previous_response_id` chain or an `item_reference`), and an item the API
 * keeps never changes.
 */
const itemTokens: Record<EncodingName, WeakMap<JsonObject, number>> = { o200k_base: new WeakMap(), cl100k_base: new WeakMap() };

/**
 * The token count of one item's text, by `model`'s tokenizer (`encoding` is that model's); kept with the item when
 * `keep` (an item the mock keeps and may count again), else only read from what was kept: a request's own items
 * are new objects each turn (a client re-sends its history as new JSON), and keeping a count for each would only
 * grow the table (the tokenizer remembers the counts of texts it saw lately).
 */
function itemTokenCount(item: JsonObject, model: string | undefined, encoding: EncodingName, keep: boolean): number {
  const counts = itemTokens[encoding];
  let count = counts.get(item);
  if (count === undefined) {
    count = countTokens(itemText(item), model);
    if (keep) counts.set(item, count);
  }
  return count;
}

/**
 * Token count of the text of items and instructions, by `model`'s tokenizer. `keep: false` for items the mock does
 * not keep as they are (a request's own items): their counts are not remembered by object.
 */
export function tokensOf(items: readonly JsonObject[], instructions?: unknown, model?: unknown, keep = true): number {
  const name = typeof model === 'string' ? model : undefined;
  const encoding = encodingForModel(name);
  let total = countTokens(typeof instructions === 'string' ? instructions : undefined, name);
  for (const item of items) total += itemTokenCount(item, name, encoding, keep);
  return total;
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
export function normalizeItems(input: unknown, param: string, from = 0): StoredItem[] {
  if (input === undefined || input === null) return [];
  if (typeof input === 'string') return [messageItem({ role: 'user', content: input })];
  if (!Array.isArray(input)) throw badRequest(`Invalid type for '${param}': expected a string or an array of items.`, param, 'invalid_type');
  const items: StoredItem[] = [];
  for (let at = from; at < input.length; at++) {
    const raw: unknown = input[at];
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
  /** The previous response, for a request that continues one (`previous_response_id`). */
  readonly previousId?: string | undefined;
  /** The tokens of `prior`, by the tokenizer of the request's model, when known without counting them again. */
  readonly priorTokens?: number | undefined;
  /** The items of `prior` with a `call_id`, when known without walking `prior`. */
  readonly priorCallItems?: readonly StoredItem[] | undefined;
  /** The items of `input` whose ids the request sent (not made by the mock, nor named by a reference found stored). */
  readonly sentIds?: readonly StoredItem[] | undefined;
  /** The items of `input` with a `call_id`, when known without walking `input`. */
  readonly inputCallItems?: readonly StoredItem[] | undefined;
  /** The items of `input` made for this request whose ids the mock made. */
  readonly made?: readonly StoredItem[] | undefined;
  /** Where `input` holds items whose ids the mock made, for this request or (taken again) an earlier one. */
  readonly madeAt?: readonly number[] | undefined;
  /** The tokens of `input`, by the encoding named, when counted already. */
  readonly inputTokens?: { readonly encoding: EncodingName; readonly tokens: number } | undefined;
}

/**
 * By response, the tokens of its input items (for the encoding named): a `previous_response_id` chain's earlier
 * items are then counted once, not again each turn.
 */
const inputItemTokens = bookkeeping('responses.inputItemTokens', () => new Map<string, KeptTokens>());

/** A response's input items' token count, by the encoding named; and whether the mock made the ids of its output (none can replace a stored item). */
interface KeptTokens {
  readonly encoding: EncodingName;
  readonly tokens: number;
  readonly outputMinted: boolean;
}

/**
 * By response, the items of its input items (and output) that carry a `call_id`, in order: what the tool-call
 * pairing check of the next response of its chain reads, without walking the whole chain each turn.
 */
const callItemsOf = bookkeeping('responses.callItems', () => new Map<string, readonly StoredItem[]>());

/** The items among `items` that carry a `call_id` (tool calls and their outputs), added to `found`. */
function withCallIds(items: readonly StoredItem[], found: StoredItem[] = []): StoredItem[] {
  for (const item of items) if (typeof item['call_id'] === 'string') found.push(item);
  return found;
}

/**
 * Stores a response's input items, as `responses.inputItems.list` reads them: the context's earlier items (for a
 * chained response, its previous response's input items shared, not copied, then that response's output), then its
 * input. The store is filled when first read (a listing, a reference to one of its items, a snapshot; the next
 * response of the chain only when its token count could not be kept without it): a long conversation that nobody
 * lists stores nothing each turn but the list of its items. The items whose ids the request sent are indexed at
 * once for `item_reference`s (the ids the mock made are indexed when first listed, the only way a client learns
 * them); the store's token count is kept for the next response of the chain, at once when no item can replace
 * another of its id (`outputMinted`: the mock made the ids of the response's output).
 */
export function storeInputItems(state: StateStore, responseId: string, context: ResponseContext, model: unknown, outputMinted = false): void {
  const name = typeof model === 'string' ? model : undefined;
  const encoding = encodingForModel(name);
  const items = state.responses.inputItems;
  const previous = context.previousId === undefined ? undefined : state.responses.get(context.previousId);
  const previousOutput = (previous?.output ?? []) as unknown as StoredItem[];
  if (context.sentIds !== undefined) indexItems(state, responseId, context.sentIds);
  const owners = madeFor(state);
  for (const item of context.made ?? []) owners.set(item, responseId);
  const priorCalls = context.priorCallItems ?? withCallIds(context.prior);
  callItemsOf(state).set(responseId, context.inputCallItems === undefined ? withCallIds(context.input, [...priorCalls]) : [...priorCalls, ...context.inputCallItems]);
  const tokens = mintedTokens(state, context, previous, encoding, name);
  if (tokens !== undefined) {
    // No item can replace another of its id: the store is the previous one's, then its output and this input, all
    // new; the filling keeps only these (a chain nobody lists keeps no request's context alive).
    inputItemTokens(state).set(responseId, { encoding, tokens, outputMinted });
    deferMintedFill(state, responseId, previous, context.input);
    return;
  }
  items.defer(responseId, (store) => {
    // The previous responses' stores first, oldest first: a deep chain nobody listed is filled in a loop, not by
    // each filling reading the one before it (a recursion as deep as the chain).
    if (previous !== undefined) fillChain(state, previous.id);
    const input = context.input;
    const kept = previous === undefined ? undefined : keptTokensOf(state, previous.id);
    let base = 0;
    let added: readonly StoredItem[];
    if (previous && store.size === 0 && kept?.encoding === encoding) {
      store.shareFrom(items.of(previous.id));
      base = kept.tokens;
      added = [...previousOutput, ...input];
    } else {
      added = [...context.prior, ...input];
    }
    // An item made for an earlier request (taken again with the text that sent it) gets an id of this response's.
    const offset = added.length - input.length;
    const own = [...added];
    for (const at of context.madeAt ?? []) {
      const item = own[offset + at];
      const owner = item === undefined ? undefined : owners.get(item);
      if (item !== undefined && owner !== undefined && owner !== responseId) own[offset + at] = { ...item, id: newItemId(item.type) };
    }
    added = own;
    const before = store.size;
    for (const item of added) store.put(item as unknown as Parameters<typeof store.put>[0]);
    // Found by the responses that held them first (or by this one, the first to be read holding them).
    indexNewItems(state, responseId, added);
    // The kept count is the tokens of the store's items: when an item replaced another of its id, counted afresh.
    // The input's own count was made with the context (an item copied with an id of its own reads the same).
    const counted = context.inputTokens?.encoding === encoding ? context.inputTokens.tokens : undefined;
    const whole = store.size === before + added.length;
    const addedTokens = !whole ? 0 : counted === undefined ? tokensOf(added, undefined, name) : tokensOf(added.slice(0, offset), undefined, name) + counted;
    const tokens = whole ? base + addedTokens : tokensOf(store.values() as unknown as JsonObject[], undefined, name);
    inputItemTokens(state).set(responseId, { encoding, tokens, outputMinted });
  });
}

/**
 * Defers the filling of a response's store whose items are all new (see {@link mintedTokens}): the previous
 * response's store shared, then its output and this input. Made apart from {@link storeInputItems} so the
 * filling keeps only these alive, not the request's context.
 */
function deferMintedFill(state: StateStore, responseId: string, previous: { readonly id: string; readonly output: readonly object[] } | undefined, sent: readonly StoredItem[]): void {
  const items = state.responses.inputItems;
  // The input's array may grow with later requests that send the same items again (see `InputMemo`): its first items are this one's.
  const count = sent.length;
  items.defer(responseId, (store) => {
    const input = sent.length === count ? sent : sent.slice(0, count);
    const added = previous === undefined ? input : [...(previous.output as unknown as StoredItem[]), ...input];
    let indexed = added;
    if (previous !== undefined) {
      // The previous responses' stores first, oldest first: a deep chain nobody listed is filled in a loop, not
      // by each filling reading the one before it (a recursion as deep as the chain).
      fillChain(state, previous.id);
      const earlier = items.of(previous.id);
      if (store.size === 0) store.shareFrom(earlier);
      else {
        indexed = [...(earlier.values() as unknown as StoredItem[]), ...added];
        for (const item of earlier.values()) store.put(item);
      }
    }
    for (const item of added) store.put(item as unknown as Parameters<typeof store.put>[0]);
    indexNewItems(state, responseId, indexed);
  });
}

/**
 * The token count of a response's input items, known without its store when none of its items can replace
 * another of its id: the previous response's count (same encoding) and its output, whose ids the mock made, then
 * this request's items, each made for it (a string input, or items without ids). Otherwise `undefined`: the store
 * is filled to count them.
 */
function mintedTokens(state: StateStore, context: ResponseContext, previous: { readonly id: string; readonly output: readonly object[] } | undefined, encoding: EncodingName, model: string | undefined): number | undefined {
  if (context.conversationId !== undefined || context.inputTokens?.encoding !== encoding) return undefined;
  if (context.made?.length !== context.input.length || (context.madeAt !== undefined && context.madeAt.length !== context.input.length)) return undefined;
  if (previous === undefined) return context.previousId === undefined ? context.inputTokens.tokens : undefined;
  const kept = inputItemTokens(state).get(previous.id);
  if (kept === undefined || kept.encoding !== encoding || !kept.outputMinted) return undefined;
  return kept.tokens + tokensOf(previous.output as JsonObject[], undefined, model) + context.inputTokens.tokens;
}

/** Fills the stores of a chain's responses (`id` and the ones before it) still waiting to be filled, oldest first, in a loop. */
function fillChain(state: StateStore, id: string): void {
  const items = state.responses.inputItems;
  const waiting: string[] = [];
  for (let at: string | undefined = id; at !== undefined && items.isDeferred(at); ) {
    waiting.push(at);
    const before: unknown = state.responses.get(at)?.previous_response_id;
    at = typeof before === 'string' ? before : undefined;
  }
  for (let at = waiting.length - 1; at >= 0; at--) items.of(waiting[at] as string);
}

/** By item the mock made an id for, the response it was made for (an item taken again later is copied with an id of its own). */
const madeFor = bookkeeping('responses.madeFor', () => new WeakMap<object, string>());

/** The token count of a response's input items, as kept when it was stored or its store filled (filled now if neither). */
function keptTokensOf(state: StateStore, responseId: string): KeptTokens | undefined {
  const kept = inputItemTokens(state).get(responseId);
  if (kept !== undefined) return kept;
  fillChain(state, responseId);
  state.responses.inputItems.of(responseId);
  return inputItemTokens(state).get(responseId);
}

/** The tokens of everything before a request: the previous response's kept count and its output, or a count of `prior`. */
function priorTokensOf(state: StateStore, previous: { readonly id: string; readonly output: readonly object[] } | undefined, prior: PriorItems, model: unknown): number {
  const name = typeof model === 'string' ? model : undefined;
  const kept = previous === undefined ? undefined : keptTokensOf(state, previous.id);
  if (previous && kept && kept.encoding === encodingForModel(name)) return kept.tokens + tokensOf(previous.output as JsonObject[], undefined, name);
  return tokensOf(prior.items, undefined, name);
}

/** The token count of a context's items (`prior` and `input`) and instructions, by `model`'s tokenizer. */
export function contextTokens(context: ResponseContext, instructions: unknown, model: unknown): number {
  if (context.priorTokens === undefined) return tokensOf([...context.prior, ...context.input], instructions, model);
  const name = typeof model === 'string' ? model : undefined;
  const counted = context.inputTokens;
  if (counted !== undefined && counted.encoding === encodingForModel(name)) return context.priorTokens + counted.tokens + tokensOf([], instructions, model);
  return context.priorTokens + tokensOf(context.input, instructions, model, false);
}

function conversationIdOf(value: unknown): string | undefined {
  if (typeof value === 'string') return value;
  if (isPlainObject(value) && typeof value['id'] === 'string') return value['id'];
  return undefined;
}

/**
 * Checks the tool-call pairing the API checks (the 400 thrown): every output answers a call, every call has its
 * output. Only the items with a `call_id` matter: `prior` may hold just those.
 */
function checkToolPairs(prior: readonly StoredItem[], input: readonly StoredItem[]): void {
  const calls = new Map<string, string>();
  const answered = new Set<string>();
  for (const item of prior.length === 0 ? input : [...prior, ...input]) {
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

/** By item id, the newest response (as stored by this resource) holding the item as its input or output. */
const itemHolders = bookkeeping('responses.itemHolders', () => new Map<string, string>());

/** Notes that a stored response holds these items (its input items or its output), for {@link storedItem}. */
export function indexItems(state: StateStore, responseId: string, items: readonly { readonly id?: string | null | undefined }[]): void {
  const holders = itemHolders(state);
  for (const item of items) if (typeof item.id === 'string') holders.set(item.id, responseId);
}

/** Like {@link indexItems}, for the items no response holds yet (an item stays found by the response that held it first). */
function indexNewItems(state: StateStore, responseId: string, items: readonly StoredItem[]): void {
  const holders = itemHolders(state);
  for (const item of items) if (!holders.has(item.id)) holders.set(item.id, responseId);
}

/** An item a stored response holds, as its output or its input. */
function heldBy(state: StateStore, responseId: string, id: string): StoredItem | undefined {
  const response = state.responses.get(responseId);
  if (!response) return undefined;
  const output = response.output.find((item) => 'id' in item && item.id === id);
  if (output) return output as unknown as StoredItem;
  return state.responses.inputItems.of(responseId).get(id) as unknown as StoredItem | undefined;
}

/**
 * An item any stored response holds, as its output or its input (what `item_reference` may name on the API,
 * whatever response or conversation the request continues); the newest response's copy first. Found by the
 * index {@link indexItems} keeps; an item it does not know (a response stored some other way, or one deleted
 * since) by a walk over the stored responses, newest first.
 */
export function storedItem(state: StateStore, id: string): StoredItem | undefined {
  const holder = itemHolders(state).get(id);
  const held = holder === undefined ? undefined : heldBy(state, holder, id);
  if (held) return held;
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
 * The items before a request (a previous response's input items and output, or a conversation's items), read
 * only when something needs them all: a chain's are many.
 */
class PriorItems {
  #items: StoredItem[] | undefined;

  constructor(
    readonly earlier: { values(): unknown[] } | undefined,
    readonly output: readonly StoredItem[],
    readonly conversation: StoredItem[] | undefined,
  ) {}

  get items(): StoredItem[] {
    this.#items ??= this.conversation ?? (this.earlier === undefined ? [] : [...(this.earlier.values() as StoredItem[]), ...this.output]);
    return this.#items;
  }
}

/** Items by id, the later of two with one id winning. */
function byId(lists: readonly (readonly StoredItem[])[]): Map<string, StoredItem> {
  const found = new Map<string, StoredItem>();
  for (const list of lists) for (const item of list) found.set(item.id, item);
  return found;
}

/**
 * The context of a request with `input`, `previous_response_id` and `conversation`, checked as the API checks
 * it: the two are exclusive, an unknown previous response is a 400, an unknown conversation a 404, a reference
 * to an item no stored response holds a 400, and function calls and their outputs must pair up (each refusal
 * thrown).
 */
export function resolveContext(state: StateStore, body: JsonObject, options: { checkToolPairs: boolean; sent?: unknown }): ResponseContext {
  const previousId = body['previous_response_id'];
  const conversation = body['conversation'];
  if (typeof previousId === 'string' && conversation !== undefined && conversation !== null) {
    throw badRequest("Mutually exclusive parameters: Ensure you are only providing one of: 'previous_response_id' or 'conversation'.", 'previous_response_id', 'mutually_exclusive_parameters');
  }
  // The earlier items are read only if something needs them all (a reference, a compaction): a chain's are many.
  let earlier: { values(): unknown[] } | undefined;
  let earlierOutput: readonly StoredItem[] = [];
  let conversationItems: StoredItem[] | undefined;
  let priorCallItems: readonly StoredItem[] | undefined;
  let conversationId: string | undefined;
  let previous: ReturnType<StateStore['responses']['get']>;
  if (typeof previousId === 'string') {
    const found = state.responses.get(previousId);
    if (!found) throw badRequest(`Previous response with id '${previousId}' not found.`, 'previous_response_id', 'previous_response_not_found');
    previous = found;
    const output = found.output as unknown as StoredItem[];
    // Read (and filled, the chain's earlier stores in a loop) only when something needs every earlier item.
    earlier = {
      values() {
        fillChain(state, previousId);
        return state.responses.inputItems.of(previousId).values();
      },
    };
    earlierOutput = output;
    const calls = callItemsOf(state).get(previousId);
    if (calls !== undefined) priorCallItems = withCallIds(output, [...calls]);
  } else if (conversation !== undefined && conversation !== null) {
    conversationId = conversationIdOf(conversation);
    if (conversationId === undefined) throw badRequest("Invalid type for 'conversation': expected a string or an object with an 'id'.", 'conversation', 'invalid_type');
    if (!state.conversations.has(conversationId)) throw noSuch('conversation', conversationId, { param: 'conversation' });
    conversationItems = state.conversations.items.of(conversationId).values() as StoredItem[];
  }
  const prior = new PriorItems(earlier, earlierOutput, conversationItems);
  const raw = body['input'];
  const rawItems: readonly unknown[] = Array.isArray(raw) ? raw : [];
  // A growing input sent again (no chain, no conversation): the items the last request had are taken as they were.
  const memo = previous === undefined && conversationId === undefined && typeof options.sent === 'string' ? sameInput(state, options.sent, rawItems) : undefined;
  const from = memo?.count ?? 0;
  const normalized = normalizeItems(raw, 'input', from);
  // The items a reference may name first: the earlier ones and this input's own (made only if a reference asks).
  let known: Map<string, StoredItem> | undefined;
  // Taken again, the items are appended to the memo's array when nothing else was (no copy each turn).
  const shelf: StoredItem[] = memo ? (memo.shelf.length === memo.count ? memo.shelf : memo.shelf.slice(0, memo.count)) : [];
  const input = shelf;
  const sentIds: StoredItem[] = [];
  const made: StoredItem[] = [];
  const madeAt: number[] = memo ? memo.madeAt.slice() : [];
  for (let index = 0; index < normalized.length; index++) {
    const item = normalized[index] as StoredItem;
    if (item.type !== 'item_reference') {
      input.push(item);
      // An id the mock made here cannot be named yet: only the ones the request sent can.
      const sentItem = rawItems[from + index];
      if (isPlainObject(sentItem) && typeof sentItem['id'] === 'string') {
        sentIds.push(item);
        known?.set(item.id, item);
      } else {
        made.push(item);
        madeAt.push(input.length - 1);
      }
      continue;
    }
    known ??= byId([prior.items, memo?.named ?? [], sentIds]);
    const named = known.get(item.id);
    const found = named ?? storedItem(state, item.id);
    if (!found) throw badRequest(`Item with id '${item.id}' not found.`, 'input');
    // An item named from the earlier items (a conversation's) is held by this response too.
    if (named !== undefined) sentIds.push(found);
    input.push(found);
  }
  const newItems = memo ? input.slice(from) : input;
  const length = input.length;
  const callItems = withCallIds(newItems, memo ? [...memo.callItems] : []);
  if (options.checkToolPairs) checkToolPairs(priorCallItems ?? prior.items, callItems);
  const priorTokens = previous === undefined && conversationId === undefined ? 0 : priorTokensOf(state, previous, prior, body['model']);
  const model = typeof body['model'] === 'string' ? body['model'] : undefined;
  const encoding = encodingForModel(model);
  const memoTokens = memo?.tokens.encoding === encoding ? memo.tokens.tokens : undefined;
  // A string input is one message whose text is the string: counted as such, without walking the item for its text.
  const inputTokens = typeof raw === 'string' && input.length === 1
    ? countTokens(raw, model)
    : memoTokens === undefined ? tokensOf(input, undefined, model, false) : memoTokens + tokensOf(newItems, undefined, model, false);
  const context: ResponseContext = {
    get prior() {
      return prior.items;
    },
    // This request's items: the shelf's first `length` (the shelf may grow with later requests).
    get input() {
      return shelf.length === length ? shelf : shelf.slice(0, length);
    },
    conversationId,
    previousId: previous?.id,
    priorTokens,
    priorCallItems,
    inputCallItems: callItems,
    sentIds,
    made,
    madeAt,
    inputTokens: { encoding, tokens: inputTokens },
  };
  if (previous === undefined && conversationId === undefined && typeof options.sent === 'string') {
    pendingMemos.set(context, { shelf, sent: options.sent, rawItems, from, base: memo, named: [...(memo?.named ?? []), ...sentIds], callItems });
  }
  return context;
}

/**
 * What a state's last `responses.create` with a growing `input` (no chain, no conversation) read, for the next
 * one: a client re-sending its history sends the same text again, then more items, so the items that text stands
 * for are the same (references resolve to the same items while no response was stored or deleted since).
 */
interface InputMemo extends ItemsPrefix {
  /** The items: the first `count` of `shelf`, an array the requests that grow the same history append to. */
  readonly shelf: StoredItem[];
  /** Those of them whose ids the requests sent, and those with a `call_id`. */
  readonly named: readonly StoredItem[];
  /** Where the items whose ids the mock made stand. */
  readonly madeAt: readonly number[];
  readonly callItems: readonly StoredItem[];
  /** Their token count, by the encoding named. */
  readonly tokens: { readonly encoding: EncodingName; readonly tokens: number };
  /** `state.responses.version` once the response was stored: after a later change of the store the memo is not used. */
  readonly version: number;
}

const inputMemos = bookkeeping('responses.inputMemo', () => ({ last: undefined as InputMemo | undefined }));

/** What a context needs to become the next memo, once its response is stored. */
interface PendingMemo {
  readonly shelf: StoredItem[];
  readonly sent: string;
  readonly rawItems: readonly unknown[];
  readonly from: number;
  readonly base: InputMemo | undefined;
  readonly named: readonly StoredItem[];
  readonly callItems: readonly StoredItem[];
}

const pendingMemos = new WeakMap<ResponseContext, PendingMemo>();

/** The memo, if `sent` starts with its text (the same items, then more) and nothing changed the responses since. */
function sameInput(state: StateStore, sent: string, rawItems: readonly unknown[]): InputMemo | undefined {
  const memo = inputMemos(state).last;
  if (memo === undefined || memo.version !== state.responses.version) return undefined;
  return itemsRepeated(memo, sent, rawItems) > 0 ? memo : undefined;
}

/**
 * Keeps what a create read (see {@link InputMemo}) once its response is stored, when the body's items stand in its
 * text one after the other as a client writing JSON without spaces sends them.
 */
export function rememberInput(state: StateStore, context: ResponseContext): void {
  const pending = pendingMemos.get(context);
  // The request's text and parsed items are not kept past this (the context lives on with the stored response).
  pendingMemos.delete(context);
  const memos = inputMemos(state);
  memos.last = undefined;
  if (pending === undefined || context.inputTokens === undefined || pending.rawItems.length === 0) return;
  const { sent, rawItems, from, base } = pending;
  const prefix = itemsPrefixOf(sent, 'input', from, rawItems.slice(from).map((item) => JSON.stringify(item)), base);
  if (prefix === undefined) return;
  memos.last = {
    ...prefix,
    shelf: pending.shelf,
    named: pending.named,
    madeAt: context.madeAt ?? [],
    callItems: pending.callItems,
    tokens: context.inputTokens,
    version: state.responses.version,
  };
}
