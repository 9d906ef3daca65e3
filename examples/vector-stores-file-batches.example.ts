// The Python library's vector store file batches examples, ported: create, retrieve, cancel and list the files
// of a file batch. A batch is `in_progress` when created and done from the next read (see `lifecycle`).
import assert from 'node:assert/strict';
import OpenAI, { toFile } from 'openai';
import { OpenAIMock, createMockFetch } from '../lib/index.js';

describe('vector store file batches (ported from the Python library)', () => {
  let openaiMock: OpenAIMock;
  let client: OpenAI;
  let vectorStore: OpenAI.VectorStores.VectorStore;
  let file: OpenAI.FileObject;
  beforeEach(async () => {
    openaiMock = new OpenAIMock();
    client = new OpenAI({ apiKey: 'sk-fake123', fetch: createMockFetch(openaiMock) });
    vectorStore = await client.vectorStores.create({ name: 'Support FAQ' });
    file = await client.files.create({ file: await toFile(Buffer.from('{"foo": "bar"}'), 'example.json'), purpose: 'assistants' });
  });

  it('creates a vector store file batch', async () => {
    const batch = await client.vectorStores.fileBatches.createAndPoll(vectorStore.id, { file_ids: [file.id] });

    assert.equal(batch.vector_store_id, vectorStore.id);
    assert.equal(batch.file_counts.completed, 1);
    assert.equal(openaiMock.vectorStores.fileBatches.create.calls.length, 1);
  });

  it('retrieves a vector store file batch', async () => {
    const batch = await client.vectorStores.fileBatches.create(vectorStore.id, { file_ids: [file.id] });

    const found = await client.vectorStores.fileBatches.retrieve(batch.id, { vector_store_id: vectorStore.id });

    assert.equal(found.id, batch.id);
    assert.equal(openaiMock.vectorStores.fileBatches.retrieve.calls.length, 1);
  });

  it('cancels a vector store file batch', async () => {
    const batch = await client.vectorStores.fileBatches.create(vectorStore.id, { file_ids: [file.id] });

    const cancelled = await client.vectorStores.fileBatches.cancel(batch.id, { vector_store_id: vectorStore.id });

    assert.equal(cancelled.id, batch.id);
    assert.equal(cancelled.status, 'cancelled');
    assert.equal(openaiMock.vectorStores.fileBatches.cancel.calls.length, 1);
  });

  it('lists the files of a vector store file batch', async () => {
    const batch = await client.vectorStores.fileBatches.create(vectorStore.id, { file_ids: [file.id] });

    const files = await client.vectorStores.fileBatches.listFiles(batch.id, { vector_store_id: vectorStore.id });

    assert.equal(files.data.length, 1);
    assert.equal(openaiMock.vectorStores.fileBatches.listFiles.calls.length, 1);
  });

  it('uploads several files as one batch and polls it, without waiting', async () => {
    const batch = await client.vectorStores.fileBatches.uploadAndPoll(vectorStore.id, {
      files: [await toFile(Buffer.from('Shipping: 3-5 days.'), 'shipping.md'), await toFile(Buffer.from('Returns: 30 days.'), 'returns.md')],
      fileIds: [file.id],
    });

    assert.equal(batch.status, 'completed');
    assert.equal(batch.file_counts.completed, 3);
  });
});
