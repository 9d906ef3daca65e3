import { contentText } from '../internal/content-text.js';
import { isPlainObject } from '../internal/merge.js';
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
  for (const message of Array.isArray(messages) ? messages : []) {
    if (!isPlainObject(message)) continue;
    total += perMessage;
    if (typeof message['role'] === 'string') total += countTextTokens(message['role'], model);
    total += countTextTokens(contentText(message['content']), model);
    if (typeof message['name'] === 'string') total += perName + countTextTokens(message['name'], model);
    for (const call of Array.isArray(message['tool_calls']) ? message['tool_calls'] : []) {
      const fn: unknown = isPlainObject(call) ? call['function'] : undefined;
      if (!isPlainObject(fn)) continue;
      total += countTextTokens(String(fn['name'] ?? ''), model) + countTextTokens(String(fn['arguments'] ?? ''), model);
    }
  }
  if (Array.isArray(tools) && tools.length > 0) total += countTextTokens(JSON.stringify(tools), model);
  return total;
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
