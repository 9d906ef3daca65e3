import type { ReportedCall } from './collect.js';
import { type Entry, type Part, audioPart, contentParts, imagePart, listOf, maxInlineMediaBytes, numberOf, objectOf, stringOf, textOf } from './parts.js';
import type { JsonObject } from '../internal/merge.js';

/** A tool a request offered the model: its name (or type), description and parameters. */
export interface ToolOffered {
  readonly name: string;
  readonly description?: string;
  readonly parameters?: unknown;
}

/** Tokens of a call, as its answer's `usage` counts them. */
export interface Tokens {
  readonly input?: number;
  readonly output?: number;
  readonly total?: number;
}

/** A call read as a conversation turn. */
export interface CallView {
  /** What was sent, in order (instructions first). */
  readonly sent: Entry[];
  /** How many of `sent` are history a previous call of the same thread already showed (set by the threading). */
  readonly tools: ToolOffered[];
  readonly answered: Entry[];
  readonly tokens?: Tokens;
  readonly model?: string;
  /** Whether the answer was a stream of events (assembled here). */
  readonly streamed: boolean;
  /** The history the request carries (chat `messages`, Responses `input`), each item as JSON: calls extending it share a thread. */
  readonly history: string[];
  /** The id of the object the answer made (a response, a thread), for threads that refer to it. */
  readonly answerId?: string;
  /** Where the call belongs by what it names: a `previous_response_id`, a conversation, an assistants thread. */
  readonly links: { readonly previousResponse?: string; readonly conversation?: string; readonly thread?: string; readonly response?: string };
}

interface ServerEvent {
  readonly event?: string;
  readonly data: unknown;
}

/** The events of a server-sent-event stream, their data parsed as JSON where it is. */
export function parseEvents(text: string): ServerEvent[] {
  const events: ServerEvent[] = [];
  for (const block of text.split(/\r?\n\r?\n/)) {
    let name: string | undefined;
    const data: string[] = [];
    for (const line of block.split(/\r?\n/)) {
      if (line.startsWith('event:')) name = line.slice(6).trim();
      else if (line.startsWith('data:')) data.push(line.slice(5).replace(/^ /, ''));
    }
    if (data.length === 0) continue;
    const joined = data.join('\n');
    let parsed: unknown = joined;
    try {
      parsed = JSON.parse(joined) as unknown;
    } catch {
      // `[DONE]` and other text stay text.
    }
    events.push({ ...(name !== undefined && { event: name }), data: parsed });
  }
  return events;
}

function errorPart(status: number, error: JsonObject | undefined, fallback: string): Part {
  const message = stringOf(error?.['message']) ?? fallback;
  const type = stringOf(error?.['type']);
  const code = stringOf(error?.['code']);
  return { kind: 'error', status, message, ...(type !== undefined && { type }), ...(code !== undefined && { code }) };
}

function toolsOffered(body: JsonObject): ToolOffered[] {
  const tools = listOf(body['tools']).flatMap((raw): ToolOffered[] => {
    const tool = objectOf(raw);
    if (!tool) return [];
    const fn = objectOf(tool['function']) ?? tool;
    const name = stringOf(fn['name']) ?? stringOf(tool['type']) ?? 'tool';
    const description = stringOf(fn['description']);
    const parameters = fn['parameters'] ?? fn['input_schema'];
    return [{ name, ...(description !== undefined && { description }), ...(parameters !== undefined && { parameters }) }];
  });
  for (const raw of listOf(body['functions'])) {
    const fn = objectOf(raw);
    if (fn) tools.push({ name: stringOf(fn['name']) ?? 'function', ...(fn['parameters'] !== undefined && { parameters: fn['parameters'] }) });
  }
  return tools;
}

