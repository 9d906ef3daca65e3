// Scenario: a live-captioning app streams a speaker's microphone to Realtime translation with the SDK's
// `OpenAIRealtimeTranslationWS` and shows the French captions and plays the French audio; its test talks to the
// mock in memory (no port, no TLS). Each stretch of speech (ended by a pause, or by closing the session) is one
// call of `openaiMock.realtime.translation.create`, scripted like any route.
import assert from 'node:assert/strict';
import OpenAI from 'openai';
import { OpenAIRealtimeTranslationWS } from 'openai/realtime/translations/ws';
import { OpenAIMock, createMockFetch, mockWebSocketOptions, reply } from '../lib/index.js';

/** `ms` of PCM16 at 24 kHz: a tone (someone speaking) or silence. */
function pcm16(ms: number, speaking: boolean): Buffer {
  const samples = Math.round((ms / 1000) * 24000);
  const bytes = Buffer.alloc(samples * 2);
  if (speaking) for (let i = 0; i < samples; i++) bytes.writeInt16LE(Math.round(Math.sin((i * 2 * Math.PI * 180) / 24000) * 8000), i * 2);
  return bytes;
}

/** The app: streams the talk in 200 ms chunks, then finishes the session; the captions and audio it got. */
async function caption(tr: OpenAIRealtimeTranslationWS, talk: Buffer): Promise<{ captions: string; audio: Buffer }> {
  let captions = '';
  const audio: Buffer[] = [];
  tr.on('session.output_transcript.delta', (event) => (captions += event.delta));
  tr.on('session.output_audio.delta', (event) => audio.push(Buffer.from(event.delta, 'base64')));
  await new Promise((resolve) => tr.socket.platformSocket.once('open', resolve));
  tr.send({ type: 'session.update', session: { audio: { output: { language: 'fr' } } } });
  for (let at = 0; at < talk.length; at += 9600) tr.send({ type: 'session.input_audio_buffer.append', audio: talk.subarray(at, at + 9600).toString('base64') });
  await tr.finish({ timeoutMs: 5000 });
  return { captions, audio: Buffer.concat(audio) };
}

describe('example: live captions with Realtime translation', () => {
  it('captions and voices each sentence in French', async () => {
    const openaiMock = new OpenAIMock();
    openaiMock.realtime.translation.create.responses = [reply.text('Bonjour à tous. '), reply.text('Commençons.')];
    const client = new OpenAI({ apiKey: 'sk-fake', fetch: createMockFetch(openaiMock) });
    const tr = await OpenAIRealtimeTranslationWS.create(client, { model: 'gpt-realtime-translate', options: mockWebSocketOptions(openaiMock) });
    tr.on('error', (error) => assert.fail(error));

    // Two sentences with a pause between them; the second ends when the session closes.
    const { captions, audio } = await caption(tr, Buffer.concat([pcm16(800, true), pcm16(600, false), pcm16(600, true)]));

    assert.equal(captions, 'Bonjour à tous. Commençons.');
    assert.ok(audio.length > 0);
    const calls = openaiMock.realtime.translation.create.calls;
    assert.equal(calls.length, 2);
    assert.equal(calls[0]?.body.language, 'fr');
  });
});
