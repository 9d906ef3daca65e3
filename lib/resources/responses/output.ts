import type {
  ResponseFunctionToolCall,
  ResponseOutputMessage,
  ResponseOutputRefusal,
  ResponseOutputText,
  ResponseReasoningItem,
} from 'openai/resources/responses/responses';
import { newId } from '../../internal/ids.js';
import { complete, isPlainObject, type JsonObject } from '../../internal/merge.js';
import type { ModelPartial } from '../../internal/model-partial.js';

/** The id prefix the API gives each kind of item (`msg_`, `fc_`, `rs_`, ...); other kinds get `item_`. */
const idPrefixes: Readonly<Record<string, string>> = {
  message: 'msg_',
  function_call: 'fc_',
  function_call_output: 'fco_',
  custom_tool_call: 'ctc_',
  custom_tool_call_output: 'ctco_',
  reasoning: 'rs_',
  web_search_call: 'ws_',
  file_search_call: 'fs_',
  computer_call: 'cu_',
  computer_call_output: 'cuo_',
  code_interpreter_call: 'ci_',
  image_generation_call: 'ig_',
  local_shell_call: 'lsh_',
  shell_call: 'sh_',
  shell_call_output: 'sho_',
  apply_patch_call: 'apc_',
  apply_patch_call_output: 'apco_',
  mcp_call: 'mcp_',
  mcp_list_tools: 'mcpl_',
  mcp_approval_request: 'mcpr_',
  mcp_approval_response: 'mcpa_',
  compaction: 'cmp_',
  tool_search_call: 'tsc_',
};

/** A fresh id for an item of this type, with the API's prefix. */
export function newItemId(type: string): string {
  return newId(idPrefixes[type] ?? 'item_');
}

/** The default content part of a message or reasoning item, by the part's type (an empty `output_text` by default). */
function defaultPart(_index: number, partial: JsonObject): JsonObject {
  switch (partial['type']) {
    case 'refusal':
      return { type: 'refusal', refusal: '' };
    case 'reasoning_text':
      return { type: 'reasoning_text', text: '' };
    case 'input_text':
      return { type: 'input_text', text: '' };
    default:
      return { type: 'output_text', text: '', annotations: [], logprobs: [] };
  }
}

/**
 * The default output item of a type, with a fresh id and the fields the API always sends: an assistant
 * message with one empty `output_text` part, a function call with a `call_` id, a reasoning item, ...
 */
export function defaultOutputItem(type: string): JsonObject {
  const id = newItemId(type);
  switch (type) {
    case 'message':
      return { id, type, role: 'assistant', status: 'completed', content: [defaultPart(0, {})] };
    case 'function_call':
      return { id, type, status: 'completed', call_id: newId('call_'), name: '', arguments: '{}' };
    case 'custom_tool_call':
      return { id, type, call_id: newId('call_'), name: '', input: '' };
    case 'reasoning':
      return { id, type, summary: [] };
    case 'web_search_call':
      return { id, type, status: 'completed', action: { type: 'search', query: '' } };
    case 'file_search_call':
      return { id, type, status: 'completed', queries: [], results: null };
    case 'code_interpreter_call':
      return { id, type, status: 'completed', code: '', container_id: newId('cntr_'), outputs: null };
    case 'image_generation_call':
      return { id, type, status: 'completed', result: null };
    case 'computer_call':
      return { id, type, status: 'completed', call_id: newId('call_'), pending_safety_checks: [] };
    case 'mcp_call':
      return { id, type, status: 'completed', name: '', arguments: '{}', server_label: '', output: null, error: null };
    case 'mcp_list_tools':
      return { id, type, server_label: '', tools: [] };
    case 'mcp_approval_request':
      return { id, type, name: '', arguments: '{}', server_label: '' };
    case 'compaction':
      return { id, type, encrypted_content: '' };
    case 'shell_call':
    case 'shell_call_output':
    case 'local_shell_call':
    case 'apply_patch_call':
    case 'apply_patch_call_output':
      return { id, type, status: 'completed', call_id: newId('call_') };
    default:
      return { id, type };
  }
}

/** How the elements of an output item's arrays are completed: content parts by type, summaries, search results. */
const outputItemElements = {
  'content[]': defaultPart,
  'summary[]': () => ({ type: 'summary_text', text: '' }),
  'results[]': () => ({ attributes: {} }),
};

/**
 * Completes one partial output item by its `type` (a message when it names none), parts included; `arguments`
 * given as an object (or any non-string) is sent as the JSON string the API sends.
 */
