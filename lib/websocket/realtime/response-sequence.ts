import type { ConversationItem, RealtimeResponse } from 'openai/resources/realtime/realtime';
import { isPlainObject, type JsonObject } from '../../internal/merge.js';
import { splitText } from '../../streaming/sse.js';
import type { AudioCoding } from './audio-format.js';
import { speak } from './audio-synthesis.js';
import type { Conversation } from './conversation.js';
import { type DeltaEvent, DeltaEvents, type ServerEventBody } from './events.js';

/** A deep copy of a JSON value. */
function copy<T>(value: T): T {
  return structuredClone(value);
}

/**
 * One response as it is said: the events from `response.created` to the last item's `.done` events (the
 * caller sends `response.done` with {@link ResponseSequence.final}), and what has been said so far, so that a
 * response cancelled half way ends with the items as far as they got.
 */
export class ResponseSequence {
  /** The output items as far as they were sent. */
  readonly #said: JsonObject[] = [];

  constructor(
    readonly response: RealtimeResponse & { id: string },
    private readonly coding: AudioCoding,
    /** The conversation the items join (none for an out-of-band response). */
    private readonly conversation: Conversation | undefined,
  ) {}

  get id(): string {
    return this.response.id;
  }

  /** The events of the response up to (not including) `response.done`. */
  *events(): Generator<ServerEventBody | DeltaEvent> {
    const { output = [], usage: _usage, status_details: _details, ...rest } = this.response;
    yield { type: 'response.created', response: { ...copy(rest), status: 'in_progress', output: [] } };
    for (const [outputIndex, item] of (output as unknown as JsonObject[]).entries()) yield* this.#itemEvents(item, outputIndex);
  }

  *#itemEvents(item: JsonObject, outputIndex: number): Generator<ServerEventBody | DeltaEvent> {
    const id = String(item['id']);
    const at = { response_id: this.id, item_id: id, output_index: outputIndex };
    const isMessage = item['type'] === 'message';
    const shell: JsonObject = { ...copy(item), status: 'in_progress', ...(isMessage && { content: [] }), ...(item['type'] === 'function_call' && { arguments: '' }) };
    this.#said.push(shell);
    yield { type: 'response.output_item.added', response_id: this.id, output_index: outputIndex, item: copy(shell) };
    if (this.conversation) {
      const previous = this.conversation.insert(shell as unknown as ConversationItem);
      yield { type: 'conversation.item.added', previous_item_id: previous, item: copy(shell) };
    }
    if (isMessage) {
      const parts = Array.isArray(item['content']) ? item['content'].filter(isPlainObject) : [];
      for (const [contentIndex, part] of parts.entries()) yield* this.#partEvents(shell, part, { ...at, content_index: contentIndex });
    } else if (item['type'] === 'function_call') {
      const args = String(item['arguments'] ?? '');
      const deltas = new DeltaEvents({ type: 'response.function_call_arguments.delta', ...at, call_id: item['call_id'] });
      let written = '';
      for (const delta of splitText(args)) {
        written += delta;
        shell['arguments'] = written;
        yield deltas.of(delta);
      }
      yield { type: 'response.function_call_arguments.done', ...at, call_id: item['call_id'], name: item['name'], arguments: args };
    }
    const done = { ...copy(item), status: 'completed' };
    this.#said[outputIndex] = done;
    yield { type: 'response.output_item.done', response_id: this.id, output_index: outputIndex, item: copy(done) };
    if (this.conversation) {
      this.conversation.replace(done as unknown as ConversationItem);
      yield { type: 'conversation.item.done', previous_item_id: this.conversation.previousOf(id), item: copy(done) };
    }
  }

  *#partEvents(shell: JsonObject, part: JsonObject, at: JsonObject): Generator<ServerEventBody | DeltaEvent> {
    const content = shell['content'] as JsonObject[];
    if (part['type'] === 'output_audio') {
      const transcript = String(part['transcript'] ?? '');
      const said: JsonObject = { type: 'output_audio', transcript: '' };
      content.push(said);
      yield { type: 'response.content_part.added', ...at, part: { type: 'audio', transcript: '' } };
      const audioDeltas = new DeltaEvents({ type: 'response.output_audio.delta', ...at });
      const transcriptDeltas = new DeltaEvents({ type: 'response.output_audio_transcript.delta', ...at });
      let written = '';
      for (const piece of speak(transcript, this.coding)) {
        yield audioDeltas.of(piece.audio);
        written += piece.text;
        said['transcript'] = written;
        yield transcriptDeltas.of(piece.text);
      }
      yield { type: 'response.output_audio.done', ...at };
      yield { type: 'response.output_audio_transcript.done', ...at, transcript };
      yield { type: 'response.content_part.done', ...at, part: { type: 'audio', transcript } };
      return;
    }
    const text = String(part['text'] ?? '');
    const said: JsonObject = { type: 'output_text', text: '' };
    content.push(said);
    yield { type: 'response.content_part.added', ...at, part: { type: 'text', text: '' } };
    const deltas = new DeltaEvents({ type: 'response.output_text.delta', ...at });
    let written = '';
    for (const delta of splitText(text)) {
      written += delta;
      said['text'] = written;
      yield deltas.of(delta);
    }
    yield { type: 'response.output_text.done', ...at, text };
    yield { type: 'response.content_part.done', ...at, part: { type: 'text', text } };
  }

  /**
   * The response as `response.done` sends it: whole when it ran to the end; cancelled (`client_cancelled`, or
   * `turn_detected` when the user spoke over it), its items as far as they were said and marked `incomplete`.
   */
  final(cancelled?: 'client_cancelled' | 'turn_detected'): RealtimeResponse {
    if (!cancelled) return this.response;
    const output = this.#said.map((item) => (item['status'] === 'completed' ? item : { ...item, status: 'incomplete' }));
    for (const item of output) if (this.conversation && item['status'] === 'incomplete') this.conversation.replace(item as unknown as ConversationItem);
    return { ...this.response, status: 'cancelled', status_details: { type: 'cancelled', reason: cancelled }, output: output as unknown as ConversationItem[] };
  }
}
