import assert from 'node:assert/strict';
import OpenAI, { toFile } from 'openai';
import type { OpenAIMock } from '../../../lib/index.js';
import { mockedClient } from '../../support/client.js';

/** A stored file, as an upload leaves it (the files routes are another resource's). */
function putFile(openaiMock: OpenAIMock, name: string): string {
  const id = `file-${name}`;
  openaiMock.state.files.put({ id, object: 'file', bytes: 12, created_at: 0, filename: `${name}.txt`, purpose: 'assistants', status: 'processed' });
  return id;
}

describe('beta.assistants', () => {
  it('creates, retrieves, updates, lists and deletes assistants', async () => {
    const { client, openaiMock } = mockedClient();
    const assistant = await client.beta.assistants.create({
      model: 'gpt-4o', name: 'Math Tutor', instructions: 'Write code.', tools: [{ type: 'code_interpreter' }],
    });
    assert.match(assistant.id, /^asst_/);
    assert.equal(assistant.object, 'assistant');
    assert.equal(assistant.name, 'Math Tutor');
    assert.deepEqual(assistant.tools, [{ type: 'code_interpreter' }]);
    assert.equal(assistant.description, null);

    assert.equal((await client.beta.assistants.retrieve(assistant.id)).name, 'Math Tutor');
    const updated = await client.beta.assistants.update(assistant.id, { name: 'Slim', model: 'gpt-4o-mini' });
    assert.deepEqual([updated.name, updated.model, updated.instructions], ['Slim', 'gpt-4o-mini', 'Write code.']);
    assert.equal((await client.beta.assistants.retrieve(assistant.id)).name, 'Slim');

    const deleted = await client.beta.assistants.delete(assistant.id);
    assert.deepEqual(deleted, { id: assistant.id, object: 'assistant.deleted', deleted: true });
    await assert.rejects(client.beta.assistants.retrieve(assistant.id), OpenAI.NotFoundError);
    await assert.rejects(client.beta.assistants.delete(assistant.id), OpenAI.NotFoundError);
    assert.equal(openaiMock.beta.assistants.create.calls.length, 1);
  });

  it('lists newest first and pages like the API', async () => {
    const { client } = mockedClient();
    const ids: string[] = [];
    for (let i = 0; i < 5; i++) ids.push((await client.beta.assistants.create({ model: 'gpt-4o', name: `a${i}` })).id);
    const first = await client.beta.assistants.list({ limit: 2 });
    assert.deepEqual(first.data.map((a) => a.id), [ids[4], ids[3]]);
    assert.equal(first.hasNextPage(), true);
    const all: string[] = [];
    for await (const assistant of client.beta.assistants.list({ limit: 2, order: 'asc' })) all.push(assistant.id);
    assert.deepEqual(all, ids);
    await assert.rejects(client.beta.assistants.list({ limit: 101 }), OpenAI.BadRequestError);
  });

  it('creates the vector stores named in tool_resources.file_search.vector_stores, with their files', async () => {
    const { client, openaiMock } = mockedClient();
    const fileId = putFile(openaiMock, 'handbook');
    const assistant = await client.beta.assistants.create({
      model: 'gpt-4o',
      tools: [{ type: 'file_search' }],
      tool_resources: { file_search: { vector_stores: [{ file_ids: [fileId], metadata: { team: 'hr' } }] } },
    });
    const [storeId] = assistant.tool_resources?.file_search?.vector_store_ids ?? [];
    assert.match(storeId ?? '', /^vs_/);
    const store = openaiMock.state.vectorStores.get(storeId ?? '');
    assert.equal(store?.status, 'completed');
    assert.deepEqual(store?.file_counts, { in_progress: 0, completed: 1, failed: 0, cancelled: 0, total: 1 });
    assert.deepEqual(store?.metadata, { team: 'hr' });
    assert.equal(openaiMock.state.vectorStores.files.of(storeId ?? '').get(fileId)?.status, 'completed');
  });

  it('takes a file uploaded through files.create', async () => {
    const { client, openaiMock } = mockedClient();
    const file = await client.files.create({ file: await toFile(Buffer.from('Leave: 25 days a year.'), 'handbook.md'), purpose: 'assistants' });
    const assistant = await client.beta.assistants.create({
      model: 'gpt-4o', tools: [{ type: 'file_search' }], tool_resources: { file_search: { vector_stores: [{ file_ids: [file.id] }] } },
    });
    const storeId = assistant.tool_resources?.file_search?.vector_store_ids?.[0] ?? '';
    assert.equal(openaiMock.state.vectorStores.get(storeId)?.usage_bytes, file.bytes);
    assert.equal((await client.beta.assistants.retrieve(assistant.id)).tool_resources?.file_search?.vector_store_ids?.[0], storeId);
  });

  it('refuses tool resources naming missing files or vector stores, or more than one vector store', async () => {
    const { client, openaiMock } = mockedClient();
    await assert.rejects(
      client.beta.assistants.create({ model: 'gpt-4o', tool_resources: { file_search: { vector_stores: [{ file_ids: ['file-missing'] }] } } }),
      (error: unknown) => error instanceof OpenAI.NotFoundError && /file-missing/.test(error.message),
    );
    await assert.rejects(
      client.beta.assistants.create({ model: 'gpt-4o', tool_resources: { code_interpreter: { file_ids: ['file-nope'] } } }),
      OpenAI.NotFoundError,
    );
    await assert.rejects(
      client.beta.assistants.create({ model: 'gpt-4o', tool_resources: { file_search: { vector_store_ids: ['vs_missing'] } } }),
      OpenAI.NotFoundError,
    );
    const fileId = putFile(openaiMock, 'a');
    await assert.rejects(
      client.beta.assistants.create({ model: 'gpt-4o', tool_resources: { file_search: { vector_stores: [{ file_ids: [fileId] }, { file_ids: [fileId] }] } } }),
      OpenAI.BadRequestError,
    );
    assert.equal(openaiMock.state.vectorStores.size, 0, 'a refused request creates no vector store');
    assert.equal(openaiMock.state.beta.assistants.size, 0);
  });

  it('answers 400 without a model, and lets a partial response win', async () => {
    const { client, openaiMock } = mockedClient();
    await assert.rejects(client.beta.assistants.create({} as OpenAI.Beta.AssistantCreateParams), OpenAI.BadRequestError);
    openaiMock.beta.assistants.create.response = { name: 'From the test' };
    const assistant = await client.beta.assistants.create({ model: 'gpt-4o', name: 'From the request' });
    assert.equal(assistant.name, 'From the test');
    assert.equal((await client.beta.assistants.retrieve(assistant.id)).name, 'From the test', 'what the route answered is stored');
  });
});

