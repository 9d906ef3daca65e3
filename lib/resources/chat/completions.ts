import type {
  ChatCompletion,
  ChatCompletionCreateParams,
  ChatCompletionMessageParam,
  ChatCompletionStoreMessage,
  ChatCompletionTokenLogprob,
} from 'openai/resources/chat/completions';
import { notFound } from '../../errors.js';
import { nowSeconds } from '../../internal/clock.js';
import { newId } from '../../internal/ids.js';
import { isPlainObject, type JsonObject } from '../../internal/merge.js';
import { listParams, requireBody } from '../../internal/validate.js';
import { chatPromptTokens, chatReplyTokens } from '../../tokens/chat-prompt.js';
import { chatCompletionChunks } from '../../streaming/chat-chunks.js';
import { eventStream, splitText } from '../../streaming/sse.js';
import type { Behaviours, CallContext } from '../behaviour.js';

/** The default choice at `index`: an assistant message with empty content (a model would write it). */
export function defaultChoice(index: number): JsonObject {
  return {
    index,
    finish_reason: 'stop',
    logprobs: null,
    message: { role: 'assistant', content: '', refusal: null, annotations: [] },
  };
}

/** The default tool call: a function call with a fresh `call_` id. */
export function defaultToolCall(): JsonObject {
  return { id: newId('call_'), type: 'function', function: { name: '', arguments: '{}' } };
}

function userSet(override: unknown, index: number, ...path: string[]): boolean {
  if (!isPlainObject(override) || !Array.isArray(override['choices'])) return false;
  let node: unknown = override['choices'][index];
  for (const key of path) {
    if (!isPlainObject(node)) return false;
    node = node[key];
  }
  return node !== undefined;
}

function tokenLogprobs(text: string): ChatCompletionTokenLogprob[] {
  return splitText(text).map((token) => ({
    token,
    logprob: 0,
    bytes: [...new TextEncoder().encode(token)],
    top_logprobs: [],
  }));
}

function storeMessages(call: CallContext, completionId: string, messages: readonly ChatCompletionMessageParam[]): void {
  const store = call.state.chat.completions.messages.of(completionId);
  messages.forEach((message, at) => {
    const content = typeof message.content === 'string' || message.content === null || message.content === undefined
      ? (message.content ?? null)
      : message.content.map((part) => ('text' in part ? part.text : '')).join('');
    const stored = { ...message, id: `${completionId}-${at}`, content } as unknown as ChatCompletionStoreMessage;
    store.put(stored);
  });
}

function create(call: CallContext): ChatCompletion | Response {
  const body = requireBody(call.body, ['model', 'messages']);
  if (body instanceof Response) return body;
  const params = body as unknown as ChatCompletionCreateParams;
  const n = params.n ?? 1;
  const defaults: ChatCompletion & JsonObject = {
    id: newId('chatcmpl-'),
    object: 'chat.completion',
    created: nowSeconds(),
    model: params.model,
    choices: Array.from({ length: n }, (_, index) => defaultChoice(index)) as unknown as ChatCompletion.Choice[],
    service_tier: params.service_tier ?? 'default',
    system_fingerprint: 'fp_mock',
  };
  const completion = call.complete(defaults, {
    'choices[]': defaultChoice,
    'choices[].message.tool_calls[]': defaultToolCall,
  });
  completion.choices.forEach((choice, at) => {
    const calls = choice.message.tool_calls ?? [];
    if (calls.length > 0) {
      if (!userSet(call.override, at, 'finish_reason')) choice.finish_reason = 'tool_calls';
      if (!userSet(call.override, at, 'message', 'content') && choice.message.content === '') choice.message.content = null;
    }
    if (params.logprobs && !userSet(call.override, at, 'logprobs')) {
      choice.logprobs = { content: tokenLogprobs(choice.message.content ?? ''), refusal: null };
    }
  });
  if (!isPlainObject(call.override) || call.override['usage'] === undefined) {
    const prompt = chatPromptTokens(params.messages, params.model, params.tools);
    const output = completion.choices.reduce((sum, choice) => sum + chatReplyTokens(choice.message, params.model), 0);
    completion.usage = {
      prompt_tokens: prompt,
      completion_tokens: output,
      total_tokens: prompt + output,
      prompt_tokens_details: { cached_tokens: 0, audio_tokens: 0 },
      completion_tokens_details: { reasoning_tokens: 0, audio_tokens: 0, accepted_prediction_tokens: 0, rejected_prediction_tokens: 0 },
    };
  }
  if (params.store) {
    if (params.metadata !== undefined) completion.metadata = params.metadata;
    call.state.chat.completions.put(completion);
    storeMessages(call, completion.id, params.messages);
  }
  return completion;
}

function stored(call: CallContext): ChatCompletion | Response {
  const id = call.params['completion_id'] ?? '';
  const completion = call.state.chat.completions.get(id);
  return completion ? call.complete(completion) : notFound('chat completion', id, 'completion_id');
}

/** `client.chat.completions.*`: create (streaming too) and the stored-completion routes. */
export const chatCompletionRoutes: Behaviours = {
  'chat.completions.create': {
    respond: create,
    stream(model, call) {
      const params = call.body as ChatCompletionCreateParams;
      const chunks = chatCompletionChunks(model as ChatCompletion, params.stream_options?.include_usage === true);
      return eventStream([...chunks, '[DONE]']);
    },
  },
  'chat.completions.retrieve': { respond: stored },
  'chat.completions.update': {
    respond(call) {
      const body = requireBody(call.body, ['metadata']);
      if (body instanceof Response) return body;
      const found = stored(call);
      if (found instanceof Response) return found;
      return call.state.chat.completions.put({ ...found, metadata: body['metadata'] as Record<string, string> | null });
    },
  },
  'chat.completions.delete': {
    respond(call) {
      const id = call.params['completion_id'] ?? '';
      if (!call.state.chat.completions.delete(id)) return notFound('chat completion', id, 'completion_id');
      return call.complete({ id, object: 'chat.completion.deleted', deleted: true });
    },
  },
  'chat.completions.list': {
    respond(call) {
      const model = call.query.get('model');
      const metadata = [...call.query.entries()]
        .map(([key, value]) => [/^metadata\[(.+)\]$/.exec(key)?.[1], value] as const)
        .filter((pair): pair is readonly [string, string] => pair[0] !== undefined);
      const page = call.state.chat.completions.list({ order: 'asc', ...listParams(call.query) }, (completion) =>
        (model === null || completion.model === model) &&
        metadata.every(([key, value]) => completion.metadata?.[key] === value),
      );
      return call.complete(page);
    },
  },
  'chat.completions.messages.list': {
    respond(call) {
      const id = call.params['completion_id'] ?? '';
      if (!call.state.chat.completions.has(id)) return notFound('chat completion', id, 'completion_id');
      const page = call.state.chat.completions.messages.of(id).list({ order: 'asc', ...listParams(call.query) });
      return call.complete(page);
    },
  },
};
