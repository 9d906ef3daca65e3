// Scenario: a LangChain app is tested without the network: a model with a tool, over several turns (the model
// asks for the tool, the app runs it and sends the result back, the model answers), invoked and streamed, on
// Chat Completions and on the Responses API (`useResponsesApi: true`); structured output; and embeddings.
import assert from 'node:assert/strict';
import type { Embeddings } from '@langchain/core/embeddings';
import type { BaseChatModel } from '@langchain/core/language_models/chat_models';
import { type AIMessageChunk, type BaseMessage, HumanMessage, ToolMessage } from '@langchain/core/messages';
import { tool } from '@langchain/core/tools';
import { ChatOpenAI, OpenAIEmbeddings } from '@langchain/openai';
import { z } from 'zod';
import { OpenAIMock, createMockFetch, responseOutput } from '../lib/index.js';

/** `ChatOpenAI` on the mock. */
function chatOpenAI(fetch: typeof globalThis.fetch, options: { useResponsesApi?: boolean } = {}): BaseChatModel {
  const fields = { model: 'gpt-4o', apiKey: 'sk-fake', maxRetries: 0, configuration: { fetch }, ...options };
  return new ChatOpenAI(fields);
}

/** `OpenAIEmbeddings` on the mock. */
function openAIEmbeddings(fetch: typeof globalThis.fetch): Embeddings {
  const fields = { model: 'text-embedding-3-small', apiKey: 'sk-fake', maxRetries: 0, configuration: { fetch } };
  return new OpenAIEmbeddings(fields);
}

const getWeather = tool(async ({ city }: { city: string }) => `Sunny, 21°C in ${city}.`, {
  name: 'get_weather',
  description: 'The current weather in a city',
  schema: z.object({ city: z.string() }),
});

/** The app's loop: ask the model; while it calls tools, run them and ask again. */
async function answerWithTools(model: BaseChatModel, question: string, stream: boolean): Promise<{ answer: string; history: BaseMessage[] }> {
  assert.ok(model.bindTools, 'ChatOpenAI binds tools');
  const withTools = model.bindTools([getWeather]);
  const history: BaseMessage[] = [new HumanMessage(question)];
  for (let turn = 0; turn < 4; turn++) {
    let reply: AIMessageChunk | undefined;
    if (stream) {
      for await (const chunk of await withTools.stream(history)) reply = reply === undefined ? chunk : reply.concat(chunk);
    } else {
      reply = await withTools.invoke(history);
    }
    assert.ok(reply);
    history.push(reply);
    if (!reply.tool_calls?.length) return { answer: reply.text, history };
    for (const call of reply.tool_calls) history.push(new ToolMessage({ tool_call_id: call.id ?? '', content: await getWeather.invoke(call.args as { city: string }) }));
  }
  throw new Error('the model kept calling tools');
}

describe(`LangChain (@langchain/openai 1.6) with tools, structured output and embeddings`, () => {
  let openaiMock: OpenAIMock;
  let fetch: typeof globalThis.fetch;

  beforeEach(() => {
    openaiMock = new OpenAIMock();
    fetch = createMockFetch(openaiMock);
  });

  for (const stream of [false, true]) {
    it(`Chat Completions: calls the tool, sends its result back, answers${stream ? ', streamed' : ''}`, async () => {
      openaiMock.chat.completions.create.responses = [
        { choices: [{ message: { tool_calls: [{ id: 'call_paris', function: { name: 'get_weather', arguments: JSON.stringify({ city: 'Paris' }) } }] } }] },
        { choices: [{ message: { content: 'It is sunny in Paris.' } }] },
      ];

      const { answer } = await answerWithTools(chatOpenAI(fetch), 'Weather in Paris?', stream);

      assert.equal(answer, 'It is sunny in Paris.');
      const second = openaiMock.chat.completions.create.calls[1]?.body;
      assert.equal(second?.stream ?? false, stream);
      const toolMessage = second?.messages.find((message) => message.role === 'tool');
      assert.ok(toolMessage?.role === 'tool');
      assert.equal(toolMessage.tool_call_id, 'call_paris');
      assert.equal(toolMessage.content, 'Sunny, 21°C in Paris.');
    });

    it(`Responses API: calls the tool, sends its result back, answers${stream ? ', streamed' : ''}`, async () => {
      openaiMock.responses.create.responses = [
        { output: [responseOutput.functionCall('get_weather', { city: 'Rome' }, { call_id: 'call_rome' })] },
        { output: [responseOutput.text('It is sunny in Rome.')] },
      ];

      const { answer, history } = await answerWithTools(chatOpenAI(fetch, { useResponsesApi: true }), 'Weather in Rome?', stream);

      assert.equal(answer, 'It is sunny in Rome.');
      assert.equal(history.length, 4);
      const input = openaiMock.responses.create.calls[1]?.body?.input;
      const items = Array.isArray(input) ? input : [];
      const output = items.find((item) => item.type === 'function_call_output');
      assert.ok(output?.type === 'function_call_output' && output.call_id === 'call_rome');
      assert.equal(openaiMock.chat.completions.create.calls.length, 0);
    });
  }

  it('withStructuredOutput() sends the schema and parses the answer', async () => {
    const Answer = z.object({ city: z.string(), population: z.number() });
    openaiMock.chat.completions.create.response = { choices: [{ message: { content: JSON.stringify({ city: 'Paris', population: 2_100_000 }) } }] };

    const answer = await chatOpenAI(fetch).withStructuredOutput(Answer, { name: 'city_facts' }).invoke('Facts about Paris');

    assert.deepEqual(answer, { city: 'Paris', population: 2_100_000 });
    const format = openaiMock.chat.completions.create.calls[0]?.body?.response_format;
    assert.ok(format?.type === 'json_schema');
    assert.equal(format.json_schema.name, 'city_facts');
  });

  it('OpenAIEmbeddings embeds documents and a query: one vector each, the same text the same vector', async () => {
    const embeddings = openAIEmbeddings(fetch);

    const documents = await embeddings.embedDocuments(['Paris is in France.', 'Rome is in Italy.']);
    const query = await embeddings.embedQuery('Paris is in France.');

    assert.equal(documents.length, 2);
    assert.equal(query.length, documents[0]?.length);
    assert.deepEqual(query, documents[0]);
    assert.notDeepEqual(documents[0], documents[1]);
    assert.equal(openaiMock.embeddings.create.calls[0]?.body?.model, 'text-embedding-3-small');
  });
});
