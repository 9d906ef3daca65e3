import assert from 'node:assert/strict';
import { Agent, OpenAIProvider, Runner, tool } from '@openai/agents';
import OpenAI from 'openai';
import { z } from 'zod';
import { OpenAIMock, createMockFetch, mockCreateWebSocket, patchGlobalWebSocket, redactSecret, reply, socketConnections, withOpenAIMock } from '../../lib/index.js';

describe('the global WebSocket stand-in (patchGlobalWebSocket)', () => {
  let openaiMock: OpenAIMock;
  let restore: () => void;
  const original = globalThis.WebSocket;

  beforeEach(() => {
    openaiMock = new OpenAIMock();
    restore = patchGlobalWebSocket(openaiMock);
  });
  afterEach(() => restore());

  it("runs an Agents SDK agent with a function tool on the Responses WebSocket transport", async () => {
    const cities: string[] = [];
    const getWeather = tool({
      name: 'get_weather',
      description: 'The weather in a city',
      parameters: z.object({ city: z.string() }),
      execute: async ({ city }) => {
        cities.push(city);
        return `Sunny in ${city}`;
      },
    });
    openaiMock.responses.create.responses = [reply.toolCall('get_weather', { city: 'Paris' }), reply.text('It is sunny in Paris.')];
    const client = new OpenAI({ apiKey: 'sk-agents', fetch: createMockFetch(openaiMock) });
    const provider = new OpenAIProvider({ openAIClient: client, useResponsesWebSocket: true });
    const runner = new Runner({ modelProvider: provider, tracingDisabled: true });
    try {
      const result = await runner.run(new Agent({ name: 'Weather', model: 'gpt-5', tools: [getWeather] }), 'Weather in Paris?');
      assert.equal(result.finalOutput, 'It is sunny in Paris.');
    } finally {
      await provider.close();
    }
    assert.deepEqual(cities, ['Paris']);
    // Both turns went over one socket, each a call of responses.create.
    const sockets = socketConnections(openaiMock);
    assert.equal(sockets.length, 1);
    assert.deepEqual(sockets[0]?.clientEvents.map((event) => (event as { type: string }).type), ['response.create', 'response.create']);
    assert.equal(sockets[0]?.headers.get('authorization'), redactSecret('Bearer sk-agents'));
    const [first, second] = openaiMock.responses.create.calls;
    assert.equal(first?.body.tools?.[0]?.type === 'function' && first.body.tools[0].name, 'get_weather');
    assert.ok(JSON.stringify(second?.body.input).includes('Sunny in Paris'));
  });

  it('opens a WHATWG-shaped socket with { headers } and protocols, and restores the previous WebSocket', async () => {
    const socket = new WebSocket('wss://api.openai.com/v1/responses', ['openai-insecure-api-key.sk-browser']);
    const completed = new Promise<{ type: string; response: { status: string } }>((resolve, reject) => {
      socket.addEventListener('message', (event: MessageEvent) => {
        const data = JSON.parse(String(event.data)) as { type: string; response: { status: string } };
        if (data.type === 'response.completed') resolve(data);
      });
      socket.addEventListener('error', () => reject(new Error('socket error')));
    });
    await new Promise((resolve) => socket.addEventListener('open', resolve, { once: true }));
    socket.send(JSON.stringify({ type: 'response.create', model: 'gpt-5', input: 'Hi' }));
    assert.equal((await completed).response.status, 'completed');
    const closed = new Promise<number>((resolve) => socket.addEventListener('close', (event: CloseEvent) => resolve(event.code)));
    socket.close();
    assert.equal(await closed, 1005);
    // The key came as a subprotocol: redacted in the socket's record, sent to the route as a redacted bearer header.
    assert.deepEqual(socketConnections(openaiMock)[0]?.protocols, [`openai-insecure-api-key.${redactSecret('sk-browser')}`]);
    assert.equal(openaiMock.responses.create.calls[0]?.request.headers.get('authorization'), redactSecret('Bearer sk-browser'));

    restore();
    assert.equal(globalThis.WebSocket, original);
    restore = patchGlobalWebSocket(openaiMock);
  });

  it('answers from the newest mock patched in (the current test)', async () => {
    const later = new OpenAIMock();
    const restoreLater = patchGlobalWebSocket(later);
    try {
      const socket = new WebSocket('wss://api.openai.com/v1/responses', { headers: { Authorization: 'Bearer sk-x' } } as unknown as string[]);
      await new Promise((resolve) => socket.addEventListener('open', resolve, { once: true }));
      socket.close();
      assert.equal(socketConnections(later).length, 1);
      assert.equal(socketConnections(openaiMock).length, 0);
    } finally {
      restoreLater();
    }
  });

  it('is what withOpenAIMock patches with patchGlobalWebSocket: true', withOpenAIMock({ patchGlobalWebSocket: true }, async ({ openaiMock: mock }) => {
    const socket = new WebSocket('wss://api.openai.com/v1/responses');
    await new Promise((resolve) => socket.addEventListener('open', resolve, { once: true }));
    socket.close();
    assert.equal(socketConnections(mock).length, 1);
  }));
});

describe('mockCreateWebSocket (the Agents SDK realtime transport factory)', () => {
  it('connects to the mock at the transport URL with the key as a redacted bearer header', async () => {
    const openaiMock = new OpenAIMock();
    const socket = await mockCreateWebSocket(openaiMock)({ url: 'wss://api.openai.com/v1/realtime?model=gpt-realtime', apiKey: 'sk-rt' });
    // The server speaks first: listen before the socket opens.
    const firstMessage = new Promise<{ type: string }>((resolve) => socket.addEventListener('message', (event) => resolve(JSON.parse(String(event.data)) as { type: string }), { once: true }));
    await new Promise((resolve) => socket.addEventListener('open', resolve, { once: true }));
    const first = await firstMessage;
    assert.equal(first.type, 'session.created');
    socket.close();
    const [record] = socketConnections(openaiMock);
    assert.equal(record?.path, '/realtime');
    assert.equal(record?.url, 'wss://api.openai.com/v1/realtime?model=gpt-realtime');
    assert.equal(record?.headers.get('authorization'), redactSecret('Bearer sk-rt'));
  });
});
