// Hand-written, beside the generated files: API routes that other OpenAI clients send and no SDK method does, and
// the routes a WebSocket endpoint calls (a realtime turn), so that they are scripted like any other route.
import type {
  ConversationItem,
  RealtimeAudioFormats,
  RealtimeResponse,
  RealtimeToolChoiceConfig,
  RealtimeToolsConfigUnion,
} from 'openai/resources/realtime/realtime';
import type { Route } from '../engine/route.js';
import type { RouteTree } from './route-tree.js';
import { catalog } from './catalog.js';
import type { CatalogEntry } from './entry.js';
import type { NoParams } from './model-of.js';

/**
 * One item of a trace export: a trace (`object: 'trace'`) or one of its spans (`object: 'trace.span'`), as the
 * Agents SDK's exporter sends them.
 *
 * @example
 * const names = openaiMock.traces.ingest.calls.flatMap((call) => call.body.data).map((item: TraceIngestItem) => item.object);
 */
export interface TraceIngestItem {
  object: 'trace' | 'trace.span';
  id: string;
  [field: string]: unknown;
}

/**
 * The body of `POST /traces/ingest`: a batch of traces and spans.
 *
 * @example
 * const body: TraceIngestBody | undefined = openaiMock.traces.ingest.calls[0]?.body;
 */
export interface TraceIngestBody {
  data: TraceIngestItem[];
}

/**
 * What a realtime turn is asked, as `openaiMock.realtime.response.create` sees it (its calls' `body`, and the
 * `body` a response function or a `when` predicate reads): the session's settings with the `response.create`
 * event's overrides, and `input`, the items the model hears (the conversation so far, or the response's own
 * `input` for an out-of-band response).
 *
 * @example
 * openaiMock.realtime.response.create.when(({ body }) => body.tools.length > 0, reply.toolCall('get_weather', { city: 'Paris' }));
 */
export interface RealtimeResponseRequest {
  model: string;
  instructions: string;
  output_modalities: ('text' | 'audio')[];
  tools: RealtimeToolsConfigUnion[];
  tool_choice: RealtimeToolChoiceConfig;
  max_output_tokens: number | 'inf';
  /** `'auto'` (the session's conversation) or `'none'` (out of band: nothing is added to the conversation). */
  conversation: string;
  metadata: Record<string, string> | null;
  audio: { output: { format: RealtimeAudioFormats; voice: string } };
  /** The items the model hears: the conversation so far, or the response's own `input`. */
  input: ConversationItem[];
  /** The `event_id` of the client's `response.create`; absent for a turn server VAD started. */
  event_id?: string;
}

/**
 * What an input audio transcription is asked (`openaiMock.realtime.inputTranscription.create`): the session's
 * `audio.input.transcription` settings and the committed audio's item and length.
 *
 * @example
 * openaiMock.realtime.inputTranscription.create.when(({ body }) => body.audio.duration_ms > 1000, { transcript: 'A long question.' });
 */
export interface RealtimeInputTranscriptionRequest {
  model: string;
  language?: string;
  prompt?: string;
  /** The user item the audio became. */
  item_id: string;
  audio: { format: RealtimeAudioFormats; duration_ms: number };
}

/**
 * What an input audio transcription answers: the transcript of the user's audio (empty by default: the mock does
 * not listen).
 *
 * @example
 * openaiMock.realtime.inputTranscription.create.response = { transcript: 'What is the weather in Paris?' };
 */
export interface RealtimeInputTranscript {
  transcript: string;
}

/**
 * What a translation socket asks for each stretch of speech it translates (`openaiMock.realtime.translation.create`):
 * the session's model, target language and source transcription settings, and the audio's length and place in the
 * session.
 *
 * @example
 * openaiMock.realtime.translation.create.when(({ body }) => body.language === 'fr', reply.text('Bonjour.'));
 */
export interface RealtimeTranslationRequest {
  model: string;
  /** The session's `audio.output.language` (the language to translate into), or null when none is set. */
  language: string | null;
  /** The session's `audio.input.transcription`, or null when it asks for no source transcript. */
  transcription: { model: string } | null;
  audio: {
    format: { type: 'audio/pcm'; rate: 24000 };
    duration_ms: number;
    /** Where the stretch ends in the session's input audio, in the 200 ms frames the API counts. */
    elapsed_ms: number;
  };
}

/**
 * What a stretch of translated speech says: `translation`, the target-language text the socket speaks (output
 * audio and transcript deltas), and `transcript`, the source-language text it heard (sent as input transcript
 * deltas when the session asks for `audio.input.transcription`). Both empty by default: the mock does not listen.
 *
 * @example
 * openaiMock.realtime.translation.create.response = { transcript: 'Good morning.', translation: 'Bonjour.' };
 */
export interface RealtimeTranslationSegment {
  transcript: string;
  translation: string;
}

