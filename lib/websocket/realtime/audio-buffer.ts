import type { RealtimeAudioInputTurnDetection } from 'openai/resources/realtime/realtime';
import { type AudioCoding, decodeSamples, durationMs } from './audio-format.js';

/** What voice activity detection noticed in appended audio, at a point of the session's audio (ms from its start). */
export type VoiceActivity = { readonly kind: 'speech_started'; readonly atMs: number } | { readonly kind: 'speech_stopped'; readonly atMs: number };

/** A frame of analysis: 10 ms. */
const frameMs = 10;

/** The silence that ends a turn under semantic VAD, by eagerness. */
const semanticSilenceMs: Record<string, number> = { low: 800, medium: 500, auto: 500, high: 250 };

/** The level (RMS of a frame, full scale 1) above which a frame is speech, for a VAD threshold (0.5 by default). */
function speechLevel(threshold: number): number {
  return threshold * 0.05;
}

/**
 * The input audio buffer: the bytes appended since the last commit or clear, and voice activity detection over
 * them. Server VAD hears a frame as speech when its level passes the threshold (0.5: about -32 dBFS), starts a
 * turn `prefix_padding_ms` before the first such frame and ends it after `silence_duration_ms` of quiet; semantic
 * VAD does the same with a pause that depends on its eagerness.
 */
export class InputAudioBuffer {
  #chunks: Uint8Array[] = [];
  #bytes = 0;
  /** Where the buffer starts in the session's audio (ms). */
  #startMs = 0;
  /** Samples heard but not yet a whole frame. */
  #pending: number[] = [];
  /** Frames analysed since the session started. */
  #frames = 0;
  #speaking = false;
  #quietFrames = 0;

  /** Bytes in the buffer. */
  get byteLength(): number {
    return this.#bytes;
  }

  /** Whether a turn of speech is under way. */
  get speaking(): boolean {
    return this.#speaking;
  }

  /** How long the buffered audio lasts, in ms. */
  durationMs(coding: AudioCoding): number {
    return durationMs(this.#bytes, coding);
  }

  /** Adds audio; with VAD, what it heard in it. */
  append(bytes: Uint8Array, coding: AudioCoding, vad: RealtimeAudioInputTurnDetection | null): VoiceActivity[] {
    this.#chunks.push(bytes);
    this.#bytes += bytes.length;
    if (!vad) return [];
    const threshold = vad.type === 'server_vad' ? (vad.threshold ?? 0.5) : 0.5;
    const padding = vad.type === 'server_vad' ? (vad.prefix_padding_ms ?? 300) : 300;
    const silence = vad.type === 'server_vad' ? (vad.silence_duration_ms ?? 500) : (semanticSilenceMs[vad.eagerness ?? 'auto'] ?? 500);
    const level = speechLevel(threshold);
    const frameSize = (coding.rate * frameMs) / 1000;
    const heard: VoiceActivity[] = [];
    for (const sample of decodeSamples(bytes, coding)) {
      this.#pending.push(sample);
      if (this.#pending.length < frameSize) continue;
      let energy = 0;
      for (const value of this.#pending) energy += (value / 32768) ** 2;
      this.#pending = [];
      const loud = Math.sqrt(energy / frameSize) >= level;
      const frameStart = this.#frames * frameMs;
      this.#frames += 1;
      if (loud) {
        this.#quietFrames = 0;
        if (!this.#speaking) {
          this.#speaking = true;
          heard.push({ kind: 'speech_started', atMs: Math.max(this.#startMs, frameStart - padding) });
        }
      } else if (this.#speaking) {
        this.#quietFrames += 1;
        if (this.#quietFrames * frameMs >= silence) {
          this.#speaking = false;
          this.#quietFrames = 0;
          heard.push({ kind: 'speech_stopped', atMs: this.#frames * frameMs });
        }
      }
    }
    return heard;
  }

  /** Takes the buffered audio out (a commit): the bytes, and the buffer starts empty after them. */
  take(coding: AudioCoding): Uint8Array {
    const all = new Uint8Array(this.#bytes);
    let at = 0;
    for (const chunk of this.#chunks) {
      all.set(chunk, at);
      at += chunk.length;
    }
    this.#startMs += durationMs(this.#bytes, coding);
    this.#chunks = [];
    this.#bytes = 0;
    return all;
  }

  /** Drops the buffered audio (and any turn under way). */
  clear(coding: AudioCoding): void {
    this.take(coding);
    this.#speaking = false;
    this.#quietFrames = 0;
  }
}
