import type {
  Transcription,
  TranscriptionDiarized,
  TranscriptionStreamEvent,
  TranscriptionVerbose,
} from 'openai/resources/audio/transcriptions';
import type { TranslationVerbose } from 'openai/resources/audio/translations';
import { isPlainObject } from '../../internal/merge.js';
import { RequestFields } from '../../internal/request-fields.js';
import { countTokens } from '../../internal/validate.js';
import { type StreamStep, namedEvent, splitText } from '../../streaming/sse.js';
import { type CallContext, badRequest, binary, defineBehaviours, missingParameter, withEvents } from '../kit/index.js';
import { audioSeconds } from './duration.js';
import { type Timeline, diarizedSegmentsOf, segmentsOf, subtitles, timeline } from './transcript.js';

type TranscriptFormat = 'json' | 'text' | 'srt' | 'verbose_json' | 'vtt' | 'diarized_json';
const allFormats: readonly TranscriptFormat[] = ['json', 'text', 'srt', 'verbose_json', 'vtt', 'diarized_json'];

/** The formats each known model answers in; a model not listed answers in every format. */
const formatsByModel: Record<string, readonly TranscriptFormat[]> = {
  'whisper-1': ['json', 'text', 'srt', 'verbose_json', 'vtt'],
  'gpt-4o-transcribe': ['json', 'text'],
  'gpt-4o-mini-transcribe': ['json', 'text'],
  'gpt-4o-mini-transcribe-2025-12-15': ['json', 'text'],
  'gpt-transcribe': ['json', 'text'],
  'gpt-4o-transcribe-diarize': ['json', 'text', 'diarized_json'],
};

const languageNames: Record<string, string> = {
  en: 'english', fr: 'french', de: 'german', es: 'spanish', it: 'italian', pt: 'portuguese', nl: 'dutch',
  ja: 'japanese', zh: 'chinese', ko: 'korean', ru: 'russian', pl: 'polish', sv: 'swedish', tr: 'turkish',
};

/** What a transcription or translation request asks, read from its form. */
interface TranscriptRequest {
  readonly model: string;
  readonly format: TranscriptFormat;
  readonly stream: boolean;
  readonly words: boolean;
  readonly segments: boolean;
  readonly logprobs: boolean;
  readonly language: string;
  readonly speakers: string[];
  readonly prompt: string | undefined;
  readonly file: Blob;
}

type Task = 'transcribe' | 'translate';

function strings(values: unknown[]): string[] {
  return values.filter((value): value is string => typeof value === 'string');
}

function readRequest(task: Task, body: unknown): TranscriptRequest {
  if (!(body instanceof FormData)) throw badRequest("Expected a multipart/form-data body with the fields 'file' and 'model'.");
  const fields = new RequestFields(body);
  const file = fields.file('file');
  if (!file) throw missingParameter('file');
  const model = fields.string('model');
  if (model === undefined) throw missingParameter('model');
  const format = (fields.string('response_format') ?? 'json') as TranscriptFormat;
  const offered = task === 'translate' ? allFormats.filter((f) => f !== 'diarized_json') : allFormats;
  if (!offered.includes(format)) {
    throw badRequest(`Invalid value: '${format}'. Supported values are: ${offered.map((f) => `'${f}'`).join(', ')}.`, 'response_format', 'invalid_value');
  }
  const supported = formatsByModel[model];
  if (supported && !supported.includes(format)) {
    throw badRequest(`response_format '${format}' is not compatible with model '${model}'. Use ${supported.map((f) => `'${f}'`).join(' or ')}.`, 'response_format', 'unsupported_value');
  }
  const stream = fields.boolean('stream') ?? false;
  if (stream && (task === 'translate' || model === 'whisper-1')) {
    throw badRequest(`Streaming is not supported for ${task === 'translate' ? 'translations' : `model '${model}'`}.`, 'stream', 'unsupported_value');
  }
  const granularities = strings(fields.all('timestamp_granularities'));
  if (granularities.length > 0 && format !== 'verbose_json') {
    throw badRequest("timestamp_granularities requires response_format 'verbose_json'.", 'timestamp_granularities', 'invalid_value');
  }
  const language = task === 'translate' ? 'en' : (fields.string('language') ?? 'en');
  return {
    model,
    format,
    stream,
    words: granularities.includes('word'),
    segments: granularities.length === 0 || granularities.includes('segment'),
    logprobs: strings(fields.all('include')).includes('logprobs'),
    language: languageNames[language] ?? language,
    speakers: strings(fields.all('known_speaker_names')),
    prompt: fields.string('prompt'),
    file,
  };
}

/** The transcript's text as the user set it: the route's `{ text }` partial, a string, or '' by default. */
function textOf(override: unknown): string {
  if (typeof override === 'string') return override;
  if (isPlainObject(override) && typeof override['text'] === 'string') return override['text'];
  return '';
}

