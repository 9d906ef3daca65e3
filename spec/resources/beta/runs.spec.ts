import assert from 'node:assert/strict';
import OpenAI from 'openai';
import { requiresAction, runScript } from '../../../lib/index.js';
import { mockedClient } from '../../support/client.js';

const weatherTool: OpenAI.Beta.AssistantTool = {
  type: 'function',
  function: { name: 'get_weather', parameters: { type: 'object', properties: { city: { type: 'string' } } } },
};

async function setup(options: { tools?: OpenAI.Beta.AssistantTool[] } = {}) {
  const { client, openaiMock } = mockedClient();
  const assistant = await client.beta.assistants.create({
    model: 'gpt-4o', instructions: 'You are a weather bot.', tools: options.tools ?? [weatherTool], temperature: 0.2,
  });
  const thread = await client.beta.threads.create({ messages: [{ role: 'user', content: 'Weather in Paris?' }] });
  return { client, openaiMock, assistant, thread };
}

function toolCallsOf(run: OpenAI.Beta.Threads.Run): OpenAI.Beta.Threads.RequiredActionFunctionToolCall[] {
  return run.required_action?.submit_tool_outputs.tool_calls ?? [];
}

describe('beta.threads.runs', () => {
  describe('create', () => {
    it('inherits model, instructions and tools from the assistant', async () => {
      const { client, assistant, thread } = await setup();
      const run = await client.beta.threads.runs.create(thread.id, { assistant_id: assistant.id });
      assert.match(run.id, /^run_/);
      assert.deepEqual(
        [run.object, run.status, run.thread_id, run.assistant_id, run.model, run.instructions, run.temperature],
        ['thread.run', 'queued', thread.id, assistant.id, 'gpt-4o', 'You are a weather bot.', 0.2],
      );
      assert.deepEqual(run.tools, assistant.tools);
      assert.equal(run.started_at, null);
      assert.equal(run.usage, null);
      assert.ok(run.expires_at !== null && run.expires_at > run.created_at);
    });

    it('lets the request override them, appends additional_instructions and adds additional_messages', async () => {
      const { client, assistant, thread } = await setup();
      const run = await client.beta.threads.runs.create(thread.id, {
        assistant_id: assistant.id,
        model: 'gpt-4.1',
        instructions: 'Answer in French.',
        additional_instructions: 'Be brief.',
        tools: [{ type: 'code_interpreter' }],
        additional_messages: [{ role: 'user', content: 'And in Rome?' }],
        metadata: { trace: 't1' },
      });
      assert.deepEqual([run.model, run.instructions, run.tools, run.metadata], ['gpt-4.1', 'Answer in French.\n\nBe brief.', [{ type: 'code_interpreter' }], { trace: 't1' }]);
      const messages = await client.beta.threads.messages.list(thread.id);
      assert.deepEqual(messages.data.map((m) => m.content[0]?.type === 'text' && m.content[0].text.value), ['And in Rome?', 'Weather in Paris?']);
    });

    it('answers 404 for an unknown thread or assistant, 400 while the thread has an active run', async () => {
      const { client, assistant, thread } = await setup();
      await assert.rejects(client.beta.threads.runs.create('thread_missing', { assistant_id: assistant.id }), OpenAI.NotFoundError);
      await assert.rejects(client.beta.threads.runs.create(thread.id, { assistant_id: 'asst_missing' }), OpenAI.NotFoundError);
      const run = await client.beta.threads.runs.create(thread.id, { assistant_id: assistant.id });
      await assert.rejects(
        client.beta.threads.runs.create(thread.id, { assistant_id: assistant.id }),
        (error: unknown) => error instanceof OpenAI.BadRequestError && error.message.includes(run.id),
      );
      await assert.rejects(client.beta.threads.messages.create(thread.id, { role: 'user', content: 'more' }), OpenAI.BadRequestError);
      await client.beta.threads.runs.poll(run.id, { thread_id: thread.id });
      await client.beta.threads.runs.create(thread.id, { assistant_id: assistant.id }); // the thread is free again
    });
  });

  describe('lifecycle', () => {
    it('moves queued -> in_progress -> completed across retrieves, writing the reply and its step', async () => {
      const { client, openaiMock, assistant, thread } = await setup();
      const run = await client.beta.threads.runs.create(thread.id, { assistant_id: assistant.id });
      const statuses = [run.status];
      for (let i = 0; i < 3; i++) statuses.push((await client.beta.threads.runs.retrieve(run.id, { thread_id: thread.id })).status);
      assert.deepEqual(statuses, ['queued', 'in_progress', 'completed', 'completed']);

      const done = await client.beta.threads.runs.retrieve(run.id, { thread_id: thread.id });
      assert.ok(done.completed_at !== null && done.started_at !== null);
      assert.equal(done.expires_at, null);
      assert.ok(done.usage && done.usage.total_tokens === done.usage.prompt_tokens + done.usage.completion_tokens);

      const replies = await client.beta.threads.messages.list(thread.id, { run_id: run.id });
      assert.equal(replies.data.length, 1);
      const reply = replies.data[0];
      assert.deepEqual([reply?.role, reply?.assistant_id, reply?.run_id, reply?.status], ['assistant', assistant.id, run.id, 'completed']);
      assert.deepEqual(reply?.content, [{ type: 'text', text: { value: '', annotations: [] } }]);

      const steps = await client.beta.threads.runs.steps.list(run.id, { thread_id: thread.id });
      assert.equal(steps.data.length, 1);
      assert.deepEqual(steps.data[0]?.step_details, { type: 'message_creation', message_creation: { message_id: reply?.id } });
      assert.equal(steps.data[0]?.status, 'completed');
      assert.equal(openaiMock.beta.threads.runs.retrieve.calls.length, 4);
    });

    it('createAndPoll answers the completed run without waiting, with the scripted reply', async () => {
      const { client, openaiMock, assistant, thread } = await setup();
      runScript(openaiMock, { statuses: ['queued', 'in_progress', 'in_progress', 'in_progress', 'completed'], message: 'Sunny, 24°C.' });
      const started = performance.now();
      const run = await client.beta.threads.runs.createAndPoll(thread.id, { assistant_id: assistant.id });
      assert.ok(performance.now() - started < 1000, 'polling never sleeps');
      assert.equal(run.status, 'completed');
      assert.equal(openaiMock.beta.threads.runs.retrieve.calls.length, 4);
      assert.equal(openaiMock.beta.threads.runs.retrieve.calls[0]?.response.headers.get('openai-poll-after-ms'), '0');
      const [reply] = (await client.beta.threads.messages.list(thread.id, { run_id: run.id })).data;
      assert.deepEqual(reply?.content, [{ type: 'text', text: { value: 'Sunny, 24°C.', annotations: [] } }]);
    });

    it('stops at requires_action with the scripted tool calls; submitToolOutputs moves on and records the outputs', async () => {
      const { client, openaiMock, assistant, thread } = await setup();
      runScript(openaiMock, {
        statuses: ['queued', requiresAction({ name: 'get_weather', arguments: { city: 'Paris' }, id: 'call_paris' }), 'in_progress', 'completed'],
        message: 'It is 20°C in Paris.',
      });
      let run = await client.beta.threads.runs.createAndPoll(thread.id, { assistant_id: assistant.id });
      assert.equal(run.status, 'requires_action');
      assert.deepEqual(toolCallsOf(run), [{ id: 'call_paris', type: 'function', function: { name: 'get_weather', arguments: '{"city":"Paris"}' } }]);
      // Retrieving again does not move a run that waits for tool outputs.
      assert.equal((await client.beta.threads.runs.retrieve(run.id, { thread_id: thread.id })).status, 'requires_action');
      const waiting = await client.beta.threads.runs.steps.list(run.id, { thread_id: thread.id });
      assert.deepEqual(waiting.data.map((s) => [s.type, s.status]), [['tool_calls', 'in_progress']]);

      run = await client.beta.threads.runs.submitToolOutputs(run.id, { thread_id: thread.id, tool_outputs: [{ tool_call_id: 'call_paris', output: '20' }] });
      assert.equal(run.status, 'in_progress');
      assert.equal(run.required_action, null);
      run = await client.beta.threads.runs.poll(run.id, { thread_id: thread.id });
      assert.equal(run.status, 'completed');

      const steps = await client.beta.threads.runs.steps.list(run.id, { thread_id: thread.id, order: 'asc' });
      assert.deepEqual(steps.data.map((s) => [s.type, s.status]), [['tool_calls', 'completed'], ['message_creation', 'completed']]);
      const toolStep = steps.data[0]?.step_details;
      assert.ok(toolStep?.type === 'tool_calls');
      assert.deepEqual(toolStep.tool_calls, [{ id: 'call_paris', type: 'function', function: { name: 'get_weather', arguments: '{"city":"Paris"}', output: '20' } }]);
      const retrieved = await client.beta.threads.runs.steps.retrieve(steps.data[0]?.id ?? '', { thread_id: thread.id, run_id: run.id });
      assert.deepEqual(retrieved, steps.data[0]);
    });

    it('takes a requires_action stage written as a partial run, completing each tool call', async () => {
      const { client, openaiMock, assistant, thread } = await setup();
      runScript(openaiMock, {
        statuses: [{ status: 'requires_action', required_action: { submit_tool_outputs: { tool_calls: [{ function: { name: 'a' } }, { function: { name: 'b' } }] } } }],
      });
      const run = await client.beta.threads.runs.create(thread.id, { assistant_id: assistant.id });
      const calls = toolCallsOf(run);
      assert.deepEqual(calls.map((c) => [c.type, c.function.name, c.function.arguments]), [['function', 'a', '{}'], ['function', 'b', '{}']]);
      assert.ok(calls.every((c) => /^call_/.test(c.id)));
      assert.equal(run.required_action?.type, 'submit_tool_outputs');
    });

    it('refuses tool outputs for a run not waiting for them, or that miss or invent a call', async () => {
      const { client, openaiMock, assistant, thread } = await setup();
      runScript(openaiMock, { statuses: ['queued', requiresAction({ name: 'get_weather', id: 'call_1' }, { name: 'get_weather', id: 'call_2' })] });
      const run = await client.beta.threads.runs.create(thread.id, { assistant_id: assistant.id });
      await assert.rejects(
        client.beta.threads.runs.submitToolOutputs(run.id, { thread_id: thread.id, tool_outputs: [] }),
        (error: unknown) => error instanceof OpenAI.BadRequestError && /do not accept tool outputs/.test(error.message),
      );
      await client.beta.threads.runs.retrieve(run.id, { thread_id: thread.id });
      await assert.rejects(
        client.beta.threads.runs.submitToolOutputs(run.id, { thread_id: thread.id, tool_outputs: [{ tool_call_id: 'call_1', output: 'x' }] }),
        (error: unknown) => error instanceof OpenAI.BadRequestError && /call_2/.test(error.message),
      );
      await assert.rejects(
        client.beta.threads.runs.submitToolOutputs(run.id, { thread_id: thread.id, tool_outputs: [{ tool_call_id: 'call_x', output: 'x' }] }),
        OpenAI.BadRequestError,
      );
      const still = await client.beta.threads.runs.retrieve(run.id, { thread_id: thread.id });
      assert.equal(still.status, 'requires_action', 'a refused submission changes nothing');
      const done = await client.beta.threads.runs.submitToolOutputsAndPoll(run.id, {
        thread_id: thread.id,
        tool_outputs: [{ tool_call_id: 'call_1', output: 'a' }, { tool_call_id: 'call_2', output: 'b' }],
      });
      assert.equal(done.status, 'completed', 'a run past its last stage completes');
    });

    for (const status of ['failed', 'expired', 'incomplete'] as const) {
      it(`follows a script ending ${status}`, async () => {
        const { client, openaiMock, assistant, thread } = await setup();
        runScript(openaiMock, { statuses: ['queued', 'in_progress', status], message: 'Partial answ' });
        const run = await client.beta.threads.runs.createAndPoll(thread.id, { assistant_id: assistant.id });
        assert.equal(run.status, status);
        const replies = (await client.beta.threads.messages.list(thread.id, { run_id: run.id })).data;
        if (status === 'failed') {
          assert.deepEqual(run.last_error, { code: 'server_error', message: 'Sorry, something went wrong.' });
          assert.ok(run.failed_at !== null);
          assert.equal(replies.length, 0);
        } else if (status === 'incomplete') {
          assert.deepEqual(run.incomplete_details, { reason: 'max_completion_tokens' });
          assert.deepEqual(replies.map((m) => [m.status, m.incomplete_details?.reason]), [['incomplete', 'max_tokens']]);
        } else {
          assert.equal(replies.length, 0);
        }
      });
    }

    it('takes partial runs as stages, and keeps what the user set on runs.create through them', async () => {
      const { client, openaiMock, assistant, thread } = await setup();
      openaiMock.beta.threads.runs.create.response = { metadata: { from: 'test' }, usage: { prompt_tokens: 1, completion_tokens: 2, total_tokens: 3 } };
      runScript(openaiMock, { statuses: ['queued', { status: 'failed', last_error: { code: 'rate_limit_exceeded', message: 'Slow down' } }] });
      const run = await client.beta.threads.runs.createAndPoll(thread.id, { assistant_id: assistant.id });
      assert.equal(run.status, 'failed');
      assert.deepEqual(run.last_error, { code: 'rate_limit_exceeded', message: 'Slow down' });
      assert.deepEqual(run.metadata, { from: 'test' });
      assert.deepEqual(run.usage, { prompt_tokens: 1, completion_tokens: 2, total_tokens: 3 });
    });

    it('cancels: cancelling, then cancelled, closing a waiting tool-calls step', async () => {
      const { client, openaiMock, assistant, thread } = await setup();
      runScript(openaiMock, { statuses: ['queued', requiresAction({ name: 'get_weather' })] });
      const run = await client.beta.threads.runs.create(thread.id, { assistant_id: assistant.id });
      await client.beta.threads.runs.retrieve(run.id, { thread_id: thread.id });
      const cancelling = await client.beta.threads.runs.cancel(run.id, { thread_id: thread.id });
      assert.equal(cancelling.status, 'cancelling');
      const cancelled = await client.beta.threads.runs.poll(run.id, { thread_id: thread.id });
      assert.equal(cancelled.status, 'cancelled');
      assert.ok(cancelled.cancelled_at !== null);
      const steps = await client.beta.threads.runs.steps.list(run.id, { thread_id: thread.id });
      assert.deepEqual(steps.data.map((s) => s.status), ['cancelled']);
      await assert.rejects(client.beta.threads.runs.cancel(run.id, { thread_id: thread.id }), OpenAI.BadRequestError);
    });

    it('lets a status set on runs.retrieve decide, in place of the script (a function too)', async () => {
      const { client, openaiMock, assistant, thread } = await setup();
      const run = await client.beta.threads.runs.create(thread.id, { assistant_id: assistant.id });
      openaiMock.beta.threads.runs.retrieve.response = ({ route }) =>
        route.calls.length < 3 ? { status: 'in_progress' } : requiresAction({ name: 'get_weather', arguments: '{}' });
      const seen: string[] = [];
      for (let i = 0; i < 5; i++) seen.push((await client.beta.threads.runs.retrieve(run.id, { thread_id: thread.id })).status);
      assert.deepEqual(seen, ['in_progress', 'in_progress', 'in_progress', 'requires_action', 'requires_action']);
      const steps = await client.beta.threads.runs.steps.list(run.id, { thread_id: thread.id });
      assert.equal(steps.data.length, 1, 'entering requires_action once records one tool-calls step');
    });

    it('forgets the script on reset()', async () => {
      const { client, openaiMock } = mockedClient();
      runScript(openaiMock, { statuses: ['failed'] });
      openaiMock.reset();
      const assistant = await client.beta.assistants.create({ model: 'gpt-4o' });
      const run = await client.beta.threads.createAndRun({ assistant_id: assistant.id });
      assert.equal(run.status, 'queued');
    });
  });

  describe('list, retrieve, update', () => {
    it('lists a thread\'s runs newest first, updates metadata, and answers 404 for a run of another thread', async () => {
      const { client, openaiMock, assistant, thread } = await setup();
      runScript(openaiMock, { statuses: ['completed'] });
      const ids: string[] = [];
      for (let i = 0; i < 3; i++) ids.push((await client.beta.threads.runs.create(thread.id, { assistant_id: assistant.id })).id);
      const page = await client.beta.threads.runs.list(thread.id, { limit: 2 });
      assert.deepEqual(page.data.map((r) => r.id), [ids[2], ids[1]]);
      assert.equal(page.hasNextPage(), true);

      const updated = await client.beta.threads.runs.update(ids[0] ?? '', { thread_id: thread.id, metadata: { k: 'v' } });
      assert.deepEqual(updated.metadata, { k: 'v' });
      assert.equal(updated.status, 'completed');

      const other = await client.beta.threads.create();
      await assert.rejects(client.beta.threads.runs.retrieve(ids[0] ?? '', { thread_id: other.id }), OpenAI.NotFoundError);
      await assert.rejects(client.beta.threads.runs.steps.list(ids[0] ?? '', { thread_id: other.id }), OpenAI.NotFoundError);
      await assert.rejects(client.beta.threads.runs.steps.retrieve('step_missing', { thread_id: thread.id, run_id: ids[0] ?? '' }), OpenAI.NotFoundError);
    });
  });
});

