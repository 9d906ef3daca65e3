import assert from 'node:assert/strict';
import OpenAI from 'openai';
import { zodResponsesFunction, zodTextFormat } from 'openai/helpers/zod';
import { z } from 'zod';
import { responseOutput } from '../../../lib/index.js';
import { mockedClient } from '../../support/client.js';

describe('responses.create', () => {
  it('answers a default response with every required field, the request settings echoed and an empty text', async () => {
    const { client } = mockedClient();
    const tools: OpenAI.Responses.Tool[] = [{ type: 'function', name: 'get_weather', parameters: { type: 'object', properties: {} }, strict: true }];
    const response = await client.responses.create({
      model: 'gpt-4.1', input: 'Hi', instructions: 'Be brief.', temperature: 0.2, metadata: { run: '7' }, tools,
    });
    assert.match(response.id, /^resp_/);
    assert.equal(response.object, 'response');
    assert.equal(response.status, 'completed');
    assert.equal(response.model, 'gpt-4.1');
    assert.equal(response.instructions, 'Be brief.');
    assert.equal(response.temperature, 0.2);
    assert.deepEqual(response.metadata, { run: '7' });
    assert.deepEqual(response.tools, tools);
    assert.equal(response.error, null);
    assert.equal(response.incomplete_details, null);
    assert.equal(response.previous_response_id, null);
    assert.equal(response.output.length, 1);
    const message = response.output[0];
    assert.ok(message?.type === 'message');
    assert.match(message.id, /^msg_/);
    assert.equal(message.role, 'assistant');
    assert.equal(message.status, 'completed');
    assert.deepEqual(message.content, [{ type: 'output_text', text: '', annotations: [], logprobs: [] }]);
    assert.equal(response.output_text, '');
    assert.ok(response.usage && response.usage.total_tokens === response.usage.input_tokens + response.usage.output_tokens);
    assert.ok(response.usage.input_tokens > 0);
  });

  it('completes partial output items item by item, with ids and statuses by type', async () => {
    const { client, openaiMock } = mockedClient();
    openaiMock.responses.create.response = {
      output: [
        { type: 'reasoning', summary: [{ text: 'Thinking.' }] },
        { type: 'web_search_call', action: { type: 'search', query: 'weather Paris' } },
        { type: 'file_search_call', queries: ['forecast'] },
        { content: [{ text: 'It is sunny.' }] },
        { type: 'function_call', name: 'get_weather', arguments: '{"city":"Paris"}' },
      ],
    };
    const response = await client.responses.create({ model: 'gpt-4o', input: 'Weather?' });
    const [reasoning, web, file, message, call] = response.output;
    assert.ok(reasoning?.type === 'reasoning');
    assert.match(reasoning.id, /^rs_/);
    assert.deepEqual(reasoning.summary, [{ type: 'summary_text', text: 'Thinking.' }]);
    assert.ok(web?.type === 'web_search_call' && /^ws_/.test(web.id) && web.status === 'completed');
    assert.ok(file?.type === 'file_search_call' && /^fs_/.test(file.id) && file.status === 'completed');
    assert.ok(message?.type === 'message' && /^msg_/.test(message.id) && message.role === 'assistant');
    assert.ok(call?.type === 'function_call');
    assert.match(call.id ?? '', /^fc_/);
    assert.match(call.call_id, /^call_/);
    assert.equal(call.status, 'completed');
    assert.equal(response.output_text, 'It is sunny.');
  });

  it('has short forms for text and several function calls', async () => {
    const { client, openaiMock } = mockedClient();
    openaiMock.responses.create.response = {
      output: [responseOutput.functionCall('get_weather', { city: 'Paris' }), responseOutput.functionCall('get_weather', { city: 'Rome' }, { call_id: 'call_rome' })],
    };
    const calls = await client.responses.create({ model: 'gpt-4o', input: 'Weather in Paris and Rome?' });
    const args = calls.output.map((item) => (item.type === 'function_call' ? [item.name, JSON.parse(item.arguments) as unknown] : null));
    assert.deepEqual(args, [['get_weather', { city: 'Paris' }], ['get_weather', { city: 'Rome' }]]);
    assert.equal(calls.output[1]?.type === 'function_call' && calls.output[1].call_id, 'call_rome');
    assert.equal(calls.output_text, '');

    openaiMock.responses.create.response = { output: [responseOutput.text('Hello!')] };
    assert.equal((await client.responses.create({ model: 'gpt-4o', input: 'Hi' })).output_text, 'Hello!');
    openaiMock.responses.create.response = { output_text: 'Shorter still.' };
    assert.equal((await client.responses.create({ model: 'gpt-4o', input: 'Hi' })).output_text, 'Shorter still.');
  });

  it('fills a failed response with an error and an incomplete one with its reason', async () => {
    const { client, openaiMock } = mockedClient();
    openaiMock.responses.create.response = { status: 'failed' };
    const failed = await client.responses.create({ model: 'gpt-4o', input: 'Hi' });
    assert.equal(failed.error?.code, 'server_error');
    assert.deepEqual(failed.output, []);
    openaiMock.responses.create.response = { status: 'incomplete', output: [responseOutput.text('Cut sh')] };
    const incomplete = await client.responses.create({ model: 'gpt-4o', input: 'Hi' });
    assert.equal(incomplete.incomplete_details?.reason, 'max_output_tokens');
    assert.equal(incomplete.completed_at, null);
  });

  it('answers 400 for a body without a model', async () => {
    const { client } = mockedClient();
    await assert.rejects(
      client.responses.create({ input: 'Hi' }),
      (error: unknown) => error instanceof OpenAI.BadRequestError && error.param === 'model',
    );
  });

  it('recovers from a 500 through the SDK retry, storing only the answer that succeeded', async () => {
    const { client, openaiMock } = mockedClient({}, { maxRetries: 2 });
    openaiMock.responses.create.failures = 1;
    const response = await client.responses.create({ model: 'gpt-4o', input: 'Hi' });
    assert.equal(openaiMock.responses.create.calls.length, 2);
    assert.equal(openaiMock.responses.create.calls[0]?.response.status, 500);
    assert.equal(openaiMock.state.responses.size, 1);
    assert.equal((await client.responses.retrieve(response.id)).id, response.id);
  });
});

describe('responses.parse', () => {
  it('gives output_parsed from the JSON the test sets, with zodTextFormat', async () => {
    const { client, openaiMock } = mockedClient();
    const Event = z.object({ name: z.string(), participants: z.array(z.string()) });
    openaiMock.responses.create.response = { output: [responseOutput.text(JSON.stringify({ name: 'Science fair', participants: ['Alice', 'Bob'] }))] };
    const response = await client.responses.parse({ model: 'gpt-4o', input: 'Alice and Bob go to the fair.', text: { format: zodTextFormat(Event, 'event') } });
    assert.deepEqual(response.output_parsed, { name: 'Science fair', participants: ['Alice', 'Bob'] });
    assert.equal(response.text?.format?.type, 'json_schema');
  });

  it('parses function call arguments of zod function tools', async () => {
    const { client, openaiMock } = mockedClient();
    const getWeather = zodResponsesFunction({ name: 'get_weather', parameters: z.object({ city: z.string() }) });
    openaiMock.responses.create.response = { output: [responseOutput.functionCall('get_weather', { city: 'Paris' })] };
    const response = await client.responses.parse({ model: 'gpt-4o', input: 'Weather in Paris?', tools: [getWeather] });
    const call = response.output[0];
    assert.ok(call?.type === 'function_call');
    assert.deepEqual(call.parsed_arguments, { city: 'Paris' });
  });
});
