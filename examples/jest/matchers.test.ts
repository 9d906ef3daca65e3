// Scenario: assertions on what the code sent, in Jest's own words. `openai-responses/jest` adds matchers for
// routes (messages, input, tools, bodies), lets `toHaveBeenCalledTimes` count a route's calls while it keeps
// working on `jest.fn()`, and `promptSnapshot` gives a call's body with ids and times normalised for a snapshot.
import { beforeEach, describe, expect, it, jest } from '@jest/globals';
import OpenAI, { toFile } from 'openai';
import { OpenAIMock, createMockFetch, hasToolResult, reply } from '../../lib/index.js';
import { promptSnapshot } from '../../lib/testing/matchers/jest.js';

/** The code under test: answers with the Responses API, running the weather tool the model asks for. */
async function answer(client: OpenAI, question: string): Promise<string> {
  const tools: OpenAI.Responses.Tool[] = [{ type: 'function', name: 'get_weather', strict: false, parameters: { type: 'object', properties: { city: { type: 'string' } } } }];
  let response = await client.responses.create({ model: 'gpt-4.1', input: question, tools });
  for (;;) {
    const calls = response.output.filter((item) => item.type === 'function_call');
    if (calls.length === 0) return response.output_text;
    const input = calls.map((call) => ({ type: 'function_call_output' as const, call_id: call.call_id, output: '21°C' }));
    response = await client.responses.create({ model: 'gpt-4.1', previous_response_id: response.id, input, tools });
  }
}

describe('route matchers (Jest)', () => {
  let openaiMock: OpenAIMock;
  let client: OpenAI;

  beforeEach(() => {
    openaiMock = new OpenAIMock();
    client = new OpenAI({ apiKey: 'sk-fake', fetch: createMockFetch(openaiMock), maxRetries: 0 });
    openaiMock.responses.create.response = reply.toolCall('get_weather', { city: 'Paris' }, { id: 'call_paris' });
    openaiMock.responses.create.when(hasToolResult('call_paris'), reply.text('21°C in Paris.'));
  });

  it('asserts calls, input, tools and the last body of a route', async () => {
    await expect(answer(client, 'Weather in Paris?')).resolves.toBe('21°C in Paris.');

    const route = openaiMock.responses.create;
    expect(route).toHaveBeenCalled();
    expect(route).toHaveBeenCalledTimes(2);
    expect(route).not.toHaveBeenCalledTimes(3);
    expect(route).toHaveBeenCalledWithInput('Weather in Paris?');
    expect(route).toHaveBeenCalledWithInput([{ type: 'function_call_output', call_id: 'call_paris' }]);
    expect(route).toHaveBeenCalledWithTools([{ type: 'function', name: 'get_weather' }]);
    expect(route).toHaveBeenLastCalledWithBody({ previous_response_id: expect.stringMatching(/^resp_/) });
    expect(openaiMock.chat.completions.create).not.toHaveBeenCalled();
    expect(() => expect(route).toHaveBeenCalledWithInput('Weather in Rome?')).toThrow('expected a call of openaiMock.responses.create to send input matching');
  });

  it('keeps toHaveBeenCalledTimes working on mock functions', () => {
    const callback = jest.fn();
    callback('once');

    expect(callback).toHaveBeenCalledTimes(1);
    expect(callback).toHaveBeenCalled();
    expect(() => expect(callback).toHaveBeenCalledTimes(2)).toThrow(/Received number of calls: 1/);
  });

  it('asserts the order of calls across routes, on the mock', async () => {
    const file = await client.files.create({ file: await toFile(Buffer.from('Refunds within 30 days.'), 'policy.md'), purpose: 'assistants' });
    const store = await client.vectorStores.create({ name: 'policies' });
    await client.vectorStores.files.create(store.id, { file_id: file.id });
    await client.responses.create({ model: 'gpt-4.1', input: 'Refunds?', tools: [{ type: 'file_search', vector_store_ids: [store.id] }] });

    expect(openaiMock).toHaveBeenCalledInOrder(['files.create', openaiMock.vectorStores.files.create, { route: 'responses.create', body: { input: 'Refunds?' } }]);
    expect(openaiMock).not.toHaveBeenCalledInOrder(['responses.create', 'files.create']);
    expect(() => expect(openaiMock).toHaveBeenCalledInOrder(['responses.create', 'vectorStores.files.create'])).toThrow('no call of vectorStores.files.create came after call 4');
    expect(() => expect(openaiMock).not.toHaveBeenCalledInOrder(['files.craete'])).toThrow('is not a route of the mock');
  }, 30_000);

  it('snapshots the prompt with ids and times normalised', async () => {
    await answer(client, 'Weather in Paris?');

    expect(promptSnapshot(openaiMock.responses.create)).toMatchSnapshot();
  });
});
