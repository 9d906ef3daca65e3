// The Python library's vector store example, ported and carried on: create a store, rename it (the change
// is stored), list it, and delete it.
import assert from 'node:assert/strict';
import OpenAI from 'openai';
import { OpenAIMock, createMockFetch } from '../lib/index.js';

describe('vector stores (ported from the Python library)', () => {
  it('creates a vector store', async () => {
    const openaiMock = new OpenAIMock();
    const client = new OpenAI({ apiKey: 'sk-fake123', fetch: createMockFetch(openaiMock) });

    const vectorStore = await client.vectorStores.create({ name: 'Support FAQ' });

    assert.equal(vectorStore.name, 'Support FAQ');
    assert.equal(openaiMock.vectorStores.create.calls.length, 1);
  });

  it('updates, lists and deletes it', async () => {
    const openaiMock = new OpenAIMock();
    const client = new OpenAI({ apiKey: 'sk-fake123', fetch: createMockFetch(openaiMock) });
    const vectorStore = await client.vectorStores.create({ name: 'Support FAQ' });

    await client.vectorStores.update(vectorStore.id, { name: 'Support FAQ (2025)', metadata: { owner: 'support' } });
    const stored = await client.vectorStores.retrieve(vectorStore.id);
    assert.equal(stored.name, 'Support FAQ (2025)');
    assert.deepEqual(stored.metadata, { owner: 'support' });

    const listed = await client.vectorStores.list();
    assert.deepEqual(listed.data.map((store) => store.id), [vectorStore.id]);

    assert.equal((await client.vectorStores.delete(vectorStore.id)).deleted, true);
    await assert.rejects(client.vectorStores.retrieve(vectorStore.id), OpenAI.NotFoundError);
  });
});
