import assert from 'node:assert/strict';
import OpenAI from 'openai';
import { zodTextFormat } from 'openai/helpers/zod';
import { z } from 'zod';
import { delay, eventStream, namedEvent, responseEvents, responseOutput } from '../../../lib/index.js';
import { mockedClient } from '../../support/client.js';

type StreamEvent = OpenAI.Responses.ResponseStreamEvent;

describe('responses streaming', () => {
  it('streams the full event sequence, numbered, with one response id, in several text deltas', async () => {
    const { client, openaiMock } = mockedClient();
    openaiMock.responses.create.response = { output: [responseOutput.text('Hello there, how are you today?')] };
    const stream = await client.responses.create({ model: 'gpt-4o', input: 'Hi', stream: true });
    const events: StreamEvent[] = [];
    for await (const event of stream) events.push(event);
    assert.deepEqual([...new Set(events.map((event) => event.type))], [
      'response.created', 'response.in_progress', 'response.output_item.added', 'response.content_part.added',
      'response.output_text.delta', 'response.output_text.done', 'response.content_part.done', 'response.output_item.done',
      'response.completed',
    ]);
    assert.deepEqual(events.map((event) => event.sequence_number), events.map((_, index) => index));
    assert.ok(events.filter((event) => event.type === 'response.output_text.delta').length >= 3);
    const ids = events.flatMap((event) => ('response' in event ? [event.response.id] : []));
    assert.equal(new Set(ids).size, 1);
    const created = events[0];
    assert.ok(created?.type === 'response.created');
    assert.equal(created.response.status, 'in_progress');
    assert.deepEqual(created.response.output, []);
    const stored = await client.responses.retrieve(ids[0] ?? '');
    assert.equal(stored.output_text, 'Hello there, how are you today?');
  });

  it('is accumulated by the SDK stream helper into the same response: text, function calls and reasoning', async () => {
    const { client, openaiMock } = mockedClient();
    openaiMock.responses.create.response = {
      output: [
        responseOutput.reasoning(['Check the weather', 'then answer']),
        responseOutput.text('Looking it up.'),
        responseOutput.functionCall('get_weather', { city: 'Paris', unit: 'celsius' }),
        { type: 'web_search_call', action: { type: 'search', query: 'Paris weather' } },
      ],
    };
    const stream = client.responses.stream({ model: 'gpt-4o', input: 'Weather in Paris?' });
    const textSnapshots: string[] = [];
    const argumentSnapshots: string[] = [];
    stream.on('response.output_text.delta', (event) => textSnapshots.push(event.snapshot));
    stream.on('response.function_call_arguments.delta', (event) => argumentSnapshots.push(event.snapshot));
    const final = await stream.finalResponse();
    assert.equal(final.status, 'completed');
    assert.equal(final.output_text, 'Looking it up.');
    assert.equal(textSnapshots.at(-1), 'Looking it up.');
    assert.ok(argumentSnapshots.length >= 2);
    assert.deepEqual(JSON.parse(argumentSnapshots.at(-1) ?? ''), { city: 'Paris', unit: 'celsius' });
    assert.deepEqual(final.output.map((item) => item.type), ['reasoning', 'message', 'function_call', 'web_search_call']);
    const reasoning = final.output[0];
    assert.ok(reasoning?.type === 'reasoning');
    assert.deepEqual(reasoning.summary.map((part) => part.text), ['Check the weather', 'then answer']);
    const stored = await client.responses.retrieve(final.id);
    assert.deepEqual(final.output.map((item) => item.id), stored.output.map((item) => item.id));
  });

  it('streams failed and incomplete responses as response.failed and response.incomplete', async () => {
    const { client, openaiMock } = mockedClient();
    openaiMock.responses.create.response = { status: 'failed', error: { code: 'rate_limit_exceeded', message: 'Slow down' } };
    const failed = client.responses.stream({ model: 'gpt-4o', input: 'Hi' });
    const types: string[] = [];
    failed.on('event', (event) => types.push(event.type));
    const failedResponse = await failed.finalResponse();
    assert.equal(types.at(-1), 'response.failed');
    assert.equal(failedResponse.error?.code, 'rate_limit_exceeded');

    openaiMock.responses.create.response = { status: 'incomplete', output: [responseOutput.text('Half an ans')] };
    const incomplete = client.responses.stream({ model: 'gpt-4o', input: 'Hi' });
    const last: string[] = [];
    incomplete.on('event', (event) => last.push(event.type));
    const incompleteResponse = await incomplete.finalResponse();
    assert.equal(last.at(-1), 'response.incomplete');
    assert.equal(incompleteResponse.output_text, 'Half an ans');
  });

  it('gives output_parsed from a streamed structured output', async () => {
    const { client, openaiMock } = mockedClient();
    openaiMock.responses.create.response = { output: [responseOutput.text('{"answer": 42}')] };
    const stream = client.responses.stream({ model: 'gpt-4o', input: 'The answer?', text: { format: zodTextFormat(z.object({ answer: z.number() }), 'answer') } });
    assert.deepEqual((await stream.finalResponse()).output_parsed, { answer: 42 });
  });

  it('lets a test build its own sequence: an error event mid-stream, after a delay', async () => {
    const { client, openaiMock } = mockedClient();
    openaiMock.responses.create.response = ({ body }) => {
      const events = responseEvents({ output: [responseOutput.text('Hello there, how are you today?')] }, body);
      return eventStream([
        ...events.slice(0, 5).map((event) => namedEvent(event.type, event)),
        delay(40),
        namedEvent('error', { type: 'error', code: 'server_error', message: 'The server had an error', param: null, sequence_number: 5 }),
      ]);
    };
    const stream = client.responses.stream({ model: 'gpt-4o', input: 'Hi' });
    const deltas: string[] = [];
    stream.on('response.output_text.delta', (event) => deltas.push(event.delta));
    const started = Date.now();
    await assert.rejects(stream.finalResponse(), (error: unknown) => error instanceof OpenAI.APIError && /The server had an error/.test(error.message));
    assert.ok(Date.now() - started >= 35);
    assert.deepEqual(deltas, ['Hello ']);
  });

  it('replays a stored response by id, after a sequence number, and streams a background response from queued', async () => {
    const { client } = mockedClient();
    const created = await client.responses.create({ model: 'gpt-4o', input: 'Hi', background: true, stream: true });
    const types: string[] = [];
    let id = '';
    for await (const event of created) {
      types.push(event.type);
      if (event.type === 'response.created') id = event.response.id;
    }
    assert.deepEqual(types.slice(0, 3), ['response.created', 'response.queued', 'response.in_progress']);
    assert.equal(types.at(-1), 'response.completed');
    assert.equal((await client.responses.retrieve(id)).status, 'completed');

    const replay = client.responses.stream({ response_id: id, starting_after: 3 });
    const replayed: number[] = [];
    replay.on('event', (event) => replayed.push(event.sequence_number));
    const final = await replay.finalResponse();
    assert.equal(final.id, id);
    assert.equal(replayed[0], 4);
    const direct = await client.responses.retrieve(id, { stream: true, starting_after: 5 });
    for await (const event of direct) assert.ok(event.sequence_number > 5);
  });
});