describe('beta.threads', () => {
  it('creates a thread with its messages and tool resources, retrieves, updates and deletes it', async () => {
    const { client, openaiMock } = mockedClient();
    const fileId = putFile(openaiMock, 'notes');
    const thread = await client.beta.threads.create({
      messages: [{ role: 'user', content: 'Hello' }, { role: 'assistant', content: [{ type: 'text', text: 'Hi!' }] }],
      metadata: { user: 'u1' },
      tool_resources: { file_search: { vector_stores: [{ file_ids: [fileId] }] } },
    });
    assert.match(thread.id, /^thread_/);
    assert.deepEqual(thread.metadata, { user: 'u1' });
    const storeId = thread.tool_resources?.file_search?.vector_store_ids?.[0] ?? '';
    assert.ok(openaiMock.state.vectorStores.has(storeId));

    const messages = await client.beta.threads.messages.list(thread.id, { order: 'asc' });
    assert.deepEqual(messages.data.map((m) => [m.role, m.content]), [
      ['user', [{ type: 'text', text: { value: 'Hello', annotations: [] } }]],
      ['assistant', [{ type: 'text', text: { value: 'Hi!', annotations: [] } }]],
    ]);

    assert.equal((await client.beta.threads.retrieve(thread.id)).id, thread.id);
    const updated = await client.beta.threads.update(thread.id, { metadata: { user: 'u2' } });
    assert.deepEqual(updated.metadata, { user: 'u2' });
    assert.deepEqual(updated.tool_resources, thread.tool_resources);

    assert.deepEqual(await client.beta.threads.delete(thread.id), { id: thread.id, object: 'thread.deleted', deleted: true });
    await assert.rejects(client.beta.threads.retrieve(thread.id), OpenAI.NotFoundError);
    await assert.rejects(client.beta.threads.messages.list(thread.id), OpenAI.NotFoundError);
  });

  it('creates an empty thread without a body', async () => {
    const { client } = mockedClient();
    const thread = await client.beta.threads.create();
    assert.deepEqual([thread.object, thread.metadata, thread.tool_resources], ['thread', {}, {}]);
  });

  it('refuses a message with an unknown role, leaving no thread behind', async () => {
    const { client, openaiMock } = mockedClient();
    await assert.rejects(
      client.beta.threads.create({ messages: [{ role: 'system' as 'user', content: 'x' }] }),
      (error: unknown) => error instanceof OpenAI.BadRequestError && error.param === 'messages[0].role',
    );
    assert.equal(openaiMock.state.beta.threads.size, 0);
  });
});

