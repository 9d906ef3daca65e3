import type { RealtimeAudioInputTurnDetection, RealtimeTranslationSession } from 'openai/resources/realtime/realtime';
import type { RealtimeTranslationRequest, RealtimeTranslationSegment } from '../../catalog/beyond-sdk.js';
import type { Route } from '../../engine/route.js';
import { nowSeconds } from '../../internal/clock.js';
import { newId } from '../../internal/ids.js';
import { isPlainObject, type JsonObject } from '../../internal/merge.js';
import { splitText } from '../../streaming/sse.js';
import type { SocketConnection } from '../connection.js';
import { InputAudioBuffer } from './audio-buffer.js';
import { type AudioCoding, codingOf } from './audio-format.js';
import { speak } from './audio-synthesis.js';
import { ClientEventError, ServerEvents, invalidField, missingField, receiveClientEvent } from './events.js';
import { callRoute } from './route-call.js';

type Transcription = RealtimeTranslationSession.Audio.Input.Transcription | null;
type NoiseReduction = RealtimeTranslationSession.Audio.Input.NoiseReduction | null;

/** The client events of a translation socket. */
const clientEventTypes = ['session.update', 'session.input_audio_buffer.append', 'session.close'] as const;

/** Translation hears 24 kHz PCM16 mono, and speaks it. */
const pcm24k: AudioCoding = codingOf({ type: 'audio/pcm', rate: 24000 });

/** The API translates in frames of 200 ms; `elapsed_ms` counts them. */
const frameMs = 200;

/** Where a stretch of speech ends: a pause as long as server VAD's default. */
const pause: RealtimeAudioInputTurnDetection = { type: 'server_vad', threshold: 0.5, prefix_padding_ms: 300, silence_duration_ms: 500 };

/** Events sent in one turn of the event loop, at most, while a translation is spoken (as a realtime response). */
const eventsPerTurn = 64;

const noiseReductionTypes = ['near_field', 'far_field'];

function nextTurn(): Promise<void> {
  return new Promise((resolve) => setImmediate(resolve));
}

/** The session's settings as the API sends them, from what the connection asked (the URL's model, or a client secret's session). */
export function translationSettings(asked: JsonObject, expiresAt: number): RealtimeTranslationSession {
  const audio = isPlainObject(asked['audio']) ? asked['audio'] : {};
  const input = isPlainObject(audio['input']) ? audio['input'] : {};
  const output = isPlainObject(audio['output']) ? audio['output'] : {};
  return {
    id: typeof asked['id'] === 'string' ? asked['id'] : newId('sess_'),
    type: 'translation',
    model: typeof asked['model'] === 'string' ? asked['model'] : 'gpt-realtime-translate',
    expires_at: typeof asked['expires_at'] === 'number' ? asked['expires_at'] : expiresAt,
    audio: {
      input: {
        transcription: (isPlainObject(input['transcription']) ? input['transcription'] : null) as Transcription,
        noise_reduction: (isPlainObject(input['noise_reduction']) ? input['noise_reduction'] : null) as NoiseReduction,
      },
      output: typeof output['language'] === 'string' ? { language: output['language'] } : {},
    },
  };
}

/** A `session.update`'s `session`, checked: only `audio` changes (`type` and `model` are fixed at creation). */
function checkedUpdate(session: unknown, current: RealtimeTranslationSession): JsonObject {
  if (!isPlainObject(session)) throw session === undefined ? missingField('session') : invalidField('session', 'an object', session);
  for (const key of ['type', 'model'] as const) {
    if (session[key] !== undefined && session[key] !== current[key]) {
      throw new ClientEventError({ code: 'invalid_value', message: `The translation session's '${key}' is set when it is created and cannot be changed with session.update.`, param: `session.${key}` });
    }
  }
  const audio = session['audio'];
  if (audio === undefined) return {};
  if (!isPlainObject(audio)) throw invalidField('session.audio', 'an object', audio);
  const { input, output } = audio;
  if (input !== undefined && !isPlainObject(input)) throw invalidField('session.audio.input', 'an object', input);
  if (output !== undefined && !isPlainObject(output)) throw invalidField('session.audio.output', 'an object', output);
  if (output && output['language'] !== undefined && typeof output['language'] !== 'string') throw invalidField('session.audio.output.language', 'a string', output['language']);
  const transcription = input?.['transcription'];
  if (transcription !== undefined && transcription !== null) {
    if (!isPlainObject(transcription)) throw invalidField('session.audio.input.transcription', 'an object', transcription);
    if (typeof transcription['model'] !== 'string') throw missingField('session.audio.input.transcription.model');
  }
  const noise = input?.['noise_reduction'];
  if (noise !== undefined && noise !== null) {
    if (!isPlainObject(noise)) throw invalidField('session.audio.input.noise_reduction', 'an object', noise);
    if (typeof noise['type'] !== 'string' || !noiseReductionTypes.includes(noise['type'])) {
      throw new ClientEventError({ code: 'invalid_value', message: `Invalid value: '${String(noise['type'])}'. Supported values are: 'near_field' and 'far_field'.`, param: 'session.audio.input.noise_reduction.type' });
    }
    if (noise['strength'] !== undefined && typeof noise['strength'] !== 'number') throw invalidField('session.audio.input.noise_reduction.strength', 'a number', noise['strength']);
  }
  return audio;
}

