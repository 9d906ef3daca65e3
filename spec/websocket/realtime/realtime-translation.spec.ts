import assert from 'node:assert/strict';
import OpenAI from 'openai';
import { OpenAIRealtimeTranslationWS, type RealtimeTranslationEvent } from 'openai/realtime/translations/ws';
import type { RealtimeTranslationServerEvent } from 'openai/resources/realtime/realtime';
import { OpenAIMock, createMockFetch, mockWebSocketOptions, reply, socketConnections } from '../../../lib/index.js';

type Event = RealtimeTranslationServerEvent | RealtimeTranslationEvent;

/** PCM16 at 24 kHz: `ms` of a 220 Hz tone (speech, to VAD), or of silence. */
function pcm16(ms: number, loud: boolean): Buffer {
  const samples = Math.round((ms / 1000) * 24000);
  const bytes = Buffer.alloc(samples * 2);
  for (let i = 0; i < samples; i++) bytes.writeInt16LE(loud ? Math.round(Math.sin((i * 2 * Math.PI * 220) / 24000) * 8000) : 0, i * 2);
  return bytes;
}

/** Sends audio as the SDK's docs advise, in 200 ms chunks. */
function stream(tr: OpenAIRealtimeTranslationWS, audio: Buffer): void {
  const chunk = 9600;
  for (let at = 0; at < audio.length; at += chunk) tr.send({ type: 'session.input_audio_buffer.append', audio: audio.subarray(at, at + chunk).toString('base64') });
}

function ofType(events: readonly Event[], type: string): (Event & Record<string, unknown>)[] {
  return events.filter((event) => event.type === type) as (Event & Record<string, unknown>)[];
}

/** Waits for the first event of a type (already received, or the next). */
function nextEvent(tr: OpenAIRealtimeTranslationWS, events: readonly Event[], type: string, after = 0): Promise<Event & Record<string, unknown>> {
  const seen = events.slice(after).find((event) => event.type === type);
  if (seen) return Promise.resolve(seen as Event & Record<string, unknown>);
  return new Promise((resolve) => {
    const listener = (event: Event): void => {
      if (event.type !== type) return;
      tr.off('event', listener);
      resolve(event as Event & Record<string, unknown>);
    };
    tr.on('event', listener);
  });
}

/** Waits until a condition on the events received holds. */
function until(tr: OpenAIRealtimeTranslationWS, holds: () => boolean): Promise<void> {
  if (holds()) return Promise.resolve();
  return new Promise((resolve) => {
    const listener = (): void => {
      if (!holds()) return;
      tr.off('event', listener);
      resolve();
    };
    tr.on('event', listener);
  });
}

