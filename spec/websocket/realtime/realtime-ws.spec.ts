import assert from 'node:assert/strict';
import type { OpenAIRealtimeWS } from 'openai/realtime/ws';
import type { RealtimeServerEvent } from 'openai/resources/realtime/realtime';
import { hasToolResult, lastUserMessageContains, redactSecret, reply, socketConnections } from '../../../lib/index.js';
import { type RealtimeClients, nextEvent, realtimeClients } from './realtime-clients.js';

type Event<T extends RealtimeServerEvent['type']> = Extract<RealtimeServerEvent, { type: T }>;

function ofType<T extends RealtimeServerEvent['type']>(events: readonly RealtimeServerEvent[], type: T): Event<T>[] {
  return events.filter((event): event is Event<T> => event.type === type);
}

/** Says a user text message and asks for a response; resolves with the response's `response.done`. */
async function ask(rt: OpenAIRealtimeWS, events: RealtimeServerEvent[], text: string, response: Record<string, unknown> = {}): Promise<Event<'response.done'>> {
  const from = events.length;
  rt.send({ type: 'conversation.item.create', item: { type: 'message', role: 'user', content: [{ type: 'input_text', text }] } });
  rt.send({ type: 'response.create', response });
  return nextEvent(rt, events, 'response.done', from);
}