/** A chat message (`messages[]`) as an entry. */
function chatMessage(raw: unknown): Entry {
  const message = objectOf(raw) ?? {};
  const role = stringOf(message['role']) ?? 'message';
  const parts = contentParts(message['content']);
  if (typeof message['refusal'] === 'string') parts.push({ kind: 'refusal', text: message['refusal'] });
  for (const rawCall of listOf(message['tool_calls'])) parts.push(toolCallPart(rawCall));
  const fnCall = objectOf(message['function_call']);
  if (fnCall) parts.push({ kind: 'toolCall', name: stringOf(fnCall['name']) ?? '', args: stringOf(fnCall['arguments']) ?? '' });
  const audio = objectOf(message['audio']);
  if (audio && typeof audio['data'] === 'string') parts.push(audioPart(audio['data'], 'wav', stringOf(audio['transcript'])));
  else if (audio && typeof audio['id'] === 'string') parts.push({ kind: 'note', text: `audio ${audio['id']}` });
  if (role === 'tool') return { role, parts: [{ kind: 'toolResult', ...(stringOf(message['tool_call_id']) !== undefined && { id: String(message['tool_call_id']) }), output: textOf(message['content']) }] };
  if (role === 'function') return { role: 'tool', parts: [{ kind: 'toolResult', id: stringOf(message['name']) ?? '', output: textOf(message['content']) }] };
  return { role, parts };
}

function toolCallPart(raw: unknown): Part {
  const call = objectOf(raw) ?? {};
  const fn = objectOf(call['function']) ?? objectOf(call['custom']) ?? call;
  const id = stringOf(call['id']) ?? stringOf(call['call_id']);
  return { kind: 'toolCall', name: stringOf(fn['name']) ?? stringOf(call['type']) ?? 'tool', args: textOf(fn['arguments'] ?? fn['input'] ?? ''), ...(id !== undefined && { id }) };
}

/** A Responses input or output item as an entry. */
function responseItem(raw: unknown, structured: boolean): Entry {
  if (typeof raw === 'string') return { role: 'user', parts: [{ kind: 'text', text: raw }] };
  const item = objectOf(raw) ?? {};
  const type = stringOf(item['type']) ?? (item['role'] !== undefined ? 'message' : 'item');
  if (type === 'message') {
    const role = stringOf(item['role']) ?? 'assistant';
    let parts = contentParts(item['content']);
    if (structured && role === 'assistant') parts = parts.map(structuredPart);
    return { role, parts };
  }
  if (type === 'function_call' || type === 'custom_tool_call' || type === 'mcp_call') {
    const id = stringOf(item['call_id']) ?? stringOf(item['id']);
    return { role: 'assistant', parts: [{ kind: 'toolCall', name: stringOf(item['name']) ?? type, args: textOf(item['arguments'] ?? item['input'] ?? ''), ...(id !== undefined && { id }) }] };
  }
  if (type.endsWith('_output')) {
    const id = stringOf(item['call_id']);
    return { role: 'tool', parts: [{ kind: 'toolResult', ...(id !== undefined && { id }), output: textOf(item['output']) }] };
  }
  if (type === 'reasoning') {
    const summary = listOf(item['summary']).map((part) => stringOf(objectOf(part)?.['text']) ?? '').filter(Boolean).join('\n');
    return { role: 'reasoning', parts: [{ kind: 'note', text: summary === '' ? 'reasoning' : summary }] };
  }
  if (type === 'image_generation_call') {
    const result = stringOf(item['result']);
    return { role: 'assistant', parts: result ? [imagePart(`data:image/${stringOf(item['output_format']) ?? 'png'};base64,${result}`)] : [{ kind: 'note', text: 'image generation' }] };
  }
  if (type === 'item_reference') return { role: 'reference', parts: [{ kind: 'note', text: `item_reference ${stringOf(item['id']) ?? ''}` }] };
  if (type.endsWith('_call')) {
    const { id: _id, type: _type, status: _status, ...rest } = item;
    return { role: 'assistant', parts: [{ kind: 'toolCall', name: type, args: textOf(rest) }] };
  }
  return { role: type, parts: [{ kind: 'json', label: type, value: item }] };
}

