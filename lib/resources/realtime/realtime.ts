import type {
  ClientSecretCreateResponse,
  RealtimeSessionCreateResponse,
  RealtimeTranscriptionSessionCreateResponse,
} from 'openai/resources/realtime/client-secrets';
import type { RealtimeTranslationClientSecretCreateResponse } from 'openai/resources/realtime/realtime';
import { nowSeconds } from '../../internal/clock.js';
import { RequestFields } from '../../internal/request-fields.js';
import { newId } from '../../internal/ids.js';
import { isPlainObject, type JsonObject } from '../../internal/merge.js';
import { badRequest, binary, bookkeeping, defineBehaviours, missingParameter, requiredBody } from '../kit/index.js';
import { sdpAnswer } from './sdp.js';

/** How long a client secret lives: `expires_after.seconds` (10 to 7200), 600 by default. */
function lifetime(body: JsonObject): number {
  const after = isPlainObject(body['expires_after']) ? body['expires_after'] : {};
  const seconds = after['seconds'] ?? 600;
  if (typeof seconds !== 'number' || !Number.isInteger(seconds) || seconds < 10 || seconds > 7200) {
    throw badRequest(`Invalid 'expires_after.seconds': expected an integer from 10 to 7200, got ${JSON.stringify(seconds)}.`, 'expires_after.seconds', 'invalid_value');
  }
  return seconds;
}

/** A client secret the mock issued: when it expires, and the session it opens. */
export interface IssuedClientSecret {
  readonly expiresAt: number;
  readonly session: JsonObject;
}

/** The realtime and translation client secrets (`ek_...`) a mock issued, by value: a socket opened with one gets its session. */
export const issuedClientSecrets = bookkeeping('realtime.clientSecrets', () => new Map<string, IssuedClientSecret>());

/** The API's default turn detection: server VAD with its default threshold and timings. */
function serverVad(): { type: 'server_vad'; threshold: number; prefix_padding_ms: number; silence_duration_ms: number } {
  return { type: 'server_vad', threshold: 0.5, prefix_padding_ms: 300, silence_duration_ms: 200 };
}

/** The client secret of a beta realtime session: an `ek_` key that lives a minute. */
function betaClientSecret(): { value: string; expires_at: number } {
  return { value: newId('ek_', 32), expires_at: nowSeconds() + 60 };
}

/** The session a realtime client secret (or call) configures: what was asked, with the API's defaults. */
export function realtimeSession(asked: JsonObject, expiresAt: number): RealtimeSessionCreateResponse | RealtimeTranscriptionSessionCreateResponse {
  if (asked['type'] === 'transcription') {
    return {
      id: newId('sess_'),
      object: 'realtime.transcription_session',
      type: 'transcription',
      expires_at: expiresAt,
      audio: { input: { format: { type: 'audio/pcm', rate: 24000 }, transcription: { model: 'gpt-4o-mini-transcribe' }, turn_detection: serverVad() } },
      include: [],
      ...(asked as Partial<RealtimeTranscriptionSessionCreateResponse>),
    };
  }
  return {
    id: newId('sess_'),
    object: 'realtime.session',
    type: 'realtime',
    model: 'gpt-realtime',
    expires_at: expiresAt,
    output_modalities: ['audio'],
    instructions: '',
    tools: [],
    tool_choice: 'auto',
    max_output_tokens: 'inf',
    tracing: null,
    truncation: 'auto',
    prompt: null,
    include: [],
    audio: {
      input: { format: { type: 'audio/pcm', rate: 24000 }, turn_detection: { ...serverVad(), create_response: true, interrupt_response: true, idle_timeout_ms: null } },
      output: { format: { type: 'audio/pcm', rate: 24000 }, voice: 'alloy', speed: 1 },
    },
    ...(asked as Partial<RealtimeSessionCreateResponse>),
  } as RealtimeSessionCreateResponse;
}

/** The empty 200 of a call control request (accept, hang up, refer, reject). */
export const empty = (): ReturnType<typeof binary> => binary(new Uint8Array(), 'text/plain');