function tokenUsage(request: TranscriptRequest, line: Timeline): NonNullable<TranscriptionDiarized['usage']> & { type: 'tokens' } {
  const audio = Math.ceil(line.duration * 10);
  const text = countTokens(request.prompt);
  const output = countTokens(line.text);
  return {
    type: 'tokens',
    input_tokens: audio + text,
    input_token_details: { text_tokens: text, audio_tokens: audio },
    output_tokens: output,
    total_tokens: audio + text + output,
  };
}

function durationUsage(line: Timeline): { type: 'duration'; seconds: number } {
  return { type: 'duration', seconds: Math.ceil(line.duration) };
}

function logprobsOf(text: string): NonNullable<Transcription['logprobs']> {
  return splitText(text).map((token) => ({ token, logprob: -0.01, bytes: [...new TextEncoder().encode(token)] }));
}

/** The JSON models of each format, before the user's partial completes them. */
function jsonModel(task: Task, request: TranscriptRequest, line: Timeline): Transcription | TranscriptionVerbose | TranscriptionDiarized {
  const tokens = request.model !== 'whisper-1';
  if (request.format === 'diarized_json') {
    return { task: 'transcribe', duration: line.duration, text: line.text, segments: diarizedSegmentsOf(line, request.speakers), usage: tokenUsage(request, line) };
  }
  if (request.format === 'verbose_json' || request.format === 'srt' || request.format === 'vtt') {
    const verbose: TranscriptionVerbose = { language: request.language, duration: line.duration, text: line.text };
    if (request.segments || request.format !== 'verbose_json') verbose.segments = segmentsOf(line);
    if (request.words) verbose.words = [...line.words];
    if (task === 'transcribe') verbose.usage = durationUsage(line);
    return verbose;
  }
  if (task === 'translate') return { text: line.text };
  return {
    text: line.text,
    usage: tokens ? tokenUsage(request, line) : durationUsage(line),
    ...(request.logprobs && tokens && { logprobs: logprobsOf(line.text) }),
  };
}

function textAnswer(text: string) {
  return binary(new TextEncoder().encode(text), 'text/plain; charset=utf-8');
}

function transcriptEvents(request: TranscriptRequest, answer: { text: string }, line: Timeline): StreamStep[] {
  const steps: StreamStep[] = [];
  const event = (data: TranscriptionStreamEvent): void => void steps.push(namedEvent(data.type, data));
  const diarized = request.model === 'gpt-4o-transcribe-diarize';
  if (diarized) {
    for (const segment of diarizedSegmentsOf(timeline(answer.text, line.duration), request.speakers)) {
      for (const delta of splitText(segment.text)) event({ type: 'transcript.text.delta', delta, segment_id: segment.id });
      event(segment);
    }
  } else {
    for (const delta of splitText(answer.text)) {
      event({ type: 'transcript.text.delta', delta, ...(request.logprobs && { logprobs: logprobsOf(delta) }) });
    }
  }
  event({
    type: 'transcript.text.done',
    text: answer.text,
    usage: tokenUsage(request, timeline(answer.text, line.duration)),
    ...(request.logprobs && !diarized && { logprobs: logprobsOf(answer.text) }),
  });
  return steps;
}

function respond(task: Task) {
  return async (call: CallContext) => {
    const request = readRequest(task, call.body);
    const seconds = audioSeconds(new Uint8Array(await request.file.arrayBuffer()));
    const line = timeline(textOf(call.override), seconds);
    const model = jsonModel(task, request, line);
    // A string the user sets is the text (already in the model); a partial completes the model.
    const answer = isPlainObject(call.override) ? call.complete(model) : model;
    const events = (): StreamStep[] => transcriptEvents(request, answer, line);
    if (request.format === 'text') return withEvents(textAnswer(`${answer.text}\n`), events);
    if (request.format === 'srt' || request.format === 'vtt') {
      return withEvents(textAnswer(subtitles(request.format, (answer as TranslationVerbose).segments ?? [])), events);
    }
    return withEvents(answer, events);
  };
}

/**
 * `client.audio.transcriptions.create` and `client.audio.translations.create`: the transcript is the text the user
 * sets (`openaiMock.audio.transcriptions.create.response = { text: '...' }`, or a string), empty by default, laid
 * out in time over the uploaded audio's length (WAV, FLAC, Ogg Opus, AAC, MP3; else 0.4 s a word), in every `response_format` (json, text, srt, vtt,
 * verbose_json with segments and words, diarized_json), and streamed as `transcript.text.*` events for
 * `stream: true`.
 */
export const transcriptionRoutes = defineBehaviours({
  'audio.transcriptions.create': { respond: respond('transcribe') },
  'audio.translations.create': { respond: respond('translate') },
});
