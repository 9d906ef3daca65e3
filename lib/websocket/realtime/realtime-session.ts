import type { ConversationItem, RealtimeResponse, RealtimeResponseCreateParams } from 'openai/resources/realtime/realtime';
import type { RealtimeInputTranscript, RealtimeInputTranscriptionRequest, RealtimeResponseRequest } from '../../catalog/beyond-sdk.js';
import type { Route } from '../../engine/route.js';
import { newId } from '../../internal/ids.js';
import { isPlainObject, type JsonObject } from '../../internal/merge.js';
import { splitText } from '../../streaming/sse.js';
import type { SocketConnection } from '../connection.js';
import { InputAudioBuffer } from './audio-buffer.js';
import { type AudioCoding, codingOf } from './audio-format.js';
import { msPerWord } from './audio-synthesis.js';
import { Conversation, clientItem, noSuchItem } from './conversation.js';
import { ClientEventError, ServerEvents, invalidField, missingField, receiveClientEvent } from './events.js';
import { ResponseSequence } from './response-sequence.js';
import { type RouteOutcome, callRoute } from './route-call.js';
import { SessionConfig } from './session-config.js';

/** The client events of the GA Realtime API a WebSocket session takes. */
const clientEventTypes = [
  'session.update',
  'input_audio_buffer.append',
  'input_audio_buffer.commit',
  'input_audio_buffer.clear',
  'conversation.item.create',
  'conversation.item.retrieve',
  'conversation.item.truncate',
  'conversation.item.delete',
  'response.create',
  'response.cancel',
  'output_audio_buffer.clear',
] as const;

/** The least audio a commit takes (the API's rule). */
const minimumCommitMs = 100;

/**
 * How much of a response is sent in one turn of the event loop, at most: so a cancel, or the user speaking over
 * it, can come in between (text deltas are small, audio deltas large). Each turn costs the socket more than an
 * event does, so a turn carries several.
 */
const eventsPerTurn = 64;
const charactersPerTurn = 64 * 1024;

/** One response under way: its sequence once the route answered, and why it stops early, if it does. */
interface RunningResponse {
  readonly id: string;
  readonly inConversation: boolean;
  stop?: 'client_cancelled' | 'turn_detected';
}

function stringField(event: JsonObject, name: string): string {
  const value = event[name];
  if (value === undefined) throw missingField(name);
  if (typeof value !== 'string') throw invalidField(name, 'a string', value);
  return value;
}

function integerField(event: JsonObject, name: string): number {
  const value = event[name];
  if (value === undefined) throw missingField(name);
  if (typeof value !== 'number' || !Number.isInteger(value) || value < 0) throw invalidField(name, 'a non-negative integer', value);
  return value;
}

function nextTurn(): Promise<void> {
  return new Promise((resolve) => setImmediate(resolve));
}

/**
 * One realtime socket's session, as the GA Realtime API runs it: `session.created` on connect, then each client
 * event answered by the API's events (or its `error` event, naming the client event's `event_id`): the session's
 * settings, the conversation's items, the input audio buffer with server VAD and input transcription, and
 * responses, each a call of `openaiMock.realtime.response.create` said as the API says it.
 */
export class RealtimeSession {
  readonly #events: ServerEvents;
  readonly #config: SessionConfig;
  readonly #conversation = new Conversation();
  readonly #buffer = new InputAudioBuffer();
  /** Aborted when the socket closes: route latency and running responses stop. */
  readonly #closed = new AbortController();
  /** The response of the conversation under way (one at a time), and out-of-band ones. */
  #active: RunningResponse | undefined;
  readonly #outOfBand = new Set<RunningResponse>();
  /** The id the user item of the turn VAD is hearing will have. */
  #speechItemId: string | undefined;
  /** Whether a response has spoken (the voice is fixed from then on). */
  #spoken = false;