/** Text of structured output shown as the JSON it holds. */
function structuredPart(part: Part): Part {
  if (part.kind !== 'text') return part;
  try {
    return { kind: 'json', label: 'structured output', value: JSON.parse(part.text) as unknown };
  } catch {
    return part;
  }
}

function chatIsStructured(body: JsonObject): boolean {
  const type = stringOf(objectOf(body['response_format'])?.['type']);
  return type === 'json_schema' || type === 'json_object';
}

function responsesIsStructured(body: JsonObject): boolean {
  const type = stringOf(objectOf(objectOf(body['text'])?.['format'])?.['type']);
  return type === 'json_schema' || type === 'json_object';
}

/** What a FormData body carried: fields as text, files by name and size (images drawn, audio playable, when small). */
function formEntries(form: FormData): Entry[] {
  const parts: Part[] = [];
  for (const [name, value] of form.entries()) {
    if (typeof value === 'string') parts.push({ kind: 'text', text: `${name}: ${value}` });
    else parts.push({ kind: 'file', name: value.name || name, bytes: value.size });
  }
  return [{ role: 'user', parts }];
}

function jsonString(value: unknown): string {
  try {
    return JSON.stringify(value) ?? '';
  } catch {
    return '';
  }
}

interface Sent {
  sent: Entry[];
  history: string[];
  structured: boolean;
}

function readRequest(call: ReportedCall, body: JsonObject): Sent {
  const sent: Entry[] = [];
  let history: string[] = [];
  let structured = false;
  const route = call.route;
  if (Array.isArray(body['messages']) && !route.startsWith('beta.')) {
    structured = chatIsStructured(body);
    history = body['messages'].map(jsonString);
    sent.push(...body['messages'].map(chatMessage));
  } else if (route.startsWith('responses.') || route === 'beta.responses.create') {
    structured = responsesIsStructured(body);
    const instructions = stringOf(body['instructions']);
    if (instructions !== undefined) sent.push({ role: 'system', parts: [{ kind: 'text', text: instructions }] });
    const input = body['input'];
    if (typeof input === 'string') {
      sent.push({ role: 'user', parts: [{ kind: 'text', text: input }] });
      history = [jsonString(input)];
    } else if (Array.isArray(input)) {
      history = input.map(jsonString);
      sent.push(...input.map((item) => responseItem(item, false)));
    }
  } else if (route === 'embeddings.create' || route === 'moderations.create') {
    const inputs = Array.isArray(body['input']) ? body['input'] : [body['input']];
    sent.push({ role: 'input', parts: inputs.flatMap((input) => (typeof input === 'string' ? [{ kind: 'text', text: input } as Part] : contentParts([input]))) });
  } else if (typeof body['prompt'] === 'string' || Array.isArray(body['prompt'])) {
    const prompts = Array.isArray(body['prompt']) ? body['prompt'] : [body['prompt']];
    sent.push({ role: 'user', parts: prompts.map((prompt) => ({ kind: 'text', text: textOf(prompt) })) });
  } else if (typeof body['input'] === 'string' && route.startsWith('audio.')) {
    sent.push({ role: 'user', parts: [{ kind: 'text', text: body['input'] }] });
  } else if (body['role'] !== undefined && body['content'] !== undefined) {
    sent.push(chatMessage(body));
  } else if (Array.isArray(body['tool_outputs'])) {
    sent.push(...body['tool_outputs'].map((raw) => ({ role: 'tool', parts: [{ kind: 'toolResult', id: stringOf(objectOf(raw)?.['tool_call_id']) ?? '', output: textOf(objectOf(raw)?.['output']) } as Part] })));
  } else if (Array.isArray(body['items'])) {
    sent.push(...body['items'].map((item) => responseItem(item, false)));
  } else {
    const instructions = stringOf(body['instructions']);
    if (instructions !== undefined) sent.push({ role: 'system', parts: [{ kind: 'text', text: instructions }] });
    const thread = objectOf(body['thread']);
    for (const message of [...listOf(thread?.['messages']), ...listOf(body['additional_messages'])]) sent.push(chatMessage(message));
    if (sent.length === 0 && Object.keys(body).length > 0) sent.push({ role: 'request', parts: [{ kind: 'json', label: 'body', value: body }] });
  }
  return { sent, history, structured };
}

