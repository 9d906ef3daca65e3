import { contentText } from '../internal/content-text.js';
import { type ItemsPrefix, itemsPrefixOf, repeatedItems } from '../internal/items-prefix.js';
import { isPlainObject } from '../internal/merge.js';
import { type EncodingName, encodingForModel } from './encoding.js';
import { countTextTokens } from './tokenizer.js';

/** Tokens the chat format adds around each message (its start, role separator and end) and before the reply. */
const perMessage = 3;
const perName = 1;
const replyPriming = 3;

/**
 * The prompt tokens of chat `messages` for `model`, as OpenAI's own guide counts them: each message's role,
 * name and text content by the model's tokenizer, 3 tokens of framing per message (1 more with a `name`), 3
 * priming the reply; an assistant message's tool calls count as their names and arguments. `tools`, when given,
 * count as their JSON definitions (the API renders them differently, so this part is approximate).
 *
 * @example
 * chatPromptTokens([{ role: 'user', content: 'Hello!' }], 'gpt-4o'); // 9
 */
export function chatPromptTokens(messages: unknown, model?: string, tools?: unknown): number {
  let total = replyPriming;
  for (const message of Array.isArray(messages) ? messages : []) total += chatMessageTokens(message, model);
  return total + chatToolsTokens(tools, model);
}

/**
 * The prompt tokens one chat message adds (see {@link chatPromptTokens}): its role, name and text content, its
 * tool calls' names and arguments, and its framing; none for a value that is not a message.
 *
 * @example
 * chatMessageTokens({ role: 'user', content: 'Hello!' }, 'gpt-4o'); // 6
 */
export function chatMessageTokens(message: unknown, model?: string): number {
  if (!isPlainObject(message)) return 0;
  let total = perMessage;
  if (typeof message['role'] === 'string') total += countTextTokens(message['role'], model);
  total += countTextTokens(contentText(message['content']), model);
  if (typeof message['name'] === 'string') total += perName + countTextTokens(message['name'], model);
  for (const call of Array.isArray(message['tool_calls']) ? message['tool_calls'] : []) {
    const fn: unknown = isPlainObject(call) ? call['function'] : undefined;
    if (!isPlainObject(fn)) continue;
    total += countTextTokens(String(fn['name'] ?? ''), model) + countTextTokens(String(fn['arguments'] ?? ''), model);
  }
  return total;
}

/**
 * The prompt tokens of a chat request's `tools` (see {@link chatPromptTokens}), and the 3 tokens priming the reply
 * left out: their JSON definitions.
 *
 * @example
 * chatToolsTokens([], 'gpt-4o'); // 0
 */
export function chatToolsTokens(tools: unknown, model?: string): number {
  return Array.isArray(tools) && tools.length > 0 ? countTextTokens(JSON.stringify(tools), model) : 0;
}

/** The last history counted by {@link sentChatPromptTokens}: its text up to the end of its messages, their tokens. */
let lastHistory: { readonly prefix: ItemsPrefix; readonly encoding: EncodingName; readonly tokens: number } | undefined;

/**
 * {@link chatPromptTokens} of a request's `messages`, sent as the JSON text `sent`: a conversation re-sends its
 * whole history each turn, so when `sent` starts with the last counted request's text up to the end of its
 * messages (see {@link repeatedItems}), those messages' tokens are taken as counted and only the new ones are.
 *
 * @example
 * const body = { model: 'gpt-4o', messages: [{ role: 'user', content: 'Hello!' }] };
 * sentChatPromptTokens(body.messages, body.model, undefined, JSON.stringify(body)); // 9
 */
export function sentChatPromptTokens(messages: unknown, model: string | undefined, tools: unknown, sent: unknown): number {
  if (typeof sent !== 'string' || !Array.isArray(messages)) return chatPromptTokens(messages, model, tools);
  const encoding = encodingForModel(model);
  const last = lastHistory?.encoding === encoding ? lastHistory : undefined;
  const repeated = last === undefined ? undefined : repeatedItems(last.prefix, sent, messages);
  const start = repeated?.count ?? 0;
  let tokens = repeated === undefined || last === undefined ? 0 : last.tokens;
  const texts: string[] = [];
  for (let at = start; at < messages.length; at++) {
    const message: unknown = messages[at];
    tokens += chatMessageTokens(message, model);
    texts.push(JSON.stringify(message));
  }
  const prefix = itemsPrefixOf(sent, 'messages', start, texts, repeated === undefined ? undefined : last?.prefix);
  lastHistory = prefix === undefined ? undefined : { prefix, encoding, tokens };
  return replyPriming + tokens + chatToolsTokens(tools, model);
}

/**
 * The completion tokens of a chat reply for `model`: its text (or refusal) and its tool calls' names and arguments.
 *
 * @example
 * chatReplyTokens({ role: 'assistant', content: 'Hi there!' }, 'gpt-4o'); // 3
 */
export function chatReplyTokens(message: unknown, model?: string): number {
  if (!isPlainObject(message)) return 0;
  let total = countTextTokens(contentText(message['content']), model);
  if (typeof message['refusal'] === 'string') total += countTextTokens(message['refusal'], model);
  for (const call of Array.isArray(message['tool_calls']) ? message['tool_calls'] : []) {
    const fn: unknown = isPlainObject(call) ? call['function'] : undefined;
    if (isPlainObject(fn)) total += countTextTokens(String(fn['name'] ?? ''), model) + countTextTokens(String(fn['arguments'] ?? ''), model);
  }
  return total;
}
