import type {
  ChatCompletion,
  ChatCompletionMessageParam,
  ChatCompletionMessageToolCall,
  ChatCompletionStoreMessage,
  ChatCompletionTokenLogprob,
} from 'openai/resources/chat/completions';
import { nowSeconds } from '../../internal/clock.js';
import { newId } from '../../internal/ids.js';
import { isPlainObject, type JsonObject } from '../../internal/merge.js';
import { chatReplyTokens, sentChatPromptTokens } from '../../tokens/chat-prompt.js';
import { boundedCount } from '../../validation/bounded-count.js';
import { chatCompletionChunks } from '../../streaming/chat-chunks.js';
import { splitText } from '../../streaming/sse.js';
import { type ForcedToolCall, forcedFunctionCall, forcedToolCall } from '../kit/forced-tool-call.js';
import { structuredOutputText } from '../kit/structured-output.js';
import { type Call, type CallContext, type CallWith, type WithEvents, defineBehaviours, deleteFrom, found, listPage, requiredBody, withEvents } from '../kit/index.js';

/**
 * The default choice at `index`: an assistant message with empty content (a model would write it), or, under a
 * JSON output format, `content` (the smallest instance of the schema, `{}` for `json_object`).
 */
export function defaultChoice(index: number, content = ''): JsonObject {
  return {
    index,
    finish_reason: 'stop',
    logprobs: null,
    message: { role: 'assistant', content, refusal: null, annotations: [] },
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

/** A forced call as a chat tool call, with a fresh `call_` id. */
function forcedChatCall(forced: ForcedToolCall): ChatCompletionMessageToolCall {
  const id = newId('call_');
  return forced.type === 'function'
    ? { id, type: 'function', function: { name: forced.name, arguments: forced.arguments } }
    : { id, type: 'custom', custom: { name: forced.name, input: forced.input } };
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

/** The defaults of a completion's choices (with `content`) and of their tool calls, for `complete()`. */
function choiceElements(content: string): { readonly 'choices[]': (index: number) => JsonObject; readonly 'choices[].message.tool_calls[]': () => JsonObject } {
  return { 'choices[]': (index) => defaultChoice(index, content), 'choices[].message.tool_calls[]': defaultToolCall };
}

const plainChoiceElements = choiceElements('');

function create(call: Call<'chat.completions.create'>): ChatCompletion | WithEvents<ChatCompletion> {
  const params = requiredBody(call, ['model', 'messages']);
  // The API takes at most 128 choices (the request schema says so too; this holds with validation off).
  const n = boundedCount(params.n, 'n', 128, 1);
  const content = structuredOutputText(params.response_format) ?? '';
  // Most calls ask for no JSON format: their element defaults are made once, not per call.
  const elements = content === '' ? plainChoiceElements : choiceElements(content);
  const choiceDefault = elements['choices[]'];
  const defaults: ChatCompletion & JsonObject = {
    id: newId('chatcmpl-'),
    object: 'chat.completion',
    created: nowSeconds(),
    model: params.model,
    choices: Array.from({ length: n }, (_, index) => choiceDefault(index)) as unknown as ChatCompletion.Choice[],
    service_tier: params.service_tier ?? 'default',
    system_fingerprint: 'fp_mock',
  };
  const completion = call.complete(defaults, elements);
  const forced = forcedToolCall(params.tools, params.tool_choice);
  const forcedFunction = forcedFunctionCall(params.functions, params.function_call);
  completion.choices.forEach((choice, at) => {
    const ownAnswer = ['content', 'tool_calls', 'function_call', 'refusal'].some((field) => userSet(call.override, at, 'message', field));
    if (!ownAnswer && forced) {
      choice.message.tool_calls = [forcedChatCall(forced)];
      choice.message.content = null;
    } else if (!ownAnswer && forcedFunction) {
      choice.message.function_call = forcedFunction;
      choice.message.content = null;
    }
    const calls = choice.message.tool_calls ?? [];
    const called = calls.length > 0 ? 'tool_calls' : choice.message.function_call ? 'function_call' : undefined;
    if (called) {
      if (!userSet(call.override, at, 'finish_reason')) choice.finish_reason = called;
      if (!userSet(call.override, at, 'message', 'content') && choice.message.content === '') choice.message.content = null;
    }
    if (params.logprobs && !userSet(call.override, at, 'logprobs')) {
      choice.logprobs = { content: tokenLogprobs(choice.message.content ?? ''), refusal: null };
    }
  });
  if (!isPlainObject(call.override) || call.override['usage'] === undefined) {
    const prompt = sentChatPromptTokens(params.messages, params.model, params.tools, call.sent);
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
  const includeUsage = params.stream_options?.include_usage === true;
  return withEvents(completion, () => [...chatCompletionChunks(completion, includeUsage), '[DONE]']);
}

/** The stored completion a call names, or its 404 thrown. */
function stored(call: CallWith<{ completion_id: string }>): ChatCompletion {
  return found(call.state.chat.completions, 'chat completion', call.params.completion_id, { param: 'completion_id' });
}

/** `client.chat.completions.*`: create (streaming too) and the stored-completion routes. */
export const chatCompletionRoutes = defineBehaviours({
  'chat.completions.create': { respond: create },
  'chat.completions.retrieve': { respond: (call) => call.complete(stored(call)) },
  'chat.completions.update': {
    respond(call) {
      const body = requiredBody(call, ['metadata']);
      const completion = call.complete(stored(call));
      return call.state.chat.completions.put({ ...completion, metadata: body.metadata ?? null });
    },
  },
  'chat.completions.delete': {
    respond: (call) => deleteFrom(call, call.state.chat.completions, 'chat completion', call.params.completion_id, 'chat.completion.deleted', { param: 'completion_id' }),
  },
  'chat.completions.list': {
    respond(call) {
      const model = call.query.get('model');
      const metadata = [...call.query.entries()]
        .map(([key, value]) => [/^metadata\[(.+)\]$/.exec(key)?.[1], value] as const)
        .filter((pair): pair is readonly [string, string] => pair[0] !== undefined);
      return listPage(call, call.state.chat.completions, {
        order: 'asc',
        filter: (completion) => (model === null || completion.model === model) && metadata.every(([key, value]) => completion.metadata?.[key] === value),
      });
    },
  },
  'chat.completions.messages.list': {
    respond: (call) => listPage(call, call.state.chat.completions.messages.of(stored(call).id), { order: 'asc' }),
  },
});
