// Assistants, threads and messages (the Python library's assistants, threads and messages examples, ported):
// plain CRUD through the real client, each route's call history, and a stateful mock that needs no setup.
import assert from 'node:assert/strict';
import OpenAI from 'openai';
import { OpenAIMock, createMockFetch } from '../lib/index.js';

const mathTutor: OpenAI.Beta.AssistantCreateParams = {
  instructions: 'You are a personal math tutor. When asked a question, write and run Python code to answer the question.',
  name: 'Math Tutor',
  tools: [{ type: 'code_interpreter' }],
  model: 'gpt-4-turbo',
};

describe('assistants', () => {
  let openaiMock: OpenAIMock;
  let client: OpenAI;
  beforeEach(() => {
    openaiMock = new OpenAIMock();
    client = new OpenAI({ apiKey: 'sk-fake123', fetch: createMockFetch(openaiMock) });
  });

  it('creates an assistant', async () => {
    const assistant = await client.beta.assistants.create(mathTutor);
    assert.equal(assistant.name, 'Math Tutor');
    assert.equal(openaiMock.beta.assistants.create.calls.length, 1);
  });

  it('lists assistants', async () => {
    for (let i = 0; i < 10; i++) await client.beta.assistants.create(mathTutor);
    const assistants = await client.beta.assistants.list();
    assert.equal(assistants.data.length, 10);
    assert.equal(openaiMock.beta.assistants.create.calls.length, 10);
    assert.equal(openaiMock.beta.assistants.list.calls.length, 1);
  });

  it('retrieves, updates and deletes an assistant', async () => {
    const assistant = await client.beta.assistants.create(mathTutor);
    assert.equal((await client.beta.assistants.retrieve(assistant.id)).name, 'Math Tutor');

    const updated = await client.beta.assistants.update(assistant.id, { name: 'Math Tutor (Slim)', model: 'gpt-3.5-turbo' });
    assert.equal(updated.id, assistant.id);
    assert.deepEqual([assistant.name, assistant.model], ['Math Tutor', 'gpt-4-turbo']);
    assert.deepEqual([updated.name, updated.model], ['Math Tutor (Slim)', 'gpt-3.5-turbo']);

    assert.equal((await client.beta.assistants.delete(assistant.id)).deleted, true);
    await assert.rejects(client.beta.assistants.retrieve(assistant.id), OpenAI.NotFoundError);
  });
});

describe('threads and messages', () => {
  let openaiMock: OpenAIMock;
  let client: OpenAI;
  beforeEach(() => {
    openaiMock = new OpenAIMock();
    client = new OpenAI({ apiKey: 'sk-fake123', fetch: createMockFetch(openaiMock) });
  });

  it('creates and retrieves a thread', async () => {
    const thread = await client.beta.threads.create();
    const found = await client.beta.threads.retrieve(thread.id);
    assert.equal(found.id, thread.id);
    assert.equal(openaiMock.beta.threads.create.calls.length, 1);
    assert.equal(openaiMock.beta.threads.retrieve.calls.length, 1);
  });

  it('creates, lists, retrieves and updates messages', async () => {
    const thread = await client.beta.threads.create();
    for (let i = 0; i < 10; i++) await client.beta.threads.messages.create(thread.id, { content: `Hello, ${i}!`, role: 'user' });
    const messages = await client.beta.threads.messages.list(thread.id);
    assert.equal(messages.data.length, 10);

    const message = await client.beta.threads.messages.create(thread.id, { content: 'Hello!', role: 'user', metadata: { foo: '1' } });
    const found = await client.beta.threads.messages.retrieve(message.id, { thread_id: thread.id });
    assert.equal(found.id, message.id);
    const updated = await client.beta.threads.messages.update(message.id, { thread_id: thread.id, metadata: { foo: '2' } });
    assert.deepEqual([message.metadata, updated.metadata], [{ foo: '1' }, { foo: '2' }]);
    assert.equal(openaiMock.beta.threads.messages.create.calls.length, 11);
  });
});
