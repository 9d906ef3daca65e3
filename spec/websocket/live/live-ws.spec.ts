import assert from 'node:assert/strict';
import OpenAI from 'openai';
import type { ServerEvent } from 'openai/resources/live/live';
import { LiveWS } from 'openai/resources/live/ws';
import { OpenAIMock, createMockFetch, mockWebSocketOptions, reply, socketConnections } from '../../../lib/index.js';
import { startServer } from '../../../lib/server/index.js';

/** PCM16 mono: `ms` of a 220 Hz tone (speech, to VAD), or of silence, at a rate. */
function pcm16(ms: number, loud: boolean, rate = 24000): Buffer {
  const samples = Math.round((ms / 1000) * rate);
  const bytes = Buffer.alloc(samples * 2);
  for (let i = 0; i < samples; i++) bytes.writeInt16LE(loud ? Math.round(Math.sin((i * 2 * Math.PI * 220) / rate) * 8000) : 0, i * 2);
  return bytes;
}

/** One spoken turn: a second of speech then a pause, in 100 ms chunks. */
function say(live: LiveWS, rate = 24000): void {
  const audio = Buffer.concat([pcm16(1000, true, rate), pcm16(700, false, rate)]);
  const chunk = (rate / 10) * 2;
  for (let at = 0; at < audio.length; at += chunk) live.send({ type: 'session.input_audio.append', audio: audio.subarray(at, at + chunk).toString('base64') });
}

type Received = ServerEvent & Record<string, unknown>;