export function completeOutputItem(partial: unknown): JsonObject {
  const item = isPlainObject(partial) ? partial : {};
  const type = typeof item['type'] === 'string' ? item['type'] : 'message';
  const args = item['arguments'];
  const own = args === undefined || typeof args === 'string' ? item : { ...item, arguments: JSON.stringify(args) };
  // Nothing of its own (the default answer's item): the default, made afresh, is the item.
  for (const key in own) if (Object.hasOwn(own, key)) return complete(defaultOutputItem(type), own, outputItemElements);
  return defaultOutputItem(type);
}

type OutputMessagePartial = ModelPartial<ResponseOutputMessage>;

/**
 * Options of {@link responseOutput.text}.
 *
 * @example
 * openaiMock.responses.create.response = { output: [responseOutput.text('Hello!', { id: 'msg_fixed' })] };
 */
export interface TextOutputOptions {
  /** Citations and file paths the text carries. */
  annotations?: ModelPartial<ResponseOutputText['annotations']>;
  /** `'commentary'` or `'final_answer'` (gpt-5 phases). */
  phase?: ResponseOutputMessage['phase'];
  /** The item id (a fresh `msg_` id otherwise). */
  id?: string;
}

/**
 * Options of {@link responseOutput.functionCall}.
 *
 * @example
 * openaiMock.responses.create.response = { output: [responseOutput.functionCall('get_weather', { city: 'Paris' }, { call_id: 'call_1' })] };
 */
export interface FunctionCallOutputOptions {
  /** The call id the app answers with a `function_call_output` (a fresh `call_` id otherwise). */
  call_id?: string;
  /** The item id (a fresh `fc_` id otherwise). */
  id?: string;
  /** The tool namespace, for namespaced function tools. */
  namespace?: string;
}

/**
 * Short forms of the output items a test sets most: text, a refusal, function calls and reasoning. Each returns
 * a partial output item; the route fills in ids (`msg_`, `fc_`, `rs_`, `call_`) and statuses.
 *
 * @example
 * openaiMock.responses.create.response = { output: [responseOutput.text('Hello!')] };
 * openaiMock.responses.create.response = {
 *   output: [
 *     responseOutput.functionCall('get_weather', { city: 'Paris' }),
 *     responseOutput.functionCall('get_weather', { city: 'Rome' }),
 *   ],
 * };
 */
export const responseOutput = {
  /**
   * An assistant message whose one `output_text` part is `text`.
   *
   * @example
   * openaiMock.responses.create.response = { output: [responseOutput.text('Hello!')] };
   */
  text(text: string, options: TextOutputOptions = {}): OutputMessagePartial {
    const part: ModelPartial<ResponseOutputText> = { type: 'output_text', text, ...(options.annotations !== undefined && { annotations: options.annotations }) };
    return {
      type: 'message',
      role: 'assistant',
      content: [part],
      ...(options.phase !== undefined && { phase: options.phase }),
      ...(options.id !== undefined && { id: options.id }),
    };
  },

  /**
   * An assistant message that refuses, with one `refusal` part.
   *
   * @example
   * openaiMock.responses.create.response = { output: [responseOutput.refusal("I can't help with that.")] };
   */
  refusal(refusal: string): OutputMessagePartial {
    const part: ResponseOutputRefusal = { type: 'refusal', refusal };
    return { type: 'message', role: 'assistant', content: [part] };
  },

  /**
   * A function call: `args` is sent as the JSON `arguments` string (a string is sent as it is).
   *
   * @example
   * openaiMock.responses.create.response = { output: [responseOutput.functionCall('get_weather', { city: 'Paris' })] };
   */
  functionCall(name: string, args: unknown = {}, options: FunctionCallOutputOptions = {}): ModelPartial<ResponseFunctionToolCall> {
    return {
      type: 'function_call',
      name,
      arguments: typeof args === 'string' ? args : JSON.stringify(args),
      ...(options.call_id !== undefined && { call_id: options.call_id }),
      ...(options.id !== undefined && { id: options.id }),
      ...(options.namespace !== undefined && { namespace: options.namespace }),
    };
  },

  /**
   * A reasoning item with one summary part per string (and, with `content`, reasoning text).
   *
   * @example
   * openaiMock.responses.create.response = { output: [responseOutput.reasoning('Checking the forecast.'), responseOutput.text('Sunny.')] };
   */
  reasoning(summary: string | readonly string[] = [], options: { content?: string | readonly string[] } = {}): ModelPartial<ResponseReasoningItem> {
    const list = (value: string | readonly string[]): string[] => (typeof value === 'string' ? [value] : [...value]);
    return {
      type: 'reasoning',
      summary: list(summary).map((text) => ({ type: 'summary_text' as const, text })),
      ...(options.content !== undefined && { content: list(options.content).map((text) => ({ type: 'reasoning_text' as const, text })) }),
    };
  },
};
