import assert from 'node:assert/strict';
import OpenAI, { toFile } from 'openai';
import { exemptFromConformance } from '../../support/conformance/exemptions.js';
import { audioInfo } from '../../support/media-files.js';
import { mockedClient } from '../../support/client.js';

async function speech(client: OpenAI, body: Partial<OpenAI.Audio.SpeechCreateParams>): Promise<Response> {
  return client.audio.speech.create({ model: 'gpt-4o-mini-tts', voice: 'alloy', input: 'Hello there, how are you today?', ...body });
}

async function wavOf(client: OpenAI, input: string): Promise<File> {
  const response = await speech(client, { input, response_format: 'wav' });
  return toFile(new Uint8Array(await response.arrayBuffer()), 'speech.wav', { type: 'audio/wav' });
}

describe('audio', () => {
  describe('speech', () => {
    it('answers WAV and PCM exactly as the API: 24 kHz, 16-bit, mono, as long as the input takes to say', async () => {
      const { client } = mockedClient();
      const input = 'The quick brown fox jumps over the lazy dog, twice.';
      const wav = await speech(client, { input, response_format: 'wav' });
      assert.equal(wav.headers.get('content-type'), 'audio/wav');
      const bytes = new Uint8Array(await wav.arrayBuffer());
      assert.equal(new DataView(bytes.buffer).getUint16(34, true), 16, 'bits a sample');
      const info = audioInfo(bytes);
      assert.equal(info.sampleRate, 24_000);
      assert.equal(info.channels, 1);
      assert.ok(info.seconds > 2 && info.seconds < 5, `${info.seconds} s`);
      const pcm = new Uint8Array(await (await speech(client, { input, response_format: 'pcm' })).arrayBuffer());
      assert.equal(pcm.length, bytes.length - 44, 'the same samples without the header');
      const faster = audioInfo(new Uint8Array(await (await speech(client, { input, response_format: 'wav', speed: 2 })).arrayBuffer()));
      assert.ok(Math.abs(faster.seconds - info.seconds / 2) < 0.01);
    });

    for (const format of ['mp3', 'opus', 'aac', 'flac'] as const) {
      it(`answers a valid ${format} file at 24 kHz, mono, of the same length`, async () => {
        const { client } = mockedClient();
        const response = await speech(client, { response_format: format });
        const info = audioInfo(new Uint8Array(await response.arrayBuffer()));
        assert.equal(info.format, format);
        assert.equal(info.sampleRate, 24_000);
        assert.equal(info.channels, 1);
        assert.ok(info.seconds > 1.9 && info.seconds < 2.2, `${info.seconds} s`);
      });
    }

    it('defaults to mp3 and streams the audio as speech.audio.delta events with stream_format sse', async () => {
      const { client } = mockedClient();
      assert.equal((await speech(client, {})).headers.get('content-type'), 'audio/mpeg');
      const response = await speech(client, { response_format: 'pcm', stream_format: 'sse', input: 'x'.repeat(300) });
      assert.equal(response.headers.get('content-type'), 'text/event-stream');
      const events = (await response.text()).split('\n\n').filter(Boolean).map((block) => JSON.parse(block.split('data: ')[1] ?? '{}'));
      const deltas = events.filter((e) => e.type === 'speech.audio.delta');
      assert.ok(deltas.length > 1);
      const audio = Buffer.concat(deltas.map((e) => Buffer.from(e.audio, 'base64')));
      assert.equal(audio.length, 20 * 24_000 * 2, '20 s of 16-bit samples');
      const done = events.at(-1);
      assert.equal(done.type, 'speech.audio.done');
      assert.equal(done.usage.total_tokens, done.usage.input_tokens + done.usage.output_tokens);
    });

    it('refuses what the API refuses', async () => {
      const { client } = mockedClient();
      await assert.rejects(speech(client, { input: 'x'.repeat(4097) }), OpenAI.BadRequestError);
      await assert.rejects(speech(client, { speed: 5 }), OpenAI.BadRequestError);
      await assert.rejects(speech(client, { response_format: 'ogg' as 'mp3' }), OpenAI.BadRequestError);
      await assert.rejects(speech(client, { model: 'tts-1', stream_format: 'sse' }), OpenAI.BadRequestError);
    });
  });

  describe('transcriptions and translations', () => {
    const text = 'Hello there. How are you today? I am fine!';

    it('answer the text the user sets, empty by default', async () => {
      const { client, openaiMock } = mockedClient();
      const file = await wavOf(client, 'anything');
      const empty = await client.audio.transcriptions.create({ file, model: 'gpt-4o-transcribe' });
      assert.equal(empty.text, '');
      openaiMock.audio.transcriptions.create.response = { text };
      const json = await client.audio.transcriptions.create({ file, model: 'gpt-4o-transcribe' });
      assert.equal(json.text, text);
      assert.ok(json.usage?.type === 'tokens' && json.usage.output_tokens > 0);
      const plain = await client.audio.transcriptions.create({ file, model: 'gpt-4o-transcribe', response_format: 'text' });
      assert.equal(plain.trim(), text);
    });

    it('lays the text out over the audio in verbose_json, with segments and words', async () => {
      const { client, openaiMock } = mockedClient();
      openaiMock.audio.transcriptions.create.response = { text };
      const file = await wavOf(client, 'x'.repeat(60)); // 4 s of audio
      const verbose = await client.audio.transcriptions.create({
        file, model: 'whisper-1', response_format: 'verbose_json', timestamp_granularities: ['word', 'segment'], language: 'en',
      });
      assert.equal(verbose.text, text);
      assert.equal(verbose.language, 'english');
      assert.equal(verbose.duration, 4);
      assert.deepEqual(verbose.segments?.map((s) => s.text.trim()), ['Hello there.', 'How are you today?', 'I am fine!']);
      assert.deepEqual(verbose.words?.map((w) => w.word), ['Hello', 'there', 'How', 'are', 'you', 'today', 'I', 'am', 'fine']);
      assert.equal(verbose.words?.at(-1)?.end, 4);
      assert.equal(verbose.segments?.[1]?.start, verbose.words?.[2]?.start);
    });

    it('reads the length of an uploaded mp3, opus, aac or flac file too', async () => {
      const { client, openaiMock } = mockedClient();
      openaiMock.audio.transcriptions.create.response = { text: 'One two three four.' };
      for (const format of ['mp3', 'opus', 'aac', 'flac'] as const) {
        const speech = await client.audio.speech.create({ model: 'gpt-4o-mini-tts', voice: 'alloy', input: 'x'.repeat(60), response_format: format });
        const file = await toFile(new Uint8Array(await speech.arrayBuffer()), `speech.${format}`);
        const verbose = await client.audio.transcriptions.create({ file, model: 'whisper-1', response_format: 'verbose_json' });
        assert.ok(Math.abs(verbose.duration - 4) < 0.05, `${format}: ${verbose.duration} s`);
      }
    });

    it('renders srt and vtt cues from the same segments', async () => {
      const { client, openaiMock } = mockedClient();
      openaiMock.audio.transcriptions.create.response = { text: 'One two. Three four.' };
      const file = await toFile(Buffer.from('not a wav'), 'a.mp3');
      const srt = await client.audio.transcriptions.create({ file, model: 'whisper-1', response_format: 'srt' });
      assert.equal(srt, '1\n00:00:00,000 --> 00:00:00,800\nOne two.\n\n2\n00:00:00,800 --> 00:00:01,600\nThree four.\n\n');
      const vtt = await client.audio.transcriptions.create({ file, model: 'whisper-1', response_format: 'vtt' });
      assert.equal(vtt, 'WEBVTT\n\n00:00:00.000 --> 00:00:00.800\nOne two.\n\n00:00:00.800 --> 00:00:01.600\nThree four.\n\n');
    });

    it('answers diarized_json with speakers, and refuses formats the model does not offer', async () => {
      const { client, openaiMock } = mockedClient();
      openaiMock.audio.transcriptions.create.response = { text };
      const file = await wavOf(client, 'hello');
      const diarized = await client.audio.transcriptions.create({
        file, model: 'gpt-4o-transcribe-diarize', response_format: 'diarized_json', known_speaker_names: ['ann', 'bob'],
      } as OpenAI.Audio.TranscriptionCreateParamsNonStreaming);
      const body = diarized as unknown as OpenAI.Audio.TranscriptionDiarized;
      assert.equal(body.task, 'transcribe');
      assert.deepEqual(body.segments.map((s) => s.speaker), ['ann', 'bob', 'ann']);
      await assert.rejects(client.audio.transcriptions.create({ file, model: 'gpt-4o-transcribe', response_format: 'srt' }), OpenAI.BadRequestError);
    });

    it('streams transcript.text.delta events that add up to the text, then transcript.text.done', async () => {
      const { client, openaiMock } = mockedClient();
      openaiMock.audio.transcriptions.create.response = { text };
      const file = await wavOf(client, 'hello');
      const stream = await client.audio.transcriptions.create({ file, model: 'gpt-4o-mini-transcribe', stream: true, include: ['logprobs'] });
      const events: OpenAI.Audio.TranscriptionStreamEvent[] = [];
      for await (const event of stream) events.push(event);
      const deltas = events.filter((e) => e.type === 'transcript.text.delta');
      assert.ok(deltas.length > 1);
      assert.equal(deltas.map((e) => e.delta).join(''), text);
      const done = events.at(-1);
      assert.ok(done?.type === 'transcript.text.done');
      assert.equal(done.text, text);
      assert.ok((done.usage?.total_tokens ?? 0) > 0);
      assert.ok(done.logprobs && done.logprobs.length > 0);
      await assert.rejects(client.audio.transcriptions.create({ file, model: 'whisper-1', stream: true }), OpenAI.BadRequestError);
    });

    it('translates into English text in every format of translations', async () => {
      const { client, openaiMock } = mockedClient();
      openaiMock.audio.translations.create.response = { text: 'Good morning.' };
      const file = await wavOf(client, 'bonjour');
      assert.deepEqual(await client.audio.translations.create({ file, model: 'whisper-1' }), { text: 'Good morning.' });
      // The SDK types every translation as the first overload's `Translation`: read the verbose one as what it is.
      const verbose = (await client.audio.translations.create({ file, model: 'whisper-1', response_format: 'verbose_json' })) as unknown as OpenAI.Audio.TranslationVerbose;
      assert.equal(verbose.language, 'english');
      assert.equal(verbose.segments?.[0]?.text.trim(), 'Good morning.');
      const vtt = (await client.audio.translations.create({ file, model: 'whisper-1', response_format: 'vtt' })) as unknown as string;
      assert.match(vtt, /^WEBVTT\n\n00:00:00\.000 --> /);
    });
  });

  describe('voices and voice consents', () => {
    it('keeps consents (create, retrieve, update, list, delete) and voices made from them', async () => {
      exemptFromConformance("the SDK's (7.57) Voice has type and prompt; the spec's (2.3.0) VoiceResource predates them", ['audio.voices.create']);
      const { client, openaiMock } = mockedClient();
      const recording = await toFile(Buffer.from('RIFF'), 'consent.wav');
      const consent = await client.audio.voiceConsents.create({ name: 'Ada', language: 'en-US', recording });
      assert.match(consent.id, /^cons_/);
      assert.equal(consent.object, 'audio.voice_consent');
      assert.deepEqual(await client.audio.voiceConsents.retrieve(consent.id), consent);
      const renamed = await client.audio.voiceConsents.update(consent.id, { name: 'Ada L.' });
      assert.equal(renamed.name, 'Ada L.');
      await client.audio.voiceConsents.create({ name: 'Bo', language: 'fr-FR', recording });
      const listed = [];
      for await (const item of client.audio.voiceConsents.list({ limit: 1 })) listed.push(item.name);
      assert.deepEqual(listed.sort(), ['Ada L.', 'Bo']);

      const voice = await client.audio.voices.create({ name: 'Ada voice', consent: consent.id, audio_sample: recording });
      assert.match(voice.id, /^voice_/);
      assert.equal(voice.type, 'audio_sample');
      const prompted = await client.audio.voices.create({ type: 'prompt', name: 'Narrator', prompt: 'A warm, calm voice' });
      assert.equal(prompted.prompt, 'A warm, calm voice');
      assert.equal(openaiMock.state.audio.voices.values().length, 2);
      assert.deepEqual(await client.audio.voices.delete(voice.id), { id: voice.id, object: 'audio.voice.deleted', deleted: true });
      await assert.rejects(client.audio.voices.delete(voice.id), OpenAI.NotFoundError);
      await assert.rejects(client.audio.voices.create({ name: 'x', consent: 'cons_missing', audio_sample: recording }), OpenAI.NotFoundError);

      assert.deepEqual(await client.audio.voiceConsents.delete(consent.id), { id: consent.id, object: 'audio.voice_consent', deleted: true });
      await assert.rejects(client.audio.voiceConsents.retrieve(consent.id), OpenAI.NotFoundError);
    });
  });
});
