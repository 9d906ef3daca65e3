// Scenario: an app built on the OpenAI Agents SDK (`@openai/agents`) is tested without the network, with a fresh
// mock per test. The SDK talks to the Responses API, so `openaiMock.responses.create` answers every model turn:
// a function tool then an answer, a streamed run, a handoff to another agent, and structured output.
// Twice over: with an explicit client (`new OpenAIProvider({ openAIClient })`), and with the SDK's default client,
// which it builds once and keeps; `patchGlobalFetch` makes that client (and the SDK's trace export) answer from
// the current test's mock.
import assert from 'node:assert/strict';
import {
  Agent,
  OpenAIProvider,
  Runner,
  getGlobalTraceProvider,
  run,
  setDefaultOpenAIKey,
  setTracingExportApiKey,
  tool,
  user,
} from '@openai/agents';
import OpenAI from 'openai';
import { z } from 'zod';
import { OpenAIMock, createMockFetch, patchGlobalFetch, responseOutput } from '../lib/index.js';

const cities: string[] = [];
const getWeather = tool({
  name: 'get_weather',
  description: 'The current weather in a city',
  parameters: z.object({ city: z.string() }),
  execute: async ({ city }) => {
    cities.push(city);
    return `Sunny, 21°C in ${city}.`;
  },
});
const weatherAgent = new Agent({ name: 'Weather', instructions: 'Answer weather questions.', model: 'gpt-4.1', tools: [getWeather] });
const billingAgent = new Agent({ name: 'Billing', instructions: 'Answer billing questions.', model: 'gpt-4.1' });
const triageAgent = new Agent({ name: 'Triage', instructions: 'Hand off to the right agent.', model: 'gpt-4.1', handoffs: [billingAgent] });
const Invoice = z.object({ number: z.string(), total: z.number() });
const invoiceAgent = new Agent({ name: 'Invoices', instructions: 'Read the invoice.', model: 'gpt-4.1', outputType: Invoice });

