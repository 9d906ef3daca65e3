import assert from 'node:assert/strict';
import { Agent, OpenAIProvider, Runner, tool } from '@openai/agents';
import type OpenAI from 'openai';
import { zodTextFormat } from 'openai/helpers/zod';
import { z } from 'zod';
import { mockedClient } from '../../support/client.js';

const Invoice = z.object({ number: z.string().regex(/^INV-\d+$/), total: z.number().min(0), lines: z.array(z.object({ sku: z.string(), qty: z.number().int().min(1) })).min(1) });
const smallestInvoice = { number: 'INV-0', total: 0, lines: [{ sku: '', qty: 1 }] };

describe('responses.create defaults', () => {
  it("writes the schema's smallest instance under a json_schema text.format: parse() and the stream read it", async () => {
    const { client } = mockedClient();
    const format = zodTextFormat(Invoice, 'invoice');
    const response = await client.responses.parse({ model: 'gpt-4.1', input: 'Read the invoice', text: { format } });
    assert.deepEqual(response.output_parsed, smallestInvoice);
    const stream = client.responses.stream({ model: 'gpt-4.1', input: 'Read the invoice', text: { format } });
    let streamed = '';
    stream.on('response.output_text.delta', (event) => {
      streamed += event.delta;
    });
    const final = await stream.finalResponse();
    assert.deepEqual(JSON.parse(streamed), smallestInvoice);
    assert.deepEqual(final.output_parsed, smallestInvoice);
    const json = await client.responses.create({ model: 'gpt-4.1', input: 'JSON please', text: { format: { type: 'json_object' } } });
    assert.equal(json.output_text, '{}');
  });

  it("calls the tool tool_choice requires, with the smallest arguments its schema takes; 'auto' answers text", async () => {
    const { client } = mockedClient();
    const tools: OpenAI.Responses.Tool[] = [
      { type: 'web_search' },
      { type: 'function', name: 'get_weather', strict: true, parameters: { type: 'object', properties: { city: { type: 'string' } }, required: ['city'], additionalProperties: false } },
      { type: 'function', name: 'get_time', strict: false, parameters: null },
    ];
    const required = await client.responses.create({ model: 'gpt-4.1', input: 'Weather?', tools, tool_choice: 'required' });
    const [call] = required.output;
    assert.ok(call?.type === 'function_call');
    assert.equal(call.name, 'get_weather');
    assert.deepEqual(JSON.parse(call.arguments), { city: '' });
    assert.match(call.call_id, /^call_/);
    const named = await client.responses.create({ model: 'gpt-4.1', input: 'Time?', tools, tool_choice: { type: 'function', name: 'get_time' }, stream: true });
    let done: OpenAI.Responses.ResponseOutputItem | undefined;
    for await (const event of named) if (event.type === 'response.output_item.done') done = event.item;
    assert.ok(done?.type === 'function_call' && done.name === 'get_time' && done.arguments === '{}');
    const auto = await client.responses.create({ model: 'gpt-4.1', input: 'Hi', tools });
    assert.deepEqual(auto.output.map((item) => item.type), ['message']);
  });

  it('gives a reasoning model asked for a summary a reasoning item with a summary part, streamed with its summary events', async () => {
    const { client } = mockedClient();
    const body = { model: 'o4-mini', input: 'Think', reasoning: { effort: 'low' as const, summary: 'auto' as const } };
    const response = await client.responses.create(body);
    const [reasoning, message] = response.output;
    assert.ok(reasoning?.type === 'reasoning');
    assert.match(reasoning.id, /^rs_/);
    assert.deepEqual(reasoning.summary, [{ type: 'summary_text', text: '' }]);
    assert.equal(message?.type, 'message');
    const events: string[] = [];
    for await (const event of await client.responses.create({ ...body, stream: true })) events.push(event.type);
    for (const type of ['response.reasoning_summary_part.added', 'response.reasoning_summary_text.done', 'response.reasoning_summary_part.done']) {
      assert.ok(events.includes(type), `the stream has ${type}`);
    }
    const plain = await client.responses.create({ model: 'gpt-4.1', input: 'Hi' });
    assert.deepEqual(plain.output.map((item) => item.type), ['message']);
    const unasked = await client.responses.create({ model: 'o4-mini', input: 'Hi' });
    assert.deepEqual(unasked.output.map((item) => item.type), ['message']);
  });

  it("runs an Agents SDK agent with an outputType to its end, and a tool-forcing agent's loop too", async () => {
    const { client, openaiMock } = mockedClient();
    const runner = new Runner({ modelProvider: new OpenAIProvider({ openAIClient: client }), tracingDisabled: true });
    const reader = new Agent({ name: 'Reader', instructions: 'Read the invoice.', model: 'gpt-4.1', outputType: Invoice });
    const result = await runner.run(reader, 'Read invoice INV-7');
    assert.deepEqual(result.finalOutput, smallestInvoice);
    assert.equal(openaiMock.responses.create.calls.length, 1);

    const cities: string[] = [];
    const getWeather = tool({ name: 'get_weather', description: 'Weather in a city', parameters: z.object({ city: z.string() }), execute: ({ city }) => {
      cities.push(city);
      return 'Sunny';
    } });
    const forcing = new Agent({ name: 'Weather', instructions: 'Use the tool.', model: 'gpt-4.1', tools: [getWeather], modelSettings: { toolChoice: 'required' }, outputType: z.object({ summary: z.string() }) });
    const forced = await runner.run(forcing, 'Weather in Paris?');
    // The SDK resets tool_choice after a tool call, so the second turn answers the output type.
    assert.deepEqual(cities, ['']);
    assert.deepEqual(forced.finalOutput, { summary: '' });
  });
});
