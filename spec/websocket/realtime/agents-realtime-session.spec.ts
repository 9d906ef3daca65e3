import assert from 'node:assert/strict';
import { RealtimeAgent, RealtimeSession, OpenAIRealtimeWebSocket, tool } from '@openai/agents/realtime';
import { z } from 'zod';
import { hasToolResult, mockCreateWebSocket, reply } from '../../../lib/index.js';
import { type RealtimeClients, realtimeClients } from './realtime-clients.js';

describe('Realtime with the Agents SDK (RealtimeSession over its WebSocket transport)', () => {
  let clients: RealtimeClients;
  let session: RealtimeSession | undefined;
  beforeEach(async () => {
    clients = await realtimeClients();
  });
  afterEach(async () => {
    session?.close();
    session = undefined;
    await clients.close();
  });

  it('runs a function tool: the tool runs, the session hears its result and answers', async () => {
    const route = clients.openaiMock.realtime.response.create;
    route.when(hasToolResult(), reply.text('It is 21 degrees and sunny in Paris.'));
    route.once(reply.toolCall('get_weather', { city: 'Paris' }));
    const asked: string[] = [];
    const getWeather = tool({
      name: 'get_weather',
      description: 'The weather in a city',
      parameters: z.object({ city: z.string() }),
      execute: ({ city }) => {
        asked.push(city);
        return `21 degrees and sunny in ${city}`;
      },
    });
    const agent = new RealtimeAgent({ name: 'Weather', instructions: 'Answer weather questions.', tools: [getWeather] });
    // The transport takes a socket factory (it ignores the client's base URL).
    const transport = new OpenAIRealtimeWebSocket({ createWebSocket: mockCreateWebSocket(clients.openaiMock) });
    session = new RealtimeSession(agent, { transport, model: 'gpt-realtime' });
    const toolEnded = new Promise<string>((resolve) => session?.on('agent_tool_end', (_context, _agent, _tool, result) => resolve(String(result))));
    const answered = new Promise<string>((resolve) => {
      session?.on('history_updated', (history) => {
        for (const item of history) {
          if (item.type !== 'message' || item.role !== 'assistant' || item.status !== 'completed') continue;
          const said = item.content.map((part) => ('transcript' in part ? (part.transcript ?? '') : 'text' in part ? part.text : '')).join('');
          if (said !== '') resolve(said);
        }
      });
    });
    await session.connect({ apiKey: 'sk-fake' });
    session.sendMessage('What is the weather in Paris?');
    assert.equal(await toolEnded, '21 degrees and sunny in Paris');
    assert.deepEqual(asked, ['Paris']);
    assert.equal(await answered, 'It is 21 degrees and sunny in Paris.');
    const [, second] = route.calls;
    const output = second?.body.input.find((item) => item.type === 'function_call_output');
    assert.equal(output?.type === 'function_call_output' && output.output, '21 degrees and sunny in Paris');
    assert.deepEqual(second?.body.tools.map((t) => t.type === 'function' && t.name), ['get_weather']);
  });
});