/** The flows, run once per way of giving the SDK its client. */
function agentFlows(setup: () => { openaiMock: OpenAIMock; runAgent: Runner['run'] }): void {
  let openaiMock: OpenAIMock;
  let runAgent: Runner['run'];

  beforeEach(() => {
    ({ openaiMock, runAgent } = setup());
    cities.length = 0;
  });

  it('calls a function tool, sends its output back, then returns the answer', async () => {
    openaiMock.responses.create.responses = [
      { output: [responseOutput.functionCall('get_weather', { city: 'Paris' }, { call_id: 'call_paris' })] },
      { output: [responseOutput.text('It is sunny in Paris.')] },
    ];

    const result = await runAgent(weatherAgent, 'What is the weather in Paris?');

    assert.equal(result.finalOutput, 'It is sunny in Paris.');
    assert.deepEqual(cities, ['Paris']);
    const [first, second] = openaiMock.responses.create.calls;
    assert.deepEqual(first?.body?.tools?.map((sent) => sent.type === 'function' && sent.name), ['get_weather']);
    const input = Array.isArray(second?.body?.input) ? second.body.input : [];
    const toolOutput = input.find((item) => item.type === 'function_call_output');
    assert.ok(toolOutput?.type === 'function_call_output' && toolOutput.call_id === 'call_paris');
    assert.equal(toolOutput.output, 'Sunny, 21°C in Paris.');
  });

  it('streams a run: text deltas as they come, then the final output', async () => {
    openaiMock.responses.create.response = { output: [responseOutput.text('Streaming from the agent, word by word.')] };

    const stream = await runAgent(weatherAgent, 'Say something', { stream: true });
    const deltas: string[] = [];
    for await (const text of stream.toTextStream()) deltas.push(text);
    await stream.completed;

    assert.equal(deltas.join(''), 'Streaming from the agent, word by word.');
    assert.ok(deltas.length > 1, 'the text arrives in more than one delta');
    assert.equal(stream.finalOutput, 'Streaming from the agent, word by word.');
    assert.equal(openaiMock.responses.create.calls[0]?.body?.stream, true);
  });

  it('continues a conversation over runs: with the history, streamed with a tool, then by previousResponseId', async () => {
    openaiMock.responses.create.responses = [
      { output: [responseOutput.text('Hello! Which city?')] },
      { output: [responseOutput.reasoning('The user named Rome.'), responseOutput.functionCall('get_weather', { city: 'Rome' })] },
      { output: [responseOutput.text('Sunny in Rome.')] },
      { output: [responseOutput.text('You asked about Rome.')] },
    ];

    const first = await runAgent(weatherAgent, 'Hi');
    const second = await runAgent(weatherAgent, [...first.history, user('Rome, please.')], { stream: true });
    let streamed = '';
    for await (const text of second.toTextStream()) streamed += text;
    await second.completed;
    const third = await runAgent(weatherAgent, 'Which city was it?', { previousResponseId: second.lastResponseId ?? '' });

    assert.equal(streamed, 'Sunny in Rome.');
    assert.deepEqual(cities, ['Rome']);
    assert.equal(third.finalOutput, 'You asked about Rome.');
    const calls = openaiMock.responses.create.calls;
    assert.equal(calls[3]?.body?.previous_response_id, second.lastResponseId);
    const inputOf = (at: number): string[] => {
      const input = calls[at]?.body?.input;
      return Array.isArray(input) ? input.map((item) => item.type ?? 'message') : [];
    };
    assert.deepEqual(inputOf(2), ['message', 'message', 'message', 'reasoning', 'function_call', 'function_call_output']);
  });

  it('hands off to another agent, which answers', async () => {
    openaiMock.responses.create.responses = [
      { output: [responseOutput.functionCall('transfer_to_Billing', {})] },
      { output: [responseOutput.text('Your last invoice was paid.')] },
    ];

    const result = await runAgent(triageAgent, 'Was my invoice paid?');

    assert.equal(result.lastAgent?.name, 'Billing');
    assert.equal(result.finalOutput, 'Your last invoice was paid.');
    assert.equal(openaiMock.responses.create.calls[1]?.body?.instructions, 'Answer billing questions.');
  });

  it('returns structured output parsed by the agent\'s output type', async () => {
    openaiMock.responses.create.response = { output: [responseOutput.text(JSON.stringify({ number: 'INV-7', total: 42.5 }))] };

    const result = await runAgent(invoiceAgent, 'Read invoice INV-7');

    assert.deepEqual(result.finalOutput, { number: 'INV-7', total: 42.5 });
    const format = openaiMock.responses.create.calls[0]?.body?.text?.format;
    assert.equal(format?.type, 'json_schema');
  });
}

describe('OpenAI Agents SDK against the mock', () => {
  describe('with an explicit OpenAI client', () => {
    agentFlows(() => {
      const openaiMock = new OpenAIMock();
      const openAIClient = new OpenAI({ apiKey: 'sk-fake', fetch: createMockFetch(openaiMock) });
      const runner = new Runner({ modelProvider: new OpenAIProvider({ openAIClient }), tracingDisabled: true });
      return { openaiMock, runAgent: runner.run.bind(runner) };
    });
  });

  describe('with the default client, through patchGlobalFetch', () => {
    let restore: (() => void) | undefined;
    let current: OpenAIMock | undefined;

    before(() => {
      // The default client is built on first use and kept for the whole process; these keys are read then.
      setDefaultOpenAIKey('sk-fake');
      setTracingExportApiKey('sk-fake');
    });

    afterEach(async () => {
      // Export this test's traces while its mock still answers the global fetch.
      await getGlobalTraceProvider().forceFlush();
      restore?.();
      const exported = current?.traces.ingest.calls.flatMap((call) => call.body.data) ?? [];
      assert.ok(exported.some((item) => item.object === 'trace'), 'the run\'s trace reached this test\'s mock');
    });

    agentFlows(() => {
      const openaiMock = new OpenAIMock();
      current = openaiMock;
      restore = patchGlobalFetch(openaiMock);
      return { openaiMock, runAgent: run };
    });
  });
});