function usageOf(value: unknown): Tokens | undefined {
  const usage = objectOf(value);
  if (!usage) return undefined;
  const input = numberOf(usage['input_tokens']) ?? numberOf(usage['prompt_tokens']);
  const output = numberOf(usage['output_tokens']) ?? numberOf(usage['completion_tokens']);
  const total = numberOf(usage['total_tokens']);
  if (input === undefined && output === undefined && total === undefined) return undefined;
  return { ...(input !== undefined && { input }), ...(output !== undefined && { output }), ...(total !== undefined && { total }) };
}

interface Answered {
  answered: Entry[];
  tokens?: Tokens | undefined;
  answerId?: string | undefined;
  model?: string | undefined;
}

/** A chat completion's choices as entries (one per choice). */
function chatChoices(completion: JsonObject, structured: boolean): Entry[] {
  return listOf(completion['choices']).map((rawChoice) => {
    const choice = objectOf(rawChoice) ?? {};
    const message = objectOf(choice['message']);
    if (message) {
      const entry = chatMessage({ ...message, role: stringOf(message['role']) ?? 'assistant' });
      return { role: entry.role, parts: structured ? entry.parts.map(structuredPart) : entry.parts };
    }
    return { role: 'assistant', parts: [{ kind: 'text', text: stringOf(choice['text']) ?? '' }] };
  });
}

/** A Responses `response` object as entries. */
function responseOutput(response: JsonObject, structured: boolean, status: number): Entry[] {
  const entries = listOf(response['output']).map((item) => responseItem(item, structured));
  const error = objectOf(response['error']);
  if (error) entries.push({ role: 'error', parts: [errorPart(status, error, 'The response failed.')] });
  const incomplete = objectOf(response['incomplete_details']);
  if (incomplete) entries.push({ role: 'note', parts: [{ kind: 'note', text: `incomplete: ${stringOf(incomplete['reason']) ?? ''}` }] });
  return entries;
}

/** A chat stream's chunks, assembled: each choice's content, refusal and tool calls. */
function assembleChatStream(events: readonly ServerEvent[], structured: boolean): Answered {
  const choices = new Map<number, { content: string; refusal: string; tools: Map<number, { id?: string; name: string; args: string }> }>();
  let tokens: Tokens | undefined;
  let model: string | undefined;
  let id: string | undefined;
  const errors: Entry[] = [];
  for (const { data } of events) {
    const chunk = objectOf(data);
    if (!chunk) continue;
    if (objectOf(chunk['error'])) {
      errors.push({ role: 'error', parts: [errorPart(200, objectOf(chunk['error']), 'The stream failed.')] });
      continue;
    }
    id ??= stringOf(chunk['id']);
    model ??= stringOf(chunk['model']);
    tokens = usageOf(chunk['usage']) ?? tokens;
    for (const rawChoice of listOf(chunk['choices'])) {
      const choice = objectOf(rawChoice) ?? {};
      const index = numberOf(choice['index']) ?? 0;
      let state = choices.get(index);
      if (!state) {
        state = { content: '', refusal: '', tools: new Map() };
        choices.set(index, state);
      }
      const delta = objectOf(choice['delta']) ?? {};
      state.content += stringOf(delta['content']) ?? '';
      state.content += stringOf(choice['text']) ?? '';
      state.refusal += stringOf(delta['refusal']) ?? '';
      for (const rawTool of listOf(delta['tool_calls'])) {
        const tool = objectOf(rawTool) ?? {};
        const toolIndex = numberOf(tool['index']) ?? 0;
        const fn = objectOf(tool['function']) ?? {};
        const known = state.tools.get(toolIndex) ?? { name: '', args: '' };
        const toolId = stringOf(tool['id']);
        state.tools.set(toolIndex, { ...known, ...(toolId !== undefined && { id: toolId }), name: known.name + (stringOf(fn['name']) ?? ''), args: known.args + (stringOf(fn['arguments']) ?? '') });
      }
    }
  }
  const answered: Entry[] = [...choices.values()].map((state) => {
    const parts: Part[] = [];
    if (state.content !== '') parts.push(structured ? structuredPart({ kind: 'text', text: state.content }) : { kind: 'text', text: state.content });
    if (state.refusal !== '') parts.push({ kind: 'refusal', text: state.refusal });
    for (const tool of state.tools.values()) parts.push({ kind: 'toolCall', name: tool.name, args: tool.args, ...(tool.id !== undefined && { id: tool.id }) });
    return { role: 'assistant', parts };
  });
  return { answered: [...answered, ...errors], tokens, answerId: id, model };
}

