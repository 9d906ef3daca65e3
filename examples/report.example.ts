// Scenario: an agent built on the Agents SDK runs a tool loop against the mock, and the test writes what was said
// to the model as a report: one HTML file (open it in a browser) with each turn as a conversation (the user's
// words, the tools offered, the tool call and its arguments, the tool's result, the answer), which rule answered
// each call, tokens and latency. In a suite, OPENAI_RESPONSES_REPORTS=<dir> writes one per failed test instead.
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Agent, OpenAIProvider, Runner, tool } from '@openai/agents';
import OpenAI from 'openai';
import { z } from 'zod';
import { OpenAIMock, createMockFetch, hasToolResult, reply, writeReport } from '../lib/index.js';

describe('a report of an agent run', () => {
  it('writes the run as one thread: the question, the tool call, its result, the answer', async () => {
    const openaiMock = new OpenAIMock();
    const openAIClient = new OpenAI({ apiKey: 'sk-fake', fetch: createMockFetch(openaiMock) });
    openaiMock.responses.create.once(reply.toolCall('get_weather', { city: 'Lisbon' }, { id: 'call_weather' }));
    openaiMock.responses.create.when(hasToolResult('call_weather'), reply.text('It is 24°C and sunny in Lisbon.'));

    const getWeather = tool({
      name: 'get_weather',
      description: 'The weather now in a city',
      parameters: z.object({ city: z.string() }),
      execute: async ({ city }) => JSON.stringify({ city, celsius: 24, sky: 'sunny' }),
    });
    const agent = new Agent({ name: 'Weather', instructions: 'Answer with the weather.', tools: [getWeather], model: 'gpt-4.1' });
    const runner = new Runner({ modelProvider: new OpenAIProvider({ openAIClient }), tracingDisabled: true });
    const result = await runner.run(agent, 'What is the weather in Lisbon?');
    assert.equal(result.finalOutput, 'It is 24°C and sunny in Lisbon.');

    const file = await writeReport(openaiMock, join(mkdtempSync(join(tmpdir(), 'reports-')), 'weather-agent.html'), { title: 'weather agent' });
    const page = readFileSync(file, 'utf8');
    assert.match(page, /What is the weather in Lisbon\?/);
    assert.match(page, /get_weather/);
    assert.match(page, /It is 24°C and sunny in Lisbon\./);
    assert.match(page, /when rule 1: hasToolResult\(&quot;call_weather&quot;\)/);
    assert.match(page, /Thread 1 · responses\.create · 2 calls/);
  });
});
