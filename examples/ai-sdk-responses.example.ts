// Scenario: an app on the Vercel AI SDK's Responses model (`openai(model)`, the provider's default) is tested
// without the network: conversations of several turns (the provider sends earlier output back as item
// references to the stored responses), a reasoning model calling a function tool (stored, and with
// `store: false` and encrypted reasoning), file search and web search, with generateText and streamText.
import assert from 'node:assert/strict';
import { createOpenAI, type OpenAIProvider } from '@ai-sdk/openai';
import { generateText, type ModelMessage, stepCountIs, streamText, tool } from 'ai';
import { z } from 'zod';
import { OpenAIMock, createMockFetch, responseOutput } from '../lib/index.js';

describe('AI SDK 7 on the Responses API', () => {
  let openaiMock: OpenAIMock;
  let openai: OpenAIProvider;
  const weatherTool = tool({
    description: 'The current weather in a city',
    inputSchema: z.object({ city: z.string() }),
    execute: async ({ city }) => `Sunny, 21°C in ${city}.`,
  });

  beforeEach(() => {
    openaiMock = new OpenAIMock();
    openai = createOpenAI({ apiKey: 'sk-fake', fetch: createMockFetch(openaiMock) });
  });

  /** The types of the items a call sent as `input`. */
  const sentInput = (call: number): string[] => {
    const input = openaiMock.responses.create.calls[call]?.body?.input;
    return Array.isArray(input) ? input.map((item) => item.type ?? 'message') : [];
  };

  it('generateText: a second turn sends the first answer back as a reference to the stored response', async () => {
    openaiMock.responses.create.responses = [
      { output: [responseOutput.text('Paris.')] },
      { output: [responseOutput.text('About two million people.')] },
    ];
    const messages: ModelMessage[] = [{ role: 'user', content: 'What is the capital of France?' }];

    const first = await generateText({ model: openai('gpt-4o'), messages, maxRetries: 0 });
    messages.push(...first.response.messages, { role: 'user', content: 'How many people live there?' });
    const second = await generateText({ model: openai('gpt-4o'), messages, maxRetries: 0 });

    assert.equal(first.text, 'Paris.');
    assert.equal(second.text, 'About two million people.');
    assert.deepEqual(sentInput(1), ['message', 'item_reference', 'message']);
  });

  it('streamText: two streamed turns, the second continuing the first', async () => {
    openaiMock.responses.create.responses = [
      { output: [responseOutput.text('Hello! What shall we plan?')] },
      { output: [responseOutput.text('A weekend in Lisbon, then.')] },
    ];
    const messages: ModelMessage[] = [{ role: 'user', content: 'Hi' }];

    const first = streamText({ model: openai('gpt-4o'), messages, maxRetries: 0 });
    assert.equal(await first.text, 'Hello! What shall we plan?');
    messages.push(...(await first.response).messages, { role: 'user', content: 'A weekend trip.' });
    const second = streamText({ model: openai('gpt-4o'), messages, maxRetries: 0 });
    const parts: string[] = [];
    for await (const part of second.textStream) parts.push(part);

    assert.equal(parts.join(''), 'A weekend in Lisbon, then.');
    assert.ok(parts.length > 1, 'the text arrives in more than one part');
    assert.deepEqual(sentInput(1), ['message', 'item_reference', 'message']);
  });

  it('generateText: a reasoning model calls a tool, then answers from its result', async () => {
    openaiMock.responses.create.responses = [
      { output: [responseOutput.reasoning('The user wants the weather.'), responseOutput.functionCall('weather', { city: 'Paris' })] },
      { output: [responseOutput.text('It is sunny in Paris.')] },
    ];

    const result = await generateText({ model: openai('o4-mini'), prompt: 'Weather in Paris?', tools: { weather: weatherTool }, stopWhen: stepCountIs(3), maxRetries: 0 });

    assert.equal(result.text, 'It is sunny in Paris.');
    assert.equal(result.steps.length, 2);
    assert.deepEqual(result.steps[0]?.toolResults.map((toolResult) => toolResult.output), ['Sunny, 21°C in Paris.']);
    assert.deepEqual(sentInput(1), ['message', 'item_reference', 'function_call', 'function_call_output']);
  });

  it('streamText with store: false: the reasoning goes back encrypted, with the tool call and its output', async () => {
    openaiMock.responses.create.responses = [
      { output: [responseOutput.reasoning('Look it up.'), responseOutput.functionCall('weather', { city: 'Rome' })] },
      { output: [responseOutput.text('Sunny in Rome.')] },
    ];

    const result = streamText({
      model: openai('o4-mini'),
      prompt: 'Weather in Rome?',
      tools: { weather: weatherTool },
      stopWhen: stepCountIs(3),
      providerOptions: { openai: { store: false, include: ['reasoning.encrypted_content'] } },
      maxRetries: 0,
    });

    assert.equal(await result.text, 'Sunny in Rome.');
    const [first, second] = openaiMock.responses.create.calls;
    assert.deepEqual(first?.body?.include, ['reasoning.encrypted_content']);
    const input = Array.isArray(second?.body?.input) ? second.body.input : [];
    const reasoning = input.find((item) => item.type === 'reasoning');
    assert.ok(reasoning?.type === 'reasoning' && typeof reasoning.encrypted_content === 'string');
    assert.deepEqual(sentInput(1), ['message', 'reasoning', 'function_call', 'function_call_output']);
  });

  it('file search: the hosted tool\'s results and the answer, then a function tool in the same run', async () => {
    openaiMock.responses.create.responses = [
      {
        output: [
          { type: 'file_search_call', queries: ['refund policy'], results: [{ file_id: 'file-policy', filename: 'policy.md', score: 0.92, text: 'Refunds within 30 days.' }] },
          responseOutput.functionCall('weather', { city: 'Oslo' }),
        ],
      },
      { output: [responseOutput.text('Refunds take 30 days, and it is sunny in Oslo.')] },
    ];

    const result = await generateText({
      model: openai('gpt-4o'),
      prompt: 'Refund policy, and the weather in Oslo?',
      tools: { file_search: openai.tools.fileSearch({ vectorStoreIds: ['vs_docs'] }), weather: weatherTool },
      stopWhen: stepCountIs(3),
      maxRetries: 0,
    });

    assert.equal(result.text, 'Refunds take 30 days, and it is sunny in Oslo.');
    const search = result.steps[0]?.toolResults.find((toolResult) => toolResult.toolName === 'file_search');
    assert.deepEqual(search?.output, { queries: ['refund policy'], results: [{ attributes: {}, fileId: 'file-policy', filename: 'policy.md', score: 0.92, text: 'Refunds within 30 days.' }] });
    const tools = openaiMock.responses.create.calls[0]?.body?.tools ?? [];
    assert.ok(tools.some((sent) => sent.type === 'file_search' && sent.vector_store_ids.includes('vs_docs')));
    assert.deepEqual(sentInput(1), ['message', 'item_reference', 'function_call', 'function_call_output']);
  });

  it('web search: the answer and its cited sources', async () => {
    openaiMock.responses.create.response = {
      output: [
        { type: 'web_search_call', action: { type: 'search', query: 'Lisbon weather' } },
        responseOutput.text('Lisbon is warm this week.', {
          annotations: [{ type: 'url_citation', url: 'https://weather.example/lisbon', title: 'Lisbon weather', start_index: 0, end_index: 6 }],
        }),
      ],
    };

    const result = await generateText({ model: openai('gpt-4o'), prompt: 'Weather in Lisbon?', tools: { web_search: openai.tools.webSearch({}) }, maxRetries: 0 });

    assert.equal(result.text, 'Lisbon is warm this week.');
    assert.deepEqual(result.sources.map((source) => source.sourceType === 'url' && source.url), ['https://weather.example/lisbon']);
    assert.ok(openaiMock.responses.create.calls[0]?.body?.tools?.some((sent) => sent.type === 'web_search'));
  });
});