/** A Responses stream: the response its last `response.*` event carries, or its deltas assembled. */
function assembleResponseStream(events: readonly ServerEvent[], structured: boolean, status: number): Answered {
  let response: JsonObject | undefined;
  let text = '';
  const errors: Entry[] = [];
  for (const { data } of events) {
    const event = objectOf(data);
    if (!event) continue;
    const type = stringOf(event['type']) ?? '';
    if (objectOf(event['response'])) response = objectOf(event['response']);
    if (type === 'response.output_text.delta') text += stringOf(event['delta']) ?? '';
    if (type === 'error') errors.push({ role: 'error', parts: [errorPart(status, event, 'The stream failed.')] });
  }
  const done = response && ['completed', 'failed', 'incomplete', 'cancelled'].includes(stringOf(response['status']) ?? '');
  const answered = response && (done || listOf(response['output']).length > 0) ? responseOutput(response, structured, status) : text === '' ? [] : [{ role: 'assistant', parts: [{ kind: 'text', text } as Part] }];
  return { answered: [...answered, ...errors], tokens: usageOf(response?.['usage']), answerId: stringOf(response?.['id']), model: stringOf(response?.['model']) };
}

/** An Assistants stream (`thread.*` events): the messages completed, tool calls asked for, the run's end. */
function assembleAssistantStream(events: readonly ServerEvent[], status: number): Answered {
  const answered: Entry[] = [];
  let tokens: Tokens | undefined;
  let threadId: string | undefined;
  for (const { event, data } of events) {
    const object = objectOf(data);
    if (!object) continue;
    threadId ??= stringOf(object['thread_id']);
    if (event === 'thread.message.completed') answered.push({ role: 'assistant', parts: contentParts(object['content']) });
    if (event === 'thread.run.requires_action') {
      const calls = listOf(objectOf(objectOf(object['required_action'])?.['submit_tool_outputs'])?.['tool_calls']);
      answered.push({ role: 'assistant', parts: calls.map(toolCallPart) });
    }
    if (event === 'thread.run.completed' || event === 'thread.run.failed' || event === 'thread.run.cancelled' || event === 'thread.run.expired' || event === 'thread.run.incomplete') {
      tokens = usageOf(object['usage']) ?? tokens;
      const error = objectOf(object['last_error']);
      answered.push({ role: 'note', parts: [error ? errorPart(status, error, 'The run failed.') : { kind: 'note', text: `run ${stringOf(object['status']) ?? ''}` }] });
    }
    if (event === 'error') answered.push({ role: 'error', parts: [errorPart(status, object, 'The stream failed.')] });
  }
  return { answered, tokens, answerId: threadId };
}

