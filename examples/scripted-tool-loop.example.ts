// Scenario: a tool loop (the model calls a tool, the app runs it, the model answers with text) scripted in two
// to four lines, on Chat Completions, the Responses API and assistant runs, and driven by real higher-level
// clients: the Vercel AI SDK's `generateText` with a tool, and the OpenAI Agents SDK's `run`.
import assert from 'node:assert/strict';
import { createOpenAI } from '@ai-sdk/openai';
import { Agent, OpenAIProvider, Runner, tool as agentTool } from '@openai/agents';
import { generateText, jsonSchema, stepCountIs, tool } from 'ai';
import OpenAI from 'openai';
import { z } from 'zod';
import { OpenAIMock, createMockFetch, hasToolResult, reply, requiresAction, runScript } from '../lib/index.js';

const weather = (city: string) => JSON.stringify({ city, celsius: 21 });

describe('scripted tool loops', () => {
  let openaiMock: OpenAIMock;
  let client: OpenAI;

  beforeEach(() => {
    openaiMock = new OpenAIMock();
    client = new OpenAI({ apiKey: 'sk-fake', fetch: createMockFetch(openaiMock) });
  });

  it('Chat Completions: a sequence, tool call then text', async () => {
    openaiMock.chat.completions.create.responses = [reply.toolCall('get_weather', { city: 'Paris' }), reply.text('It is 21°C in Paris.')];

    const messages: OpenAI.Chat.ChatCompletionMessageParam[] = [{ role: 'user', content: 'Weather in Paris?' }];
    const tools: OpenAI.Chat.ChatCompletionTool[] = [{ type: 'function', function: { name: 'get_weather', parameters: { type: 'object', properties: { city: { type: 'string' } } } } }];
    let message = (await client.chat.completions.create({ model: 'gpt-4o', messages, tools })).choices[0]!.message;
    while (message.tool_calls?.length) {
      messages.push(message);
      for (const call of message.tool_calls) {
        if (call.type === 'function') messages.push({ role: 'tool', tool_call_id: call.id, content: weather(JSON.parse(call.function.arguments).city) });
      }
      message = (await client.chat.completions.create({ model: 'gpt-4o', messages, tools })).choices[0]!.message;
    }

    assert.equal(message.content, 'It is 21°C in Paris.');
    assert.equal(openaiMock.chat.completions.create.calls.length, 2);
  });

  it('Responses: a tool call until its result comes back', async () => {
    openaiMock.responses.create.response = reply.toolCall('get_weather', { city: 'Paris' }, { id: 'call_paris' });
    openaiMock.responses.create.when(hasToolResult('call_paris'), reply.text('It is 21°C in Paris.'));

    let response = await client.responses.create({ model: 'gpt-4.1', input: 'Weather in Paris?' });
    const call = response.output.find((item) => item.type === 'function_call');
    assert.ok(call);
    response = await client.responses.create({
      model: 'gpt-4.1', previous_response_id: response.id, input: [{ type: 'function_call_output', call_id: call.call_id, output: weather('Paris') }],
    });

    assert.equal(response.output_text, 'It is 21°C in Paris.');
  });

  it('assistant runs: requires_action, then the reply once the tool outputs are in', async () => {
    runScript(openaiMock, {
      statuses: ['queued', requiresAction({ name: 'get_weather', arguments: { city: 'Paris' } }), 'completed'],
      message: 'It is 21°C in Paris.',
    });

    const assistant = await client.beta.assistants.create({ model: 'gpt-4o' });
    const thread = await client.beta.threads.create({ messages: [{ role: 'user', content: 'Weather in Paris?' }] });
    let run = await client.beta.threads.runs.createAndPoll(thread.id, { assistant_id: assistant.id });
    assert.equal(run.status, 'requires_action');
    const outputs = run.required_action!.submit_tool_outputs.tool_calls.map((call) => ({ tool_call_id: call.id, output: weather('Paris') }));
    run = await client.beta.threads.runs.submitToolOutputsAndPoll(run.id, { thread_id: thread.id, tool_outputs: outputs });
    const [answer] = (await client.beta.threads.messages.list(thread.id, { order: 'desc', limit: 1 })).data;

    assert.equal(run.status, 'completed');
    assert.deepEqual(answer?.content[0]?.type === 'text' && answer.content[0].text.value, 'It is 21°C in Paris.');
  });

  it('the Vercel AI SDK drives the loop: generateText runs the tool and returns the final text', async () => {
    openaiMock.chat.completions.create.responses = [reply.toolCall('get_weather', { city: 'Paris' }), reply.text('It is 21°C in Paris.')];
    const openai = createOpenAI({ apiKey: 'sk-fake', fetch: createMockFetch(openaiMock) });
    const cities: string[] = [];

    const result = await generateText({
      model: openai.chat('gpt-4o'),
      prompt: 'Weather in Paris?',
      tools: {
        get_weather: tool({
          inputSchema: jsonSchema<{ city: string }>({ type: 'object', properties: { city: { type: 'string' } }, required: ['city'] }),
          execute: async ({ city }) => (cities.push(city), weather(city)),
        }),
      },
      stopWhen: stepCountIs(4),
      maxRetries: 0,
    });

    assert.equal(result.text, 'It is 21°C in Paris.');
    assert.deepEqual(cities, ['Paris']);
    assert.equal(result.steps.length, 2);
    const [, second] = openaiMock.chat.completions.create.calls;
    const toolMessage = (second?.body as { messages: { role: string; content: unknown }[] }).messages.find((message) => message.role === 'tool');
    assert.equal(toolMessage?.content, weather('Paris'));
  });

  it('the Agents SDK drives the loop: run() calls the tool and returns the final output', async () => {
    openaiMock.responses.create.responses = [reply.toolCall('get_weather', { city: 'Paris' }), reply.text('It is 21°C in Paris.')];
    const runner = new Runner({ modelProvider: new OpenAIProvider({ openAIClient: client }), tracingDisabled: true });
    const cities: string[] = [];
    const agent = new Agent({
      name: 'Weather',
      model: 'gpt-4.1',
      tools: [agentTool({
        name: 'get_weather', description: 'The weather in a city', parameters: z.object({ city: z.string() }),
        execute: async ({ city }) => (cities.push(city), weather(city)),
      })],
    });

    const result = await runner.run(agent, 'Weather in Paris?');

    assert.equal(result.finalOutput, 'It is 21°C in Paris.');
    assert.deepEqual(cities, ['Paris']);
    const sent = JSON.stringify(openaiMock.responses.create.calls[1]?.body);
    assert.ok(sent.includes('function_call_output'), sent);
  });
});
