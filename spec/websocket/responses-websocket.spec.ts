import assert from 'node:assert/strict';
import OpenAI from 'openai';
import type { ResponsesServerEvent } from 'openai/resources/responses/responses';
import { ResponsesWS } from 'openai/resources/responses/ws';
import { WebSocket } from 'ws';
import { OpenAIMock, createMockFetch, eventStream, delay, mockWebSocketOptions, redactSecret, reply, responseEvents, socketConnections } from '../../lib/index.js';

/** A ResponsesWS on the mock, and the events it receives, with helpers to wait for them. */
function openSocket(openaiMock: OpenAIMock, client = new OpenAI({ apiKey: 'sk-fake', fetch: createMockFetch(openaiMock) })) {
  const socket = new ResponsesWS(client, mockWebSocketOptions(openaiMock));
  const events: ResponsesServerEvent[] = [];
  const errors: Error[] = [];
  const waiters: { test: (event: ResponsesServerEvent) => boolean; resolve: (event: ResponsesServerEvent) => void }[] = [];
  socket.on('event', (event) => {
    events.push(event);
    for (const waiter of [...waiters]) {
      if (waiter.test(event)) {
        waiters.splice(waiters.indexOf(waiter), 1);
        waiter.resolve(event);
      }
    }
  });
  socket.on('error', (error) => errors.push(error));
  const next = (test: (event: ResponsesServerEvent) => boolean): Promise<ResponsesServerEvent> =>
    new Promise((resolve) => waiters.push({ test, resolve }));
  const completed = (): Promise<Extract<ResponsesServerEvent, { type: 'response.completed' }>> =>
    next((event) => event.type === 'response.completed') as Promise<Extract<ResponsesServerEvent, { type: 'response.completed' }>>;
  const error = (): Promise<ResponsesServerEvent.ResponseWsError> =>
    next((event) => event.type === 'error' && 'error' in event) as Promise<ResponsesServerEvent.ResponseWsError>;
  return { socket, events, errors, next, completed, error };
}

