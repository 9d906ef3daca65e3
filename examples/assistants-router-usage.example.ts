// Router usage (the Python library's router example, ported): a run is polled by hand until it asks for a
// tool call; the app calls an external weather API for it, and that API is mocked on the same router
// (`openaiMock.router`, a fetch-mock instance), so nothing reaches the network. The run's path is set on
// `runs.retrieve` with a function, as the Python example did; a `runScript` says the same in one line.
import assert from 'node:assert/strict';
import OpenAI from 'openai';
import { createMockFetch, OpenAIMock, requiresAction } from '../lib/index.js';

const getCurrentTemperature: OpenAI.Beta.FunctionTool = {
  type: 'function',
  function: {
    name: 'get_current_temperature',
    description: 'Get the current temperature for a specific location',
    parameters: {
      type: 'object',
      properties: {
        location: { type: 'string', description: 'The city and state, e.g., San Francisco, CA' },
        unit: { type: 'string', enum: ['Celsius', 'Fahrenheit'] },
      },
      required: ['location', 'unit'],
    },
  },
};

describe('router usage', () => {
  it('mocks an external API beside OpenAI while polling a run that requires action', async () => {
    const openaiMock = new OpenAIMock();
    const fetch = createMockFetch(openaiMock);
    const client = new OpenAI({ apiKey: 'sk-fake123', fetch });

    const assistant = await client.beta.assistants.create({
      instructions: 'You are a weather bot. Use the provided functions to answer questions.',
      model: 'gpt-4o',
      tools: [getCurrentTemperature],
    });
    const thread = await client.beta.threads.create();
    await client.beta.threads.messages.create(thread.id, { role: 'user', content: "What's the weather in San Francisco today?" });
    let run = await client.beta.threads.runs.create(thread.id, { assistant_id: assistant.id });

    // The run is in progress for four polls, then asks for the temperature.
    openaiMock.beta.threads.runs.retrieve.response = ({ route }) =>
      route.calls.length < 4
        ? { status: 'in_progress' }
        : requiresAction({ id: 'call_abc123', name: 'get_current_temperature', arguments: { location: 'San Francisco, CA', unit: 'Fahrenheit' } });
    // A route for a non-OpenAI API.
    openaiMock.router.post('https://api.myweatherapi.com/', { value: '57' });

    for (;;) {
      run = await client.beta.threads.runs.retrieve(run.id, { thread_id: thread.id });
      if (run.status !== 'requires_action') continue;
      const tool_outputs: OpenAI.Beta.Threads.RunSubmitToolOutputsParams.ToolOutput[] = [];
      for (const tool of run.required_action?.submit_tool_outputs.tool_calls ?? []) {
        assert.equal(tool.function.name, 'get_current_temperature');
        const response = await fetch('https://api.myweatherapi.com/', { method: 'POST', body: tool.function.arguments });
        const data = (await response.json()) as { value: string };
        tool_outputs.push({ tool_call_id: tool.id, output: data.value });
      }
      assert.ok(tool_outputs.length > 0);
      run = await client.beta.threads.runs.submitToolOutputs(run.id, { thread_id: thread.id, tool_outputs });
      break;
    }

    assert.equal(openaiMock.beta.threads.runs.retrieve.calls.length, 5);
    assert.equal(openaiMock.beta.threads.runs.submitToolOutputs.calls.length, 1);
    const weatherCall = openaiMock.router.callHistory.calls('https://api.myweatherapi.com/')[0];
    assert.deepEqual(JSON.parse(String(weatherCall?.options.body)), { location: 'San Francisco, CA', unit: 'Fahrenheit' });

    // The outputs moved the run on; with the retrieve function removed, the run's own script finishes it.
    assert.equal(run.status, 'in_progress');
    openaiMock.beta.threads.runs.retrieve.response = undefined;
    run = await client.beta.threads.runs.poll(run.id, { thread_id: thread.id });
    assert.equal(run.status, 'completed');
  });
});
