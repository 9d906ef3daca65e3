import assert from 'node:assert/strict';
import OpenAI from 'openai';
import { OpenAIRealtimeWebSocket } from 'openai/realtime/websocket';
import type { RealtimeServerEvent } from 'openai/resources/realtime/realtime';
import { OpenAIMock, createMockFetch, patchGlobalWebSocket, redactSecret, reply, socketConnections } from '../../../lib/index.js';

describe('Realtime over the global WebSocket (OpenAIRealtimeWebSocket)', () => {
  it('says a scripted turn through the global WebSocket stand-in, the key sent as a subprotocol', async () => {
    const openaiMock = new OpenAIMock();
    openaiMock.realtime.response.create.responses = [reply.text('Hello from the stand-in.')];
    const restore = patchGlobalWebSocket(openaiMock);
    try {
      const client = new OpenAI({ apiKey: 'sk-fake', fetch: createMockFetch(openaiMock), dangerouslyAllowBrowser: true });
      const rt = new OpenAIRealtimeWebSocket({ model: 'gpt-realtime', dangerouslyAllowBrowser: true }, client);
      const events: RealtimeServerEvent[] = [];
      const done = new Promise<RealtimeServerEvent>((resolve) => {
        rt.on('event', (event) => {
          events.push(event);
          if (event.type === 'response.done') resolve(event);
        });
      });
      rt.on('error', () => undefined);
      rt.socket.addEventListener('open', () => {
        rt.send({ type: 'session.update', session: { type: 'realtime', output_modalities: ['text'] } });
        rt.send({ type: 'response.create' });
      });
      const finished = await done;
      rt.close();
      assert.equal(events[0]?.type, 'session.created');
      const [socket] = socketConnections(openaiMock);
      assert.ok(socket?.protocols.includes(`openai-insecure-api-key.${redactSecret('sk-fake')}`));
      assert.equal(finished.type === 'response.done' && finished.response.status, 'completed');
      assert.equal(events.filter((event) => event.type === 'response.output_text.delta').map((event) => (event.type === 'response.output_text.delta' ? event.delta : '')).join(''), 'Hello from the stand-in.');
    } finally {
      restore();
    }
  });
});
