import { invalidRequest } from '../../errors.js';
import { countTokens, requireBody } from '../../internal/validate.js';
import { eventStream, namedEvent } from '../../streaming/sse.js';
import type { Behaviours, CallContext } from '../behaviour.js';
import { type SpeechFormat, contentTypeOf, silence, speechFormats } from './sounds.js';

/** Characters of input a second of speech takes, at speed 1 (about 150 words a minute). */
const charactersPerSecond = 15;
/** Bytes of audio in one `speech.audio.delta` event. */
const deltaBytes = 12_000;

/** How long the speech of `input` lasts at `speed`: a quarter second at least. */
export function speechSeconds(input: string, speed: number): number {
  return Math.max(0.25, input.length / charactersPerSecond) / speed;
}

function create(call: CallContext): Response {
  const body = requireBody(call.body, ['model', 'input', 'voice']);
  if (body instanceof Response) return body;
  const input = body['input'];
  if (typeof input !== 'string') return invalidRequest("Invalid type for 'input': expected a string.", 'input', 'invalid_type');
  if (input.length > 4096) {
    return invalidRequest(`Invalid 'input': string too long. Expected a string with maximum length 4096, but got a string with length ${input.length} instead.`, 'input', 'string_above_max_length');
  }
  const format = (body['response_format'] ?? 'mp3') as SpeechFormat;
  if (!speechFormats.includes(format)) {
    return invalidRequest(`Invalid value: '${String(format)}'. Supported values are: ${speechFormats.map((f) => `'${f}'`).join(', ')}.`, 'response_format', 'invalid_value');
  }
  const speed = body['speed'] ?? 1;
  if (typeof speed !== 'number' || !(speed >= 0.25 && speed <= 4)) {
    return invalidRequest(`Invalid 'speed': expected a number between 0.25 and 4.0, got ${String(speed)}.`, 'speed', 'invalid_value');
  }
  const model = String(body['model']);
  const streamFormat = body['stream_format'] ?? 'audio';
  if (streamFormat !== 'audio' && streamFormat !== 'sse') {
    return invalidRequest(`Invalid value: '${String(streamFormat)}'. Supported values are: 'audio', 'sse'.`, 'stream_format', 'invalid_value');
  }
  const seconds = speechSeconds(input, speed);
  const audio = silence(format, seconds);
  if (streamFormat === 'audio') {
    return new Response(audio, { status: 200, headers: { 'content-type': contentTypeOf(format) } });
  }
  if (model === 'tts-1' || model === 'tts-1-hd') {
    return invalidRequest(`stream_format 'sse' is not supported for ${model}.`, 'stream_format', 'unsupported_value');
  }
  const deltas = [];
  for (let at = 0; at < audio.length; at += deltaBytes) {
    const audioDelta = Buffer.from(audio.subarray(at, at + deltaBytes)).toString('base64');
    deltas.push(namedEvent('speech.audio.delta', { type: 'speech.audio.delta', audio: audioDelta }));
  }
  const inputTokens = countTokens(input) + countTokens(body['instructions']);
  const outputTokens = Math.ceil(seconds * 20);
  const usage = { input_tokens: inputTokens, output_tokens: outputTokens, total_tokens: inputTokens + outputTokens };
  return eventStream([...deltas, namedEvent('speech.audio.done', { type: 'speech.audio.done', usage })]);
}

/**
 * `client.audio.speech.create`: real, playable audio (silence as long as the input would take to say, at
 * `speed`) in the requested `response_format`; with `stream_format: 'sse'`, the same bytes as
 * `speech.audio.delta` events, then `speech.audio.done` with the usage.
 */
export const speechRoutes: Behaviours = {
  'audio.speech.create': { respond: create },
};