describe('Live over a WebSocket (LiveWS)', () => {
  let openaiMock: OpenAIMock;
  let client: OpenAI;
  const opened: LiveWS[] = [];

  function connect(): { live: LiveWS; events: Received[]; closed: Promise<number> } {
    const live = new LiveWS(client, mockWebSocketOptions(openaiMock));
    opened.push(live);
    const events: Received[] = [];
    live.on('event', (event) => events.push(event as Received));
    live.on('error', () => undefined);
    const closed = new Promise<number>((resolve) => live.on('close', (code) => resolve(code)));
    return { live, events, closed };
  }

  /** Waits until `count` events of a type have arrived. */
  function until(live: LiveWS, events: readonly Received[], type: string, count = 1): Promise<Received> {
    const found = (): Received | undefined => events.filter((event) => event.type === type)[count - 1];
    const seen = found();
    if (seen) return Promise.resolve(seen);
    return new Promise((resolve) => {
      const listener = (): void => {
        const event = found();
        if (!event) return;
        live.off('event', listener);
        resolve(event);
      };
      live.on('event', listener);
    });
  }

  const ofType = (events: readonly Received[], type: string): Received[] => events.filter((event) => event.type === type);

  beforeEach(() => {
    openaiMock = new OpenAIMock();
    client = new OpenAI({ apiKey: 'sk-fake', fetch: createMockFetch(openaiMock) });
  });
  afterEach(() => {
    for (const live of opened.splice(0)) live.close();
  });

  it('starts a session, hears two turns and speaks the scripted replies (real PCM16 audio), then closes', async () => {
    openaiMock.live.response.create.responses = [
      { input_transcript: 'What time is it?', transcript: 'It is noon.' },
      reply.text('You are welcome.'),
    ];
    const { live, events, closed } = connect();
    live.send({ type: 'session.start', event_id: 'start_1', session: { model: 'gpt-live-1', instructions: 'Be brief.' } });
    const started = await until(live, events, 'session.started');
    assert.equal(started['client_event_id'], 'start_1');
    const session = started['session'] as { id: string; model: string; status: string; audio: { format: { type: string; rate: number }; output: { voice: string } } };
    assert.match(session.id, /^sess_/);
    assert.equal(session.status, 'active');
    assert.deepEqual(session.audio, { format: { type: 'audio/pcm', rate: 24000 }, output: { voice: 'marin' } });

    say(live);
    await until(live, events, 'session.usage.updated');
    assert.equal(ofType(events, 'session.input_transcript.delta').map((event) => event['delta']).join(''), 'What time is it?');
    assert.equal(ofType(events, 'session.output_transcript.delta').map((event) => event['delta']).join(''), 'It is noon.');
    const audio = Buffer.concat(ofType(events, 'session.output_audio.delta').map((event) => Buffer.from(String(event['delta']), 'base64')));
    // Three words at 0.4 s each, 24 kHz PCM16: 0.4 * 3 * 24000 * 2 bytes, not silence.
    assert.equal(audio.length, 57600);
    assert.ok(audio.some((byte) => byte !== 0));

    say(live);
    await until(live, events, 'session.usage.updated', 2);
    assert.equal(ofType(events, 'session.output_transcript.delta').map((event) => event['delta']).join(''), 'It is noon.You are welcome.');

    const calls = openaiMock.live.response.create.calls;
    assert.equal(calls.length, 2);
    assert.equal(calls[0]?.body.trigger, 'audio');
    assert.equal(calls[0]?.body.instructions, 'Be brief.');
    assert.ok((calls[0]?.body.audio?.duration_ms ?? 0) >= 1000);
    // The second turn hears the conversation so far.
    assert.deepEqual(calls[1]?.body.input, [{ role: 'user', content: 'What time is it?' }, { role: 'assistant', content: 'It is noon.' }]);

    live.send({ type: 'session.close', event_id: 'close_1' });
    const closedEvent = await until(live, events, 'session.closed');
    assert.equal(closedEvent['reason'], 'close_requested');
    assert.ok((closedEvent['usage'] as { seconds: number }).seconds > 3);
    assert.equal(await closed, 1000);
  });

  it('with nothing scripted, a turn is still a call of the route and the model says nothing (the mock does not listen)', async () => {
    const { live, events } = connect();
    live.send({ type: 'session.start', session: { model: 'gpt-live-1', audio: { format: { type: 'audio/pcm', rate: 16000 } } } });
    await until(live, events, 'session.started');
    say(live, 16000);
    await until(live, events, 'session.usage.updated');
    assert.equal(openaiMock.live.response.create.calls.length, 1);
    assert.deepEqual(openaiMock.live.response.create.calls[0]?.body.audio?.format, { type: 'audio/pcm', rate: 16000 });
    assert.equal(ofType(events, 'session.output_audio.delta').length, 0);
    // Commentary is said by default.
    live.send({ type: 'session.commentary.append', content: 'Your order shipped.', delegation_id: null });
    await until(live, events, 'session.usage.updated', 2);
    assert.equal(ofType(events, 'session.commentary.appended').length, 1);
    assert.equal(ofType(events, 'session.output_transcript.delta').map((event) => event['delta']).join(''), 'Your order shipped.');
    const audio = Buffer.concat(ofType(events, 'session.output_audio.delta').map((event) => Buffer.from(String(event['delta']), 'base64')));
    assert.equal(audio.length, 38400); // three words, 0.4 s each, 16 kHz PCM16
  });

  it('speaks G.711 at 8 kHz when the session asks', async () => {
    openaiMock.live.response.create.response = { input_transcript: '', transcript: 'Hello there.' };
    const { live, events } = connect();
    live.send({ type: 'session.start', session: { model: 'gpt-live-1', audio: { format: { type: 'audio/pcmu', rate: 8000 } } } });
    await until(live, events, 'session.started');
    live.send({ type: 'session.commentary.append', content: 'Greet the caller.', delegation_id: null });
    await until(live, events, 'session.usage.updated');
    const audio = Buffer.concat(ofType(events, 'session.output_audio.delta').map((event) => Buffer.from(String(event['delta']), 'base64')));
    assert.equal(audio.length, 6400); // two words, 0.4 s each, one byte a sample at 8 kHz
  });

  it('session.update merges only the fields sent; mute, instructions and thinking are acknowledged', async () => {
    const { live, events } = connect();
    live.send({ type: 'session.start', session: { model: 'gpt-live-1', delegation: { type: 'responses', responses: { model: 'gpt-5', instructions: 'Look things up.' } } } });
    await until(live, events, 'session.started');
    live.send({ type: 'session.update', event_id: 'u1', session: { delegation: { type: 'responses', acknowledgement_delay_ms: 200, responses: { model: 'gpt-5-mini' } } } });
    const updated = await until(live, events, 'session.updated');
    assert.equal(updated['client_event_id'], 'u1');
    assert.deepEqual((updated['session'] as { delegation: unknown }).delegation, { type: 'responses', acknowledgement_delay_ms: 200, responses: { model: 'gpt-5-mini', instructions: 'Look things up.' } });
    live.send({ type: 'session.input_audio.mute' });
    live.send({ type: 'session.input_audio.unmute' });
    live.send({ type: 'session.instructions.append', content: 'Speak French.', delegation_id: null });
    live.send({ type: 'session.thinking.append', content: 'The user is in Paris.', delegation_id: null });
    await until(live, events, 'session.thinking.appended');
    assert.deepEqual(events.slice(2).map((event) => event.type), ['session.input_audio.muted', 'session.input_audio.unmuted', 'session.instructions.appended', 'session.thinking.appended']);
  });

  it('with Responses delegation, response.create is a call of responses.create, its events wrapped in response.event', async () => {
    openaiMock.responses.create.responses = [reply.toolCall('get_order', { id: '42' }), reply.text('Order 42 shipped.')];
    const { live, events } = connect();
    live.send({ type: 'session.start', session: { model: 'gpt-live-1', delegation: { type: 'responses', responses: { model: 'gpt-5', tools: [{ type: 'function', name: 'get_order' }] } } } });
    await until(live, events, 'session.started');
    live.send({ type: 'response.item.create', item: { type: 'message', role: 'user', content: 'Where is my order?' } });
    live.send({ type: 'response.create', event_id: 'r1' });
    const first = await until(live, events, 'response.event');
    assert.equal((first['event'] as { type: string }).type, 'response.created');
    const calls = (): Record<string, unknown>[] => ofType(events, 'response.event').map((event) => event['event'] as Record<string, unknown>);
    await new Promise<void>((resolve) => {
      const check = (): void => {
        if (calls().some((event) => event['type'] === 'response.completed')) resolve();
        else setImmediate(check);
      };
      check();
    });
    const done = calls().find((event) => event['type'] === 'response.output_item.done')?.['item'] as { type: string; call_id: string };
    assert.equal(done.type, 'function_call');
    live.send({ type: 'response.item.create', item: { type: 'function_call_output', call_id: done.call_id, output: '{"status":"shipped"}' } });
    live.send({ type: 'response.create' });
    await until(live, events, 'response.event', calls().length + 1);
    assert.equal(openaiMock.responses.create.calls.length, 2);
    const input = openaiMock.responses.create.calls[1]?.body.input as { type?: string }[];
    assert.deepEqual(input.map((item) => item.type), ['message', 'function_call', 'function_call_output']);
    assert.equal(openaiMock.responses.create.calls[1]?.body.model, 'gpt-5');
  });

  it('answers a bad client event with an error event naming it, and keeps the socket', async () => {
    const { live, events } = connect();
    live.send({ type: 'session.input_audio.mute', event_id: 'early' });
    const early = await until(live, events, 'error');
    assert.deepEqual(early['error'], { type: 'invalid_request_error', code: 'session_not_started', message: "The Live session has not started: send session.start and wait for session.started before 'session.input_audio.mute'.", param: 'type', client_event_id: 'early' });
    live.send({ type: 'session.start', event_id: 's0', session: {} as never });
    assert.equal(((await until(live, events, 'error', 2))['error'] as { param: string }).param, 'session.model');
    live.send({ type: 'session.start', session: { model: 'gpt-live-1' } });
    await until(live, events, 'session.started');
    live.send({ type: 'session.update', event_id: 'u', session: { instructions: 'x' } as never });
    live.send({ type: 'decision.create', event_id: 'd' } as never);
    live.send({ type: 'response.create', event_id: 'r' });
    live.send({ type: 'session.nonsense', event_id: 'n' } as never);
    live.send({ type: 'session.input_audio.append', event_id: 'a', audio: '***' });
    const errors = await until(live, events, 'error', 7).then(() => ofType(events, 'error').slice(2).map((event) => event['error'] as { code: string; client_event_id: string }));
    assert.deepEqual(errors.map((error) => [error.client_event_id, error.code]), [['u', 'unknown_parameter'], ['d', 'unsupported'], ['r', 'invalid_request'], ['n', 'invalid_value'], ['a', 'invalid_value']]);
    live.send({ type: 'session.input_audio.mute' });
    await until(live, events, 'session.input_audio.muted');
  });

  it('a failing turn is an error event and the next turn answers; when() reads the turn; the client events are recorded', async () => {
    openaiMock.live.response.create.failures = 1;
    openaiMock.live.response.create.when(({ body }) => body.trigger === 'commentary', reply.text('Noted.'));
    const { live, events } = connect();
    live.send({ type: 'session.start', session: { model: 'gpt-live-1' } });
    await until(live, events, 'session.started');
    live.send({ type: 'session.commentary.append', event_id: 'c1', content: 'First.', delegation_id: null });
    const failed = await until(live, events, 'error');
    assert.equal((failed['error'] as { client_event_id: string }).client_event_id, 'c1');
    live.send({ type: 'session.commentary.append', event_id: 'c2', content: 'Second.', delegation_id: null });
    await until(live, events, 'session.usage.updated');
    assert.equal(ofType(events, 'session.output_transcript.delta').map((event) => event['delta']).join(''), 'Noted.');
    assert.equal(ofType(events, 'session.output_transcript.delta')[0]?.['client_event_id'], 'c2');
    const connection = socketConnections(openaiMock).at(-1);
    assert.equal(connection?.path, '/live/sessions');
    assert.deepEqual(connection?.clientEvents.map((event) => (event as { type: string }).type), ['session.start', 'session.commentary.append', 'session.commentary.append']);
  });

  it('plays an audio fixture: playing, then played', async () => {
    const { live, events } = connect();
    live.send({ type: 'session.start', session: { model: 'gpt-live-1' } });
    await until(live, events, 'session.started');
    live.send({ type: 'session.output_audio.fixture.play', event_id: 'f', audio: pcm16(500, true).toString('base64') });
    const played = await until(live, events, 'session.output_audio.fixture.played');
    assert.equal(played['client_event_id'], 'f');
    assert.equal(ofType(events, 'session.output_audio.fixture.playing').length, 1);
  });

  it('is served on the server\'s port too (ws://HOST:PORT/v1/live/sessions), with the key redacted from the calls', async () => {
    const server = await startServer(openaiMock);
    try {
      openaiMock.live.response.create.response = { input_transcript: '', transcript: 'Hello from the server.' };
      const served = new OpenAI({ apiKey: 'sk-served-secret', baseURL: server.baseURL });
      const live = new LiveWS(served);
      opened.push(live);
      const events: Received[] = [];
      live.on('event', (event) => events.push(event as Received));
      live.send({ type: 'session.start', session: { model: 'gpt-live-1' } });
      await until(live, events, 'session.started');
      live.send({ type: 'session.commentary.append', content: 'Greet them.', delegation_id: null });
      await until(live, events, 'session.usage.updated');
      assert.equal(ofType(events, 'session.output_transcript.delta').map((event) => event['delta']).join(''), 'Hello from the server.');
      const authorization = openaiMock.live.response.create.calls[0]?.request.headers.get('authorization') ?? '';
      assert.match(authorization, /^Bearer /);
      assert.ok(!authorization.includes('sk-served-secret'));
      const closed = new Promise<void>((resolve) => live.on('close', () => resolve()));
      live.send({ type: 'session.close' });
      await closed;
    } finally {
      await server.close();
    }
  });
});