/** A short line for an answer no conversation view is made for: `file file-abc (processed)`, `list of 3`. */
function summaryOf(answer: JsonObject): string {
  const object = stringOf(answer['object']) ?? '';
  if (object === 'list') {
    const data = listOf(answer['data']);
    const ids = data.map((item) => stringOf(objectOf(item)?.['id'])).filter((id): id is string => id !== undefined);
    return `list of ${data.length}${ids.length > 0 ? `: ${ids.slice(0, 5).join(', ')}${ids.length > 5 ? ', ...' : ''}` : ''}`;
  }
  const id = stringOf(answer['id']);
  const status = stringOf(answer['status']);
  const deleted = answer['deleted'] === true ? ' deleted' : '';
  return [object, id].filter(Boolean).join(' ') + deleted + (status !== undefined ? ` (${status})` : '') || `${Object.keys(answer).length} fields`;
}

function readAnswer(call: ReportedCall, structured: boolean): Answered & { streamed: boolean } {
  const { status, contentType } = call;
  if (call.answerBytes) {
    const bytes = call.answerBytes;
    if (contentType.startsWith('audio/') || contentType.startsWith('image/')) {
      const kind = contentType.startsWith('audio/') ? 'audio' : 'image';
      const src = bytes.length <= maxInlineMediaBytes && call.answerCutFrom === undefined ? `data:${contentType.split(';')[0] ?? ''};base64,${Buffer.from(bytes).toString('base64')}` : undefined;
      const size = call.answerCutFrom ?? bytes.length;
      return { streamed: false, answered: [{ role: 'assistant', parts: [{ kind, bytes: size, label: contentType, ...(src !== undefined && { src }) }] }] };
    }
    return { streamed: false, answered: [{ role: 'answer', parts: [{ kind: 'file', name: contentType || 'bytes', bytes: call.answerCutFrom ?? bytes.length }] }] };
  }
  const text = call.answerText;
  if (text === undefined) {
    const why = call.answerUnreadable;
    return { streamed: false, answered: why ? [{ role: 'note', parts: [{ kind: 'note', text: `the answer could not be read again: ${why}` }] }] : status === 204 ? [{ role: 'note', parts: [{ kind: 'note', text: 'no content' }] }] : [] };
  }
  if (contentType.startsWith('text/event-stream')) {
    const events = parseEvents(text);
    const first = objectOf(events[0]?.data);
    const streamed = true;
    if (call.route.startsWith('responses.') || stringOf(first?.['type'])?.startsWith('response.')) return { ...assembleResponseStream(events, structured, status), streamed };
    if (events.some(({ event }) => event?.startsWith('thread.'))) return { ...assembleAssistantStream(events, status), streamed };
    return { ...assembleChatStream(events, structured), streamed };
  }
  let json: unknown;
  try {
    json = JSON.parse(text) as unknown;
  } catch {
    return { streamed: false, answered: text === '' ? [] : [{ role: status >= 400 ? 'error' : 'assistant', parts: [status >= 400 ? errorPart(status, undefined, text) : { kind: 'text', text }] }] };
  }
  const answer = objectOf(json);
  if (!answer) return { streamed: false, answered: [{ role: 'answer', parts: [{ kind: 'json', label: 'answer', value: json }] }] };
  if (status >= 400 || objectOf(answer['error'])) return { streamed: false, answered: [{ role: 'error', parts: [errorPart(status, objectOf(answer['error']), `HTTP ${status}`)] }] };
  const object = stringOf(answer['object']);
  const base = { tokens: usageOf(answer['usage']), answerId: stringOf(answer['id']), model: stringOf(answer['model']), streamed: false };
  if (object === 'chat.completion' || object === 'text_completion') return { ...base, answered: chatChoices(answer, structured) };
  if (object === 'response') return { ...base, answered: responseOutput(answer, structured, status) };
  if (object === 'list' && objectOf(listOf(answer['data'])[0])?.['object'] === 'embedding') {
    const data = listOf(answer['data']);
    const first = objectOf(data[0])?.['embedding'];
    const dimensions = Array.isArray(first) ? `${first.length} dimensions` : 'base64';
    return { ...base, answerId: undefined, answered: [{ role: 'assistant', parts: [{ kind: 'note', text: `${data.length} embedding${data.length === 1 ? '' : 's'} (${dimensions})` }] }] };
  }
  if (call.route.startsWith('images.')) {
    const parts = listOf(answer['data']).map((raw): Part => {
      const image = objectOf(raw) ?? {};
      const b64 = stringOf(image['b64_json']);
      if (b64 !== undefined) return imagePart(`data:image/${stringOf(answer['output_format']) ?? 'png'};base64,${b64}`, stringOf(image['revised_prompt']));
      return imagePart(stringOf(image['url']) ?? '', stringOf(image['revised_prompt']));
    });
    return { ...base, answered: [{ role: 'assistant', parts }] };
  }
  if (typeof answer['text'] === 'string' && call.route.startsWith('audio.')) return { ...base, answered: [{ role: 'assistant', parts: [{ kind: 'text', text: answer['text'] }] }] };
  if (object === 'moderation' || Array.isArray(answer['results'])) {
    const flagged = listOf(answer['results']).filter((result) => objectOf(result)?.['flagged'] === true).length;
    return { ...base, answered: [{ role: 'assistant', parts: [{ kind: 'note', text: `${listOf(answer['results']).length} result(s), ${flagged} flagged` }] }] };
  }
  if (object === 'thread.message') return { ...base, answered: [{ role: stringOf(answer['role']) ?? 'assistant', parts: contentParts(answer['content']) }] };
  if (object === 'thread.run' && answer['status'] === 'requires_action') {
    const calls = listOf(objectOf(objectOf(answer['required_action'])?.['submit_tool_outputs'])?.['tool_calls']);
    return { ...base, answered: [{ role: 'assistant', parts: calls.map(toolCallPart) }] };
  }
  return { ...base, answered: [{ role: 'answer', parts: [{ kind: 'note', text: summaryOf(answer) }] }] };
}

