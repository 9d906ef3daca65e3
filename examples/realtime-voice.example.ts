// Scenario: a voice app streams the user's microphone to the Realtime API with the SDK's `OpenAIRealtimeWS`
// and plays back what the model says; its test talks to the mock in memory (no port, no TLS). Server VAD hears
// the user stop speaking, the turn is transcribed and answered; the answer's audio is real PCM16 bytes, as long
// as the transcript takes to say.
import assert from 'node:assert/strict';
import OpenAI from 'openai';
import { OpenAIRealtimeWS } from 'openai/realtime/ws';
import { OpenAIMock, createMockFetch, lastUserMessageContains, mockWebSocketOptions, reply } from '../lib/index.js';

/** The app: sends one utterance (PCM16, 24 kHz) as the microphone would, and collects the spoken answer. */
async function voiceTurn(rt: OpenAIRealtimeWS, utterance: Buffer): Promise<{ heard: string; transcript: string; audio: Buffer }> {
  const audio: Buffer[] = [];
  let heard = '';
  rt.on('response.output_audio.delta', (event) => audio.push(Buffer.from(event.delta, 'base64')));
  rt.on('conversation.item.input_audio_transcription.completed', (event) => (heard = event.transcript));
  const done = new Promise<string>((resolve) => rt.on('response.output_audio_transcript.done', (event) => resolve(event.transcript)));
  rt.send({ type: 'session.update', session: { type: 'realtime', audio: { input: { transcription: { model: 'gpt-4o-transcribe' } } } } });
  for (let at = 0; at < utterance.length; at += 4800) rt.send({ type: 'input_audio_buffer.append', audio: utterance.subarray(at, at + 4800).toString('base64') });
  const transcript = await done;
  return { heard, transcript, audio: Buffer.concat(audio) };
}

/** Half a second of a tone (the user speaking), then half a second of silence, PCM16 at 24 kHz. */
function utterance(): Buffer {
  const samples = 24000;
  const bytes = Buffer.alloc(samples * 2);
  for (let i = 0; i < samples / 2; i++) bytes.writeInt16LE(Math.round(Math.sin((i * 2 * Math.PI * 200) / 24000) * 8000), i * 2);
  return bytes;
}

describe('example: a voice turn over the Realtime API', () => {
  it('hears the user, transcribes the turn and speaks the answer', async () => {
    const openaiMock = new OpenAIMock();
    openaiMock.realtime.inputTranscription.create.response = reply.text('What time does the shop open?');
    openaiMock.realtime.response.create.when(lastUserMessageContains('open'), reply.text('We open at nine.'));
    const client = new OpenAI({ apiKey: 'sk-fake', fetch: createMockFetch(openaiMock) });
    const rt = new OpenAIRealtimeWS({ model: 'gpt-realtime', options: mockWebSocketOptions(openaiMock) }, client);
    await new Promise((resolve) => rt.socket.once('open', resolve));
    try {
      const turn = await voiceTurn(rt, utterance());
      assert.equal(turn.heard, 'What time does the shop open?');
      assert.equal(turn.transcript, 'We open at nine.');
      // Four words at 0.4 s each, 24,000 samples a second, 2 bytes a sample.
      assert.equal(turn.audio.length, 4 * 0.4 * 24000 * 2);
      assert.equal(openaiMock.realtime.response.create.calls.length, 1);
    } finally {
      rt.close();
    }
  });
});