/**
 * One translation socket (`/v1/realtime/translations`), as the SDK's translation types define it: `session.created`
 * on connect; `session.update` changes the target language, the source transcription and noise reduction (merging
 * only what it sends) and answers `session.updated`; `session.input_audio_buffer.append` takes 24 kHz PCM16, and
 * each stretch of speech (ended by a pause, or by `session.close`) is a call of `openaiMock.realtime.translation.create`,
 * spoken back as `session.output_audio.delta` and `session.output_transcript.delta` events (and the source transcript
 * as `session.input_transcript.delta` when the session asks); `session.close` flushes what is pending, answers
 * `session.closed` and closes the socket.
 */
export class TranslationSession {
  readonly #events: ServerEvents;
  #settings: RealtimeTranslationSession;
  readonly #buffer = new InputAudioBuffer();
  /** Aborted when the socket closes: route latency and speaking stop. */
  readonly #closed = new AbortController();
  /** The translations under way, in order: each stretch is spoken after the one before. */
  #work: Promise<void> = Promise.resolve();
  /** Input audio heard since the session started (ms). */
  #heardMs = 0;
  #closing = false;

  constructor(
    private readonly connection: SocketConnection,
    asked: JsonObject,
  ) {
    this.#events = new ServerEvents(connection.socket);
    // A socket's session lives as long as the socket: the API gives it an hour.
    this.#settings = translationSettings(asked, nowSeconds() + 3600);
  }

  /** Starts serving: `session.created`, then every client event until the socket closes. */
  start(): void {
    const { socket } = this.connection;
    socket.on('close', () => this.#closed.abort(new Error('The translation socket closed.')));
    socket.on('message', (data, isBinary) => this.#receive(isBinary ? undefined : data.toString()));
    this.#events.send({ type: 'session.created', session: this.#settings });
  }

  #receive(text: string | undefined): void {
    receiveClientEvent(text, 'session.input_audio_buffer.append', (event) => this.#dispatch(event), (details, eventId) => this.#events.error({ ...details, event_id: eventId ?? null }));
  }

  #dispatch(event: JsonObject): void {
    const type = event['type'];
    if (type === undefined) throw missingField('type');
    if (this.#closing) {
      throw new ClientEventError({ code: 'session_closing', message: 'The translation session is closing (session.close was sent): it takes no more events.', param: 'type' });
    }
    switch (type) {
      case 'session.update':
        this.#update(event['session']);
        return;
      case 'session.input_audio_buffer.append':
        this.#append(event);
        return;
      case 'session.close':
        this.#closing = true;
        this.#translatePending();
        this.#work = this.#work.then(() => {
          if (this.#closed.signal.aborted) return;
          this.#events.send({ type: 'session.closed' });
          this.connection.socket.close(1000, 'session closed');
        });
        return;
      default:
        throw new ClientEventError({
          code: 'invalid_value',
          message: `Invalid value: '${typeof type === 'string' ? type : JSON.stringify(type)}'. Supported values are: ${clientEventTypes.map((name) => `'${name}'`).join(', ')}.`,
          param: 'type',
        });
    }
  }

