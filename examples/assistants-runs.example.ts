// Runs and run steps (the Python library's runs and run steps examples, ported). Runs inherit the
// assistant's instructions and tools, and move queued -> in_progress -> completed as they are polled,
// writing the assistant's message and a `message_creation` run step: no run step is built by hand any more.
import assert from 'node:assert/strict';
import OpenAI from 'openai';
import { createMockFetch, OpenAIMock, runScript } from '../lib/index.js';

describe('runs', () => {
  let openaiMock: OpenAIMock;
  let client: OpenAI;
  let assistant: OpenAI.Beta.Assistant;
  beforeEach(async () => {
    openaiMock = new OpenAIMock();
    client = new OpenAI({ apiKey: 'sk-fake123', fetch: createMockFetch(openaiMock) });
    assistant = await client.beta.assistants.create({
      instructions: 'You are a personal math tutor. When asked a question, write and run Python code to answer the question.',
      name: 'Math Tutor',
      tools: [{ type: 'code_interpreter' }],
      model: 'gpt-4-turbo',
    });
  });

  it('creates a run that inherits from its assistant', async () => {
    const thread = await client.beta.threads.create();
    const run = await client.beta.threads.runs.create(thread.id, { assistant_id: assistant.id });
    assert.equal(run.thread_id, thread.id);
    assert.equal(run.instructions, assistant.instructions);
    assert.deepEqual(run.tools, assistant.tools);
  });

  it('creates a thread and a run at once', async () => {
    const run = await client.beta.threads.createAndRun({ assistant_id: assistant.id });
    assert.equal(run.assistant_id, assistant.id);
    assert.equal(openaiMock.beta.threads.createAndRun.calls.length, 1);
  });

  it('lists runs (a thread runs one at a time, so each is polled to its end)', async () => {
    const thread = await client.beta.threads.create();
    for (let i = 0; i < 10; i++) await client.beta.threads.runs.createAndPoll(thread.id, { assistant_id: assistant.id });
    const runs = await client.beta.threads.runs.list(thread.id);
    assert.equal(runs.data.length, 10);
    assert.ok(runs.data.every((run) => run.status === 'completed'));
  });

  it('polls a run to completion by hand, then reads its reply and run step', async () => {
    runScript(openaiMock, { message: 'x = 3' });
    const thread = await client.beta.threads.create({ messages: [{ role: 'user', content: 'Solve 3x + 11 = 20' }] });
    let run = await client.beta.threads.runs.create(thread.id, { assistant_id: assistant.id });
    assert.equal(run.status, 'queued');
    while (run.status === 'queued' || run.status === 'in_progress') {
      run = await client.beta.threads.runs.retrieve(run.id, { thread_id: thread.id });
    }
    assert.equal(run.status, 'completed');
    assert.equal(openaiMock.beta.threads.runs.retrieve.calls.length, 2);

    const [reply] = (await client.beta.threads.messages.list(thread.id, { run_id: run.id })).data;
    assert.deepEqual(reply?.content, [{ type: 'text', text: { value: 'x = 3', annotations: [] } }]);
    const steps = await client.beta.threads.runs.steps.list(run.id, { thread_id: thread.id });
    assert.equal(steps.data.length, 1);
    assert.deepEqual(steps.data[0]?.step_details, { type: 'message_creation', message_creation: { message_id: reply?.id } });
  });

  it('updates and cancels a run', async () => {
    const thread = await client.beta.threads.create();
    const run = await client.beta.threads.runs.create(thread.id, { assistant_id: assistant.id, metadata: { foo: '1' } });
    const updated = await client.beta.threads.runs.update(run.id, { thread_id: thread.id, metadata: { foo: '2' } });
    assert.deepEqual([run.metadata, updated.metadata], [{ foo: '1' }, { foo: '2' }]);

    const cancelled = await client.beta.threads.runs.cancel(run.id, { thread_id: thread.id });
    assert.equal(run.status, 'queued');
    assert.equal(cancelled.status, 'cancelling');
    assert.equal((await client.beta.threads.runs.retrieve(run.id, { thread_id: thread.id })).status, 'cancelled');
  });

  it('sets a retrieved run by hand, as the Python library\'s "model" response did', async () => {
    const thread = await client.beta.threads.create();
    const run = await client.beta.threads.runs.create(thread.id, { assistant_id: assistant.id });
    openaiMock.beta.threads.runs.retrieve.response = { ...run, status: 'in_progress' };
    const found = await client.beta.threads.runs.retrieve(run.id, { thread_id: thread.id });
    assert.equal(found.status, 'in_progress');
  });
});
