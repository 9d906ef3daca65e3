// Scenario: an app built on LangChain's `ChatOpenAI` is tested without the network. The mock's fetch goes in
// `configuration.fetch`; the test sets what the model answers and checks what the chain returns: a plain
// `.invoke()`, a `.stream()` read chunk by chunk, and a tool call from a model with `.bindTools()`.
// (`ChatOpenAI` talks to Chat Completions for models like gpt-4o; it uses the Responses API only when asked with
// `useResponsesApi: true` or for models that need it, and then `openaiMock.responses.create` answers instead.)
import assert from 'node:assert/strict';
import type { AIMessageChunk } from '@langchain/core/messages';
import { tool } from '@langchain/core/tools';
import { ChatOpenAI } from '@langchain/openai';
import { z } from 'zod';
import { OpenAIMock, createMockFetch } from '../lib/index.js';

describe('LangChain ChatOpenAI against the mock', () => {
  let openaiMock: OpenAIMock;
  let model: ChatOpenAI;

  beforeEach(() => {
    openaiMock = new OpenAIMock();
    model = new ChatOpenAI({
      model: 'gpt-4o',
      apiKey: 'sk-fake',
      maxRetries: 0,
      configuration: { fetch: createMockFetch(openaiMock) },
    });
  });

  it('invoke() returns the content the mock answers', async () => {
    openaiMock.chat.completions.create.response = { choices: [{ message: { content: 'Paris is the capital of France.' } }] };

    const reply = await model.invoke('What is the capital of France?');

    assert.equal(reply.content, 'Paris is the capital of France.');
    const [call] = openaiMock.chat.completions.create.calls;
    assert.equal(openaiMock.chat.completions.create.calls.length, 1);
    const body = call?.body as { model: string; messages: { role: string; content: string }[] };
    assert.equal(body.model, 'gpt-4o');
    assert.deepEqual(body.messages, [{ role: 'user', content: 'What is the capital of France?' }]);
  });

  it('stream() yields the answer in several chunks that add up to it', async () => {
    openaiMock.chat.completions.create.response = {
      choices: [{ message: { content: 'Streaming works one small piece at a time.' } }],
    };

    const chunks: AIMessageChunk[] = [];
    for await (const chunk of await model.stream('Tell me about streaming')) chunks.push(chunk);

    const text = chunks.map((chunk) => (typeof chunk.content === 'string' ? chunk.content : '')).join('');
    assert.equal(text, 'Streaming works one small piece at a time.');
    assert.ok(chunks.filter((chunk) => chunk.content !== '').length > 1, 'the text arrives in more than one chunk');
    assert.equal((openaiMock.chat.completions.create.calls[0]?.body as { stream?: boolean }).stream, true);
  });

  it('bindTools() sends the tool and parses the tool call the mock answers', async () => {
    const getWeather = tool(async ({ city }: { city: string }) => `It is sunny in ${city}.`, {
      name: 'get_weather',
      description: 'The current weather in a city',
      schema: z.object({ city: z.string() }),
    });
    openaiMock.chat.completions.create.response = {
      choices: [{ message: { tool_calls: [{ function: { name: 'get_weather', arguments: JSON.stringify({ city: 'Paris' }) } }] } }],
    };

    const reply = await model.bindTools([getWeather]).invoke('What is the weather in Paris?');

    assert.equal(reply.tool_calls?.length, 1);
    assert.equal(reply.tool_calls?.[0]?.name, 'get_weather');
    assert.deepEqual(reply.tool_calls?.[0]?.args, { city: 'Paris' });
    assert.match(reply.tool_calls?.[0]?.id ?? '', /^call_/);
    const body = openaiMock.chat.completions.create.calls[0]?.body as { tools: { function: { name: string } }[] };
    assert.deepEqual(body.tools.map((sent) => sent.function.name), ['get_weather']);
  });

  it('useResponsesApi: true sends the request to the Responses API, answered by responses.create', async () => {
    const responsesModel = new ChatOpenAI({
      model: 'gpt-4o',
      apiKey: 'sk-fake',
      maxRetries: 0,
      useResponsesApi: true,
      configuration: { fetch: createMockFetch(openaiMock) },
    });
    openaiMock.responses.create.response = {
      output: [{ type: 'message', role: 'assistant', content: [{ type: 'output_text', text: 'Answered by the Responses API.' }] }],
    };

    const reply = await responsesModel.invoke('Which API answers?');

    assert.equal(reply.text, 'Answered by the Responses API.');
    assert.equal(openaiMock.responses.create.calls.length, 1);
    assert.equal(openaiMock.chat.completions.create.calls.length, 0);
  });
});
