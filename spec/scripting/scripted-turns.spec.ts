import assert from 'node:assert/strict';
import OpenAI from 'openai';
import { apiError, hasTool, hasToolResult, lastUserMessageContains, modelIs, reply, responseOutput } from '../../lib/index.js';
import { mockedClient } from '../support/client.js';

const weatherTool: OpenAI.Chat.ChatCompletionTool = {
  type: 'function',
  function: { name: 'get_weather', parameters: { type: 'object', properties: { city: { type: 'string' } } } },
};

function ask(client: OpenAI, content: string, model = 'gpt-4o') {
  return client.chat.completions.create({ model, messages: [{ role: 'user', content }] });
}

function contentOf(completion: OpenAI.Chat.ChatCompletion): string | null | undefined {
  return completion.choices[0]?.message.content;
}

describe('scripted turns', () => {
  describe('sequences', () => {
    it('answers `responses` one per call, in order, then falls back to `response`', async () => {
      const { client, openaiMock } = mockedClient();
      const route = openaiMock.chat.completions.create;
      route.response = { choices: [{ message: { content: 'fallback' } }] };
      route.responses = [{ choices: [{ message: { content: 'first' } }] }, { choices: [{ message: { content: 'second' } }] }];

      assert.equal(contentOf(await ask(client, 'a')), 'first');
      assert.equal(route.responses.length, 1);
      assert.equal(contentOf(await ask(client, 'b')), 'second');
      assert.equal(contentOf(await ask(client, 'c')), 'fallback');
      assert.equal(contentOf(await ask(client, 'd')), 'fallback');
      assert.equal(route.calls.length, 4);
    });

    it('once() appends to the sequence and chains; an undefined entry answers the default', async () => {
      const { client, openaiMock } = mockedClient();
      openaiMock.chat.completions.create.once(reply.text('one')).once(undefined).once(reply.text('three'));

      const answers = [];
      for (const word of ['a', 'b', 'c', 'd']) answers.push(contentOf(await ask(client, word)));

      assert.deepEqual(answers, ['one', '', 'three', '']);
    });

    it('a chat tool loop takes two lines: a tool call, then the final text', async () => {
      const { client, openaiMock } = mockedClient();
      openaiMock.chat.completions.create.responses = [reply.toolCall('get_weather', { city: 'Paris' }, { id: 'call_1' }), reply.text('It is 21°C in Paris.')];

      const messages: OpenAI.Chat.ChatCompletionMessageParam[] = [{ role: 'user', content: 'Weather in Paris?' }];
      const first = await client.chat.completions.create({ model: 'gpt-4o', messages, tools: [weatherTool] });
      const call = first.choices[0]?.message.tool_calls?.[0];
      assert.equal(first.choices[0]?.finish_reason, 'tool_calls');
      assert.ok(call?.type === 'function');
      assert.deepEqual([call.id, call.function.name, JSON.parse(call.function.arguments)], ['call_1', 'get_weather', { city: 'Paris' }]);
      messages.push(first.choices[0]!.message, { role: 'tool', tool_call_id: call.id, content: '21' });
      const second = await client.chat.completions.create({ model: 'gpt-4o', messages, tools: [weatherTool] });

      assert.equal(contentOf(second), 'It is 21°C in Paris.');
      assert.equal(second.choices[0]?.finish_reason, 'stop');
    });

    it('streams a scripted answer like any other (tool call deltas, then text)', async () => {
      const { client, openaiMock } = mockedClient();
      openaiMock.chat.completions.create.responses = [reply.toolCall('get_weather', { city: 'Oslo' }), reply.text('Cold.')];

      const first = await client.chat.completions.stream({ model: 'gpt-4o', messages: [{ role: 'user', content: 'Oslo?' }], tools: [weatherTool] }).finalChatCompletion();
      const second = await client.chat.completions.stream({ model: 'gpt-4o', messages: [{ role: 'user', content: 'Oslo?' }] }).finalChatCompletion();

      const call = first.choices[0]?.message.tool_calls?.[0];
      assert.ok(call?.type === 'function');
      assert.deepEqual(JSON.parse(call.function.arguments), { city: 'Oslo' });
      assert.equal(contentOf(second), 'Cold.');
    });

    it('takes functions and Responses as entries, each answered when its turn comes', async () => {
      const { client, openaiMock } = mockedClient({}, { maxRetries: 0 });
      const route = openaiMock.chat.completions.create;
      route.responses = [
        ({ body, route: self }) => ({ choices: [{ message: { content: `call ${self.calls.length + 1} for ${(body as { model: string }).model}` } }] }),
        apiError(400, 'Scripted refusal'),
      ];

      assert.equal(contentOf(await ask(client, 'a', 'gpt-4.1')), 'call 1 for gpt-4.1');
      await assert.rejects(ask(client, 'b'), (error) => error instanceof OpenAI.BadRequestError && error.message.includes('Scripted refusal'));
      assert.equal(contentOf(await ask(client, 'c')), '');
    });

    it('failures come first and do not use up the sequence: the SDK retry gets the first entry', async () => {
      const { client, openaiMock } = mockedClient({}, { maxRetries: 2 });
      const route = openaiMock.chat.completions.create;
      route.failures = 1;
      route.responses = [reply.text('first'), reply.text('second')];

      assert.equal(contentOf(await ask(client, 'a')), 'first');
      assert.deepEqual(route.calls.map((call) => call.response.status), [500, 200]);
      assert.equal(contentOf(await ask(client, 'b')), 'second');
    });

    it('latency still applies to scripted answers, and the client timeout cuts it short', async () => {
      const { client, openaiMock } = mockedClient({}, { maxRetries: 0, timeout: 20 });
      const route = openaiMock.chat.completions.create;
      route.latency = 10_000;
      route.responses = [reply.text('too late'), reply.text('in time')];

      await assert.rejects(ask(client, 'a'), OpenAI.APIConnectionTimeoutError);
      route.latency = 0;
      // The timed-out call never reached the answer, so its entry is still next.
      assert.equal(contentOf(await ask(client, 'b')), 'too late');
    });

    it('reset() forgets the sequence and the rules', async () => {
      const { client, openaiMock } = mockedClient();
      const route = openaiMock.chat.completions.create;
      route.responses = [reply.text('scripted')];
      route.when(() => true, reply.text('rule'));

      route.reset();

      assert.deepEqual(route.responses, []);
      assert.equal(contentOf(await ask(client, 'a')), '');
    });

    it('openaiMock.reset() forgets them on every route', async () => {
      const { client, openaiMock } = mockedClient();
      openaiMock.responses.create.responses = [reply.text('scripted')];
      openaiMock.reset();

      const response = await client.responses.create({ model: 'gpt-4o', input: 'Hi' });
      assert.equal(response.output_text, '');
    });
  });

  describe('predicates', () => {
    it('when() answers the calls its predicate holds for; others get `response`', async () => {
      const { client, openaiMock } = mockedClient();
      const route = openaiMock.chat.completions.create;
      route.response = reply.text('I can only talk about the weather.');
      route.when(lastUserMessageContains('weather'), reply.text('Sunny.'));

      assert.equal(contentOf(await ask(client, 'What is the weather?')), 'Sunny.');
      assert.equal(contentOf(await ask(client, 'Tell me a joke')), 'I can only talk about the weather.');
      assert.equal(contentOf(await ask(client, 'And the weather tomorrow?')), 'Sunny.');
    });

    it('the first rule that holds wins, and rules come before the sequence', async () => {
      const { client, openaiMock } = mockedClient();
      openaiMock.chat.completions.create
        .when(modelIs(/^gpt-4o/), reply.text('4o'))
        .when(modelIs('gpt-4o-mini'), reply.text('never: the rule above holds first'))
        .when(lastUserMessageContains(/^hello$/i), reply.text('greeting'))
        .once(reply.text('queued'));

      assert.equal(contentOf(await ask(client, 'x', 'gpt-4o-mini')), '4o');
      assert.equal(contentOf(await ask(client, 'HELLO', 'gpt-4.1')), 'greeting');
      assert.equal(contentOf(await ask(client, 'x', 'gpt-4.1')), 'queued');
      assert.equal(contentOf(await ask(client, 'x', 'gpt-4.1')), '');
    });

    it('reads the last user message, not an earlier one, and parts as well as strings', async () => {
      const { client, openaiMock } = mockedClient();
      openaiMock.chat.completions.create.when(lastUserMessageContains('Paris'), reply.text('Paris it is'));
      const messages: OpenAI.Chat.ChatCompletionMessageParam[] = [
        { role: 'user', content: 'Paris?' },
        { role: 'assistant', content: 'Yes?' },
        { role: 'user', content: [{ type: 'text', text: 'No, ' }, { type: 'text', text: 'London.' }] },
      ];

      const london = await client.chat.completions.create({ model: 'gpt-4o', messages });
      messages.push({ role: 'user', content: [{ type: 'text', text: 'Well, Paris.' }] });
      const paris = await client.chat.completions.create({ model: 'gpt-4o', messages });

      assert.equal(contentOf(london), '');
      assert.equal(contentOf(paris), 'Paris it is');
    });

    it('a Responses tool loop: hasToolResult waits for the output of one call', async () => {
      const { client, openaiMock } = mockedClient();
      const route = openaiMock.responses.create;
      route.response = reply.toolCall('get_weather', { city: 'Paris' }, { id: 'call_weather' });
      route.when(hasToolResult('call_weather'), reply.text('It is 21°C in Paris.'));

      const first = await client.responses.create({ model: 'gpt-4.1', input: 'Weather in Paris?' });
      const call = first.output[0];
      assert.ok(call?.type === 'function_call');
      assert.equal(call.call_id, 'call_weather');
      const second = await client.responses.create({
        model: 'gpt-4.1', previous_response_id: first.id, input: [{ type: 'function_call_output', call_id: call.call_id, output: '21' }],
      });
      const again = await client.responses.create({ model: 'gpt-4.1', previous_response_id: second.id, input: 'And tomorrow?' });

      assert.equal(second.output_text, 'It is 21°C in Paris.');
      assert.equal(again.output[0]?.type, 'function_call');
    });

    it('follows previous_response_id to find the last user message of a Responses conversation', async () => {
      const { client, openaiMock } = mockedClient();
      const aboutParis = lastUserMessageContains('Paris');
      const toolDone = hasToolResult();
      openaiMock.responses.create.response = reply.toolCall('lookup', {}, { id: 'call_lookup' });
      openaiMock.responses.create.when((input) => aboutParis(input) && toolDone(input), { output: [responseOutput.text('About Paris')] });

      const turn = async (text: string) => {
        const first = await client.responses.create({ model: 'gpt-4.1', input: [{ role: 'user', content: [{ type: 'input_text', text }] }] });
        return client.responses.create({
          model: 'gpt-4.1', previous_response_id: first.id, input: [{ type: 'function_call_output', call_id: 'call_lookup', output: '{}' }],
        });
      };
      const paris = await turn('Paris?');
      const rome = await turn('Rome?');

      assert.equal(paris.output_text, 'About Paris');
      assert.equal(rome.output[0]?.type, 'function_call');
    });

    it('hasTool tells requests by the tools they declare (chat and Responses shapes)', async () => {
      const { client, openaiMock } = mockedClient();
      openaiMock.chat.completions.create.when(hasTool('get_weather'), reply.toolCall('get_weather', { city: 'Rome' }));
      openaiMock.responses.create.when(hasTool('get_weather'), reply.toolCall('get_weather', { city: 'Rome' }));

      const withTool = await client.chat.completions.create({ model: 'gpt-4o', messages: [{ role: 'user', content: 'x' }], tools: [weatherTool] });
      const without = await ask(client, 'x');
      const response = await client.responses.create({ model: 'gpt-4o', input: 'x', tools: [{ type: 'function', name: 'get_weather', parameters: {}, strict: false }] });

      assert.equal(withTool.choices[0]?.message.tool_calls?.length, 1);
      assert.equal(without.choices[0]?.message.tool_calls, undefined);
      assert.equal(response.output[0]?.type, 'function_call');
    });

    it('reads a run\'s thread: lastUserMessageContains and modelIs (the assistant\'s model) on runs.create', async () => {
      const { client, openaiMock } = mockedClient();
      const assistant = await client.beta.assistants.create({ model: 'gpt-4o-mini' });
      openaiMock.beta.threads.runs.create
        .when(lastUserMessageContains('weather'), reply.toolCall('get_weather', { city: 'Paris' }, { id: 'call_run' }))
        .when(modelIs('gpt-4o-mini'), { metadata: { answered: 'by model' } });
      const weather = await client.beta.threads.create({ messages: [{ role: 'user', content: 'What is the weather?' }] });
      const other = await client.beta.threads.create({ messages: [{ role: 'user', content: 'Hello' }] });

      const waiting = await client.beta.threads.runs.create(weather.id, { assistant_id: assistant.id });
      const plain = await client.beta.threads.runs.create(other.id, { assistant_id: assistant.id });

      assert.equal(waiting.status, 'requires_action');
      assert.equal(waiting.required_action?.submit_tool_outputs.tool_calls[0]?.id, 'call_run');
      assert.deepEqual(plain.metadata, { answered: 'by model' });
      assert.equal(plain.status, 'queued');
    });

    it('a predicate that throws answers a 500 naming the route, and the mock goes on', async () => {
      const { client, openaiMock } = mockedClient({}, { maxRetries: 0 });
      openaiMock.chat.completions.create.when(() => {
        throw new Error('predicate bug');
      }, reply.text('never'));

      await assert.rejects(ask(client, 'x'), (error) => error instanceof OpenAI.InternalServerError && /chat\.completions\.create.*predicate bug/.test(error.message));
      openaiMock.chat.completions.create.reset();
      assert.equal(contentOf(await ask(client, 'y')), '');
    });

    it('a reply on a route it does not fit answers a 500 that says which routes it fits', async () => {
      const { client, openaiMock } = mockedClient({}, { maxRetries: 0 });
      openaiMock.embeddings.create.once(reply.text('no'));

      await assert.rejects(
        client.embeddings.create({ model: 'text-embedding-3-small', input: 'x' }),
        (error) => error instanceof OpenAI.InternalServerError && error.message.includes('reply.text() answers chat.completions.create') && error.message.includes('live.response.create') && error.message.includes('not embeddings.create'),
      );
    });
  });
});
