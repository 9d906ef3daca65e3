import { splitText } from '../../streaming/sse.js';
import { type AudioCoding, encodeSamples } from './audio-format.js';

/** How long the mock takes to say a word (150 words a minute, as the mock's transcripts lay words out). */
export const msPerWord = 400;

/** One piece of speech: a transcript delta and the audio that says it (base64, as the API sends audio). */
export interface SpokenPiece {
  readonly text: string;
  readonly audio: string;
}

/** A stable pitch for a word, so the same words sound the same. */
function pitchOf(word: string): number {
  let hash = 0;
  for (let index = 0; index < word.length; index++) hash = (hash * 31 + word.charCodeAt(index)) >>> 0;
  return 160 + (hash % 160);
}

/** The samples of one word: a tone at the word's pitch, faded in and out, then a short pause. */
function wordSamples(word: string, rate: number): Int16Array {
  const samples = new Int16Array(Math.round((msPerWord / 1000) * rate));
  const voiced = Math.round(samples.length * 0.75);
  const fade = Math.round(rate * 0.02);
  const step = (2 * Math.PI * pitchOf(word)) / rate;
  for (let index = 0; index < voiced; index++) {
    const envelope = Math.min(1, index / fade, (voiced - index) / fade);
    samples[index] = Math.round(Math.sin(index * step) * envelope * 9000);
  }
  return samples;
}

/** The audio of words said lately, by coding and words (a response repeats its words; a test repeats its responses). */
const said = new Map<string, string>();
const remembered = 2048;

/** The audio of a transcript delta's words, in a coding, base64-encoded. */
function audioOf(text: string, coding: AudioCoding): string {
  const key = `${coding.type}@${coding.rate}:${text.trim()}`;
  const known = said.get(key);
  if (known) return known;
  const parts = text.split(/\s+/).filter((word) => word !== '').map((word) => wordSamples(word, coding.rate));
  const samples = new Int16Array(parts.reduce((sum, part) => sum + part.length, 0));
  let at = 0;
  for (const part of parts) {
    samples.set(part, at);
    at += part.length;
  }
  const bytes = encodeSamples(samples, coding);
  const audio = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).toString('base64');
  if (said.size >= remembered) said.delete(said.keys().next().value ?? '');
  said.set(key, audio);
  return audio;
}

/**
 * Speech for a transcript, in the session's output format, made as it is read (a response cancelled half way
 * makes no more): the transcript cut into deltas (words with their spaces), each with real audio bytes that last
 * as long as its words take to say ({@link msPerWord} a word).
 */
export function* speak(transcript: string, coding: AudioCoding): Generator<SpokenPiece> {
  for (const text of splitText(transcript)) yield { text, audio: audioOf(text, coding) };
}
