// Scenario: assertions on what the code sent, in Vitest's own words. `openai-responses/vitest` adds matchers for
// routes (messages, input, tools, bodies), lets `toHaveBeenCalledTimes` count a route's calls while it keeps
// working on `vi.fn()`, and `promptSnapshot` gives a call's body with ids and times normalised for a snapshot.
import OpenAI, { toFile } from 'openai';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { OpenAIMock, createMockFetch, reply } from '../../lib/index.js';
import { promptSnapshot } from '../../lib/testing/matchers/vitest.js';

/** The code under test: answers a question with a weather tool, in a chat tool loop. */
async function answer(client: OpenAI, question: string): Promise<string> {
  const tools: OpenAI.Chat.ChatCompletionTool[] = [{ type: 'function', function: { name: 'get_weather', parameters: { type: 'object', properties: { city: { type: 'string' } } } } }];
  const messages: OpenAI.Chat.ChatCompletionMessageParam[] = [{ role: 'system', content: 'Be brief.' }, { role: 'user', content: question }];
  for (;;) {
    const message = (await client.chat.completions.create({ model: 'gpt-4o', messages, tools })).choices[0]!.message;
    if (!message.tool_calls?.length) return message.content ?? '';
    messages.push(message);
    for (const call of message.tool_calls) messages.push({ role: 'tool', tool_call_id: call.id, content: '21°C' });
  }
}

describe('route matchers (Vitest)', () => {
  let openaiMock: OpenAIMock;
  let client: OpenAI;

  beforeEach(() => {
    openaiMock = new OpenAIMock();
    client = new OpenAI({ apiKey: 'sk-fake', fetch: createMockFetch(openaiMock), maxRetries: 0 });
    openaiMock.chat.completions.create.responses = [reply.toolCall('get_weather', { city: 'Paris' }), reply.text('21°C in Paris.')];
  });

  it('asserts calls, messages, tools and the last body of a route', async () => {
    await expect(answer(client, 'Weather in Paris?')).resolves.toBe('21°C in Paris.');

    const route = openaiMock.chat.completions.create;
    expect(route).toHaveBeenCalled();
    expect(route).toHaveBeenCalledTimes(2);
    expect(route).not.toHaveBeenCalledTimes(1);
    expect(route).toHaveBeenCalledWithMessages([{ role: 'system' }, { role: 'user', content: expect.stringContaining('Paris') }]);
    expect(route).toHaveBeenCalledWithTools(['get_weather']);
    expect(route).toHaveBeenLastCalledWithBody({ messages: [{}, {}, { role: 'assistant' }, { role: 'tool', content: '21°C' }] });
    expect(route).not.toHaveBeenCalledWithBody({ model: 'gpt-4.1' });
    expect(openaiMock.responses.create).not.toHaveBeenCalled();
    expect(() => expect(route).toHaveBeenCalledTimes(3)).toThrow('expected openaiMock.chat.completions.create to have been called 3 times, but it was called 2 times');
  });

  it('keeps toHaveBeenCalledTimes working on mock functions', () => {
    const callback = vi.fn();
    callback('once');

    expect(callback).toHaveBeenCalledTimes(1);
    expect(callback).toHaveBeenCalled();
    expect(() => expect(callback).toHaveBeenCalledTimes(2)).toThrow(/vi\.fn\(\).*called 2 times/);
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

    expect(promptSnapshot(openaiMock.chat.completions.create)).toMatchSnapshot();
  });
});
