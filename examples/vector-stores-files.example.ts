// The Python library's vector store files example, ported: attach an uploaded file to a vector store.
// Then: the same file in a second store is a record of its own, and `uploadAndPoll` returns without waiting.
import assert from 'node:assert/strict';
import OpenAI, { toFile } from 'openai';
import { OpenAIMock, createMockFetch } from '../lib/index.js';

describe('vector store files (ported from the Python library)', () => {
  let openaiMock: OpenAIMock;
  let client: OpenAI;
  beforeEach(() => {
    openaiMock = new OpenAIMock();
    client = new OpenAI({ apiKey: 'sk-fake123', fetch: createMockFetch(openaiMock) });
  });

  it('creates a vector store file', async () => {
    const vectorStore = await client.vectorStores.create({ name: 'Support FAQ' });
    const file = await client.files.create({ file: await toFile(Buffer.from('{"foo": "bar"}'), 'example.json'), purpose: 'assistants' });

    const vectorStoreFile = await client.vectorStores.files.create(vectorStore.id, { file_id: file.id });

    assert.equal(vectorStoreFile.vector_store_id, vectorStore.id);
    assert.equal(vectorStoreFile.id, file.id);
    assert.equal(openaiMock.files.create.calls.length, 1);
    assert.equal(openaiMock.vectorStores.create.calls.length, 1);
    assert.equal(openaiMock.vectorStores.files.create.calls.length, 1);
  });

  it('keeps one record per store for a file in two stores', async () => {
    const faq = await client.vectorStores.create({ name: 'Support FAQ' });
    const archive = await client.vectorStores.create({ name: 'Archive' });
    const file = await client.files.create({ file: await toFile(Buffer.from('Refunds within 30 days.'), 'refunds.md'), purpose: 'assistants' });

    await client.vectorStores.files.createAndPoll(faq.id, { file_id: file.id, attributes: { lang: 'en' } });
    await client.vectorStores.files.createAndPoll(archive.id, { file_id: file.id });
    await client.vectorStores.files.delete(file.id, { vector_store_id: archive.id });

    const inFaq = await client.vectorStores.files.retrieve(file.id, { vector_store_id: faq.id });
    assert.equal(inFaq.status, 'completed');
    assert.deepEqual(inFaq.attributes, { lang: 'en' });
    assert.equal((await client.vectorStores.retrieve(faq.id)).file_counts.completed, 1);
    assert.equal((await client.vectorStores.retrieve(archive.id)).file_counts.total, 0);
  });

  it('uploads and polls without waiting', async () => {
    const vectorStore = await client.vectorStores.create({ name: 'Support FAQ' });

    const vectorStoreFile = await client.vectorStores.files.uploadAndPoll(vectorStore.id, await toFile(Buffer.from('# FAQ'), 'faq.md'));

    assert.equal(vectorStoreFile.status, 'completed');
    assert.equal((await client.vectorStores.retrieve(vectorStore.id)).usage_bytes, 5);
  });
});
