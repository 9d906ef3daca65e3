import type { RealtimeFunctionTool, RealtimeResponse } from 'openai/resources/realtime/realtime';
import type { RealtimeResponseRequest } from '../../catalog/beyond-sdk.js';
import { newId } from '../../internal/ids.js';
import { isPlainObject, type JsonObject } from '../../internal/merge.js';
import { countTokens } from '../../internal/validate.js';
import type { Behaviours } from '../behaviour.js';
import type { CallContext } from '../behaviour.js';
import { sampleArguments } from './tool-arguments.js';

/** The fields of a realtime item the API always sends, by the item's type (a message when it names none). */
function defaultItem(type: string): JsonObject {
  switch (type) {
    case 'function_call':
      return { id: newId('item_'), object: 'realtime.item', type, status: 'completed', call_id: newId('call_'), name: '', arguments: '{}' };
    default:
      return { id: newId('item_'), object: 'realtime.item', type: 'message', role: 'assistant', status: 'completed', content: [] };
  }
}

/**
 * An assistant content part in the response's modality: a text part the user set (`output_text` with `text`)
 * becomes an `output_audio` part with that `transcript` when the response speaks, and the other way round.
 */
function partFor(part: JsonObject, audio: boolean): JsonObject {
  const said = typeof part['transcript'] === 'string' ? part['transcript'] : typeof part['text'] === 'string' ? part['text'] : '';
  return audio ? { type: 'output_audio', transcript: said } : { type: 'output_text', text: said };
}

/** The function call the model makes when `tool_choice` forces one: the named function, or the first tool. */
function forcedCall(body: RealtimeResponseRequest): JsonObject | undefined {
  const choice = body.tool_choice;
  const functions = body.tools.filter((tool): tool is RealtimeFunctionTool => tool.type === 'function');
  const name = isPlainObject(choice) && choice['type'] === 'function' ? choice['name'] : choice === 'required' ? functions[0]?.name : undefined;
  if (typeof name !== 'string') return undefined;
  const tool = functions.find((candidate) => candidate.name === name);
  return { type: 'function_call', name, arguments: JSON.stringify(sampleArguments(tool?.parameters)) };
}

/** The items a user's partial output completes to: ids, statuses, call ids, and parts in the response's modality. */
function completeOutput(items: readonly unknown[], audio: boolean): JsonObject[] {
  return items.map((partial) => {
    const own = isPlainObject(partial) ? partial : {};
    const type = typeof own['type'] === 'string' ? own['type'] : 'message';
    const args = own['arguments'];
    const item: JsonObject = { ...defaultItem(type), ...own, ...(args !== undefined && typeof args !== 'string' && { arguments: JSON.stringify(args) }) };
    if (item['type'] === 'message') {
      const content = Array.isArray(own['content']) ? own['content'] : [{}];
      item['content'] = content.map((part) => partFor(isPlainObject(part) ? part : {}, audio));
    }
    return item;
  });
}

/** What a response's output says: its text and transcripts, and its calls' arguments. */
function outputText(output: readonly JsonObject[]): string {
  return output.map((item) => {
    if (item['type'] === 'function_call') return `${String(item['name'])}${String(item['arguments'])}`;
    const content = Array.isArray(item['content']) ? item['content'] : [];
    return content.map((part: unknown) => (isPlainObject(part) ? String(part['text'] ?? part['transcript'] ?? '') : '')).join('');
  }).join('');
}

/** Audio tokens of a text spoken: the API counts about ten a second, and the mock speaks 0.4 s a word. */
function audioTokensOf(text: string): number {
  return Math.ceil(text.split(/\s+/).filter((word) => word !== '').length * 4);
}

/**
 * The realtime response a turn answers: the request's settings echoed (modalities, audio output, max output
 * tokens, metadata), one assistant message by default (an empty one, as every mock answer; a function call
 * when `tool_choice` is `'required'` or names a function), then the user's partial on top: its output items
 * completed (ids, call ids, statuses), a message's parts made `output_audio` with a transcript when the response
 * speaks or `output_text` when it writes, and usage counted from the conversation and the output.
 */
export function realtimeResponse(body: RealtimeResponseRequest, override: unknown): RealtimeResponse {
  const own = isPlainObject(override) ? override : {};
  const audio = body.output_modalities.includes('audio');
  const forced = forcedCall(body);
  const output = completeOutput(Array.isArray(own['output']) ? own['output'] : [forced ?? {}], audio);
  const inputTokens = countTokens(body.instructions) + countTokens(body.input);
  const said = outputText(output);
  const textTokens = countTokens(said);
  const audioTokens = audio ? audioTokensOf(said) : 0;
  const status = typeof own['status'] === 'string' ? own['status'] : 'completed';
  const response: JsonObject = {
    object: 'realtime.response',
    id: newId('resp_'),
    status,
    ...(status !== 'completed' && { status_details: { type: status, reason: status === 'incomplete' ? 'max_output_tokens' : 'client_cancelled' } }),
    output,
    // Out of band (`conversation: 'none'`), the response belongs to no conversation.
    ...(body.conversation !== 'none' && { conversation_id: body.conversation === 'auto' ? newId('conv_') : body.conversation }),
    output_modalities: body.output_modalities,
    max_output_tokens: body.max_output_tokens,
    audio: { output: body.audio.output },
    metadata: body.metadata,
    usage: {
      total_tokens: inputTokens + textTokens + audioTokens,
      input_tokens: inputTokens,
      output_tokens: textTokens + audioTokens,
      input_token_details: { text_tokens: inputTokens, audio_tokens: 0, image_tokens: 0, cached_tokens: 0, cached_tokens_details: { text_tokens: 0, audio_tokens: 0, image_tokens: 0 } },
      output_token_details: { text_tokens: textTokens, audio_tokens: audioTokens },
    },
  };
  const { output: _, ...rest } = own;
  return { ...response, ...rest, output } as unknown as RealtimeResponse;
}

/**
 * The routes a realtime socket calls (see `lib/websocket/realtime/`): each turn (`realtime.response.create`),
 * each input audio transcription (`realtime.inputTranscription.create`: the transcript the user sets, empty
 * by default, as `audio.transcriptions.create` answers), and each stretch of speech a translation socket
 * translates (`realtime.translation.create`: the translation and source transcript the user sets, empty by default).
 */
// Not routes of the SDK's catalog (the socket calls them), so not defined by name.
export const realtimeTurnRoutes: Behaviours = {
  'realtime.response.create': {
    respond: (call: CallContext) => realtimeResponse(call.body as RealtimeResponseRequest, call.override),
  },
  'realtime.inputTranscription.create': {
    respond: (call: CallContext) => call.complete({ transcript: '' }),
  },
  'realtime.translation.create': {
    respond: (call: CallContext) => call.complete({ transcript: '', translation: '' }),
  },
};