/**
 * What a Live socket asks for each turn the model speaks (`openaiMock.live.response.create`): the session's model,
 * instructions and voice, what started the turn (`audio`: a stretch of the user's speech ended by a pause;
 * `commentary`: a `session.commentary.append`), and `input`, the conversation so far as text (the session's
 * initial `input` items, what was heard and said, instructions and commentary appended).
 *
 * @example
 * openaiMock.live.response.create.when(({ body }) => body.trigger === 'audio', { input_transcript: 'Hi', transcript: 'Hello!' });
 */
export interface LiveResponseRequest {
  model: string;
  instructions: string | null;
  voice: string;
  trigger: 'audio' | 'commentary';
  /** The turn's input audio (for an `audio` turn): its format and length; null for a commentary turn. */
  audio: { format: { type: string; rate: number }; duration_ms: number } | null;
  /** The commentary the model is asked to say (for a `commentary` turn); null for an audio turn. */
  commentary: string | null;
  /** The conversation so far, oldest first. */
  input: { role: 'developer' | 'user' | 'assistant'; content: string }[];
}

/**
 * What the Live model says in a turn: `transcript`, spoken back as `session.output_audio.delta` and
 * `session.output_transcript.delta` events, and `input_transcript`, what it heard the user say (sent as
 * `session.input_transcript.delta` events before it speaks). Both empty by default (the mock does not listen),
 * except that a commentary turn says the commentary.
 *
 * @example
 * openaiMock.live.response.create.response = { input_transcript: 'What time is it?', transcript: 'It is noon.' };
 */
export interface LiveResponse {
  transcript: string;
  input_transcript: string;
}

/**
 * Routes of the API that no SDK method sends: the Agents SDK's trace export (`POST /traces/ingest`); and the
 * routes the realtime sockets call for each turn (`realtime.response.create`), each input transcription
 * (`realtime.inputTranscription.create`) and each stretch of speech a translation socket translates
 * (`realtime.translation.create`), and each turn a Live socket's model speaks (`live.response.create`), reached only
 * over a socket.
 */
export const beyondSdkCatalog: readonly CatalogEntry[] = [
  { name: 'traces.ingest', method: 'POST', path: '/traces/ingest' },
  { name: 'realtime.response.create', method: 'POST', path: '/realtime', socketOnly: true },
  { name: 'realtime.inputTranscription.create', method: 'POST', path: '/realtime', socketOnly: true },
  { name: 'realtime.translation.create', method: 'POST', path: '/realtime/translations', socketOnly: true },
  { name: 'live.response.create', method: 'POST', path: '/live/sessions', socketOnly: true },
];

/** Every route a mock has: the SDK's, then {@link beyondSdkCatalog}. */
export const mockCatalog: readonly CatalogEntry[] = [...catalog, ...beyondSdkCatalog];

/**
 * The routes of {@link beyondSdkCatalog} on the mock: `openaiMock.traces.ingest` answers the Agents SDK's trace
 * export with a `204` and records each batch.
 *
 * @example
 * const route: BeyondSdkRouteTree['traces']['ingest'] = openaiMock.traces.ingest;
 */
export interface BeyondSdkRouteTree {
  readonly traces: {
    /** `POST /traces/ingest`: the Agents SDK's trace export (through the global `fetch`). Answers `204`. */
    readonly ingest: Route<Response, NoParams, TraceIngestBody>;
  };
  /** The SDK's realtime routes, and the routes the realtime socket calls. */
  readonly realtime: RouteTree['realtime'] & {
    readonly response: {
      /**
       * A realtime turn: each `response.create` on a realtime socket (and each turn server VAD starts) is a call
       * of this route, scripted like any other (`responses = [reply.text('Hi'), ...]`, `once`, `when`, `latency`,
       * `failures`); what it answers is streamed as the Realtime API's events.
       */
      readonly create: Route<RealtimeResponse, NoParams, RealtimeResponseRequest>;
    };
    readonly inputTranscription: {
      /** The transcript of committed input audio, when the session asks for `audio.input.transcription`. */
      readonly create: Route<RealtimeInputTranscript, NoParams, RealtimeInputTranscriptionRequest>;
    };
    readonly translation: {
      /**
       * A translation socket's stretch of speech (ended by a pause, or by `session.close`): what it says in the
       * target language, spoken back as the API's output audio and transcript deltas.
       */
      readonly create: Route<RealtimeTranslationSegment, NoParams, RealtimeTranslationRequest>;
    };
  };
  /** The SDK's Live routes, and the route the Live socket calls. */
  readonly live: RouteTree['live'] & {
    readonly response: {
      /**
       * A Live turn: each stretch of the user's speech on a Live socket (ended by a pause) and each
       * `session.commentary.append` is a call of this route, scripted like any other (`response = { transcript }`,
       * `responses = [reply.text('Hi'), ...]`, `once`, `when`, `latency`, `failures`); what it answers is spoken back
       * as the Live API's audio and transcript deltas.
       */
      readonly create: Route<LiveResponse, NoParams, LiveResponseRequest>;
    };
  };
}