  constructor(
    private readonly connection: SocketConnection,
    asked: JsonObject,
  ) {
    this.#events = new ServerEvents(connection.socket);
    this.#config = new SessionConfig(asked);
  }

  /** Starts serving: `session.created`, then every client event until the socket closes. */
  start(): void {
    const { socket } = this.connection;
    socket.on('close', () => this.#closed.abort(new Error('The realtime socket closed.')));
    socket.on('message', (data, isBinary) => this.#receive(isBinary ? undefined : data.toString()));
    this.#events.send({ type: 'session.created', session: this.#config.settings });
  }

  get #signal(): AbortSignal {
    return this.#closed.signal;
  }

  #route<Model, Body>(name: string): Route<Model, object, Body> {
    return this.connection.openaiMock.routes.get(name) as unknown as Route<Model, object, Body>;
  }

  /** One message from the client (the transport records it): parsed and answered; a bad one gets an `error` event, never a dropped socket. */
  #receive(text: string | undefined): void {
    receiveClientEvent(text, 'input_audio_buffer.append', (event, eventId) => this.#dispatch(event, eventId ?? null), (details, eventId) => this.#events.error({ ...details, event_id: eventId ?? null }));
  }

  #dispatch(event: JsonObject, eventId: string | null): void {
    const type = event['type'];
    if (type === undefined) throw missingField('type');
    switch (type) {
      case 'session.update': {
        const voiceBefore = this.#config.voice;
        const settings = this.#config.update(event['session']);
        if (this.#spoken && this.#config.voice !== voiceBefore) {
          this.#config.update({ type: settings.type, audio: { output: { voice: voiceBefore } } });
          throw new ClientEventError({ code: 'cannot_update_voice', message: 'Cannot update a conversation\'s voice if assistant audio is present.', param: 'session.audio.output.voice' });
        }
        this.#events.send({ type: 'session.updated', session: settings });
        return;
      }
      case 'input_audio_buffer.append':
        return this.#append(event);
      case 'input_audio_buffer.commit':
        return this.#commit(this.#speechItemId ?? newId('item_'), eventId);
      case 'input_audio_buffer.clear':
        this.#buffer.clear(this.#inputCoding);
        this.#speechItemId = undefined;
        this.#events.send({ type: 'input_audio_buffer.cleared' });
        return;
      case 'conversation.item.create': {
        const item = clientItem(event['item']);
        const previous = this.#conversation.insert(item, event['previous_item_id']);
        this.#events.send({ type: 'conversation.item.added', previous_item_id: previous, item });
        this.#events.send({ type: 'conversation.item.done', previous_item_id: previous, item });
        return;
      }
      case 'conversation.item.retrieve': {
        const id = stringField(event, 'item_id');
        const item = this.#conversation.get(id);
        if (!item) throw noSuchItem(id, 'item_id');
        this.#events.send({ type: 'conversation.item.retrieved', item });
        return;
      }
      case 'conversation.item.truncate': {
        const id = stringField(event, 'item_id');
        const contentIndex = integerField(event, 'content_index');
        const audioEndMs = integerField(event, 'audio_end_ms');
        this.#conversation.truncate(id, contentIndex, audioEndMs, msPerWord);
        this.#events.send({ type: 'conversation.item.truncated', item_id: id, content_index: contentIndex, audio_end_ms: audioEndMs });
        return;
      }
      case 'conversation.item.delete': {
        const id = stringField(event, 'item_id');
        this.#conversation.delete(id);
        this.#events.send({ type: 'conversation.item.deleted', item_id: id });
        return;
      }
      case 'response.create':
        return this.#createResponse(event['response'], eventId);
      case 'response.cancel':
        return this.#cancel(event['response_id']);
      case 'output_audio_buffer.clear':
        throw new ClientEventError({ code: 'invalid_value', message: "'output_audio_buffer.clear' is only supported for WebRTC and SIP connections: over a WebSocket the client plays the audio it received.", param: 'type' });
      default:
        throw new ClientEventError({
          code: 'invalid_value',
          message: `Invalid value: '${typeof type === 'string' ? type : JSON.stringify(type)}'. Supported values are: ${clientEventTypes.map((name) => `'${name}'`).join(', ')}.`,
          param: 'type',
        });
    }
  }

  get #inputCoding(): AudioCoding {
    return codingOf(this.#config.inputFormat);
  }

  #append(event: JsonObject): void {
    const audio = stringField(event, 'audio');
    if (!/^[A-Za-z0-9+/]*={0,2}$/.test(audio)) {
      throw new ClientEventError({ code: 'invalid_value', message: "Invalid 'audio'. Expected base64-encoded audio bytes.", param: 'audio' });
    }
    const coding = this.#inputCoding;
    const vad = this.#config.turnDetection;
    for (const heard of this.#buffer.append(Buffer.from(audio, 'base64'), coding, vad)) {
      if (heard.kind === 'speech_started') {
        this.#speechItemId = newId('item_');
        this.#events.send({ type: 'input_audio_buffer.speech_started', audio_start_ms: heard.atMs, item_id: this.#speechItemId });
        const interrupt = vad !== null && vad.interrupt_response !== false;
        if (interrupt && this.#active) this.#active.stop ??= 'turn_detected';
      } else {
        const itemId = this.#speechItemId ?? newId('item_');
        this.#events.send({ type: 'input_audio_buffer.speech_stopped', audio_end_ms: heard.atMs, item_id: itemId });
        const respond = vad !== null && vad.create_response !== false && !this.#config.isTranscription;
        this.#commit(itemId, null, respond);
      }
    }
  }

  /** Commits the buffer as a user audio item (refused when it holds under 100 ms); with VAD's say-so, a response follows. */
  #commit(itemId: string, eventId: string | null, respond = false): void {
    const coding = this.#inputCoding;
    const heldMs = this.#buffer.durationMs(coding);
    if (heldMs < minimumCommitMs) {
      throw new ClientEventError({
        code: 'input_audio_buffer_commit_empty',
        message: `Error committing input audio buffer: buffer too small. Expected at least ${minimumCommitMs}ms of audio, but buffer only has ${heldMs.toFixed(2)}ms of audio.`,
        param: null,
      });
    }
    this.#buffer.take(coding);
    this.#speechItemId = undefined;
    const item = { id: itemId, object: 'realtime.item', type: 'message', role: 'user', status: 'completed', content: [{ type: 'input_audio' }] } as ConversationItem;
    const previous = this.#conversation.insert(item);
    this.#events.send({ type: 'input_audio_buffer.committed', previous_item_id: previous, item_id: itemId });
    this.#events.send({ type: 'conversation.item.added', previous_item_id: previous, item });
    this.#events.send({ type: 'conversation.item.done', previous_item_id: previous, item });
    const transcribed = this.#transcribe(item, heldMs, eventId);
    if (!respond) return;
    void Promise.resolve(transcribed).then(() => {
      if (this.#signal.aborted) return;
      try {
        this.#createResponse(undefined, null);
      } catch (error) {
        if (error instanceof ClientEventError) this.#events.error(error.details);
      }
    });
  }

  /** The input transcription the session asks for: a call of `openaiMock.realtime.inputTranscription.create`, sent as delta and completed events. */
  #transcribe(item: ConversationItem, durationMs: number, eventId: string | null): Promise<void> | undefined {
    const settings = this.#config.transcription;
    if (!settings || !item.id) return undefined;
    const itemId = item.id;
    const body: RealtimeInputTranscriptionRequest = {
      model: settings.model ?? 'gpt-4o-mini-transcribe',
      ...(settings.language !== undefined && { language: settings.language }),
      ...(settings.prompt !== undefined && { prompt: settings.prompt }),
      item_id: itemId,
      audio: { format: this.#config.inputFormat ?? { type: 'audio/pcm', rate: 24000 }, duration_ms: durationMs },
    };
    const route = this.#route<RealtimeInputTranscript, RealtimeInputTranscriptionRequest>('realtime.inputTranscription.create');
    return this.#ask(route, body).then((outcome) => {
      if (!outcome) return;
      if (!outcome.ok) {
        this.#events.send({ type: 'conversation.item.input_audio_transcription.failed', item_id: itemId, content_index: 0, error: { ...outcome.error, event_id: eventId } });
        return;
      }
      const transcript = typeof outcome.model.transcript === 'string' ? outcome.model.transcript : '';
      for (const delta of splitText(transcript)) {
        this.#events.send({ type: 'conversation.item.input_audio_transcription.delta', item_id: itemId, content_index: 0, delta });
      }
      const stored = this.#conversation.get(itemId);
      if (stored?.type === 'message') this.#conversation.replace({ ...stored, content: [{ type: 'input_audio', transcript }] } as ConversationItem);
      this.#events.send({
        type: 'conversation.item.input_audio_transcription.completed',
        item_id: itemId,
        content_index: 0,
        transcript,
        usage: { type: 'duration', seconds: Math.ceil(durationMs / 1000) },
      });
    });
  }

  /** Asks a route, its latency cut short by the socket closing; `undefined` once the socket is gone. */
  async #ask<Model, Body>(route: Route<Model, object, Body>, body: Body): Promise<RouteOutcome<Model> | undefined> {
    try {
      const outcome = await callRoute(route, this.connection, body, this.#signal);
      return this.#signal.aborted ? undefined : outcome;
    } catch (error) {
      if (this.#signal.aborted) return undefined;
      return { ok: false, error: { type: 'server_error', code: 'mock_error', message: `openai-responses: the realtime turn failed inside the mock: ${error instanceof Error ? error.message : String(error)}` } };
    }
  }

  /** What the route is asked for a turn: the session's settings, the response's overrides, and what the model hears. */
  #turnRequest(params: RealtimeResponseCreateParams, eventId: string | null): RealtimeResponseRequest {
    const settings = this.#config.settings;
    const session = settings.type === 'realtime' ? settings : undefined;
    const input = params.input === undefined ? [...this.#conversation.items] : params.input.map((item) => {
      const reference = item as unknown as JsonObject;
      if (reference['type'] !== 'item_reference') return item;
      const found = typeof reference['id'] === 'string' ? this.#conversation.get(reference['id']) : undefined;
      if (!found) throw noSuchItem(String(reference['id']), 'response.input');
      return found;
    });
    return {
      model: this.#config.model,
      instructions: params.instructions ?? session?.instructions ?? '',
      output_modalities: params.output_modalities ?? session?.output_modalities ?? ['audio'],
      tools: (params.tools ?? session?.tools ?? []) as RealtimeResponseRequest['tools'],
      tool_choice: params.tool_choice ?? session?.tool_choice ?? 'auto',
      max_output_tokens: params.max_output_tokens ?? session?.max_output_tokens ?? 'inf',
      conversation: params.conversation ?? 'auto',
      metadata: params.metadata ?? null,
      audio: {
        output: {
          format: params.audio?.output?.format ?? this.#config.outputFormat ?? { type: 'audio/pcm', rate: 24000 },
          voice: String(params.audio?.output?.voice ?? this.#config.voice),
        },
      },
      input,
      ...(eventId !== null && { event_id: eventId }),
    };
  }

  /** `response.create`: one response at a time in the conversation (out-of-band ones beside it), said as the route answers. */
  #createResponse(params: unknown, eventId: string | null): void {
    if (params !== undefined && !isPlainObject(params)) throw invalidField('response', 'an object', params);
    const asked = (params ?? {}) as RealtimeResponseCreateParams;
    if (this.#config.isTranscription) {
      throw new ClientEventError({ code: 'invalid_request_error', message: 'Responses cannot be created in a transcription session.', param: 'type' });
    }
    const conversation = asked.conversation ?? 'auto';
    if (conversation !== 'auto' && conversation !== 'none') {
      throw new ClientEventError({ code: 'invalid_value', message: `Invalid value: '${String(conversation)}'. Supported values are: 'auto' and 'none'.`, param: 'response.conversation' });
    }
    const inConversation = conversation === 'auto';
    if (inConversation && this.#active) {
      throw new ClientEventError({
        code: 'conversation_already_has_active_response',
        message: `Conversation already has an active response in progress: ${this.#active.id}. Wait until the response is finished before creating a new one.`,
        param: null,
      });
    }
    const body = this.#turnRequest(asked, eventId);
    const running: RunningResponse = { id: newId('resp_'), inConversation };
    if (inConversation) this.#active = running;
    else this.#outOfBand.add(running);
    void this.#run(running, body, eventId);
  }

  async #run(running: RunningResponse, body: RealtimeResponseRequest, eventId: string | null): Promise<void> {
    try {
      const outcome = await this.#ask(this.#route<RealtimeResponse, RealtimeResponseRequest>('realtime.response.create'), body);
      if (!outcome) return;
      if (!outcome.ok) {
        this.#events.error({ ...outcome.error, event_id: eventId });
        return;
      }
      const response = {
        ...outcome.model,
        id: typeof outcome.model.id === 'string' ? outcome.model.id : running.id,
        ...(running.inConversation && { conversation_id: this.#conversation.id }),
      };
      (running as { id: string }).id = response.id;
      const audio = body.output_modalities.includes('audio');
      const sequence = new ResponseSequence(response, codingOf(body.audio.output.format), running.inConversation ? this.#conversation : undefined);
      let sent = 0;
      let turnEvents = 0;
      let turnCharacters = 0;
      for (const event of sequence.events()) {
        if (this.#signal.aborted) return;
        if (running.stop !== undefined && sent > 0) break;
        turnCharacters += this.#events.send(event);
        sent += 1;
        turnEvents += 1;
        if (event.type === 'response.created') this.#sendRateLimits(response);
        if (turnEvents >= eventsPerTurn || turnCharacters >= charactersPerTurn) {
          turnEvents = 0;
          turnCharacters = 0;
          await nextTurn();
        }
      }
      if (this.#signal.aborted) return;
      if (audio) this.#spoken = true;
      this.#events.send({ type: 'response.done', response: sequence.final(running.stop) });
    } finally {
      if (this.#active === running) this.#active = undefined;
      this.#outOfBand.delete(running);
    }
  }

  /** The API's `rate_limits.updated` at the start of each response: requests and tokens left. */
  #sendRateLimits(response: RealtimeResponse): void {
    const tokens = response.usage?.total_tokens ?? 0;
    this.#events.send({
      type: 'rate_limits.updated',
      rate_limits: [
        { name: 'requests', limit: 5000, remaining: 4999, reset_seconds: 0.012 },
        { name: 'tokens', limit: 400000, remaining: Math.max(0, 400000 - tokens), reset_seconds: 0.06 },
      ],
    });
  }

  /** `response.cancel`: stops the response under way (or the one named); with none, the API's error. */
  #cancel(responseId: unknown): void {
    if (responseId !== undefined && typeof responseId !== 'string') throw invalidField('response_id', 'a string', responseId);
    const running = [...(this.#active ? [this.#active] : []), ...this.#outOfBand];
    const target = responseId === undefined ? this.#active : running.find((candidate) => candidate.id === responseId);
    if (!target || target.stop !== undefined) {
      throw new ClientEventError({
        code: 'response_cancel_not_active',
        message: responseId === undefined ? 'Cancellation failed: no active response found' : `Cancellation failed: no active response found with id '${responseId}'`,
        param: null,
      });
    }
    target.stop = 'client_cancelled';
  }
}
