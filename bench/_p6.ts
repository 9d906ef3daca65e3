import { Session } from 'node:inspector/promises';
import fs from 'node:fs';
import { Agent, OpenAIProvider, Runner, tool } from '@openai/agents';
import OpenAI from 'openai';
import { z } from 'zod';
import { OpenAIMock, createMockFetch, reply } from '../lib/index.js';
const weather = tool({ name: 'get_weather', description: 'The weather in a city', parameters: z.object({ city: z.string() }), execute: async ({ city }) => `${city}: 21°C` });
const agent = new Agent({ name: 'Weather', model: 'gpt-4.1', tools: [weather] });
async function test() {
  const openaiMock = new OpenAIMock();
  const route = openaiMock.responses.create;
  for (let turn = 0; turn < 9; turn++) route.once(reply.toolCall('get_weather', { city: 'Paris' }));
  route.once(reply.text('Noted.'));
  const client = new OpenAI({ apiKey: 'sk-bench', fetch: createMockFetch(openaiMock) });
  const runner = new Runner({ modelProvider: new OpenAIProvider({ openAIClient: client }), tracingDisabled: true });
  await runner.run(agent, 'Weather in Paris, ten times?', { maxTurns: 11 });
}
for (let i = 0; i < 30; i++) await test();
const session = new Session(); session.connect();
await session.post('Profiler.enable'); await session.post('Profiler.start');
for (let i = 0; i < 100; i++) await test();
const { profile } = await session.post('Profiler.stop');
fs.writeFileSync(`/tmp/p6.cpuprofile`, JSON.stringify(profile));