describe('Realtime translation over a WebSocket (OpenAIRealtimeTranslationWS)', () => {
  let openaiMock: OpenAIMock;
  let client: OpenAI;
  const opened: OpenAIRealtimeTranslationWS[] = [];

  async function connect(model = 'gpt-realtime-translate', apiClient = client): Promise<{ tr: OpenAIRealtimeTranslationWS; events: Event[]; errors: Error[] }> {
    const tr = await OpenAIRealtimeTranslationWS.create(apiClient, { model, options: mockWebSocketOptions(openaiMock) });
    opened.push(tr);
    const events: Event[] = [];
    const errors: Error[] = [];
    tr.on('event', (event) => events.push(event));
    tr.on('error', (error) => errors.push(error));
    await new Promise<void>((resolve, reject) => {
      tr.socket.platformSocket.once('open', () => resolve());
      tr.socket.platformSocket.once('error', reject);
    });
    return { tr, events, errors };
  }

  beforeEach(() => {
    openaiMock = new OpenAIMock();
    client = new OpenAI({ apiKey: 'sk-fake', fetch: createMockFetch(openaiMock) });
  });
  afterEach(() => {
    for (const tr of opened.splice(0)) tr.close();
  });

  it('opens with session.created for the model, and session.update merges only the audio settings it sends', async () => {
    const { tr, events } = await connect('gpt-realtime-translate');
    const created = await nextEvent(tr, events, 'session.created');
    const session = created['session'] as { type: string; model: string; id: string; audio: Record<string, unknown> };
    assert.equal(session.type, 'translation');
    assert.equal(session.model, 'gpt-realtime-translate');
    assert.match(session.id, /^sess_/);
    tr.send({ type: 'session.update', session: { audio: { output: { language: 'fr' }, input: { noise_reduction: { type: 'near_field', strength: 0.4 } } } } });
    await nextEvent(tr, events, 'session.updated');
    tr.send({ type: 'session.update', session: { audio: { input: { transcription: { model: 'gpt-4o-mini-transcribe' }, noise_reduction: { type: 'near_field' } } } } });
    const second = (await nextEvent(tr, events, 'session.updated', events.length)) as { session: { audio: { input: Record<string, unknown>; output: Record<string, unknown> } } } & Event;
    assert.deepEqual(second.session.audio.output, { language: 'fr' });
    assert.deepEqual(second.session.audio.input['transcription'], { model: 'gpt-4o-mini-transcribe' });
    assert.deepEqual(second.session.audio.input['noise_reduction'], { type: 'near_field', strength: 0.4 });
  });

  it('translates each stretch of speech as the route answers: source transcript, translated transcript and audio, then session.closed on finish', async () => {
    openaiMock.realtime.translation.create.response = { transcript: 'Good morning, everyone.', translation: 'Bonjour à tous.' };
    const { tr, events } = await connect();
    tr.send({ type: 'session.update', session: { audio: { output: { language: 'fr' }, input: { transcription: { model: 'gpt-4o-mini-transcribe' } } } } });
    stream(tr, Buffer.concat([pcm16(1000, true), pcm16(600, false)]));
    await nextEvent(tr, events, 'session.output_transcript.delta');
    await tr.finish({ timeoutMs: 5000 });

    assert.equal(ofType(events, 'session.input_transcript.delta').map((event) => event['delta']).join(''), 'Good morning, everyone.');
    const said = ofType(events, 'session.output_transcript.delta');
    assert.equal(said.map((event) => event['delta']).join(''), 'Bonjour à tous.');
    const audio = ofType(events, 'session.output_audio.delta');
    assert.equal(audio.length, 3);
    assert.equal(audio[0]?.['format'], 'pcm16');
    assert.equal(audio[0]?.['sample_rate'], 24000);
    // Real PCM16 bytes, as long as the words take to say (three words).
    const bytes = audio.reduce((sum, event) => sum + Buffer.from(String(event['delta']), 'base64').length, 0);
    assert.equal(bytes, 3 * 9600 * 2);
    for (const event of [...said, ...audio]) assert.equal(Number(event['elapsed_ms']) % 200, 0);
    assert.equal(events.at(-1)?.type, 'session.closed');
    assert.equal(tr.socket.platformSocket.readyState, tr.socket.platformSocket.CLOSED);

    const [call] = openaiMock.realtime.translation.create.calls;
    assert.equal(call?.body.language, 'fr');
    assert.deepEqual(call?.body.transcription, { model: 'gpt-4o-mini-transcribe' });
    assert.ok((call?.body.audio.duration_ms ?? 0) >= 1500);
  });

  it('sends no source transcript unless the session asks, and flushes audio still pending at session.close', async () => {
    openaiMock.realtime.translation.create.responses = [reply.text('Hola.'), reply.text('Adiós.')];
    const { tr, events } = await connect();
    stream(tr, Buffer.concat([pcm16(600, true), pcm16(600, false), pcm16(400, true)]));
    await tr.finish({ timeoutMs: 5000 });
    assert.equal(ofType(events, 'session.input_transcript.delta').length, 0);
    assert.equal(ofType(events, 'session.output_transcript.delta').map((event) => event['delta']).join(''), 'Hola.Adiós.');
    assert.equal(openaiMock.realtime.translation.create.calls.length, 2);
    assert.equal(events.at(-1)?.type, 'session.closed');
  });

  it('says nothing with nothing scripted (the mock does not listen), and still closes cleanly', async () => {
    const { tr, events } = await connect();
    stream(tr, pcm16(800, true));
    await tr.finish({ timeoutMs: 5000 });
    assert.deepEqual(events.map((event) => event.type), ['session.created', 'session.closed']);
    assert.equal(openaiMock.realtime.translation.create.calls.length, 1);
  });

  it('answers bad client events and route failures with error events in the API shape, keeping the socket open', async () => {
    openaiMock.realtime.translation.create.failures = 1;
    const { tr, events, errors } = await connect();
    tr.send({ type: 'session.start', event_id: 'evt_unknown' });
    tr.send({ type: 'session.input_audio_buffer.append', audio: '***', event_id: 'evt_audio' });
    tr.send({ type: 'session.update', session: { model: 'gpt-other' }, event_id: 'evt_model' });
    stream(tr, Buffer.concat([pcm16(600, true), pcm16(600, false)]));
    await until(tr, () => ofType(events, 'error').length === 4);
    const failures = ofType(events, 'error').map((event) => event['error'] as { code: string | null; event_id: string | null; param: string | null });
    assert.deepEqual(failures.slice(0, 3).map((error) => error.event_id), ['evt_unknown', 'evt_audio', 'evt_model']);
    assert.equal(failures[0]?.param, 'type');
    assert.equal(failures[2]?.param, 'session.model');
    assert.equal(failures.length, 4);
    assert.equal(errors.length, 4);
    assert.equal(tr.socket.platformSocket.readyState, tr.socket.platformSocket.OPEN);
    assert.deepEqual(socketConnections(openaiMock).at(-1)?.path, '/realtime/translations');
  });

  it('opens with a translation client secret (ek_) as its session, and refuses a realtime one', async () => {
    const secret = await client.realtime.translations.clientSecrets.create({ session: { model: 'gpt-realtime-translate', audio: { output: { language: 'de' } } } });
    const secretClient = new OpenAI({ apiKey: secret.value, fetch: createMockFetch(openaiMock) });
    const { tr, events } = await connect('gpt-realtime-translate', secretClient);
    const created = await nextEvent(tr, events, 'session.created');
    assert.equal((created['session'] as { id: string }).id, secret.session.id);
    assert.deepEqual((created['session'] as { audio: { output: unknown } }).audio.output, { language: 'de' });

    const realtimeSecret = await client.realtime.clientSecrets.create({ session: { type: 'realtime', model: 'gpt-realtime' } });
    const wrong = await connect('gpt-realtime-translate', new OpenAI({ apiKey: realtimeSecret.value, fetch: createMockFetch(openaiMock) }));
    const refused = await nextEvent(wrong.tr, wrong.events, 'error');
    assert.equal((refused['error'] as { code: string }).code, 'invalid_api_key');
  });
});
