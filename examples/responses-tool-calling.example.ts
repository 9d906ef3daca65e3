// A tool-calling loop: the model calls a function, the app runs it and sends a function_call_output, the model answers.
import assert from 'node:assert/strict';
import OpenAI from 'openai';
import { createMockFetch, OpenAIMock, responseOutput } from '../lib/index.js';

const tools: OpenAI.Responses.Tool[] = [{
  type: 'function', name: 'get_weather', strict: true,
  parameters: { type: 'object', properties: { city: { type: 'string' } }, required: ['city'], additionalProperties: false },
}];

/** The app under test: answers a question, running the tools the model asks for. */
async function ask(client: OpenAI, question: string): Promise<string> {
  let response = await client.responses.create({ model: 'gpt-4.1', input: question, tools });
  for (;;) {
    const calls = response.output.filter((item) => item.type === 'function_call');
    if (calls.length === 0) return response.output_text;
    const outputs = calls.map((call) => ({
      type: 'function_call_output' as const,
      call_id: call.call_id,
      output: JSON.stringify({ city: (JSON.parse(call.arguments) as { city: string }).city, temperature: 21 }),
    }));
    response = await client.responses.create({ model: 'gpt-4.1', previous_response_id: response.id, input: outputs, tools });
  }
}

describe('Responses API: a tool-calling loop', () => {
  it('calls the function, sends its output, and returns the final answer', async () => {
    const openaiMock = new OpenAIMock();
    openaiMock.responses.create.response = ({ route }) =>
      route.calls.length === 0
        ? { output: [responseOutput.functionCall('get_weather', { city: 'Paris' })] }
        : { output: [responseOutput.text('It is 21°C in Paris.')] };
    const client = new OpenAI({ apiKey: 'sk-fake', fetch: createMockFetch(openaiMock) });

    assert.equal(await ask(client, 'What is the weather in Paris?'), 'It is 21°C in Paris.');

    const second = openaiMock.responses.create.calls[1]?.body as OpenAI.Responses.ResponseCreateParams;
    const [output] = second.input as OpenAI.Responses.ResponseInputItem.FunctionCallOutput[];
    assert.deepEqual(JSON.parse(String(output?.output)), { city: 'Paris', temperature: 21 });
  });
});
