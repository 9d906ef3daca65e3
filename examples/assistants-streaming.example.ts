// Streaming a run (the Python library's sync and async streaming examples, ported). No event stream is
// written by hand: `stream: true` answers the `thread.*` events of the run's script, so the SDK's
// `AssistantStream` works as against the API. Two handler styles: event listeners (the Python library's
// `AssistantEventHandler`), and `for await` over the events (its async handler).
import assert from 'node:assert/strict';
import OpenAI from 'openai';
import { createMockFetch, OpenAIMock, runScript } from '../lib/index.js';

const counted = new Set(['thread.run.created', 'thread.run.in_progress', 'thread.message.created', 'thread.run.completed']);

describe('streaming a run', () => {
  let openaiMock: OpenAIMock;
  let client: OpenAI;
  let assistantId: string;
  let threadId: string;
  beforeEach(async () => {
    openaiMock = new OpenAIMock();
    client = new OpenAI({ apiKey: 'sk-fake123', fetch: createMockFetch(openaiMock) });
    runScript(openaiMock, { message: 'Hello! How can I help?' });
    const assistant = await client.beta.assistants.create({
      instructions: 'You are a personal math tutor.', name: 'Math Tutor', tools: [{ type: 'code_interpreter' }], model: 'gpt-4-turbo',
    });
    const thread = await client.beta.threads.create();
    await client.beta.threads.messages.create(thread.id, { role: 'user', content: [{ type: 'text', text: 'Hello!' }] });
    assistantId = assistant.id;
    threadId = thread.id;
  });

  it('handles the stream with event listeners', async () => {
    let eventCount = 0;
    let text = '';
    const stream = client.beta.threads.runs
      .stream(threadId, { assistant_id: assistantId })
      .on('event', (event) => {
        if (counted.has(event.event)) eventCount += 1;
      })
      .on('textDelta', (delta) => (text += delta.value ?? ''));
    await stream.done();
    const run = stream.currentRun();
    assert.equal(run?.status, 'completed');
    assert.equal(text, 'Hello! How can I help?');
    assert.equal(eventCount, 4);

    const messages = await client.beta.threads.messages.list(threadId);
    assert.equal(messages.data.length, 2);
    assert.equal(openaiMock.beta.threads.runs.create.calls.length, 1);
  });

  it('handles the stream with for await', async () => {
    let eventCount = 0;
    const stream = client.beta.threads.runs.stream(threadId, { assistant_id: assistantId });
    for await (const event of stream) {
      if (counted.has(event.event)) eventCount += 1;
    }
    assert.equal(eventCount, 4);
    const [message] = await stream.finalMessages();
    assert.deepEqual(message?.content, [{ type: 'text', text: { value: 'Hello! How can I help?', annotations: [] } }]);
    assert.equal((await client.beta.threads.messages.list(threadId)).data.length, 2);
  });
});