describe('Realtime over a WebSocket (OpenAIRealtimeWS)', () => {
  let clients: RealtimeClients;
  beforeEach(async () => {
    clients = await realtimeClients();
  });
  afterEach(async () => {
    await clients.close();
  });

  it('opens with session.created for the model asked, and session.update merges only the fields it sends', async () => {
    const { rt, events } = await clients.connect({ model: 'gpt-realtime-mini' });
    const created = await nextEvent(rt, events, 'session.created');
    assert.equal(created.session.type, 'realtime');
    assert.equal('model' in created.session ? created.session.model : undefined, 'gpt-realtime-mini');
    rt.send({ type: 'session.update', session: { type: 'realtime', instructions: 'Be brief.', audio: { output: { voice: 'marin' } } } });
    const first = await nextEvent(rt, events, 'session.updated');
    rt.send({ type: 'session.update', session: { type: 'realtime', output_modalities: ['text'] } });
    const second = await nextEvent(rt, events, 'session.updated', events.indexOf(first) + 1);
    assert.equal(second.session.type, 'realtime');
    if (second.session.type !== 'realtime') return;
    assert.equal(second.session.instructions, 'Be brief.');
    assert.deepEqual(second.session.output_modalities, ['text']);
    assert.equal(second.session.audio?.output?.voice, 'marin');
    assert.deepEqual(second.session.audio?.output?.format, { type: 'audio/pcm', rate: 24000 });
  });

  it('answers a text turn with the scripted reply: the whole event sequence, the item in the conversation, usage', async () => {
    clients.openaiMock.realtime.response.create.responses = [reply.text('Hello there, how can I help?')];
    const { rt, events } = await clients.connect();
    rt.send({ type: 'session.update', session: { type: 'realtime', output_modalities: ['text'] } });
    const done = await ask(rt, events, 'Hi!');
    const types = events.map((event) => event.type);
    const from = types.indexOf('response.created');
    assert.deepEqual([...new Set(types.slice(from))], [
      'response.created', 'rate_limits.updated', 'response.output_item.added', 'conversation.item.added', 'response.content_part.added',
      'response.output_text.delta', 'response.output_text.done', 'response.content_part.done', 'response.output_item.done',
      'conversation.item.done', 'response.done',
    ]);
    assert.equal(ofType(events, 'response.output_text.delta').map((event) => event.delta).join(''), 'Hello there, how can I help?');
    assert.equal(done.response.status, 'completed');
    const [message] = done.response.output ?? [];
    assert.equal(message?.type === 'message' && message.content[0]?.text, 'Hello there, how can I help?');
    assert.ok((done.response.usage?.input_tokens ?? 0) > 0);
    assert.ok((done.response.usage?.output_tokens ?? 0) > 0);
    const [turn] = clients.openaiMock.realtime.response.create.calls;
    assert.deepEqual(turn?.body.input.map((item) => item.type === 'message' && item.role), ['user']);
    assert.deepEqual(turn?.body.output_modalities, ['text']);
    rt.send({ type: 'conversation.item.retrieve', item_id: message?.id ?? '' });
    const retrieved = await nextEvent(rt, events, 'conversation.item.retrieved');
    assert.equal(retrieved.item.id, message?.id);
  });

  it('speaks an audio turn: PCM16 at 24 kHz as long as the transcript takes to say, with transcript deltas', async () => {
    clients.openaiMock.realtime.response.create.responses = [reply.text('One two three four five.')];
    const { rt, events } = await clients.connect();
    const done = await ask(rt, events, 'Count to five.');
    const audio = Buffer.concat(ofType(events, 'response.output_audio.delta').map((event) => Buffer.from(event.delta, 'base64')));
    // Five words at 0.4 s, 24,000 samples a second, two bytes a sample.
    assert.equal(audio.length, 5 * 0.4 * 24000 * 2);
    assert.ok(audio.readInt16LE(2000) !== 0, 'the audio is a sound, not silence');
    assert.equal(ofType(events, 'response.output_audio_transcript.delta').map((event) => event.delta).join(''), 'One two three four five.');
    assert.equal(ofType(events, 'response.output_audio_transcript.done')[0]?.transcript, 'One two three four five.');
    const [message] = done.response.output ?? [];
    assert.equal(message?.type === 'message' && message.content[0]?.type, 'output_audio');
    assert.ok((done.response.usage?.output_token_details?.audio_tokens ?? 0) > 0);
  });

  it('speaks G.711 at 8 kHz, a byte a sample, when the session asks for audio/pcmu', async () => {
    clients.openaiMock.realtime.response.create.responses = [reply.text('Hello world.')];
    const { rt, events } = await clients.connect();
    rt.send({ type: 'session.update', session: { type: 'realtime', audio: { output: { format: { type: 'audio/pcmu' } } } } });
    await ask(rt, events, 'Hi');
    const audio = Buffer.concat(ofType(events, 'response.output_audio.delta').map((event) => Buffer.from(event.delta, 'base64')));
    assert.equal(audio.length, 2 * 0.4 * 8000);
    assert.deepEqual(ofType(events, 'response.created')[0]?.response.audio?.output?.format, { type: 'audio/pcmu' });
  });

  it('runs a tool loop: the function call streams its arguments, the output goes back, the next turn answers', async () => {
    const route = clients.openaiMock.realtime.response.create;
    route.when(hasToolResult('call_weather'), reply.text('It is sunny in Paris.'));
    route.once(reply.toolCall('get_weather', { city: 'Paris' }, { id: 'call_weather' }));
    const { rt, events } = await clients.connect();
    rt.send({
      type: 'session.update',
      session: { type: 'realtime', output_modalities: ['text'], tools: [{ type: 'function', name: 'get_weather', parameters: { type: 'object', properties: { city: { type: 'string' } } } }] },
    });
    const first = await ask(rt, events, 'Weather in Paris?');
    const [call] = first.response.output ?? [];
    assert.equal(call?.type, 'function_call');
    if (call?.type !== 'function_call') return;
    assert.equal(call.call_id, 'call_weather');
    assert.equal(ofType(events, 'response.function_call_arguments.delta').map((event) => event.delta).join(''), '{"city":"Paris"}');
    assert.equal(ofType(events, 'response.function_call_arguments.done')[0]?.arguments, '{"city":"Paris"}');
    assert.equal(ofType(events, 'conversation.item.done').at(-1)?.item.type, 'function_call');
    const from = events.length;
    rt.send({ type: 'conversation.item.create', item: { type: 'function_call_output', call_id: 'call_weather', output: '{"sky":"sunny"}' } });
    rt.send({ type: 'response.create' });
    const second = await nextEvent(rt, events, 'response.done', from);
    const [answer] = second.response.output ?? [];
    assert.equal(answer?.type === 'message' && answer.content[0]?.text, 'It is sunny in Paris.');
    assert.equal(route.calls.length, 2);
  });

  it("calls a tool when tool_choice is 'required', with arguments that fit its schema", async () => {
    const { rt, events } = await clients.connect();
    rt.send({
      type: 'session.update',
      session: {
        type: 'realtime',
        tool_choice: 'required',
        tools: [{ type: 'function', name: 'lookup', parameters: { type: 'object', properties: { id: { type: 'integer' }, kind: { type: 'string', enum: ['a', 'b'] } }, required: ['id', 'kind'] } }],
      },
    });
    const done = await ask(rt, events, 'Look it up.');
    const [call] = done.response.output ?? [];
    assert.equal(call?.type === 'function_call' && call.name, 'lookup');
    assert.deepEqual(JSON.parse(call?.type === 'function_call' ? call.arguments : '{}'), { id: 0, kind: 'a' });
  });

  it("answers an out-of-band response (conversation: 'none') without adding to the conversation", async () => {
    clients.openaiMock.realtime.response.create.when(lastUserMessageContains('classify'), reply.text('positive'));
    const { rt, events } = await clients.connect();
    const from = events.length;
    rt.send({
      type: 'response.create',
      response: { conversation: 'none', output_modalities: ['text'], metadata: { purpose: 'classify' }, input: [{ type: 'message', role: 'user', content: [{ type: 'input_text', text: 'classify: I love it' }] }] },
    });
    const done = await nextEvent(rt, events, 'response.done', from);
    assert.equal(done.response.conversation_id, undefined);
    assert.deepEqual(done.response.metadata, { purpose: 'classify' });
    assert.equal(ofType(events, 'conversation.item.added').length, 0);
    const [message] = done.response.output ?? [];
    assert.equal(message?.type === 'message' && message.content[0]?.text, 'positive');
  });

  it('answers bad client events with error events naming their event_id, and keeps the socket open', async () => {
    const { rt, events } = await clients.connect();
    rt.socket.send('not json');
    rt.send({ type: 'no.such.event', event_id: 'evt_unknown' } as never);
    rt.send({ type: 'input_audio_buffer.commit', event_id: 'evt_commit' });
    rt.send({ type: 'response.cancel', event_id: 'evt_cancel' });
    rt.send({ type: 'conversation.item.create', event_id: 'evt_item', item: { type: 'message', role: 'robot', content: [] } } as never);
    rt.send({ type: 'conversation.item.delete', event_id: 'evt_delete', item_id: 'item_missing' });
    rt.send({ type: 'session.update', event_id: 'evt_session', session: { instructions: 'x' } } as never);
    rt.send({ type: 'conversation.item.retrieve', item_id: 'still_answering', event_id: 'evt_last' });
    while (ofType(events, 'error').length < 8) await nextEvent(rt, events, 'error', events.length);
    const errors = ofType(events, 'error').map((event) => event.error);
    assert.deepEqual(errors.map((error) => error.event_id ?? null), [null, 'evt_unknown', 'evt_commit', 'evt_cancel', 'evt_item', 'evt_delete', 'evt_session', 'evt_last']);
    assert.equal(errors[1]?.param, 'type');
    assert.equal(errors[2]?.code, 'input_audio_buffer_commit_empty');
    assert.equal(errors[3]?.code, 'response_cancel_not_active');
    assert.equal(errors[4]?.param, 'item.role');
    assert.equal(errors[6]?.message, "Missing required parameter: 'session.type'.");
    assert.equal(rt.socket.readyState, rt.socket.OPEN);
  });

  it('cancels a response under way: response.done is cancelled, its item incomplete', async () => {
    clients.openaiMock.realtime.response.create.response = reply.text(Array.from({ length: 200 }, (_, i) => `word${i}`).join(' '));
    const { rt, events } = await clients.connect();
    rt.send({ type: 'response.create' });
    await nextEvent(rt, events, 'response.output_audio.delta');
    rt.send({ type: 'response.cancel' });
    const done = await nextEvent(rt, events, 'response.done');
    assert.equal(done.response.status, 'cancelled');
    assert.equal(done.response.status_details?.reason, 'client_cancelled');
    assert.equal((done.response.output?.[0] as { status?: string } | undefined)?.status, 'incomplete');
    assert.ok(ofType(events, 'response.output_audio.delta').length < 200);
  });

  it('creates, truncates and deletes conversation items with their events', async () => {
    clients.openaiMock.realtime.response.create.response = reply.text('one two three four');
    const { rt, events } = await clients.connect();
    const done = await ask(rt, events, 'Count.');
    const said = done.response.output?.[0]?.id ?? '';
    rt.send({ type: 'conversation.item.truncate', item_id: said, content_index: 0, audio_end_ms: 800 });
    const truncated = await nextEvent(rt, events, 'conversation.item.truncated');
    assert.deepEqual([truncated.item_id, truncated.audio_end_ms], [said, 800]);
    rt.send({ type: 'conversation.item.retrieve', item_id: said });
    const retrieved = await nextEvent(rt, events, 'conversation.item.retrieved');
    assert.equal(retrieved.item.type === 'message' && retrieved.item.role === 'assistant' && retrieved.item.content[0]?.transcript, 'one two');
    rt.send({ type: 'conversation.item.create', previous_item_id: 'root', item: { id: 'item_first', type: 'message', role: 'system', content: [{ type: 'input_text', text: 'Rules.' }] } });
    const added = await nextEvent(rt, events, 'conversation.item.added', events.length);
    assert.equal(added.previous_item_id, null);
    rt.send({ type: 'conversation.item.delete', item_id: 'item_first' });
    assert.equal((await nextEvent(rt, events, 'conversation.item.deleted')).item_id, 'item_first');
    rt.send({ type: 'response.create' });
    await nextEvent(rt, events, 'response.done', events.length);
    const turns = clients.openaiMock.realtime.response.create.calls;
    assert.deepEqual(turns[1]?.body.input.map((item) => item.id), [turns[0]?.body.input[0]?.id, said]);
  });

  it('records every client event (socketConnections) and each turn as a call, the key redacted', async () => {
    const { rt, events } = await clients.connect();
    rt.send({ type: 'session.update', event_id: 'evt_1', session: { type: 'realtime', instructions: 'Hi' } });
    rt.send({ type: 'response.create', event_id: 'evt_2' });
    await nextEvent(rt, events, 'response.done');
    const [socket] = socketConnections(clients.openaiMock);
    assert.equal(socket?.path, '/realtime');
    assert.deepEqual(socket?.clientEvents.map((event) => (event as { event_id: string }).event_id), ['evt_1', 'evt_2']);
    const [turn] = clients.openaiMock.realtime.response.create.calls;
    assert.equal(turn?.body.event_id, 'evt_2');
    assert.equal(turn?.body.instructions, 'Hi');
    assert.equal(turn?.request.headers.get('authorization'), redactSecret('Bearer sk-fake'));
  });

  it('answers failures as an error event naming the response.create, then answers normally', async () => {
    const route = clients.openaiMock.realtime.response.create;
    route.failures = { count: 1, status: 429, message: 'Rate limit reached', code: 'rate_limit_exceeded' };
    route.response = reply.text('Back again.');
    const { rt, events } = await clients.connect();
    rt.send({ type: 'response.create', event_id: 'evt_first' });
    const error = await nextEvent(rt, events, 'error');
    assert.deepEqual([error.error.code, error.error.message, error.error.event_id], ['rate_limit_exceeded', 'Rate limit reached', 'evt_first']);
    rt.send({ type: 'response.create' });
    const done = await nextEvent(rt, events, 'response.done');
    assert.equal(done.response.status, 'completed');
  });

  it('refuses a beta (realtime=v1) connection with the API error, and closes', async () => {
    const { rt, events, closed } = await clients.connect({ headers: { 'OpenAI-Beta': 'realtime=v1' } });
    const error = await nextEvent(rt, events, 'error');
    assert.match(error.error.message, /Beta API is no longer supported/);
    assert.equal(await closed, 1008);
    assert.equal(ofType(events, 'session.created').length, 0);
  });

  it('opens with a client secret (ek_) as its session, and refuses an unknown one', async () => {
    const secret = await clients.client.realtime.clientSecrets.create({ session: { type: 'realtime', instructions: 'You are a pirate.' } });
    assert.match(secret.value, /^ek_/);
    const { rt, events } = await clients.connect({ apiKey: secret.value });
    const created = await nextEvent(rt, events, 'session.created');
    assert.equal(created.session.type === 'realtime' && created.session.instructions, 'You are a pirate.');
    const refused = await clients.connect({ apiKey: 'ek_unknown' });
    const error = await nextEvent(refused.rt, refused.events, 'error');
    assert.equal(error.error.code, 'invalid_api_key');
  });

  it('leaves nothing behind when a socket closes mid-turn (latency cut short)', async () => {
    const route = clients.openaiMock.realtime.response.create;
    route.latency = 60_000;
    const { rt, events } = await clients.connect();
    await nextEvent(rt, events, 'session.created');
    const timersBefore = process.getActiveResourcesInfo().filter((kind) => kind === 'Timeout').length;
    rt.send({ type: 'response.create' });
    await new Promise<void>((resolve) => {
      const check = (): void => (route.calls.length > 0 || process.getActiveResourcesInfo().filter((kind) => kind === 'Timeout').length > timersBefore ? resolve() : void setImmediate(check));
      check();
    });
    const closed = new Promise<void>((resolve) => rt.socket.once('close', () => resolve()));
    rt.close();
    await closed;
    await new Promise<void>((resolve) => setImmediate(resolve));
    assert.ok(process.getActiveResourcesInfo().filter((kind) => kind === 'Timeout').length <= timersBefore);
  });
});
