import type { ChatCompletion, ChatCompletionChunk } from 'openai/resources/chat/completions';
import { splitText } from './sse.js';

type Delta = ChatCompletionChunk.Choice.Delta;

/**
 * The chunks a chat completion streams as: per choice a role delta, the content (or refusal) in several
 * deltas, each tool call's name then its arguments in pieces, and a finish chunk; with `includeUsage`, one
 * last chunk with no choices and the usage, as `stream_options.include_usage` asks.
 */
export function chatCompletionChunks(completion: ChatCompletion, includeUsage: boolean): ChatCompletionChunk[] {
  const chunks: ChatCompletionChunk[] = [];
  const chunk = (choice: ChatCompletionChunk.Choice): ChatCompletionChunk => ({
    id: completion.id,
    object: 'chat.completion.chunk',
    created: completion.created,
    model: completion.model,
    ...(completion.system_fingerprint !== undefined && { system_fingerprint: completion.system_fingerprint }),
    ...(completion.service_tier !== undefined && { service_tier: completion.service_tier }),
    choices: [choice],
    ...(includeUsage && { usage: null }),
  });
  for (const choice of completion.choices) {
    const { index, message } = choice;
    const delta = (d: Delta, finish: ChatCompletionChunk.Choice['finish_reason'] = null): void => {
      chunks.push(chunk({ index, delta: d, finish_reason: finish, logprobs: null }));
    };
    delta({ role: 'assistant', content: '', refusal: null });
    for (const piece of splitText(message.content ?? '')) delta({ content: piece });
    for (const piece of splitText(message.refusal ?? '')) delta({ refusal: piece });
    (message.tool_calls ?? []).forEach((call, at) => {
      if (call.type !== 'function') return;
      delta({ tool_calls: [{ index: at, id: call.id, type: 'function', function: { name: call.function.name, arguments: '' } }] });
      for (const piece of splitText(call.function.arguments)) delta({ tool_calls: [{ index: at, function: { arguments: piece } }] });
    });
    delta({}, choice.finish_reason);
  }
  if (includeUsage && completion.usage) {
    chunks.push({ ...chunk({ index: 0, delta: {}, finish_reason: null, logprobs: null }), choices: [], usage: completion.usage });
  }
  return chunks;
}
