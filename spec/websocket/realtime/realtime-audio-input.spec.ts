import assert from 'node:assert/strict';
import type { OpenAIRealtimeWS } from 'openai/realtime/ws';
import type { RealtimeServerEvent } from 'openai/resources/realtime/realtime';
import { lastUserMessageContains, reply } from '../../../lib/index.js';
import { type RealtimeClients, nextEvent, realtimeClients } from './realtime-clients.js';

/** PCM16 at 24 kHz: `ms` of a 220 Hz tone (speech, to VAD), or of silence. */
function pcm16(ms: number, loud: boolean): Buffer {
  const samples = Math.round((ms / 1000) * 24000);
  const bytes = Buffer.alloc(samples * 2);
  for (let i = 0; i < samples; i++) bytes.writeInt16LE(loud ? Math.round(Math.sin((i * 2 * Math.PI * 220) / 24000) * 8000) : 0, i * 2);
  return bytes;
}

/** G.711 μ-law at 8 kHz: silence is 0xff; a loud tone alternates between high and low codes. */
function pcmu(ms: number, loud: boolean): Buffer {
  const samples = Math.round((ms / 1000) * 8000);
  return Buffer.from(Array.from({ length: samples }, (_, i) => (loud ? (i % 2 === 0 ? 0x20 : 0xa0) : 0xff)));
}

/** Sends audio as the SDK would, in 100 ms chunks. */
function stream(rt: OpenAIRealtimeWS, audio: Buffer, chunk: number): void {
  for (let at = 0; at < audio.length; at += chunk) rt.send({ type: 'input_audio_buffer.append', audio: audio.subarray(at, at + chunk).toString('base64') });
}

function types(events: readonly RealtimeServerEvent[]): string[] {
  return events.map((event) => event.type);
}

describe('Realtime input audio: the buffer, server VAD and input transcription', () => {
  let clients: RealtimeClients;
  beforeEach(async () => {
    clients = await realtimeClients();
  });
  afterEach(async () => {
    await clients.close();
  });

  it('hears a spoken turn with server VAD: speech started and stopped, committed, transcribed, answered', async () => {
    clients.openaiMock.realtime.inputTranscription.create.response = reply.text('What time is it?');
    clients.openaiMock.realtime.response.create.when(lastUserMessageContains('time'), reply.text('It is noon.'));
    const { rt, events } = await clients.connect();
    rt.send({ type: 'session.update', session: { type: 'realtime', output_modalities: ['text'], audio: { input: { transcription: { model: 'gpt-4o-transcribe' } } } } });
    await nextEvent(rt, events, 'session.updated');
    stream(rt, Buffer.concat([pcm16(400, false), pcm16(600, true), pcm16(500, false)]), 4800);
    const done = await nextEvent(rt, events, 'response.done');
    const started = await nextEvent(rt, events, 'input_audio_buffer.speech_started');
    const stopped = await nextEvent(rt, events, 'input_audio_buffer.speech_stopped');
    const committed = await nextEvent(rt, events, 'input_audio_buffer.committed');
    assert.equal(started.audio_start_ms, 100); // 400 ms in, less the 300 ms prefix padding
    assert.equal(stopped.audio_end_ms, 1200); // the speech ends at 1000 ms, heard after 200 ms of silence
    assert.deepEqual([stopped.item_id, committed.item_id], [started.item_id, started.item_id]);
    const completed = await nextEvent(rt, events, 'conversation.item.input_audio_transcription.completed');
    assert.deepEqual([completed.item_id, completed.transcript], [started.item_id, 'What time is it?']);
    const order = types(events);
    assert.ok(order.indexOf('input_audio_buffer.speech_stopped') < order.indexOf('input_audio_buffer.committed'));
    assert.ok(order.indexOf('conversation.item.input_audio_transcription.completed') < order.indexOf('response.created'));
    const [message] = done.response.output ?? [];
    assert.equal(message?.type === 'message' && message.content[0]?.text, 'It is noon.');
    const [transcription] = clients.openaiMock.realtime.inputTranscription.create.calls;
    assert.deepEqual([transcription?.body.model, transcription?.body.audio.duration_ms], ['gpt-4o-transcribe', 1200]);
  });

  it('commits only when asked without turn detection, and the commit creates no response', async () => {
    const { rt, events } = await clients.connect();
    rt.send({ type: 'session.update', session: { type: 'realtime', audio: { input: { turn_detection: null } } } });
    stream(rt, pcm16(500, true), 4800);
    rt.send({ type: 'input_audio_buffer.commit' });
    const committed = await nextEvent(rt, events, 'input_audio_buffer.committed');
    rt.send({ type: 'conversation.item.retrieve', item_id: committed.item_id });
    const retrieved = await nextEvent(rt, events, 'conversation.item.retrieved');
    assert.equal(retrieved.item.type === 'message' && retrieved.item.role, 'user');
    assert.equal(types(events).includes('input_audio_buffer.speech_started'), false);
    assert.equal(types(events).includes('response.created'), false);
    assert.equal(clients.openaiMock.realtime.response.create.calls.length, 0);
    stream(rt, pcm16(200, true), 4800);
    rt.send({ type: 'input_audio_buffer.clear' });
    await nextEvent(rt, events, 'input_audio_buffer.cleared');
    rt.send({ type: 'input_audio_buffer.commit', event_id: 'evt_empty' });
    const error = await nextEvent(rt, events, 'error');
    assert.deepEqual([error.error.code, error.error.event_id], ['input_audio_buffer_commit_empty', 'evt_empty']);
  });

  it('hears G.711 μ-law input at 8 kHz', async () => {
    const { rt, events } = await clients.connect();
    rt.send({ type: 'session.update', session: { type: 'realtime', audio: { input: { format: { type: 'audio/pcmu' }, turn_detection: { type: 'server_vad', create_response: false, silence_duration_ms: 300 } } } } });
    stream(rt, Buffer.concat([pcmu(500, true), pcmu(400, false)]), 800);
    const stopped = await nextEvent(rt, events, 'input_audio_buffer.speech_stopped');
    assert.equal(stopped.audio_end_ms, 800);
    await nextEvent(rt, events, 'input_audio_buffer.committed');
    assert.equal(types(events).includes('response.created'), false);
  });

  it('cancels the response under way when the user speaks over it (turn_detected)', async () => {
    clients.openaiMock.realtime.response.create.response = reply.text(Array.from({ length: 300 }, (_, i) => `word${i}`).join(' '));
    const { rt, events } = await clients.connect();
    rt.send({ type: 'response.create' });
    await nextEvent(rt, events, 'response.output_audio.delta');
    stream(rt, pcm16(300, true), 4800);
    const done = await nextEvent(rt, events, 'response.done');
    assert.equal(done.response.status, 'cancelled');
    assert.equal(done.response.status_details?.reason, 'turn_detected');
  });
});
