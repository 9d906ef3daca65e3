// A full tool-calling run: the script makes the run ask for a function call, the app under test answers it
// with `submitToolOutputsAndPoll`, and the run completes with the assistant's reply. Polling never waits.
import assert from 'node:assert/strict';
import OpenAI from 'openai';
import { createMockFetch, OpenAIMock, requiresAction, runScript } from '../lib/index.js';

/** The app under test: runs the assistant, answering its tool calls from a local table. */
async function ask(client: OpenAI, assistantId: string, question: string): Promise<string> {
  const temperatures: Record<string, number> = { Paris: 21, Oslo: 4 };
  const thread = await client.beta.threads.create({ messages: [{ role: 'user', content: question }] });
  let run = await client.beta.threads.runs.createAndPoll(thread.id, { assistant_id: assistantId });
  while (run.status === 'requires_action' && run.required_action) {
    const tool_outputs = run.required_action.submit_tool_outputs.tool_calls.map((call) => {
      const { city } = JSON.parse(call.function.arguments) as { city: string };
      return { tool_call_id: call.id, output: String(temperatures[city] ?? 'unknown') };
    });
    run = await client.beta.threads.runs.submitToolOutputsAndPoll(run.id, { thread_id: thread.id, tool_outputs });
  }
  const [reply] = (await client.beta.threads.messages.list(thread.id, { run_id: run.id })).data;
  const block = reply?.content[0];
  return block?.type === 'text' ? block.text.value : '';
}

describe('a tool-calling run', () => {
  it('answers the function calls the run asks for, then reads the reply', async () => {
    const openaiMock = new OpenAIMock();
    const client = new OpenAI({ apiKey: 'sk-fake', fetch: createMockFetch(openaiMock) });
    const assistant = await client.beta.assistants.create({
      model: 'gpt-4o',
      tools: [{ type: 'function', function: { name: 'get_temperature', parameters: { type: 'object', properties: { city: { type: 'string' } } } } }],
    });
    runScript(openaiMock, {
      statuses: [
        'queued',
        'in_progress',
        requiresAction({ name: 'get_temperature', arguments: { city: 'Paris' } }, { name: 'get_temperature', arguments: { city: 'Oslo' } }),
        'queued',
        'in_progress',
        'completed',
      ],
      message: 'Paris is at 21°C and Oslo at 4°C.',
    });

    const started = performance.now();
    assert.equal(await ask(client, assistant.id, 'Compare Paris and Oslo.'), 'Paris is at 21°C and Oslo at 4°C.');
    assert.ok(performance.now() - started < 1000);

    // The app sent both outputs in one submission; the run recorded them on its tool-calls step, then wrote its message.
    assert.equal(openaiMock.beta.threads.runs.submitToolOutputs.calls.length, 1);
    const [submitted] = openaiMock.beta.threads.runs.submitToolOutputs.calls;
    const body = submitted?.body as OpenAI.Beta.Threads.RunSubmitToolOutputsParams;
    const { run_id: runId = '', thread_id: threadId = '' } = submitted?.params ?? {};
    const steps = await client.beta.threads.runs.steps.list(runId, { thread_id: threadId, order: 'asc' });
    assert.deepEqual(steps.data.map((step) => step.type), ['tool_calls', 'message_creation']);
    const details = steps.data[0]?.step_details;
    assert.ok(details?.type === 'tool_calls');
    assert.deepEqual(
      details.tool_calls.map((call) => call.type === 'function' && { tool_call_id: call.id, output: call.function.output }),
      body.tool_outputs,
    );
    assert.deepEqual(body.tool_outputs.map((output) => output.output), ['21', '4']);
  });
});
