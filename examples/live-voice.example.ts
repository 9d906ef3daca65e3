// Scenario: a phone assistant streams the caller's microphone to a Live session with the SDK's `LiveWS`, plays
// what the model says and shows both sides of the conversation as captions; its test talks to the mock in memory
// (no port, no TLS). Each stretch of the caller's speech (ended by a pause) is one call of
// `openaiMock.live.response.create`, scripted like any route: what the caller said and what the model answers.
import assert from 'node:assert/strict';
import OpenAI from 'openai';
import { LiveWS } from 'openai/resources/live/ws';
import { OpenAIMock, createMockFetch, mockWebSocketOptions } from '../lib/index.js';

/** `ms` of PCM16 at 24 kHz: a tone (someone speaking) or silence. */
function pcm16(ms: number, speaking: boolean): Buffer {
  const samples = Math.round((ms / 1000) * 24000);
  const bytes = Buffer.alloc(samples * 2);
  if (speaking) for (let i = 0; i < samples; i++) bytes.writeInt16LE(Math.round(Math.sin((i * 2 * Math.PI * 180) / 24000) * 8000), i * 2);
  return bytes;
}

/** The app: one phone call of some utterances; the captions (caller and assistant) and the audio it played. */
async function call(live: LiveWS, utterances: number): Promise<{ captions: string[]; played: Buffer }> {
  const captions: string[] = [];
  const played: Buffer[] = [];
  let heard = '';
  let said = '';
  live.on('session.input_transcript.delta', (event) => (heard += event.delta));
  live.on('session.output_transcript.delta', (event) => (said += event.delta));
  live.on('session.output_audio.delta', (event) => played.push(Buffer.from(event.delta, 'base64')));
  const turnDone = (): Promise<void> => new Promise((resolve) => live.once('session.usage.updated', () => resolve()));

  const started = new Promise((resolve) => live.once('session.started', resolve));
  live.send({ type: 'session.start', session: { model: 'gpt-live-1', instructions: 'You take pizza orders.', audio: { output: { voice: 'marin' } } } });
  await started;
  for (let turn = 0; turn < utterances; turn++) {
    const done = turnDone();
    const speech = Buffer.concat([pcm16(900, true), pcm16(700, false)]);
    for (let at = 0; at < speech.length; at += 4800) live.send({ type: 'session.input_audio.append', audio: speech.subarray(at, at + 4800).toString('base64') });
    await done;
    captions.push(`caller: ${heard}`, `assistant: ${said}`);
    heard = '';
    said = '';
  }
  const closed = new Promise((resolve) => live.once('session.closed', resolve));
  live.send({ type: 'session.close' });
  await closed;
  return { captions, played: Buffer.concat(played) };
}

describe('example: a phone assistant on a Live session', () => {
  it('hears the caller, answers aloud, and captions both sides of each turn', async () => {
    const openaiMock = new OpenAIMock();
    openaiMock.live.response.create.responses = [
      { input_transcript: 'I would like a pizza.', transcript: 'Which size?' },
      { input_transcript: 'A large one.', transcript: 'One large pizza, coming up.' },
    ];
    const client = new OpenAI({ apiKey: 'sk-fake', fetch: createMockFetch(openaiMock) });
    const live = new LiveWS(client, mockWebSocketOptions(openaiMock));
    live.on('error', (error) => assert.fail(error));

    const { captions, played } = await call(live, 2);

    assert.deepEqual(captions, ['caller: I would like a pizza.', 'assistant: Which size?', 'caller: A large one.', 'assistant: One large pizza, coming up.']);
    // Real 24 kHz PCM16, as long as the words take to say (0.4 s a word): 2 + 5 words.
    assert.equal(played.length, 134400);
    // The second turn heard the conversation so far.
    assert.deepEqual(openaiMock.live.response.create.calls[1]?.body.input.map((item) => item.role), ['user', 'assistant']);
  });
});