describe('beta.threads.messages', () => {
  it('creates, retrieves, updates, lists and deletes messages within their thread', async () => {
    const { client, openaiMock } = mockedClient();
    const thread = await client.beta.threads.create();
    const message = await client.beta.threads.messages.create(thread.id, { role: 'user', content: 'Hello!', metadata: { n: '1' } });
    assert.match(message.id, /^msg_/);
    assert.deepEqual([message.thread_id, message.role, message.status, message.run_id, message.assistant_id], [thread.id, 'user', 'completed', null, null]);

    const found = await client.beta.threads.messages.retrieve(message.id, { thread_id: thread.id });
    assert.deepEqual(found, message);
    const updated = await client.beta.threads.messages.update(message.id, { thread_id: thread.id, metadata: { n: '2' } });
    assert.deepEqual(updated.metadata, { n: '2' });

    for (let i = 0; i < 9; i++) await client.beta.threads.messages.create(thread.id, { role: 'user', content: `m${i}` });
    const page = await client.beta.threads.messages.list(thread.id, { limit: 5 });
    assert.equal(page.data.length, 5);
    assert.equal(page.hasNextPage(), true);
    let count = 0;
    for await (const _ of client.beta.threads.messages.list(thread.id, { limit: 3 })) count++;
    assert.equal(count, 10);

    const gone = await client.beta.threads.messages.delete(message.id, { thread_id: thread.id });
    assert.deepEqual(gone, { id: message.id, object: 'thread.message.deleted', deleted: true });
    await assert.rejects(client.beta.threads.messages.retrieve(message.id, { thread_id: thread.id }), OpenAI.NotFoundError);
    assert.equal(openaiMock.beta.threads.messages.create.calls.length, 10);
  });

  it('answers 404 for a message of another thread', async () => {
    const { client } = mockedClient();
    const one = await client.beta.threads.create();
    const other = await client.beta.threads.create();
    const message = await client.beta.threads.messages.create(one.id, { role: 'user', content: 'mine' });
    await assert.rejects(client.beta.threads.messages.retrieve(message.id, { thread_id: other.id }), OpenAI.NotFoundError);
    await assert.rejects(client.beta.threads.messages.update(message.id, { thread_id: other.id, metadata: {} }), OpenAI.NotFoundError);
    await assert.rejects(client.beta.threads.messages.delete(message.id, { thread_id: other.id }), OpenAI.NotFoundError);
    await assert.rejects(client.beta.threads.messages.create('thread_missing', { role: 'user', content: 'x' }), OpenAI.NotFoundError);
  });

  it('keeps image and text parts, and checks attachments name stored files', async () => {
    const { client, openaiMock } = mockedClient();
    const thread = await client.beta.threads.create();
    const message = await client.beta.threads.messages.create(thread.id, {
      role: 'user',
      content: [{ type: 'text', text: 'Look' }, { type: 'image_url', image_url: { url: 'https://example.com/a.png' } }],
    });
    assert.deepEqual(message.content, [
      { type: 'text', text: { value: 'Look', annotations: [] } },
      { type: 'image_url', image_url: { url: 'https://example.com/a.png' } },
    ]);
    await assert.rejects(
      client.beta.threads.messages.create(thread.id, { role: 'user', content: 'x', attachments: [{ file_id: 'file-missing', tools: [{ type: 'file_search' }] }] }),
      OpenAI.NotFoundError,
    );
    const fileId = putFile(openaiMock, 'doc');
    const attached = await client.beta.threads.messages.create(thread.id, { role: 'user', content: 'x', attachments: [{ file_id: fileId, tools: [{ type: 'file_search' }] }] });
    assert.equal(attached.attachments?.[0]?.file_id, fileId);
  });
});