describe('beta.threads.createAndRun', () => {
  it('creates the thread with its messages and a run on it; createAndRunPoll completes it', async () => {
    const { client, openaiMock, assistant } = await setup();
    runScript(openaiMock, { message: 'Bonjour' });
    const run = await client.beta.threads.createAndRunPoll({
      assistant_id: assistant.id,
      thread: { messages: [{ role: 'user', content: 'Salut' }], metadata: { lang: 'fr' } },
    });
    assert.equal(run.status, 'completed');
    assert.deepEqual((await client.beta.threads.retrieve(run.thread_id)).metadata, { lang: 'fr' });
    const messages = await client.beta.threads.messages.list(run.thread_id, { order: 'asc' });
    assert.deepEqual(messages.data.map((m) => [m.role, m.content[0]?.type === 'text' && m.content[0].text.value]), [['user', 'Salut'], ['assistant', 'Bonjour']]);
  });

  it('answers 404 for an unknown assistant and makes no thread', async () => {
    const { client, openaiMock } = mockedClient();
    await assert.rejects(client.beta.threads.createAndRun({ assistant_id: 'asst_missing' }), OpenAI.NotFoundError);
    assert.equal(openaiMock.state.beta.threads.size, 0);
  });
});

describe('assistant streams', () => {
  it('runs.stream emits the thread.* events, text deltas, the final run and messages', async () => {
    const { client, openaiMock, assistant, thread } = await setup();
    runScript(openaiMock, { message: 'It is sunny in Paris today.' });
    const stream = client.beta.threads.runs.stream(thread.id, { assistant_id: assistant.id });
    const events: string[] = [];
    let text = '';
    let done = '';
    stream.on('event', (event) => events.push(event.event));
    stream.on('textDelta', (delta) => (text += delta.value ?? ''));
    stream.on('textDone', (content) => (done = content.value));
    const run = await stream.finalRun();
    assert.equal(run.status, 'completed');
    assert.equal(text, 'It is sunny in Paris today.');
    assert.equal(done, 'It is sunny in Paris today.');
    const deltas = events.filter((e) => e === 'thread.message.delta').length;
    assert.ok(deltas > 1, 'the text arrives in several deltas');
    assert.deepEqual(events.filter((e) => e !== 'thread.message.delta'), [
      'thread.run.created', 'thread.run.queued', 'thread.run.in_progress',
      'thread.run.step.created', 'thread.run.step.in_progress',
      'thread.message.created', 'thread.message.in_progress', 'thread.message.completed',
      'thread.run.step.completed', 'thread.run.completed',
    ]);
    const messages = await stream.finalMessages();
    assert.equal(messages.length, 1);
    assert.deepEqual(messages[0]?.content, [{ type: 'text', text: { value: 'It is sunny in Paris today.', annotations: [] } }]);
    const steps = await stream.finalRunSteps();
    assert.deepEqual(steps.map((s) => [s.type, s.status]), [['message_creation', 'completed']]);
    // The stream left the state where polling would have: the run completed, the reply stored.
    assert.equal((await client.beta.threads.runs.retrieve(run.id, { thread_id: thread.id })).status, 'completed');
    assert.equal((await client.beta.threads.messages.list(thread.id, { run_id: run.id })).data[0]?.id, messages[0]?.id);
  });

  it('stops at requires_action with the tool calls, and submitToolOutputsStream finishes the run', async () => {
    const { client, openaiMock, assistant, thread } = await setup();
    runScript(openaiMock, {
      statuses: ['queued', 'in_progress', requiresAction({ name: 'get_weather', arguments: { city: 'Paris', unit: 'celsius' } }), 'queued', 'in_progress', 'completed'],
      message: 'It is 20°C.',
    });
    const first = client.beta.threads.runs.stream(thread.id, { assistant_id: assistant.id });
    const created: string[] = [];
    const finished: OpenAI.Beta.Threads.Runs.ToolCall[] = [];
    first.on('toolCallCreated', (call) => created.push(call.type === 'function' ? call.function.name : call.type));
    first.on('toolCallDone', (call) => finished.push(call));
    const waiting = await first.finalRun();
    assert.equal(waiting.status, 'requires_action');
    assert.deepEqual(created, ['get_weather']);
    const [call] = finished;
    assert.ok(call?.type === 'function');
    assert.equal(call.function.arguments, '{"city":"Paris","unit":"celsius"}');
    assert.equal(call.id, toolCallsOf(waiting)[0]?.id);

    const second = client.beta.threads.runs.submitToolOutputsStream(waiting.id, {
      thread_id: thread.id, tool_outputs: [{ tool_call_id: call.id, output: '20' }],
    });
    let text = '';
    second.on('textDelta', (delta) => (text += delta.value ?? ''));
    const run = await second.finalRun();
    assert.equal(run.status, 'completed');
    assert.equal(text, 'It is 20°C.');
    const steps = await second.finalRunSteps();
    assert.deepEqual(steps.map((s) => [s.type, s.status]), [['tool_calls', 'completed'], ['message_creation', 'completed']]);
  });

  it('the deprecated runs.createAndStream streams the same events', async () => {
    const { client, openaiMock, assistant, thread } = await setup();
    runScript(openaiMock, { message: 'Still here' });
    const stream = client.beta.threads.runs.createAndStream(thread.id, { assistant_id: assistant.id });
    let text = '';
    stream.on('textDelta', (delta) => (text += delta.value ?? ''));
    assert.equal((await stream.finalRun()).status, 'completed');
    assert.equal(text, 'Still here');
  });

  it('createAndRunStream starts with thread.created', async () => {
    const { client, assistant } = await setup();
    const stream = client.beta.threads.createAndRunStream({ assistant_id: assistant.id, thread: { messages: [{ role: 'user', content: 'Hi' }] } });
    const events: string[] = [];
    stream.on('event', (event) => events.push(event.event));
    const run = await stream.finalRun();
    assert.equal(events[0], 'thread.created');
    assert.equal(run.status, 'completed');
  });

  it('stream: true on runs.create gives the raw events, ending with the terminal run', async () => {
    const { client, openaiMock, assistant, thread } = await setup();
    runScript(openaiMock, { statuses: ['queued', 'in_progress', 'failed'] });
    const stream = await client.beta.threads.runs.create(thread.id, { assistant_id: assistant.id, stream: true });
    const events: OpenAI.Beta.AssistantStreamEvent[] = [];
    for await (const event of stream) events.push(event);
    assert.deepEqual(events.map((e) => e.event), ['thread.run.created', 'thread.run.queued', 'thread.run.in_progress', 'thread.run.failed']);
    const last = events[events.length - 1];
    assert.ok(last?.event === 'thread.run.failed');
    assert.ok(last.data.failed_at !== null);
  });
});
