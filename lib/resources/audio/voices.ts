import type { VoiceConsent } from 'openai/resources/audio/voice-consents';
import type { Voice } from 'openai/resources/audio/voices';
import { nowSeconds } from '../../internal/clock.js';
import { newId } from '../../internal/ids.js';
import { RequestFields } from '../../internal/request-fields.js';
import { type CallContext, badRequest, defineBehaviours, deleteFrom, found, listPage, missingParameter, noSuch, requiredBody } from '../kit/index.js';

function formOf(call: CallContext): RequestFields {
  const fields = new RequestFields(call.body);
  if (!fields.readable) throw badRequest('Expected a multipart/form-data body.');
  return fields;
}

function required<T>(value: T | undefined, param: string): T {
  if (value === undefined || value === '') throw missingParameter(param);
  return value;
}

function createVoice(call: CallContext): Voice {
  const fields = formOf(call);
  const base = { id: newId('voice_'), object: 'audio.voice' as const, created_at: nowSeconds(), name: required(fields.string('name'), 'name') };
  const type = fields.string('type') ?? 'audio_sample';
  let voice: Voice;
  if (type === 'prompt') {
    voice = { ...base, type: 'prompt', prompt: required(fields.string('prompt'), 'prompt') };
  } else if (type === 'audio_sample') {
    required(fields.file('audio_sample'), 'audio_sample');
    const consent = required(fields.string('consent'), 'consent');
    if (!call.state.audio.voiceConsents.has(consent)) throw noSuch('voice consent', consent, { param: 'consent' });
    voice = { ...base, type: 'audio_sample' };
  } else {
    throw badRequest(`Invalid value: '${type}'. Supported values are: 'audio_sample', 'prompt'.`, 'type', 'invalid_value');
  }
  return call.state.audio.voices.put(call.complete(voice));
}

function createConsent(call: CallContext): VoiceConsent {
  const fields = formOf(call);
  required(fields.file('recording'), 'recording');
  const consent: VoiceConsent = {
    id: newId('cons_'),
    object: 'audio.voice_consent',
    created_at: nowSeconds(),
    name: required(fields.string('name'), 'name'),
    language: required(fields.string('language'), 'language'),
  };
  return call.state.audio.voiceConsents.put(call.complete(consent));
}

/**
 * `client.audio.voices.*` and `client.audio.voiceConsents.*`: custom voices (from an audio sample and a consent
 * recording, or from a prompt) and consent recordings, kept in `state.audio`; create, retrieve, update, list and
 * delete as the API does, 404 for ids the state does not hold.
 */
export const voiceRoutes = defineBehaviours({
  'audio.voices.create': { respond: createVoice },
  'audio.voices.delete': {
    respond: (call) => deleteFrom(call, call.state.audio.voices, 'voice', call.params.voice_id, 'audio.voice.deleted', { param: 'voice_id' }),
  },
  'audio.voiceConsents.create': { respond: createConsent },
  'audio.voiceConsents.retrieve': {
    respond: (call) => call.complete(found(call.state.audio.voiceConsents, 'voice consent', call.params.consent_id, { param: 'consent_id' })),
  },
  'audio.voiceConsents.update': {
    respond(call) {
      const consent = found(call.state.audio.voiceConsents, 'voice consent', call.params.consent_id, { param: 'consent_id' });
      const body = requiredBody(call, ['name']);
      return call.state.audio.voiceConsents.put(call.complete({ ...consent, name: String(body.name) }));
    },
  },
  'audio.voiceConsents.list': { respond: (call) => listPage(call, call.state.audio.voiceConsents) },
  'audio.voiceConsents.delete': {
    respond: (call) =>
      deleteFrom(call, call.state.audio.voiceConsents, 'voice consent', call.params.consent_id, 'audio.voice_consent', { param: 'consent_id' }),
  },
});
