import type { SessionResource } from 'openai/resources/live/live';
import type { LiveResponse, LiveResponseRequest } from '../../catalog/beyond-sdk.js';
import type { Route } from '../../engine/route.js';
import { IncomingRequest } from '../../engine/incoming-call.js';
import { responseOf } from '../../internal/answer.js';
import { nowSeconds } from '../../internal/clock.js';
import { newId } from '../../internal/ids.js';
import { isPlainObject, type JsonObject } from '../../internal/merge.js';
import { splitText } from '../../streaming/sse.js';
import type { SocketConnection } from '../connection.js';
import { InputAudioBuffer } from '../realtime/audio-buffer.js';
import type { AudioCoding } from '../realtime/audio-format.js';
import { msPerWord, speak } from '../realtime/audio-synthesis.js';
import { ClientEventError, ServerEvents, invalidField, missingField, receiveClientEvent } from '../realtime/events.js';
import { callRoute } from '../realtime/route-call.js';
import { readEventStream } from '../responses/event-stream-reader.js';

/** The client events a Live socket answers, and those it refuses (Decisions are not served by the mock). */
const answered = [
  'session.start', 'session.update', 'session.input_audio.append', 'session.input_audio.mute', 'session.input_audio.unmute',
  'session.output_audio.fixture.play', 'session.instructions.append', 'session.thinking.append', 'session.commentary.append',
  'response.item.create', 'response.create', 'session.close',
] as const;
const decisionEvents = new Set(['decision.create', 'decision.item.create', 'decision.item.delete']);

/** The fields `session.start` takes. */
const startFields = new Set(['model', 'audio', 'client', 'delegation', 'input', 'instructions', 'safety_identifier', 'store', 'triggers']);

/** Where a stretch of speech ends: a pause as long as server VAD's default. */
const pause = { type: 'server_vad', threshold: 0.5, prefix_padding_ms: 300, silence_duration_ms: 500 } as const;

/** Events sent in one turn of the event loop, at most, while the model speaks. */
const eventsPerTurn = 64;

/** A fixture is 24 kHz PCM16, at most 30 s. */
const fixtureMaxBytes = 24000 * 2 * 30;

function nextTurn(): Promise<void> {
  return new Promise((resolve) => setImmediate(resolve));
}

const base64 = /^[A-Za-z0-9+/]*={0,2}$/;

/** An error the Live API sends: `error` with the client event's id, when it had one. */
interface LiveError {
  readonly type?: string;
  readonly code: string;
  readonly message: string;
  readonly param?: string;
}

/** The coding of a Live audio format: PCM16 at 16 or 24 kHz, G.711 at 8 kHz. */
function codingOfLive(format: JsonObject): AudioCoding {
  if (format['type'] === 'audio/pcmu' || format['type'] === 'audio/pcma') return { type: format['type'], rate: 8000, width: 1 };
  return { type: 'audio/pcm', rate: format['rate'] === 16000 ? 16000 : 24000, width: 2 };
}

/** `session.start`'s audio format, checked (24 kHz PCM16 when none is set). */
function checkedFormat(format: unknown): JsonObject {
  if (format === undefined) return { type: 'audio/pcm', rate: 24000 };
  if (!isPlainObject(format)) throw invalidField('session.audio.format', 'an object', format);
  const type = format['type'];
  if (type === 'audio/pcm') {
    if (format['rate'] !== 16000 && format['rate'] !== 24000) {
      throw new ClientEventError({ code: 'invalid_value', message: `Invalid value: ${JSON.stringify(format['rate'])}. Live WebSocket PCM audio supports a rate of 16000 or 24000.`, param: 'session.audio.format.rate' });
    }
    return { type, rate: format['rate'] };
  }
  if (type === 'audio/pcmu' || type === 'audio/pcma') {
    if (format['rate'] !== undefined && format['rate'] !== 8000) {
      throw new ClientEventError({ code: 'invalid_value', message: `Invalid value: ${JSON.stringify(format['rate'])}. G.711 audio uses a rate of 8000.`, param: 'session.audio.format.rate' });
    }
    return { type, rate: 8000 };
  }
  throw new ClientEventError({ code: 'invalid_value', message: `Invalid value: ${JSON.stringify(type)}. Supported values are: 'audio/pcm', 'audio/pcmu' and 'audio/pcma'.`, param: 'session.audio.format.type' });
}

