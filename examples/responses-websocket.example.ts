// Scenario: an app runs its tool loop over one WebSocket with the SDK's `ResponsesWS` (Responses in WebSocket
// mode), and its test talks to the mock in memory: no port, no TLS, the API's own URL. Each `response.create`
// is a call of `openaiMock.responses.create`, scripted like any other; the socket's traffic is recorded.
import assert from 'node:assert/strict';
import OpenAI from 'openai';
import type { Response as OpenAIResponse } from 'openai/resources/responses/responses';
import { ResponsesWS } from 'openai/resources/responses/ws';
import { OpenAIMock, createMockFetch, mockWebSocketOptions, reply, socketConnections } from '../lib/index.js';

/** The app's loop: ask, run the tool the model calls, send its output back, return the final text. */
async function weatherOverSocket(socket: ResponsesWS, question: string): Promise<string> {
  const next = (): Promise<OpenAIResponse> =>
    new Promise((resolve, reject) => {
      socket.once('response.completed', (event) => resolve(event.response));
      socket.once('error', reject);
    });
  let done = next();
  socket.send({ type: 'response.create', model: 'gpt-5', input: question, tools: [{ type: 'function', name: 'get_weather', parameters: { type: 'object', properties: { city: { type: 'string' } } }, strict: false }] });
  let response = await done;
  for (const item of response.output) {
    if (item.type !== 'function_call') continue;
    const { city } = JSON.parse(item.arguments) as { city: string };
    done = next();
    socket.send({ type: 'response.create', model: 'gpt-5', previous_response_id: response.id, input: [{ type: 'function_call_output', call_id: item.call_id, output: `Sunny in ${city}` }] });
    response = await done;
  }
  const message = response.output.find((item) => item.type === 'message');
  return message?.type === 'message' && message.content[0]?.type === 'output_text' ? message.content[0].text : '';
}

describe('example: Responses over WebSocket with ResponsesWS', () => {
  it('runs a tool loop over one socket', async () => {
    const openaiMock = new OpenAIMock();
    openaiMock.responses.create.responses = [reply.toolCall('get_weather', { city: 'Paris' }), reply.text('It is sunny in Paris.')];
    const client = new OpenAI({ apiKey: 'sk-fake', fetch: createMockFetch(openaiMock) });
    const socket = new ResponsesWS(client, mockWebSocketOptions(openaiMock));
    try {
      assert.equal(await weatherOverSocket(socket, 'Weather in Paris?'), 'It is sunny in Paris.');
    } finally {
      socket.close();
    }

    // Both turns were calls of the route, the second continuing the first.
    const [first, second] = openaiMock.responses.create.calls;
    assert.equal(first?.body.input, 'Weather in Paris?');
    assert.ok(second?.body.previous_response_id?.startsWith('resp_'));
    // One socket, with what the client sent.
    const [recorded] = socketConnections(openaiMock);
    assert.deepEqual(recorded?.clientEvents.map((event) => (event as { type: string }).type), ['response.create', 'response.create']);
  });

  it('turns a configured failure into an error event on the socket', async () => {
    const openaiMock = new OpenAIMock();
    openaiMock.responses.create.failures = { count: 1, status: 429, message: 'Rate limit reached', code: 'rate_limit_exceeded' };
    const client = new OpenAI({ apiKey: 'sk-fake', fetch: createMockFetch(openaiMock) });
    const socket = new ResponsesWS(client, mockWebSocketOptions(openaiMock));
    try {
      const failed = new Promise<Error>((resolve) => socket.once('error', resolve));
      socket.send({ type: 'response.create', model: 'gpt-5', input: 'Hi' });
      assert.equal((await failed).message, 'Rate limit reached');
    } finally {
      socket.close();
    }
  });
});