  #update(session: unknown): void {
    const audio = checkedUpdate(session, this.#settings);
    const current = this.#settings.audio;
    const input = isPlainObject(audio['input']) ? audio['input'] : {};
    const output = isPlainObject(audio['output']) ? audio['output'] : {};
    const noise = input['noise_reduction'];
    const currentNoise = current.input?.noise_reduction;
    this.#settings = {
      ...this.#settings,
      audio: {
        input: {
          transcription: (input['transcription'] === undefined ? (current.input?.transcription ?? null) : input['transcription']) as Transcription,
          // Strength omitted keeps the strength set before (for the same kind of noise reduction).
          noise_reduction: (noise === undefined
            ? (currentNoise ?? null)
            : noise === null
              ? null
              : { ...(isPlainObject(noise) && currentNoise && currentNoise.type === noise['type'] ? currentNoise : {}), ...noise }) as NoiseReduction,
        },
        output: typeof output['language'] === 'string' ? { ...current.output, language: output['language'] } : { ...current.output },
      },
    };
    this.#events.send({ type: 'session.updated', session: this.#settings });
  }

  #append(event: JsonObject): void {
    const audio = event['audio'];
    if (audio === undefined) throw missingField('audio');
    if (typeof audio !== 'string') throw invalidField('audio', 'a string', audio);
    if (!/^[A-Za-z0-9+/]*={0,2}$/.test(audio)) {
      throw new ClientEventError({ code: 'invalid_value', message: "Invalid 'audio'. Expected base64-encoded 24 kHz PCM16 mono audio bytes.", param: 'audio' });
    }
    for (const heard of this.#buffer.append(Buffer.from(audio, 'base64'), pcm24k, pause)) {
      if (heard.kind === 'speech_stopped') this.#translatePending();
    }
  }

  /** Takes the audio heard since the last stretch and queues its translation (none for no audio). */
  #translatePending(): void {
    const durationMs = this.#buffer.durationMs(pcm24k);
    this.#buffer.take(pcm24k);
    if (durationMs <= 0) return;
    this.#heardMs += durationMs;
    const body: RealtimeTranslationRequest = {
      model: this.#settings.model,
      language: this.#settings.audio.output?.language ?? null,
      transcription: this.#settings.audio.input?.transcription ?? null,
      audio: { format: { type: 'audio/pcm', rate: 24000 }, duration_ms: durationMs, elapsed_ms: Math.ceil(this.#heardMs / frameMs) * frameMs },
    };
    this.#work = this.#work.then(() => this.#translate(body));
  }

  /** One stretch: the route's answer spoken back as the API's delta events (or its error event). */
  async #translate(body: RealtimeTranslationRequest): Promise<void> {
    const signal = this.#closed.signal;
    if (signal.aborted) return;
    const route = this.connection.openaiMock.routes.get('realtime.translation.create') as unknown as Route<RealtimeTranslationSegment, object, RealtimeTranslationRequest>;
    let outcome;
    try {
      outcome = await callRoute(route, this.connection, body, signal);
    } catch (error) {
      if (signal.aborted) return;
      this.#events.error({ type: 'server_error', code: 'mock_error', message: `openai-responses: the translation failed inside the mock: ${error instanceof Error ? error.message : String(error)}` });
      return;
    }
    if (signal.aborted) return;
    if (!outcome.ok) {
      this.#events.error(outcome.error);
      return;
    }
    const elapsed = body.audio.elapsed_ms;
    const transcript = typeof outcome.model.transcript === 'string' ? outcome.model.transcript : '';
    const translation = typeof outcome.model.translation === 'string' ? outcome.model.translation : '';
    let sent = 0;
    const sendAll = async (events: Iterable<{ type: string } & Record<string, unknown>>): Promise<boolean> => {
      for (const event of events) {
        if (signal.aborted) return false;
        this.#events.send(event);
        if (++sent % eventsPerTurn === 0) await nextTurn();
      }
      return true;
    };
    if (body.transcription !== null && transcript !== '') {
      const heard = splitText(transcript).map((delta) => ({ type: 'session.input_transcript.delta', elapsed_ms: elapsed, delta }));
      if (!(await sendAll(heard))) return;
    }
    const spoken = function* (): Generator<{ type: string } & Record<string, unknown>> {
      for (const piece of speak(translation, pcm24k)) {
        yield { type: 'session.output_audio.delta', elapsed_ms: elapsed, format: 'pcm16', sample_rate: 24000, channels: 1, delta: piece.audio };
        yield { type: 'session.output_transcript.delta', elapsed_ms: elapsed, delta: piece.text };
      }
    };
    await sendAll(spoken());
  }
}