describe('Responses over WebSocket, in process (ResponsesWS)', () => {
  let openaiMock: OpenAIMock;
  let opened: ReturnType<typeof openSocket>[];
  const open = (client?: OpenAI): ReturnType<typeof openSocket> => {
    const made = openSocket(openaiMock, client);
    opened.push(made);
    return made;
  };

  beforeEach(() => {
    openaiMock = new OpenAIMock();
    opened = [];
  });
  afterEach(() => {
    for (const { socket } of opened) socket.close();
  });

  it('runs a tool loop over one socket: a function call, its output with previous_response_id, the answer', async () => {
    openaiMock.responses.create.responses = [reply.toolCall('get_weather', { city: 'Paris' }, { id: 'call_paris' }), reply.text('It is 21°C in Paris.')];
    const ws = open();

    const first = ws.completed();
    ws.socket.send({ type: 'response.create', model: 'gpt-5', input: 'Weather in Paris?', tools: [{ type: 'function', name: 'get_weather', parameters: { type: 'object', properties: { city: { type: 'string' } } }, strict: false }] });
    const turn1 = (await first).response;
    const call = turn1.output[0];
    assert.equal(call?.type, 'function_call');
    assert.equal(call?.type === 'function_call' && call.name, 'get_weather');
    assert.deepEqual(call?.type === 'function_call' && JSON.parse(call.arguments), { city: 'Paris' });

    const second = ws.completed();
    ws.socket.send({ type: 'response.create', model: 'gpt-5', previous_response_id: turn1.id, input: [{ type: 'function_call_output', call_id: 'call_paris', output: '21°C' }] });
    const turn2 = (await second).response;
    const message = turn2.output[0];
    assert.equal(message?.type === 'message' && message.content[0]?.type === 'output_text' && message.content[0].text, 'It is 21°C in Paris.');
    assert.equal(turn2.previous_response_id, turn1.id);

    // Each response.create is a call of the route, with the stream the socket implies, and the state keeps both turns.
    assert.equal(openaiMock.responses.create.calls.length, 2);
    assert.equal(openaiMock.responses.create.calls[1]?.body.previous_response_id, turn1.id);
    assert.equal(openaiMock.state.responses.get(turn2.id)?.status, 'completed');
    const items = await new OpenAI({ apiKey: 'sk-fake', fetch: createMockFetch(openaiMock) }).responses.inputItems.list(turn2.id);
    assert.ok(items.data.some((item) => item.type === 'function_call_output'));
    // The events are the SSE stream's, in order.
    const types = ws.events.filter((event) => 'response' in event && event.response.id === turn2.id).map((event) => event.type);
    assert.deepEqual(types.slice(0, 2), ['response.created', 'response.in_progress']);
    assert.equal(types.at(-1), 'response.completed');
    assert.ok(ws.events.some((event) => event.type === 'response.output_text.delta'));
    assert.deepEqual(ws.errors, []);
  });

  it('records each socket with its client events, the key redacted', async () => {
    const ws = open();
    const done = ws.completed();
    ws.socket.send({ type: 'response.create', model: 'gpt-5', input: 'Hi' });
    await done;
    const [record] = socketConnections(openaiMock);
    assert.equal(record?.url, 'wss://api.openai.com/v1/responses');
    assert.equal(record?.path, '/responses');
    assert.deepEqual(record?.clientEvents, [{ type: 'response.create', model: 'gpt-5', input: 'Hi' }]);
    assert.equal(record?.headers.get('authorization'), redactSecret('Bearer sk-fake'));
    assert.ok(!JSON.stringify([...(record?.headers ?? [])]).includes('sk-fake'));
    assert.equal(openaiMock.responses.create.calls[0]?.request.headers.get('authorization'), redactSecret('Bearer sk-fake'));
  });

  it('forgets the recorded sockets on openaiMock.reset(), and keeps recording the ones still open', async () => {
    const ws = open();
    const first = ws.completed();
    ws.socket.send({ type: 'response.create', model: 'gpt-5', input: 'Before the reset' });
    await first;
    assert.equal(socketConnections(openaiMock).length, 1);

    openaiMock.reset();
    assert.deepEqual(socketConnections(openaiMock), []);
    assert.equal(openaiMock.responses.create.calls.length, 0);

    // A socket opened after the reset is recorded; the one still open goes on answering.
    const later = open();
    const second = later.completed();
    later.socket.send({ type: 'response.create', model: 'gpt-5', input: 'After the reset' });
    await second;
    const again = ws.completed();
    ws.socket.send({ type: 'response.create', model: 'gpt-5', input: 'On the old socket' });
    await again;
    assert.deepEqual(socketConnections(openaiMock).map((record) => record.clientEvents), [[{ type: 'response.create', model: 'gpt-5', input: 'After the reset' }]]);
    assert.deepEqual(openaiMock.responses.create.calls.map((call) => call.body.input), ['After the reset', 'On the old socket']);
  });

  it('accepts stream: true as the SDK example and the Agents SDK send it', async () => {
    openaiMock.responses.create.response = reply.text('streamed');
    const ws = open();
    const done = ws.completed();
    ws.socket.send({ type: 'response.create', model: 'gpt-5', input: 'Hi', stream: true } as never);
    const { response } = await done;
    assert.equal(response.output[0]?.type === 'message' && response.output[0].content[0]?.type === 'output_text' && response.output[0].content[0].text, 'streamed');
  });

  it('answers a bad message with an error event naming its event_id, and the socket stays usable', async () => {
    const ws = open();
    const notJson = ws.error();
    ws.socket.sendRaw('{not json');
    assert.equal((await notJson).error.code, 'invalid_json');

    const unknown = ws.error();
    ws.socket.sendRaw(JSON.stringify({ type: 'response.make', event_id: 'evt_42' }));
    const event = await unknown;
    assert.equal(event.status, 400);
    assert.equal(event.error.type, 'invalid_request_error');
    assert.equal(event.error.param, 'type');
    assert.equal((event.error as { event_id?: string }).event_id, 'evt_42');
    assert.match(event.error.message, /response\.make/);

    const done = ws.completed();
    ws.socket.send({ type: 'response.create', model: 'gpt-5', input: 'still there?' });
    assert.equal((await done).response.status, 'completed');
    assert.equal(ws.errors.length, 2);
  });

  it('refuses background as the API does over a socket, and answers a validation error in the socket shape', async () => {
    const ws = open();
    const background = ws.error();
    ws.socket.send({ type: 'response.create', model: 'gpt-5', input: 'Hi', background: true });
    const refused = await background;
    assert.deepEqual([refused.status, refused.error.param, refused.error.type], [400, 'background', 'invalid_request_error']);

    const missing = ws.error();
    ws.socket.send({ type: 'response.create', input: 'no model' });
    const noModel = await missing;
    assert.equal(noModel.status, 400);
    assert.equal(noModel.error.param, 'model');
    assert.equal(openaiMock.state.responses.values().length, 0);
  });

  it('applies failures (an error event with the status) and latency, then answers normally', async () => {
    openaiMock.responses.create.failures = { count: 1, status: 429, message: 'Rate limit reached', code: 'rate_limit_exceeded' };
    openaiMock.responses.create.latency = 5;
    const ws = open();
    const failed = ws.error();
    ws.socket.send({ type: 'response.create', model: 'gpt-5', input: 'Hi' });
    const error = await failed;
    assert.deepEqual([error.status, error.error.code, error.error.message], [429, 'rate_limit_exceeded', 'Rate limit reached']);

    const done = ws.completed();
    ws.socket.send({ type: 'response.create', model: 'gpt-5', input: 'Hi again' });
    assert.equal((await done).response.status, 'completed');
    assert.equal(openaiMock.responses.create.calls.length, 2);
  });

  it('warms up with generate: false (no output, no model call) and continues from it', async () => {
    openaiMock.responses.create.responses = [reply.text('Ready.')];
    const ws = open();
    const warm = ws.completed();
    ws.socket.send({ type: 'response.create', model: 'gpt-5', instructions: 'Be brief.', input: 'Context: the user is in Paris.', generate: false });
    const warmed = (await warm).response;
    assert.deepEqual(warmed.output, []);
    assert.equal(openaiMock.responses.create.calls.length, 0);

    const next = ws.completed();
    ws.socket.send({ type: 'response.create', model: 'gpt-5', previous_response_id: warmed.id, input: 'Go.' });
    const answered = (await next).response;
    assert.equal(answered.output[0]?.type === 'message' && answered.output[0].content[0]?.type === 'output_text' && answered.output[0].content[0].text, 'Ready.');
    const items = await new OpenAI({ apiKey: 'sk-fake', fetch: createMockFetch(openaiMock) }).responses.inputItems.list(answered.id);
    assert.ok(JSON.stringify(items.data).includes('the user is in Paris'));
  });

  it('runs stream_id lanes side by side, each event carrying its lane', async () => {
    openaiMock.responses.create.when(({ body }) => body.input === 'slow', () => eventStream([...responseEvents({ output: [{ type: 'message', content: [{ type: 'output_text', text: 'slow' }] }] }).slice(0, 2), delay(20), ...responseEvents({ output: [] }).slice(-1)]));
    openaiMock.responses.create.when(({ body }) => body.input === 'fast', reply.text('fast'));
    const ws = open();
    const fast = ws.next((event) => event.type === 'response.completed' && 'stream_id' in event && event.stream_id === 'b');
    const slow = ws.next((event) => event.type === 'response.completed' && 'stream_id' in event && event.stream_id === 'a');
    ws.socket.send({ type: 'response.create', model: 'gpt-5', input: 'slow', stream_id: 'a' });
    ws.socket.send({ type: 'response.create', model: 'gpt-5', input: 'fast', stream_id: 'b' });
    await Promise.all([fast, slow]);
    const lanes = ws.events.map((event) => ('stream_id' in event ? event.stream_id : undefined));
    assert.ok(lanes.every((lane) => lane === 'a' || lane === 'b'));
    // Lane b finished while lane a was paused.
    const order = ws.events.filter((event) => event.type === 'response.completed').map((event) => ('stream_id' in event ? event.stream_id : ''));
    assert.deepEqual(order, ['b', 'a']);

    const invalid = ws.error();
    ws.socket.send({ type: 'response.create', model: 'gpt-5', input: 'x', stream_id: 'not a lane!' });
    assert.equal((await invalid).error.param, 'stream_id');
  });

  it('steers: input queued while a tool call is owed is pending, then prepended to the explicit continuation', async () => {
    openaiMock.responses.create.responses = [reply.toolCall('lookup', { q: 'x' }, { id: 'call_1' }), reply.text('Done, in French.')];
    const ws = open();
    const first = ws.completed();
    ws.socket.send({ type: 'response.create', model: 'gpt-5', input: 'Look it up.' });
    const { response } = await first;

    const accepted = ws.next((event) => event.type === 'response.steer.accepted');
    const pending = ws.next((event) => event.type === 'response.steer.pending');
    ws.socket.send({ type: 'response.steer', previous_response_id: response.id, input: 'Answer in French.' });
    const acceptedEvent = await accepted;
    const pendingEvent = await pending;
    assert.equal(acceptedEvent.type === 'response.steer.accepted' && acceptedEvent.steer.previous_response_id, response.id);
    assert.deepEqual(pendingEvent.type === 'response.steer.pending' && pendingEvent.required_input, [{ type: 'function_call_output', call_id: 'call_1' }]);

    const second = ws.completed();
    ws.socket.send({ type: 'response.create', model: 'gpt-5', previous_response_id: response.id, input: [{ type: 'function_call_output', call_id: 'call_1', output: 'x=1' }] });
    await second;
    assert.deepEqual(openaiMock.responses.create.calls[1]?.body.input, [
      { type: 'message', role: 'user', content: 'Answer in French.' },
      { type: 'function_call_output', call_id: 'call_1', output: 'x=1' },
    ]);

    const failed = ws.next((event) => event.type === 'response.steer.failed');
    ws.socket.send({ type: 'response.steer', previous_response_id: 'resp_unknown', input: 'hi' });
    const failure = await failed;
    assert.equal(failure.type === 'response.steer.failed' && failure.error.code, 'response_not_found');
  });

  it('refuses a socket to a path the API does not serve, as the API does (404)', async () => {
    const socket = new WebSocket('wss://api.openai.com/v1/chat/completions', mockWebSocketOptions(openaiMock));
    const status = await new Promise<number>((resolve) => {
      socket.on('unexpected-response', (request, response) => {
        resolve(response.statusCode ?? 0);
        request.destroy();
      });
      socket.on('error', () => undefined);
    });
    assert.equal(status, 404);
  });
});