/** Reads one call as a conversation turn: what was sent, the tools offered, what the mock answered. */
export function viewOf(call: ReportedCall): CallView {
  const body = objectOf(call.body);
  const request: Sent = call.body instanceof FormData
    ? { sent: formEntries(call.body), history: [], structured: false }
    : body
      ? readRequest(call, body)
      : typeof call.body === 'string' && call.body !== ''
        ? { sent: [{ role: 'request', parts: [{ kind: 'text', text: call.body }] }], history: [], structured: false }
        : { sent: [], history: [], structured: false };
  const answer = readAnswer(call, request.structured);
  const params = call.params;
  const conversation = body?.['conversation'];
  const conversationId = typeof conversation === 'string' ? conversation : stringOf(objectOf(conversation)?.['id']) ?? params['conversation_id'];
  const previousResponse = stringOf(body?.['previous_response_id']);
  const thread = params['thread_id'];
  const response = params['response_id'];
  const model = stringOf(body?.['model']) ?? answer.model;
  return {
    sent: request.sent,
    tools: body ? toolsOffered(body) : [],
    answered: answer.answered,
    streamed: answer.streamed,
    history: request.history,
    ...(answer.tokens !== undefined && { tokens: answer.tokens }),
    ...(model !== undefined && { model }),
    ...(answer.answerId !== undefined && { answerId: answer.answerId }),
    links: {
      ...(previousResponse !== undefined && { previousResponse }),
      ...(conversationId !== undefined && { conversation: conversationId }),
      ...(thread !== undefined && { thread }),
      ...(response !== undefined && { response }),
    },
  };
}
