import assert from 'node:assert/strict';
import type { ResponseFunctionCallArgumentsDoneEvent } from 'openai/resources/responses/responses';
import { responseOutput } from '../../../lib/index.js';
import { mockedClient } from '../../support/client.js';

describe('responses: output items completed as the API sends them', () => {
  it('completes each file search result with attributes: {}', async () => {
    const { client, openaiMock } = mockedClient();
    openaiMock.responses.create.response = {
      output: [
        { type: 'file_search_call', queries: ['refund policy'], results: [{ file_id: 'file-1', filename: 'policy.md', score: 0.9, text: '30 days.' }, { file_id: 'file-2', attributes: { team: 'support' } }] },
        responseOutput.text('Refunds within 30 days.'),
      ],
    };
    const response = await client.responses.create({ model: 'gpt-4o', input: 'Refunds?', tools: [{ type: 'file_search', vector_store_ids: ['vs_1'] }] });
    const search = response.output[0];
    assert.ok(search?.type === 'file_search_call');
    assert.deepEqual(search.results?.map((result) => result.attributes), [{}, { team: 'support' }]);
    assert.equal(search.results?.[0]?.text, '30 days.');
  });

  it('sends function-call arguments given as an object as the JSON string, also when streamed', async () => {
    const { client, openaiMock } = mockedClient();
    // A test may write arguments as an object; the partial's type asks for the string the API sends.
    const args: unknown = { city: 'Paris', days: 2 };
    openaiMock.responses.create.response = { output: [{ type: 'function_call', name: 'get_forecast', arguments: args as string }] };
    const response = await client.responses.create({ model: 'gpt-4o', input: 'Forecast?' });
    const call = response.output[0];
    assert.ok(call?.type === 'function_call');
    assert.equal(call.arguments, '{"city":"Paris","days":2}');

    const stream = client.responses.stream({ model: 'gpt-4o', input: 'Forecast?' });
    const done: ResponseFunctionCallArgumentsDoneEvent[] = [];
    stream.on('response.function_call_arguments.done', (event) => done.push(event));
    const final = await stream.finalResponse();
    assert.equal(done.length, 1);
    assert.equal(done[0]?.arguments, '{"city":"Paris","days":2}');
    // The API names the function in the done event (the SDK's type does not declare it).
    assert.equal((done[0] as ResponseFunctionCallArgumentsDoneEvent & { name?: string }).name, 'get_forecast');
    assert.deepEqual(final.output[0]?.type === 'function_call' && JSON.parse(final.output[0].arguments), { city: 'Paris', days: 2 });
  });
});