/** A delegation (`session.start`'s, or `session.update`'s merged onto the current one), checked. */
function checkedDelegation(delegation: unknown, current: JsonObject | null, param: string): JsonObject | null {
  if (delegation === null) return null;
  if (!isPlainObject(delegation)) throw invalidField(param, 'an object or null', delegation);
  const type = delegation['type'];
  if (type !== 'client' && type !== 'responses' && type !== 'decisions') {
    throw new ClientEventError({ code: 'invalid_value', message: `Invalid value: ${JSON.stringify(type)}. Supported values are: 'client', 'responses' and 'decisions'.`, param: `${param}.type` });
  }
  const delay = delegation['acknowledgement_delay_ms'];
  if (delay !== undefined && (typeof delay !== 'number' || delay < 0)) throw invalidField(`${param}.acknowledgement_delay_ms`, 'a non-negative number', delay);
  const same = current && current['type'] === type ? current : undefined;
  if (type === 'client') return { ...same, ...delegation };
  const config = delegation[type];
  if (config !== undefined && !isPlainObject(config)) throw invalidField(`${param}.${type}`, 'an object', config);
  const merged = { ...(same && isPlainObject(same[type]) ? same[type] : {}), ...config };
  if (type === 'responses' && typeof merged['model'] !== 'string') throw missingField(`${param}.responses.model`);
  return { ...same, ...delegation, [type]: merged };
}

/** The text of an initial item's content parts. */
function textOf(content: unknown): string {
  if (typeof content === 'string') return content;
  if (!Array.isArray(content)) return '';
  return content.map((part: unknown) => (isPlainObject(part) && typeof part['text'] === 'string' ? part['text'] : '')).join('');
}

/**
 * One Live socket (`/v1/live/sessions`, the SDK's `LiveWS`), as the SDK's Live types define it: `session.start`
 * → `session.started`; `session.update` merges the delegation and triggers it sends → `session.updated`;
 * `session.input_audio.append` takes audio in the session's format, and each stretch of speech (ended by a pause)
 * is a call of `openaiMock.live.response.create`, answered with the heard transcript
 * (`session.input_transcript.delta`), then speech (`session.output_audio.delta`, real audio bytes at the session's
 * format, with `session.output_transcript.delta`) and `session.usage.updated`; `session.commentary.append` makes
 * the model say it; with Responses delegation, `response.item.create` and `response.create` are a call of
 * `openaiMock.responses.create`, its events wrapped as `response.event`; `session.close` → `session.closed` and a
 * close. Decisions events, and any event the types do not define, get an `error` event naming the event.
 */
export class LiveSession {
  readonly #events: ServerEvents;
  #session: SessionResource | undefined;
  #coding: AudioCoding = { type: 'audio/pcm', rate: 24000, width: 2 };
  readonly #buffer = new InputAudioBuffer();
  readonly #closed = new AbortController();
  /** The turns under way, in order. */
  #work: Promise<void> = Promise.resolve();
  /** The conversation so far, as text. */
  readonly #input: LiveResponseRequest['input'] = [];
  /** The Responses backend's items (with Responses delegation). */
  readonly #backendItems: unknown[] = [];
  /** Input audio heard (ms) and output audio said (ms): the session's timeline and its usage. */
  #heardMs = 0;
  #saidMs = 0;
  #muted = false;
  #fixturePlaying = false;
  #closing = false;

  constructor(private readonly connection: SocketConnection) {
    this.#events = new ServerEvents(connection.socket);
  }

  /** Starts serving: every client event until the socket closes (the client sends `session.start` first). */
  start(): void {
    const { socket } = this.connection;
    socket.on('close', () => this.#closed.abort(new Error('The Live socket closed.')));
    socket.on('message', (data, isBinary) => this.#receive(isBinary ? undefined : data.toString()));
  }

  /** The session's timeline (ms from its start): audio heard and said. */
  get #nowMs(): number {
    return Math.max(this.#heardMs, this.#saidMs);
  }

  #send(body: { type: string } & Record<string, unknown>, clientEventId: string | undefined): void {
    this.#events.send({ ...body, ...(clientEventId !== undefined && { client_event_id: clientEventId }) } as { type: string; event_id?: never });
  }

  /** `session.output_audio.delta`: as the API sends it on the primary socket, its `type` and `delta` alone (no event id). */
  #sendAudio(delta: string): void {
    if (this.#events.open) this.connection.socket.send(`{"type":"session.output_audio.delta","delta":${JSON.stringify(delta)}}`);
  }

  #error(details: LiveError, clientEventId: string | undefined): void {
    const error = {
      type: details.type ?? 'invalid_request_error',
      code: details.code,
      message: details.message,
      ...(details.param !== undefined && { param: details.param }),
      ...(clientEventId !== undefined && { client_event_id: clientEventId }),
    };
    this.#send({ type: 'error', error }, clientEventId);
  }

