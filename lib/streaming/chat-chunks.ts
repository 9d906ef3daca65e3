import type { ChatCompletion, ChatCompletionChunk, ChatCompletionTokenLogprob } from 'openai/resources/chat/completions';
import { splitText } from './sse.js';

type Delta = ChatCompletionChunk.Choice.Delta;

/**
 * The token logprobs of a text cut into `pieces`, shared out among them: each piece carries the tokens whose
 * text it covers (the mock's tokens are its pieces, one each); tokens left over go with the last piece.
 * `undefined` when the answer has no logprobs.
 */
function logprobsByPiece(pieces: readonly string[], tokens: readonly ChatCompletionTokenLogprob[] | null | undefined): ChatCompletionTokenLogprob[][] | undefined {
  if (!tokens) return undefined;
  const shares: ChatCompletionTokenLogprob[][] = pieces.map(() => []);
  let next = 0;
  pieces.forEach((piece, at) => {
    let covered = 0;
    while (next < tokens.length && covered < piece.length) {
      const token = tokens[next];
      if (token === undefined) break;
      shares[at]?.push(token);
      covered += token.token.length;
      next += 1;
    }
  });
  shares[shares.length - 1]?.push(...tokens.slice(next));
  return shares;
}

/**
 * The chunks a chat completion streams as: per choice a role delta, the content (or refusal) in several
 * deltas (each with its tokens' logprobs when the answer has logprobs), a legacy `function_call`'s name then its
 * arguments, each tool call's name then its arguments in pieces, and a finish chunk; with `includeUsage`, one
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
    const delta = (d: Delta, finish: ChatCompletionChunk.Choice['finish_reason'] = null, logprobs: ChatCompletionChunk.Choice['logprobs'] = null): void => {
      chunks.push(chunk({ index, delta: d, finish_reason: finish, logprobs }));
    };
    // With logprobs, the first chunk opens them (so an answer with no content still streams `{ content: [] }`).
    delta({ role: 'assistant', content: '', refusal: null }, null, choice.logprobs && { content: [], refusal: null });
    const contentPieces = splitText(message.content ?? '');
    const contentLogprobs = logprobsByPiece(contentPieces, choice.logprobs?.content);
    contentPieces.forEach((piece, at) => delta({ content: piece }, null, contentLogprobs && { content: contentLogprobs[at] ?? [], refusal: null }));
    const refusalPieces = splitText(message.refusal ?? '');
    const refusalLogprobs = logprobsByPiece(refusalPieces, choice.logprobs?.refusal);
    refusalPieces.forEach((piece, at) => delta({ refusal: piece }, null, refusalLogprobs && { content: null, refusal: refusalLogprobs[at] ?? [] }));
    if (message.function_call) {
      // The legacy function call: its name first, then its arguments in pieces.
      delta({ function_call: { name: message.function_call.name, arguments: '' } });
      for (const piece of splitText(message.function_call.arguments)) delta({ function_call: { arguments: piece } });
    }
    (message.tool_calls ?? []).forEach((call, at) => {
      if (call.type === 'function') {
        delta({ tool_calls: [{ index: at, id: call.id, type: 'function', function: { name: call.function.name, arguments: '' } }] });
        for (const piece of splitText(call.function.arguments)) delta({ tool_calls: [{ index: at, function: { arguments: piece } }] });
      } else if (call.type === 'custom') {
        delta({ tool_calls: [{ index: at, id: call.id, type: 'custom', custom: { name: call.custom.name, input: '' } }] });
        for (const piece of splitText(call.custom.input)) delta({ tool_calls: [{ index: at, custom: { input: piece } }] });
      }
    });
    delta({}, choice.finish_reason);
  }
  if (includeUsage && completion.usage) {
    chunks.push({ ...chunk({ index: 0, delta: {}, finish_reason: null, logprobs: null }), choices: [], usage: completion.usage });
  }
  return chunks;
}
