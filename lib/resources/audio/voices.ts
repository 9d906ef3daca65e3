import type { VoiceConsent } from 'openai/resources/audio/voice-consents';
import type { Voice } from 'openai/resources/audio/voices';
import { invalidRequest, notFound } from '../../errors.js';
import { nowSeconds } from '../../internal/clock.js';
import { newId } from '../../internal/ids.js';
import { RequestFields } from '../../internal/request-fields.js';
import { listParams, requireBody } from '../../internal/validate.js';
import type { Behaviours, CallContext } from '../behaviour.js';

function missing(param: string): Response {
  return invalidRequest(`Missing required parameter: '${param}'.`, param, 'missing_required_parameter');
}

function createVoice(call: CallContext): Voice | Response {
  const fields = new RequestFields(call.body);
  if (!fields.readable) return invalidRequest('Expected a multipart/form-data body.');
  const name = fields.string('name');
  if (!name) return missing('name');
  const type = fields.string('type') ?? 'audio_sample';
  const base = { id: newId('voice_'), object: 'audio.voice' as const, created_at: nowSeconds(), name };
  let voice: Voice;
  if (type === 'prompt') {
    const prompt = fields.string('prompt');
    if (!prompt) return missing('prompt');
    voice = { ...base, type: 'prompt', prompt };
  } else if (type === 'audio_sample') {
    if (!fields.file('audio_sample')) return missing('audio_sample');
    const consent = fields.string('consent');
    if (!consent) return missing('consent');
    if (!call.state.audio.voiceConsents.has(consent)) return notFound('voice consent', consent, 'consent');
    voice = { ...base, type: 'audio_sample' };
  } else {
    return invalidRequest(`Invalid value: '${type}'. Supported values are: 'audio_sample', 'prompt'.`, 'type', 'invalid_value');
  }
  return call.state.audio.voices.put(call.complete(voice));
}

function consentFound(call: CallContext): VoiceConsent | Response {
  const id = call.params['consent_id'] ?? '';
  return call.state.audio.voiceConsents.get(id) ?? notFound('voice consent', id, 'consent_id');
}

function createConsent(call: CallContext): VoiceConsent | Response {
  const fields = new RequestFields(call.body);
  if (!fields.readable) return invalidRequest('Expected a multipart/form-data body.');
  if (!fields.file('recording')) return missing('recording');
  const name = fields.string('name');
  if (!name) return missing('name');
  const language = fields.string('language');
  if (!language) return missing('language');
  const consent: VoiceConsent = { id: newId('cons_'), object: 'audio.voice_consent', created_at: nowSeconds(), name, language };
  return call.state.audio.voiceConsents.put(call.complete(consent));
}

/**
 * `client.audio.voices.*` and `client.audio.voiceConsents.*`: custom voices (from an audio sample and a consent
 * recording, or from a prompt) and consent recordings, kept in `state.audio`; create, retrieve, update, list and
 * delete as the API does, 404 for ids the state does not hold.
 */
export const voiceRoutes: Behaviours = {
  'audio.voices.create': { respond: createVoice },
  'audio.voices.delete': {
    respond(call) {
      const id = call.params['voice_id'] ?? '';
      if (!call.state.audio.voices.delete(id)) return notFound('voice', id, 'voice_id');
      return call.complete({ id, object: 'audio.voice.deleted', deleted: true });
    },
  },
  'audio.voiceConsents.create': { respond: createConsent },
  'audio.voiceConsents.retrieve': {
    respond(call) {
      const consent = consentFound(call);
      return consent instanceof Response ? consent : call.complete(consent);
    },
  },
  'audio.voiceConsents.update': {
    respond(call) {
      const consent = consentFound(call);
      if (consent instanceof Response) return consent;
      const body = requireBody(call.body, ['name']);
      if (body instanceof Response) return body;
      return call.state.audio.voiceConsents.put(call.complete({ ...consent, name: String(body['name']) }));
    },
  },
  'audio.voiceConsents.list': { respond: (call) => call.complete(call.state.audio.voiceConsents.list(listParams(call.query))) },
  'audio.voiceConsents.delete': {
    respond(call) {
      const consent = consentFound(call);
      if (consent instanceof Response) return consent;
      call.state.audio.voiceConsents.delete(consent.id);
      return call.complete({ id: consent.id, object: 'audio.voice_consent', deleted: true });
    },
  },
};
