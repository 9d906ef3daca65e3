import type { TranscriptionDiarizedSegment, TranscriptionSegment, TranscriptionWord } from 'openai/resources/audio/transcriptions';

/** Seconds a word takes when the audio's length is not known (150 words a minute). */
const secondsPerWord = 0.4;

/** A transcript's text laid out in time: its sentences and words, each with a start and an end. */
export interface Timeline {
  readonly text: string;
  readonly duration: number;
  readonly sentences: readonly { text: string; start: number; end: number }[];
  readonly words: readonly TranscriptionWord[];
}

function round(seconds: number): number {
  return Math.round(seconds * 1000) / 1000;
}

/**
 * Lays `text` out over `duration` seconds (or 0.4 s a word when the audio's length is unknown): the words evenly,
 * each sentence from its first word's start to its last word's end.
 */
export function timeline(text: string, duration?: number): Timeline {
  const sentences = text.match(/[^.!?]+[.!?]*/g)?.map((s) => s.trim()).filter((s) => s !== '') ?? [];
  const wordsOf = sentences.map((sentence) => sentence.split(/\s+/).filter((w) => w !== ''));
  const count = wordsOf.reduce((sum, words) => sum + words.length, 0);
  const total = duration ?? count * secondsPerWord;
  const step = count === 0 ? 0 : total / count;
  const words: TranscriptionWord[] = [];
  const laid = sentences.map((sentence, index) => {
    const first = words.length;
    for (const word of wordsOf[index] ?? []) {
      const start = words.length * step;
      words.push({ word: word.replace(/^[^\p{L}\p{N}]+|[^\p{L}\p{N}]+$/gu, '') || word, start: round(start), end: round(start + step) });
    }
    return { text: sentence, start: round(first * step), end: round(words.length * step) };
  });
  return { text, duration: round(total), sentences: laid, words };
}

/** A stable token id for a word (the mock's own vocabulary). */
function tokenOf(word: string): number {
  let hash = 0;
  for (const char of word) hash = (hash * 31 + (char.codePointAt(0) ?? 0)) % 50_000;
  return 220 + hash;
}

/** Whisper's `verbose_json` segments: one per sentence, each with its text (a leading space, as Whisper writes it) and tokens. */
export function segmentsOf(line: Timeline): TranscriptionSegment[] {
  return line.sentences.map((sentence, id) => ({
    id,
    seek: 0,
    start: sentence.start,
    end: sentence.end,
    text: ` ${sentence.text}`,
    tokens: sentence.text.split(/\s+/).map(tokenOf),
    temperature: 0,
    avg_logprob: -0.25,
    compression_ratio: 1.2,
    no_speech_prob: 0.01,
  }));
}

/** `diarized_json` segments: one per sentence, speakers taken in turn from `speakers` (`known_speaker_names`, else `A`). */
export function diarizedSegmentsOf(line: Timeline, speakers: readonly string[]): TranscriptionDiarizedSegment[] {
  const names = speakers.length > 0 ? speakers : ['A'];
  return line.sentences.map((sentence, index) => ({
    type: 'transcript.text.segment',
    id: `seg_${index}`,
    start: sentence.start,
    end: sentence.end,
    text: sentence.text,
    speaker: names[index % names.length] ?? 'A',
  }));
}

function clock(seconds: number, separator: ',' | '.'): string {
  const ms = Math.round(seconds * 1000);
  const pad = (value: number, width = 2): string => String(value).padStart(width, '0');
  return `${pad(Math.floor(ms / 3_600_000))}:${pad(Math.floor(ms / 60_000) % 60)}:${pad(Math.floor(ms / 1000) % 60)}${separator}${pad(ms % 1000, 3)}`;
}

/** Cues of SubRip (`srt`) or WebVTT (`vtt`), one per segment. */
export function subtitles(format: 'srt' | 'vtt', segments: readonly { start: number; end: number; text: string }[]): string {
  if (format === 'vtt') {
    return ['WEBVTT', '', ...segments.flatMap((s) => [`${clock(s.start, '.')} --> ${clock(s.end, '.')}`, s.text.trim(), ''])].join('\n') + '\n';
  }
  return segments.map((s, index) => `${index + 1}\n${clock(s.start, ',')} --> ${clock(s.end, ',')}\n${s.text.trim()}\n`).join('\n') + (segments.length > 0 ? '\n' : '');
}
