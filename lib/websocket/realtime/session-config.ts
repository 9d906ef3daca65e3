import type { RealtimeSessionCreateResponse, RealtimeTranscriptionSessionCreateResponse } from 'openai/resources/realtime/client-secrets';
import type { AudioTranscription, RealtimeAudioFormats, RealtimeAudioInputTurnDetection } from 'openai/resources/realtime/realtime';
import { nowSeconds } from '../../internal/clock.js';
import { isPlainObject, type JsonObject } from '../../internal/merge.js';
import { realtimeSession } from '../../resources/realtime/realtime.js';
import { ClientEventError, invalidField, missingField } from './events.js';

/** A realtime session's settings, as `session.created` and `session.updated` send them. */
export type SessionSettings = RealtimeSessionCreateResponse | RealtimeTranscriptionSessionCreateResponse;

/** The settings the API sends as `null` when they are off; any other setting sent as `null` is unset. */
const nullable = new Set(['turn_detection', 'tracing', 'prompt']);

/**
 * A copy of `base` with `patch` merged in: objects field by field, anything else (arrays, null) replaced, and an
 * object of another `type` (a format, a turn detection) replaced whole.
 */
function mergeSent(base: JsonObject, patch: JsonObject): JsonObject {
  const merged: JsonObject = { ...base };
  for (const [key, value] of Object.entries(patch)) {
    if (value === null && !nullable.has(key)) {
      delete merged[key];
      continue;
    }
    const current = merged[key];
    const sameKind = isPlainObject(value) && isPlainObject(current) && (value['type'] === undefined || value['type'] === current['type']);
    merged[key] = sameKind ? mergeSent(current, value) : value;
  }
  return merged;
}

/**
 * One socket's session settings: made from what the connection asked (the URL's model or transcription intent,
 * or the session a client secret configured), changed by `session.update`, which merges only the fields it sends.
 */
export class SessionConfig {
  #settings: SessionSettings;

  constructor(asked: JsonObject) {
    // A socket's session lives as long as the socket: the API gives it an hour.
    this.#settings = realtimeSession(asked, nowSeconds() + 3600);
  }

  /** The settings as the API sends them. */
  get settings(): SessionSettings {
    return this.#settings;
  }

  /** Whether the session transcribes only (no responses). */
  get isTranscription(): boolean {
    return this.#settings.type === 'transcription';
  }

  get model(): string {
    return this.#settings.type === 'realtime' ? (this.#settings.model ?? 'gpt-realtime') : 'gpt-realtime';
  }

  get inputFormat(): RealtimeAudioFormats | undefined {
    return this.#settings.audio?.input?.format;
  }

  get outputFormat(): RealtimeAudioFormats | undefined {
    return this.#settings.type === 'realtime' ? this.#settings.audio?.output?.format : undefined;
  }

  get voice(): string {
    return this.#settings.type === 'realtime' ? String(this.#settings.audio?.output?.voice ?? 'alloy') : 'alloy';
  }

  /** Server or semantic VAD, or `null` when the client commits the audio itself. */
  get turnDetection(): RealtimeAudioInputTurnDetection | null {
    return (this.#settings.audio?.input?.turn_detection as RealtimeAudioInputTurnDetection | null | undefined) ?? null;
  }

  /** The input transcription the session asks for, if any. */
  get transcription(): AudioTranscription | null {
    return this.#settings.audio?.input?.transcription ?? null;
  }

  /**
   * Applies a `session.update`'s `session`: the fields sent, merged; a missing or different `type`, or a field
   * of the wrong kind, is refused and changes nothing.
   */
  update(session: unknown): SessionSettings {
    if (!isPlainObject(session)) throw session === undefined ? missingField('session') : invalidField('session', 'an object', session);
    const type = session['type'];
    if (type === undefined) throw missingField('session.type');
    if (type !== 'realtime' && type !== 'transcription') {
      throw new ClientEventError({ code: 'invalid_value', message: `Invalid value: '${String(type)}'. Supported values are: 'realtime' and 'transcription'.`, param: 'session.type' });
    }
    if (type !== this.#settings.type) {
      throw new ClientEventError({ code: 'invalid_value', message: `Cannot update a ${this.#settings.type} session to type '${type}'.`, param: 'session.type' });
    }
    for (const key of ['instructions', 'model'] as const) {
      if (session[key] !== undefined && typeof session[key] !== 'string') throw invalidField(`session.${key}`, 'a string', session[key]);
    }
    for (const key of ['tools', 'output_modalities', 'include'] as const) {
      if (session[key] !== undefined && !Array.isArray(session[key])) throw invalidField(`session.${key}`, 'an array', session[key]);
    }
    if (session['audio'] !== undefined && !isPlainObject(session['audio'])) throw invalidField('session.audio', 'an object', session['audio']);
    const { client_secret: _secret, ...sent } = session;
    this.#settings = mergeSent(this.#settings as unknown as JsonObject, sent) as unknown as SessionSettings;
    return this.#settings;
  }
}
