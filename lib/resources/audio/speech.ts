import { countTokens } from '../../internal/validate.js';
import { type StreamStep, namedEvent } from '../../streaming/sse.js';
import { type Call, badRequest, binary, defineBehaviours, requiredBody, withEvents } from '../kit/index.js';
import { type SpeechFormat, contentTypeOf, silence, speechFormats } from './sounds.js';

/** Characters of input a second of speech takes, at speed 1 (about 150 words a minute). */
const charactersPerSecond = 15;
/** Bytes of audio in one `speech.audio.delta` event. */
const deltaBytes = 12_000;

/** How long the speech of `input` lasts at `speed`: a quarter second at least. */
export function speechSeconds(input: string, speed: number): number {
  return Math.max(0.25, input.length / charactersPerSecond) / speed;
}

function create(call: Call<'audio.speech.create'>) {
  const body = requiredBody(call, ['model', 'input', 'voice']);
  const input = body['input'];
  if (typeof input !== 'string') throw badRequest("Invalid type for 'input': expected a string.", 'input', 'invalid_type');
  if (input.length > 4096) {
    throw badRequest(`Invalid 'input': string too long. Expected a string with maximum length 4096, but got a string with length ${input.length} instead.`, 'input', 'string_above_max_length');
  }
  const format = (body['response_format'] ?? 'mp3') as SpeechFormat;
  if (!speechFormats.includes(format)) {
    throw badRequest(`Invalid value: '${String(format)}'. Supported values are: ${speechFormats.map((f) => `'${f}'`).join(', ')}.`, 'response_format', 'invalid_value');
  }
  const speed = body['speed'] ?? 1;
  if (typeof speed !== 'number' || !(speed >= 0.25 && speed <= 4)) {
    throw badRequest(`Invalid 'speed': expected a number between 0.25 and 4.0, got ${String(speed)}.`, 'speed', 'invalid_value');
  }
  const model = String(body['model']);
  const streamFormat = body['stream_format'] ?? 'audio';
  if (streamFormat !== 'audio' && streamFormat !== 'sse') {
    throw badRequest(`Invalid value: '${String(streamFormat)}'. Supported values are: 'audio', 'sse'.`, 'stream_format', 'invalid_value');
  }
  if (streamFormat === 'sse' && (model === 'tts-1' || model === 'tts-1-hd')) {
    throw badRequest(`stream_format 'sse' is not supported for ${model}.`, 'stream_format', 'unsupported_value');
  }
  const seconds = speechSeconds(input, speed);
  const audio = silence(format, seconds);
  return withEvents(binary(audio, contentTypeOf(format)), () => {
    const steps: StreamStep[] = [];
    for (let at = 0; at < audio.length; at += deltaBytes) {
      const delta = Buffer.from(audio.subarray(at, at + deltaBytes)).toString('base64');
      steps.push(namedEvent('speech.audio.delta', { type: 'speech.audio.delta', audio: delta }));
    }
    const inputTokens = countTokens(input) + countTokens(body['instructions']);
    const outputTokens = Math.ceil(seconds * 20);
    const usage = { input_tokens: inputTokens, output_tokens: outputTokens, total_tokens: inputTokens + outputTokens };
    steps.push(namedEvent('speech.audio.done', { type: 'speech.audio.done', usage }));
    return steps;
  });
}

/**
 * `client.audio.speech.create`: real, playable audio (silence as long as the input would take to say, at
 * `speed`) in the requested `response_format`; with `stream_format: 'sse'`, the same bytes as
 * `speech.audio.delta` events, then `speech.audio.done` with the usage.
 */
export const speechRoutes = defineBehaviours({
  'audio.speech.create': { respond: create },
});