/**
 * `client.realtime.*`: client secrets (`ek_…`, with the session they configure), translation client secrets,
 * and calls: `create` answers an SDP offer with an SDP answer and the call's id in `Location`; `accept`,
 * `hangup`, `refer` and `reject` answer an empty 200.
 */
export const realtimeRoutes = defineBehaviours({
  'beta.realtime.sessions.create': {
    respond(call) {
      const { client_secret: _, ...asked } = requiredBody(call, [], true);
      return call.complete({
        client_secret: betaClientSecret(),
        modalities: ['text', 'audio'] as ('text' | 'audio')[],
        instructions: '',
        voice: 'alloy',
        input_audio_format: 'pcm16',
        output_audio_format: 'pcm16',
        turn_detection: serverVad(),
        tools: [],
        tool_choice: 'auto',
        temperature: 0.8,
        max_response_output_tokens: 'inf' as const,
        speed: 1,
        ...asked,
      });
    },
  },
  'beta.realtime.transcriptionSessions.create': {
    respond(call) {
      const { client_secret: _, ...asked } = requiredBody(call, [], true);
      return call.complete({
        client_secret: betaClientSecret(),
        modalities: ['text'] as ('text' | 'audio')[],
        input_audio_format: 'pcm16',
        input_audio_transcription: { model: 'gpt-4o-transcribe', language: '', prompt: '' },
        turn_detection: serverVad(),
        ...asked,
      });
    },
  },
  'realtime.clientSecrets.create': {
    respond(call) {
      const body = requiredBody(call, [], true);
      const expiresAt = nowSeconds() + lifetime(body);
      const asked = isPlainObject(body['session']) ? body['session'] : { type: 'realtime' };
      const secret = call.complete<ClientSecretCreateResponse>({ value: newId('ek_', 32), expires_at: expiresAt, session: realtimeSession(asked, expiresAt) });
      issuedClientSecrets(call.state).set(secret.value, { expiresAt: secret.expires_at, session: secret.session as unknown as JsonObject });
      return secret;
    },
  },
  'realtime.translations.clientSecrets.create': {
    respond(call) {
      const body = requiredBody(call, ['session']);
      const session: JsonObject = isPlainObject(body['session']) ? body['session'] : {};
      if (typeof session['model'] !== 'string') throw missingParameter('session.model');
      const expiresAt = nowSeconds() + lifetime(body);
      const translation: RealtimeTranslationClientSecretCreateResponse = {
        value: newId('ek_', 32),
        expires_at: expiresAt,
        session: {
          id: newId('sess_'),
          type: 'translation',
          model: session['model'],
          expires_at: expiresAt,
          audio: (isPlainObject(session['audio']) ? session['audio'] : {}) as RealtimeTranslationClientSecretCreateResponse['session']['audio'],
        },
      };
      const secret = call.complete(translation);
      issuedClientSecrets(call.state).set(secret.value, { expiresAt: secret.expires_at, session: secret.session as unknown as JsonObject });
      return secret;
    },
  },
  'realtime.calls.create': {
    async respond(call) {
      // The SDK sends the offer as a multipart part of type application/sdp (a file part), or plain SDP.
      const sdp = typeof call.body === 'string' ? call.body : new RequestFields(call.body).raw('sdp');
      const offer = sdp instanceof Blob ? await sdp.text() : typeof sdp === 'string' ? sdp : '';
      if (offer === '') throw missingParameter('sdp');
      const id = newId('rtc_');
      return binary(new TextEncoder().encode(sdpAnswer(offer)), 'application/sdp', { location: `/v1/realtime/calls/${id}` });
    },
  },
  'realtime.calls.accept': { respond: empty },
  'realtime.calls.hangup': { respond: empty },
  'realtime.calls.refer': {
    respond(call) {
      requiredBody(call, ['target_uri']);
      return empty();
    },
  },
  'realtime.calls.reject': { respond: empty },
});
