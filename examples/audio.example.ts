// Speech and transcription without configuration: text-to-speech answers real, playable audio (WAV here: 24 kHz,
// 16-bit, mono, as the API), and a transcription answers the text the test sets, in the format the app asks for.
import assert from 'node:assert/strict';
import OpenAI, { toFile } from 'openai';
import { createMockFetch, OpenAIMock } from '../lib/index.js';

describe('audio: a voice-notes app', () => {
  it('reads a note aloud as a WAV file', async () => {
    const openaiMock = new OpenAIMock();
    const client = new OpenAI({ apiKey: 'sk-fake', fetch: createMockFetch(openaiMock) });

    const speech = await client.audio.speech.create({ model: 'gpt-4o-mini-tts', voice: 'coral', input: 'Buy milk and eggs.', response_format: 'wav' });
    const wav = Buffer.from(await speech.arrayBuffer());

    assert.equal(wav.subarray(8, 12).toString(), 'WAVE');
    assert.equal(wav.readUInt32LE(24), 24_000, 'sample rate');
    assert.ok(wav.length > 44, 'some audio after the header');
  });

  it('turns a recording into subtitles from the transcript the test chose', async () => {
    const openaiMock = new OpenAIMock();
    openaiMock.audio.transcriptions.create.response = { text: 'Buy milk. Then call Sam.' };
    const client = new OpenAI({ apiKey: 'sk-fake', fetch: createMockFetch(openaiMock) });

    const file = await toFile(Buffer.from('...recorded audio...'), 'note.m4a');
    const srt = await client.audio.transcriptions.create({ file, model: 'whisper-1', response_format: 'srt' });

    assert.equal(srt, '1\n00:00:00,000 --> 00:00:00,800\nBuy milk.\n\n2\n00:00:00,800 --> 00:00:02,000\nThen call Sam.\n\n');
  });
});