  #receive(text: string | undefined): void {
    receiveClientEvent(text, 'session.input_audio.append', (event, id) => this.#dispatch(event, id), (details, id) => {
      this.#error({ ...(details.type !== undefined && { type: details.type }), code: details.code ?? 'invalid_request', message: details.message, ...(typeof details.param === 'string' && { param: details.param }) }, id);
    });
  }

  #dispatch(event: JsonObject, id: string | undefined): void {
    const type = event['type'];
    if (type === undefined) throw missingField('type');
    if (typeof type === 'string' && decisionEvents.has(type)) {
      throw new ClientEventError({ code: 'unsupported', message: `openai-responses does not serve Live Decisions: '${type}' is refused (script what the model says with openaiMock.live.response.create).`, param: 'type' });
    }
    if (typeof type !== 'string' || !(answered as readonly string[]).includes(type)) {
      throw new ClientEventError({
        code: 'invalid_value',
        message: `Invalid value: '${typeof type === 'string' ? type : JSON.stringify(type)}'. Supported values are: ${[...answered, ...decisionEvents].map((name) => `'${name}'`).join(', ')}.`,
        param: 'type',
      });
    }
    if (type === 'session.start') {
      this.#start(event['session'], id);
      return;
    }
    const session = this.#session;
    if (!session) {
      throw new ClientEventError({ code: 'session_not_started', message: `The Live session has not started: send session.start and wait for session.started before '${type}'.`, param: 'type' });
    }
    if (this.#closing) throw new ClientEventError({ code: 'session_closing', message: 'The Live session is closing (session.close was sent): it takes no more events.', param: 'type' });
    switch (type) {
      case 'session.update':
        this.#update(event['session'], session, id);
        return;
      case 'session.input_audio.append':
        this.#append(event['audio']);
        return;
      case 'session.input_audio.mute':
        this.#muted = true;
        this.#send({ type: 'session.input_audio.muted' }, id);
        return;
      case 'session.input_audio.unmute':
        this.#muted = false;
        this.#send({ type: 'session.input_audio.unmuted' }, id);
        return;
      case 'session.output_audio.fixture.play':
        this.#playFixture(event['audio'], id);
        return;
      case 'session.instructions.append':
      case 'session.thinking.append':
      case 'session.commentary.append':
        this.#appendContext(type, event, id);
        return;
      case 'response.item.create':
        this.#requireResponses(session, type);
        if (!isPlainObject(event['item'])) throw event['item'] === undefined ? missingField('item') : invalidField('item', 'an object', event['item']);
        this.#backendItems.push(event['item']);
        return;
      case 'response.create':
        this.#requireResponses(session, type);
        this.#work = this.#work.then(() => this.#respond(session, id));
        return;
      case 'session.close':
        this.#closing = true;
        this.#work = this.#work.then(() => {
          if (this.#closed.signal.aborted) return;
          this.#send({ type: 'session.closed', reason: 'close_requested', session: this.#session, usage: this.#usage() }, id);
          this.connection.socket.close(1000, 'session closed');
        });
        return;
    }
  }

  #start(asked: unknown, id: string | undefined): void {
    if (this.#session) throw new ClientEventError({ code: 'session_already_started', message: 'The Live session has already started: session.start is sent once, first.', param: 'type' });
    if (!isPlainObject(asked)) throw asked === undefined ? missingField('session') : invalidField('session', 'an object', asked);
    for (const key of Object.keys(asked)) {
      if (!startFields.has(key)) throw new ClientEventError({ code: 'unknown_parameter', message: `Unknown parameter: 'session.${key}'.`, param: `session.${key}` });
    }
    if (typeof asked['model'] !== 'string') throw asked['model'] === undefined ? missingField('session.model') : invalidField('session.model', 'a string', asked['model']);
    const audio = asked['audio'] === undefined ? {} : asked['audio'];
    if (!isPlainObject(audio)) throw invalidField('session.audio', 'an object', audio);
    const format = checkedFormat(audio['format']);
    const output = isPlainObject(audio['output']) ? audio['output'] : {};
    const voice = output['voice'] ?? 'marin';
    if (typeof voice !== 'string' && !(isPlainObject(voice) && typeof voice['id'] === 'string')) throw invalidField('session.audio.output.voice', "a voice name or an object with an 'id'", voice);
    const instructions = asked['instructions'];
    if (instructions !== undefined && instructions !== null && typeof instructions !== 'string') throw invalidField('session.instructions', 'a string or null', instructions);
    const delegation = asked['delegation'] === undefined ? null : checkedDelegation(asked['delegation'], null, 'session.delegation');
    const input = asked['input'] ?? [];
    if (!Array.isArray(input)) throw invalidField('session.input', 'an array', input);
    input.forEach((item: unknown, index) => {
      if (!isPlainObject(item) || !['developer', 'user', 'assistant'].includes(String(item['role']))) {
        throw new ClientEventError({ code: 'invalid_value', message: `Invalid 'session.input[${index}]': expected a developer, user or assistant message.`, param: `session.input[${index}]` });
      }
      this.#input.push({ role: item['role'] as 'developer' | 'user' | 'assistant', content: textOf(item['content']) });
    });
    if (asked['triggers'] !== undefined && !Array.isArray(asked['triggers'])) throw invalidField('session.triggers', 'an array', asked['triggers']);
    this.#coding = codingOfLive(format);
    // A socket's session lives as long as the socket: the API gives it an hour.
    this.#session = {
      ...(asked as unknown as SessionResource),
      id: newId('sess_'),
      expires_at: nowSeconds() + 3600,
      status: 'active',
      audio: { format, output: { voice } } as unknown as SessionResource.Audio,
      delegation: delegation as unknown as NonNullable<SessionResource['delegation']> | null,
      instructions: typeof instructions === 'string' ? instructions : null,
      store: asked['store'] === true,
    } as SessionResource;
    this.#send({ type: 'session.started', session: this.#session }, id);
  }

  #update(asked: unknown, session: SessionResource, id: string | undefined): void {
    if (!isPlainObject(asked)) throw asked === undefined ? missingField('session') : invalidField('session', 'an object', asked);
    for (const key of Object.keys(asked)) {
      if (key !== 'delegation' && key !== 'triggers') {
        throw new ClientEventError({ code: 'unknown_parameter', message: `Unknown parameter: 'session.${key}'. A Live session.update changes only 'delegation' and 'triggers'; the rest is set by session.start.`, param: `session.${key}` });
      }
    }
    let next: SessionResource = session;
    if (asked['delegation'] !== undefined) {
      next = { ...next, delegation: checkedDelegation(asked['delegation'], (session.delegation ?? null) as JsonObject | null, 'session.delegation') as unknown as NonNullable<SessionResource['delegation']> | null };
    }
    if (asked['triggers'] !== undefined) {
      if (!Array.isArray(asked['triggers'])) throw invalidField('session.triggers', 'an array', asked['triggers']);
      next = { ...next, triggers: asked['triggers'] as SessionResource['triggers'] & unknown[] };
    }
    this.#session = next;
    this.#send({ type: 'session.updated', session: next }, id);
  }

  #append(audio: unknown): void {
    if (audio === undefined) throw missingField('audio');
    if (typeof audio !== 'string') throw invalidField('audio', 'a string', audio);
    if (!base64.test(audio)) throw new ClientEventError({ code: 'invalid_value', message: `Invalid 'audio'. Expected base64-encoded raw audio in the session's format (${this.#coding.type} at ${this.#coding.rate} Hz).`, param: 'audio' });
    // Muted input (or a fixture playing) reaches the model as silence: it is heard but starts no turn.
    const bytes = Buffer.from(audio, 'base64');
    if (this.#muted || this.#fixturePlaying) {
      this.#heardMs += Math.floor((bytes.length / this.#coding.width / this.#coding.rate) * 1000);
      return;
    }
    for (const heard of this.#buffer.append(bytes, this.#coding, pause)) {
      if (heard.kind === 'speech_stopped') this.#takeTurn();
    }
  }

  /** Takes the stretch of speech heard and queues the model's answer to it. */
  #takeTurn(): void {
    const durationMs = this.#buffer.durationMs(this.#coding);
    this.#buffer.take(this.#coding);
    if (durationMs <= 0) return;
    const startMs = this.#heardMs;
    this.#heardMs += durationMs;
    const audio = { format: { type: this.#coding.type, rate: this.#coding.rate }, duration_ms: durationMs };
    this.#work = this.#work.then(() => this.#speak({ trigger: 'audio', audio, commentary: null }, startMs, undefined));
  }

  #appendContext(type: 'session.instructions.append' | 'session.thinking.append' | 'session.commentary.append', event: JsonObject, id: string | undefined): void {
    const content = event['content'];
    if (content === undefined) throw missingField('content');
    if (typeof content !== 'string') throw invalidField('content', 'a string', content);
    const delegationId = event['delegation_id'];
    if (delegationId === undefined) throw missingField('delegation_id');
    if (delegationId !== null && typeof delegationId !== 'string') throw invalidField('delegation_id', 'a string or null', delegationId);
    if (this.#fixturePlaying) throw new ClientEventError({ code: 'fixture_active', message: `'${type}' is refused while an audio fixture plays.`, param: 'type' });
    const now = this.#nowMs;
    this.#send({ type: type.replace(/append$/, 'appended'), start_ms: now, end_ms: now }, id);
    if (type === 'session.instructions.append') this.#input.push({ role: 'developer', content });
    if (type === 'session.commentary.append') this.#work = this.#work.then(() => this.#speak({ trigger: 'commentary', audio: null, commentary: content }, now, id));
  }

  #playFixture(audio: unknown, id: string | undefined): void {
    if (audio === undefined) throw missingField('audio');
    if (typeof audio !== 'string') throw invalidField('audio', 'a string', audio);
    if (!base64.test(audio)) throw new ClientEventError({ code: 'invalid_value', message: "Invalid 'audio'. Expected base64-encoded raw mono PCM16 at 24 kHz.", param: 'audio' });
    const bytes = Buffer.from(audio, 'base64');
    if (bytes.length % 2 !== 0 || bytes.length > fixtureMaxBytes) throw new ClientEventError({ code: 'invalid_value', message: "Invalid 'audio': a fixture is whole 16-bit samples, at most 30 seconds at 24 kHz.", param: 'audio' });
    if (this.#fixturePlaying) throw new ClientEventError({ code: 'fixture_active', message: 'An audio fixture is already playing: only one can be active.', param: 'type' });
    this.#fixturePlaying = true;
    this.#send({ type: 'session.output_audio.fixture.playing' }, id);
    this.#work = this.#work.then(() => {
      this.#fixturePlaying = false;
      this.#saidMs = this.#nowMs + Math.floor((bytes.length / 2 / 24000) * 1000);
      this.#send({ type: 'session.output_audio.fixture.played' }, id);
    });
  }

  #requireResponses(session: SessionResource, type: string): void {
    if (session.delegation?.type !== 'responses') {
      throw new ClientEventError({ code: 'invalid_request', message: `'${type}' requires Responses delegation: start the session (or session.update it) with delegation { type: 'responses', responses: { model } }.`, param: 'type' });
    }
  }

  #usage(): { seconds: number } {
    return { seconds: Math.round(this.#heardMs + this.#saidMs) / 1000 };
  }

  /** One turn: the route's answer as the heard transcript, then speech, then usage (or the route's error event). */
  async #speak(asked: Pick<LiveResponseRequest, 'trigger' | 'audio' | 'commentary'>, startMs: number, id: string | undefined): Promise<void> {
    const signal = this.#closed.signal;
    const session = this.#session;
    if (signal.aborted || !session) return;
    const voice = session.audio?.output?.voice;
    const body: LiveResponseRequest = {
      model: session.model,
      instructions: session.instructions ?? null,
      voice: typeof voice === 'string' ? voice : (voice?.id ?? 'marin'),
      ...asked,
      input: this.#input.map((item) => ({ ...item })),
    };
    const route = this.connection.openaiMock.routes.get('live.response.create') as unknown as Route<LiveResponse, object, LiveResponseRequest>;
    let outcome;
    try {
      outcome = await callRoute(route, this.connection, body, signal);
    } catch (error) {
      if (signal.aborted) return;
      this.#error({ type: 'server_error', code: 'mock_error', message: `openai-responses: the Live turn failed inside the mock: ${error instanceof Error ? error.message : String(error)}` }, id);
      return;
    }
    if (signal.aborted) return;
    if (!outcome.ok) {
      const { error } = outcome;
      this.#error({ ...(error.type !== undefined && { type: error.type }), code: error.code ?? 'error', message: error.message, ...(typeof error.param === 'string' && { param: error.param }) }, id);
      return;
    }
    const heard = typeof outcome.model.input_transcript === 'string' ? outcome.model.input_transcript : '';
    const said = typeof outcome.model.transcript === 'string' ? outcome.model.transcript : '';
    let sent = 0;
    const sendOne = async (event: { type: string } & Record<string, unknown>): Promise<boolean> => {
      if (signal.aborted) return false;
      if (event.type === 'session.output_audio.delta') this.#sendAudio(String(event['delta']));
      else this.#send(event, id);
      if (++sent % eventsPerTurn === 0) await nextTurn();
      return true;
    };
    if (heard !== '') {
      this.#input.push({ role: 'user', content: heard });
      const pieces = splitText(heard);
      const span = (asked.audio?.duration_ms ?? 0) / pieces.length;
      for (const [index, delta] of pieces.entries()) {
        const from = Math.round(startMs + index * span);
        if (!(await sendOne({ type: 'session.input_transcript.delta', delta, start_ms: from, end_ms: Math.round(startMs + (index + 1) * span) }))) return;
      }
    }
    if (said !== '') {
      this.#input.push({ role: 'assistant', content: said });
      let at = this.#nowMs;
      for (const piece of speak(said, this.#coding)) {
        const words = piece.text.split(/\s+/).filter((word) => word !== '').length;
        if (!(await sendOne({ type: 'session.output_audio.delta', delta: piece.audio }))) return;
        if (!(await sendOne({ type: 'session.output_transcript.delta', delta: piece.text, start_ms: at, end_ms: at + words * msPerWord }))) return;
        at += words * msPerWord;
      }
      this.#saidMs = at;
    }
    await sendOne({ type: 'session.usage.updated', usage: this.#usage() });
  }

  /** `response.create` with Responses delegation: a call of `responses.create`, its events wrapped as `response.event`. */
  async #respond(session: SessionResource, id: string | undefined): Promise<void> {
    const signal = this.#closed.signal;
    if (signal.aborted || session.delegation?.type !== 'responses') return;
    const config = { ...(session.delegation.responses as unknown as JsonObject) };
    const route = this.connection.openaiMock.routes.get('responses.create');
    if (!route) throw new Error('the mock has no responses.create route');
    const headers = new Headers(this.connection.headers);
    headers.set('content-type', 'application/json');
    const body = { ...config, input: [...this.#backendItems], stream: true, store: false };
    const call = new IncomingRequest('POST', `${this.connection.openaiMock.baseURL}/responses`, {}, new URLSearchParams(), headers, JSON.stringify(body), 'application/json', signal);
    let answer: Response;
    try {
      answer = responseOf(await route.answer(call));
    } catch (error) {
      if (signal.aborted) return;
      this.#error({ type: 'server_error', code: 'mock_error', message: `openai-responses: the response failed inside the mock: ${error instanceof Error ? error.message : String(error)}` }, id);
      return;
    }
    if (answer.status >= 400 || !answer.body) {
      const text = await answer.text();
      let parsed: unknown;
      try {
        parsed = JSON.parse(text);
      } catch {
        parsed = undefined;
      }
      const error = isPlainObject(parsed) && isPlainObject(parsed['error']) ? parsed['error'] : {};
      this.#error({ type: typeof error['type'] === 'string' ? error['type'] : 'server_error', code: typeof error['code'] === 'string' ? error['code'] : `http_${answer.status}`, message: typeof error['message'] === 'string' ? error['message'] : `The mock answered ${answer.status}.`, ...(typeof error['param'] === 'string' && { param: error['param'] }) }, id);
      return;
    }
    const events: JsonObject[] = [];
    try {
      await readEventStream(answer.body, ({ data }) => {
        let parsed: unknown;
        try {
          parsed = JSON.parse(data);
        } catch {
          return;
        }
        if (isPlainObject(parsed)) events.push(parsed);
      });
    } catch {
      if (signal.aborted) return;
    }
    for (const event of events) {
      if (signal.aborted) return;
      if (event['type'] === 'response.output_item.done' && isPlainObject(event['item'])) this.#backendItems.push(event['item']);
      this.#send({ type: 'response.event', event, delegation_id: null }, id);
    }
  }
}
