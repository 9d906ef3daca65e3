import assert from 'node:assert/strict';
import OpenAI from 'openai';
import { mockedClient } from '../../support/client.js';

const isNotFound = (error: unknown): boolean => error instanceof OpenAI.NotFoundError;

describe('conversations', () => {
  it('creates with initial items and metadata, retrieves, updates and deletes', async () => {
    const { client } = mockedClient();
    const conversation = await client.conversations.create({
      metadata: { topic: 'demo' },
      items: [{ type: 'message', role: 'user', content: 'Hello!' }],
    });
    assert.match(conversation.id, /^conv_/);
    assert.equal(conversation.object, 'conversation');
    assert.deepEqual(conversation.metadata, { topic: 'demo' });
    assert.deepEqual((await client.conversations.retrieve(conversation.id)).metadata, { topic: 'demo' });
    const updated = await client.conversations.update(conversation.id, { metadata: { topic: 'changed' } });
    assert.deepEqual(updated.metadata, { topic: 'changed' });
    assert.deepEqual((await client.conversations.retrieve(conversation.id)).metadata, { topic: 'changed' });
    const items = await client.conversations.items.list(conversation.id);
    const first = items.data[0];
    assert.ok(first?.type === 'message');
    assert.match(first.id, /^msg_/);
    assert.deepEqual(first.content, [{ type: 'input_text', text: 'Hello!' }]);
    const deleted = await client.conversations.delete(conversation.id);
    assert.deepEqual(deleted, { id: conversation.id, object: 'conversation.deleted', deleted: true });
    await assert.rejects(client.conversations.retrieve(conversation.id), isNotFound);
    await assert.rejects(client.conversations.items.list(conversation.id).then((page) => page.data), isNotFound);
  });

  it('adds, retrieves and deletes items; unknown items are 404s', async () => {
    const { client } = mockedClient();
    const conversation = await client.conversations.create();
    const added = await client.conversations.items.create(conversation.id, {
      items: [{ role: 'user', content: 'Hi' }, { role: 'assistant', content: 'Hello! How can I help?' }],
    });
    assert.equal(added.data.length, 2);
    const [user, assistant] = added.data;
    assert.ok(assistant?.type === 'message');
    assert.deepEqual(assistant.content, [{ type: 'output_text', text: 'Hello! How can I help?', annotations: [], logprobs: [] }]);
    const found = await client.conversations.items.retrieve(user?.id ?? '', { conversation_id: conversation.id });
    assert.equal(found.id, user?.id);
    const after = await client.conversations.items.delete(user?.id ?? '', { conversation_id: conversation.id });
    assert.equal(after.id, conversation.id);
    await assert.rejects(client.conversations.items.retrieve(user?.id ?? '', { conversation_id: conversation.id }), isNotFound);
    await assert.rejects(client.conversations.items.delete('msg_missing', { conversation_id: conversation.id }), isNotFound);
    await assert.rejects(client.conversations.items.create('conv_missing', { items: [{ role: 'user', content: 'Hi' }] }), isNotFound);
  });

  it('refuses more than 20 items at once', async () => {
    const { client } = mockedClient();
    const items = Array.from({ length: 21 }, (_, index) => ({ role: 'user' as const, content: `Message ${index}` }));
    await assert.rejects(client.conversations.create({ items }), (error: unknown) => error instanceof OpenAI.BadRequestError && error.param === 'items');
  });

  it('pages items with after = last_id, in either order, and auto-pagination walks each item once', async () => {
    const { client } = mockedClient();
    const conversation = await client.conversations.create();
    const texts = Array.from({ length: 25 }, (_, index) => `Message ${index}`);
    for (let at = 0; at < texts.length; at += 10) {
      await client.conversations.items.create(conversation.id, { items: texts.slice(at, at + 10).map((content) => ({ role: 'user' as const, content })) });
    }
    const textOf = (item: OpenAI.Conversations.ConversationItem): string =>
      item.type === 'message' ? item.content.map((part) => ('text' in part ? part.text : '')).join('') : item.type;

    const firstPage = await client.conversations.items.list(conversation.id, { limit: 10 });
    assert.equal(firstPage.data.length, 10);
    assert.equal(firstPage.has_more, true);
    assert.equal(firstPage.last_id, firstPage.data[9]?.id);
    assert.equal(textOf(firstPage.data[0] as OpenAI.Conversations.ConversationItem), 'Message 24');

    const walked: string[] = [];
    for await (const item of client.conversations.items.list(conversation.id, { limit: 7, order: 'asc' })) walked.push(textOf(item));
    assert.deepEqual(walked, texts);
    const newestFirst: string[] = [];
    for await (const item of client.conversations.items.list(conversation.id, { limit: 4 })) newestFirst.push(textOf(item));
    assert.deepEqual(newestFirst, [...texts].reverse());
  });
});
