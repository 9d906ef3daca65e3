import assert from 'node:assert/strict';
import type OpenAI from 'openai';
import { hasTool, lastUserMessageContains, modelIs, requiresAction, runScript, runScripts } from '../../lib/index.js';
import { mockedClient } from '../support/client.js';

async function replyOf(client: OpenAI, threadId: string): Promise<string | undefined> {
  const [message] = (await client.beta.threads.messages.list(threadId, { order: 'desc', limit: 1 })).data;
  const block = message?.content[0];
  return message?.role === 'assistant' && block?.type === 'text' ? block.text.value : undefined;
}

describe('run scripts by turn and by request', () => {
  it('when(): the thread\'s last user message picks the script; others follow runScript\'s default', async () => {
    const { client, openaiMock } = mockedClient();
    const assistant = await client.beta.assistants.create({ model: 'gpt-4o' });
    runScript(openaiMock, { message: 'Default reply.' });
    runScripts(openaiMock)
      .when(lastUserMessageContains('weather'), {
        statuses: ['queued', requiresAction({ name: 'get_weather', arguments: { city: 'Paris' } }), 'completed'],
        message: 'It is 21°C in Paris.',
      })
      .when(lastUserMessageContains(/^hello/i), { message: 'Hi there!' });

    const weather = await client.beta.threads.create({ messages: [{ role: 'user', content: 'What is the weather?' }] });
    let run = await client.beta.threads.runs.createAndPoll(weather.id, { assistant_id: assistant.id });
    assert.equal(run.status, 'requires_action');
    const [call] = run.required_action!.submit_tool_outputs.tool_calls;
    run = await client.beta.threads.runs.submitToolOutputsAndPoll(run.id, { thread_id: weather.id, tool_outputs: [{ tool_call_id: call!.id, output: '21' }] });
    assert.equal(run.status, 'completed');
    assert.equal(await replyOf(client, weather.id), 'It is 21°C in Paris.');

    const hello = await client.beta.threads.createAndRunPoll({ assistant_id: assistant.id, thread: { messages: [{ role: 'user', content: 'Hello!' }] } });
    assert.equal(await replyOf(client, hello.thread_id), 'Hi there!');

    const other = await client.beta.threads.create({ messages: [{ role: 'user', content: 'Something else' }] });
    await client.beta.threads.runs.createAndPoll(other.id, { assistant_id: assistant.id, additional_messages: [{ role: 'user', content: 'and the weather?' }] });
    assert.equal(await replyOf(client, other.id), undefined, 'additional_messages count: this run waits for the weather tool');
  });

  it('once(): successive runs follow successive scripts, then the default', async () => {
    const { client, openaiMock } = mockedClient();
    const assistant = await client.beta.assistants.create({ model: 'gpt-4o' });
    const thread = await client.beta.threads.create({ messages: [{ role: 'user', content: 'Go' }] });
    runScripts(openaiMock).once({ statuses: ['queued', 'failed'] }).once({ message: 'Second try worked.' });

    const statuses = [];
    for (let index = 0; index < 3; index += 1) statuses.push((await client.beta.threads.runs.createAndPoll(thread.id, { assistant_id: assistant.id })).status);

    assert.deepEqual(statuses, ['failed', 'completed', 'completed']);
    const replies = (await client.beta.threads.messages.list(thread.id, { order: 'asc' })).data.filter((message) => message.role === 'assistant');
    assert.deepEqual(replies.map((message) => (message.content[0]?.type === 'text' ? message.content[0].text.value : '')), ['Second try worked.', '']);
  });

  it('modelIs and hasTool read the run (the assistant\'s model and tools, or the request\'s)', async () => {
    const { client, openaiMock } = mockedClient();
    const assistant = await client.beta.assistants.create({ model: 'gpt-4o', tools: [{ type: 'function', function: { name: 'lookup' } }] });
    const thread = await client.beta.threads.create({ messages: [{ role: 'user', content: 'x' }] });
    runScripts(openaiMock).when(modelIs('gpt-4.1'), { message: 'from 4.1' }).when(hasTool('lookup'), { message: 'has lookup' });

    await client.beta.threads.runs.createAndPoll(thread.id, { assistant_id: assistant.id, model: 'gpt-4.1' });
    const first = await replyOf(client, thread.id);
    await client.beta.threads.runs.createAndPoll(thread.id, { assistant_id: assistant.id });

    assert.equal(first, 'from 4.1');
    assert.equal(await replyOf(client, thread.id), 'has lookup');
  });

  it('openaiMock.reset() forgets them', async () => {
    const { client, openaiMock } = mockedClient();
    runScripts(openaiMock).when(() => true, { statuses: ['queued', 'expired'] });
    openaiMock.reset();
    const assistant = await client.beta.assistants.create({ model: 'gpt-4o' });
    const thread = await client.beta.threads.create();

    assert.equal((await client.beta.threads.runs.createAndPoll(thread.id, { assistant_id: assistant.id })).status, 'completed');
  });
});
