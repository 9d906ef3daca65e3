import assert from 'node:assert/strict';
import OpenAI, { toFile } from 'openai';
import { lifecycle } from '../../../lib/index.js';
import { mockedClient } from '../../support/client.js';

async function upload(client: OpenAI, content: string, name = 'doc.txt') {
  return client.files.create({ file: await toFile(Buffer.from(content), name), purpose: 'assistants' });
}

describe('vectorStores', () => {
  it('creates, retrieves, updates (stored), lists and deletes a vector store', async () => {
    const { client } = mockedClient();
    const store = await client.vectorStores.create({ name: 'Support FAQ', metadata: { team: 'support' } });
    assert.match(store.id, /^vs_/);
    assert.equal(store.object, 'vector_store');
    assert.equal(store.name, 'Support FAQ');
    assert.equal(store.status, 'completed');
    assert.equal(store.usage_bytes, 0);
    assert.deepEqual(store.file_counts, { in_progress: 0, completed: 0, failed: 0, cancelled: 0, total: 0 });
    assert.deepEqual(store.metadata, { team: 'support' });

    const updated = await client.vectorStores.update(store.id, { name: 'Help Center', expires_after: { anchor: 'last_active_at', days: 7 } });
    assert.equal(updated.name, 'Help Center');
    const again = await client.vectorStores.retrieve(store.id);
    assert.equal(again.name, 'Help Center');
    assert.deepEqual(again.expires_after, { anchor: 'last_active_at', days: 7 });
    assert.equal(again.expires_at, (updated.last_active_at ?? 0) + 7 * 86_400);
    assert.deepEqual(again.metadata, { team: 'support' });

    const other = await client.vectorStores.create({ name: 'Other' });
    assert.deepEqual((await client.vectorStores.list()).data.map((s) => s.id), [other.id, store.id]);
    assert.deepEqual(await client.vectorStores.delete(store.id), { id: store.id, object: 'vector_store.deleted', deleted: true });
    assert.deepEqual((await client.vectorStores.list()).data.map((s) => s.id), [other.id]);
    await assert.rejects(client.vectorStores.retrieve(store.id), OpenAI.NotFoundError);
    await assert.rejects(client.vectorStores.delete(store.id), OpenAI.NotFoundError);
    await assert.rejects(client.vectorStores.update(store.id, { name: 'x' }), OpenAI.NotFoundError);
  });

  it('attaches file_ids on create: in_progress at first, completed from the next read, usage_bytes the files\' bytes', async () => {
    const { client } = mockedClient();
    const a = await upload(client, 'alpha');
    const b = await upload(client, 'beta ✓');
    const store = await client.vectorStores.create({ name: 'KB', file_ids: [a.id, b.id] });
    assert.equal(store.status, 'in_progress');
    assert.equal(store.file_counts.in_progress, 2);
    const read = await client.vectorStores.retrieve(store.id);
    assert.equal(read.status, 'completed');
    assert.deepEqual(read.file_counts, { in_progress: 0, completed: 2, failed: 0, cancelled: 0, total: 2 });
    assert.equal(read.usage_bytes, a.bytes + b.bytes);
  });

  it('refuses file_ids it does not hold, creating nothing', async () => {
    const { client } = mockedClient();
    await assert.rejects(client.vectorStores.create({ file_ids: ['file-missing'] }), OpenAI.NotFoundError);
    assert.equal((await client.vectorStores.list()).data.length, 0);
  });

  it('keeps the same file in two stores as two independent records', async () => {
    const { client } = mockedClient();
    const file = await upload(client, 'shared content');
    const one = await client.vectorStores.create({ name: 'one' });
    const two = await client.vectorStores.create({ name: 'two' });
    await client.vectorStores.files.createAndPoll(one.id, { file_id: file.id, attributes: { store: 'one' } });
    await client.vectorStores.files.createAndPoll(two.id, { file_id: file.id, attributes: { store: 'two' } });
    await client.vectorStores.files.update(file.id, { vector_store_id: one.id, attributes: { store: 'one', edited: true } });
    const inOne = await client.vectorStores.files.retrieve(file.id, { vector_store_id: one.id });
    const inTwo = await client.vectorStores.files.retrieve(file.id, { vector_store_id: two.id });
    assert.deepEqual(inOne.attributes, { store: 'one', edited: true });
    assert.deepEqual(inTwo.attributes, { store: 'two' });
    assert.equal(inOne.vector_store_id, one.id);
    assert.equal(inTwo.vector_store_id, two.id);
    await client.vectorStores.files.delete(file.id, { vector_store_id: one.id });
    await assert.rejects(client.vectorStores.files.retrieve(file.id, { vector_store_id: one.id }), OpenAI.NotFoundError);
    assert.equal((await client.vectorStores.files.retrieve(file.id, { vector_store_id: two.id })).status, 'completed');
    assert.equal((await client.vectorStores.retrieve(one.id)).file_counts.total, 0);
    assert.equal((await client.vectorStores.retrieve(two.id)).file_counts.total, 1);
    assert.equal((await client.files.retrieve(file.id)).id, file.id, 'removing from a store keeps the file');
  });

  it('keeps file_counts and usage_bytes true as files come and go, and files.delete removes a file from every store', async () => {
    const { client } = mockedClient();
    const store = await client.vectorStores.create({ name: 'counts' });
    const other = await client.vectorStores.create({ name: 'other' });
    const files = [await upload(client, 'aaaa'), await upload(client, 'bbbbbbbb'), await upload(client, 'cc')];
    for (const file of files) await client.vectorStores.files.createAndPoll(store.id, { file_id: file.id });
    await client.vectorStores.files.createAndPoll(other.id, { file_id: files[0]!.id });
    let current = await client.vectorStores.retrieve(store.id);
    assert.equal(current.file_counts.completed, 3);
    assert.equal(current.usage_bytes, 14);
    await client.vectorStores.files.delete(files[1]!.id, { vector_store_id: store.id });
    current = await client.vectorStores.retrieve(store.id);
    assert.deepEqual([current.file_counts.completed, current.file_counts.total, current.usage_bytes], [2, 2, 6]);
    await client.files.delete(files[0]!.id);
    current = await client.vectorStores.retrieve(store.id);
    assert.deepEqual([current.file_counts.completed, current.file_counts.total, current.usage_bytes], [1, 1, 2]);
    const otherNow = await client.vectorStores.retrieve(other.id);
    assert.deepEqual([otherNow.file_counts.total, otherNow.usage_bytes], [0, 0]);
    assert.deepEqual((await client.vectorStores.files.list(store.id)).data.map((f) => f.id), [files[2]!.id]);
  });

  it('createAndPoll and uploadAndPoll see in_progress, then completed, without waiting', async () => {
    const { client, openaiMock } = mockedClient();
    const store = await client.vectorStores.create({ name: 'poll' });
    lifecycle(openaiMock).vectorStoreFiles.readsToComplete = 3;
    const started = Date.now();
    const file = await client.vectorStores.files.uploadAndPoll(store.id, await toFile(Buffer.from('hello'), 'hello.md'));
    const created = await client.vectorStores.files.createAndPoll(store.id, { file_id: (await upload(client, 'x')).id });
    assert.equal(file.status, 'completed');
    assert.equal(created.status, 'completed');
    assert.ok(Date.now() - started < 2000, 'polling never sleeps its default 5 s');
    assert.ok(openaiMock.vectorStores.files.retrieve.calls.length >= 6);
    const polled = openaiMock.vectorStores.files.retrieve.calls[0]!;
    assert.equal(polled.response.headers.get('openai-poll-after-ms'), '0');
    assert.equal(openaiMock.vectorStores.files.create.calls[0]?.response.headers.get('openai-poll-after-ms'), '0');
  });

  it('readsToComplete 0 attaches files completed at once', async () => {
    const { client, openaiMock } = mockedClient();
    lifecycle(openaiMock).vectorStoreFiles.readsToComplete = 0;
    const file = await upload(client, 'now');
    const store = await client.vectorStores.create({ file_ids: [file.id] });
    assert.equal(store.status, 'completed');
    assert.equal(store.file_counts.completed, 1);
  });

  it('fails a file file_search cannot parse, with last_error, counted as failed', async () => {
    const { client } = mockedClient();
    const store = await client.vectorStores.create({ name: 'x' });
    const file = await client.vectorStores.files.uploadAndPoll(store.id, await toFile(Buffer.from([0, 1, 2]), 'image.exe'));
    assert.equal(file.status, 'failed');
    assert.equal(file.last_error?.code, 'unsupported_file');
    const current = await client.vectorStores.retrieve(store.id);
    assert.deepEqual([current.file_counts.failed, current.usage_bytes], [1, 0]);
    assert.deepEqual((await client.vectorStores.files.list(store.id, { filter: 'failed' })).data.map((f) => f.id), [file.id]);
    assert.deepEqual((await client.vectorStores.files.list(store.id, { filter: 'completed' })).data, []);
  });

  it('answers 404 for a missing store, a file not in the store, and a missing file', async () => {
    const { client } = mockedClient();
    const store = await client.vectorStores.create({ name: 'x' });
    const file = await upload(client, 'abc');
    await assert.rejects(client.vectorStores.files.create('vs_missing', { file_id: file.id }), OpenAI.NotFoundError);
    await assert.rejects(client.vectorStores.files.create(store.id, { file_id: 'file-missing' }), OpenAI.NotFoundError);
    await assert.rejects(client.vectorStores.files.retrieve(file.id, { vector_store_id: store.id }), (error: unknown) => {
      assert.ok(error instanceof OpenAI.NotFoundError);
      assert.match(error.message, /in vector store/);
      return true;
    });
    await assert.rejects(client.vectorStores.files.delete(file.id, { vector_store_id: store.id }), OpenAI.NotFoundError);
    await assert.rejects(client.vectorStores.files.list('vs_missing'), OpenAI.NotFoundError);
    await assert.rejects(client.vectorStores.files.content(file.id, { vector_store_id: store.id }), OpenAI.NotFoundError);
    await assert.rejects(client.vectorStores.search('vs_missing', { query: 'x' }), OpenAI.NotFoundError);
  });

  it('returns a vector-store file\'s parsed content', async () => {
    const { client } = mockedClient();
    const store = await client.vectorStores.create({ name: 'x' });
    const file = await client.vectorStores.files.uploadAndPoll(store.id, await toFile(Buffer.from('Line one.\nLine two.'), 'notes.txt'));
    const content = await client.vectorStores.files.content(file.id, { vector_store_id: store.id });
    assert.deepEqual(content.data, [{ type: 'text', text: 'Line one.\nLine two.' }]);
  });

  it('deleting a store drops its files and batches, not the files themselves', async () => {
    const { client } = mockedClient();
    const file = await upload(client, 'abc');
    const store = await client.vectorStores.create({ file_ids: [file.id] });
    await client.vectorStores.delete(store.id);
    await assert.rejects(client.vectorStores.files.list(store.id), OpenAI.NotFoundError);
    assert.equal((await client.files.retrieve(file.id)).id, file.id);
    await client.files.delete(file.id);
  });

  it('refuses a bad chunking strategy and keeps a static one on the file', async () => {
    const { client } = mockedClient();
    const store = await client.vectorStores.create({ name: 'x' });
    const file = await upload(client, 'abc');
    await assert.rejects(
      client.vectorStores.files.create(store.id, { file_id: file.id, chunking_strategy: { type: 'static', static: { max_chunk_size_tokens: 50, chunk_overlap_tokens: 0 } } }),
      OpenAI.BadRequestError,
    );
    const attached = await client.vectorStores.files.create(store.id, {
      file_id: file.id,
      chunking_strategy: { type: 'static', static: { max_chunk_size_tokens: 200, chunk_overlap_tokens: 50 } },
    });
    assert.deepEqual(attached.chunking_strategy, { type: 'static', static: { max_chunk_size_tokens: 200, chunk_overlap_tokens: 50 } });
  });
});

describe('vectorStores.fileBatches', () => {
  it('creates a batch of files, counted together, done on the next read', async () => {
    const { client } = mockedClient();
    const store = await client.vectorStores.create({ name: 'Support FAQ' });
    const files = [await upload(client, 'one'), await upload(client, 'two')];
    const batch = await client.vectorStores.fileBatches.create(store.id, { file_ids: files.map((f) => f.id), attributes: { source: 'faq' } });
    assert.match(batch.id, /^vsfb_/);
    assert.equal(batch.object, 'vector_store.files_batch');
    assert.equal(batch.vector_store_id, store.id);
    assert.equal(batch.status, 'in_progress');
    assert.deepEqual(batch.file_counts, { in_progress: 2, completed: 0, failed: 0, cancelled: 0, total: 2 });
    const found = await client.vectorStores.fileBatches.retrieve(batch.id, { vector_store_id: store.id });
    assert.equal(found.status, 'completed');
    assert.equal(found.file_counts.completed, 2);
    const listed = await client.vectorStores.fileBatches.listFiles(batch.id, { vector_store_id: store.id });
    assert.deepEqual(new Set(listed.data.map((f) => f.id)), new Set(files.map((f) => f.id)));
    assert.ok(listed.data.every((f) => f.attributes?.['source'] === 'faq'));
  });

  it('takes per-file attributes with files, and refuses file_ids with files', async () => {
    const { client } = mockedClient();
    const store = await client.vectorStores.create({ name: 'x' });
    const [a, b] = [await upload(client, 'a'), await upload(client, 'b')];
    const batch = await client.vectorStores.fileBatches.createAndPoll(store.id, {
      files: [{ file_id: a.id, attributes: { n: 1 } }, { file_id: b.id, attributes: { n: 2 } }],
    });
    assert.equal(batch.status, 'completed');
    const attrs = (await client.vectorStores.files.list(store.id, { order: 'asc' })).data.map((f) => f.attributes?.['n']);
    assert.deepEqual(attrs, [1, 2]);
    await assert.rejects(
      client.vectorStores.fileBatches.create(store.id, { file_ids: [a.id], files: [{ file_id: b.id }] }),
      OpenAI.BadRequestError,
    );
  });

  it('uploadAndPoll uploads, batches and polls without waiting', async () => {
    const { client, openaiMock } = mockedClient();
    const store = await client.vectorStores.create({ name: 'x' });
    lifecycle(openaiMock).vectorStoreFiles.readsToComplete = 2;
    const started = Date.now();
    const batch = await client.vectorStores.fileBatches.uploadAndPoll(store.id, {
      files: [await toFile(Buffer.from('first'), 'a.txt'), await toFile(Buffer.from('second'), 'b.txt')],
    });
    assert.ok(Date.now() - started < 2000);
    assert.equal(batch.status, 'completed');
    assert.equal(batch.file_counts.completed, 2);
    assert.equal(openaiMock.files.create.calls.length, 2);
    assert.equal(openaiMock.vectorStores.fileBatches.retrieve.calls.length, 2);
  });

  it('cancels a batch in progress: its files are cancelled and counted so', async () => {
    const { client } = mockedClient();
    const store = await client.vectorStores.create({ name: 'x' });
    const file = await upload(client, 'abc');
    const batch = await client.vectorStores.fileBatches.create(store.id, { file_ids: [file.id] });
    const cancelled = await client.vectorStores.fileBatches.cancel(batch.id, { vector_store_id: store.id });
    assert.equal(cancelled.status, 'cancelled');
    assert.equal(cancelled.file_counts.cancelled, 1);
    const current = await client.vectorStores.retrieve(store.id);
    assert.deepEqual([current.file_counts.cancelled, current.file_counts.in_progress, current.status], [1, 0, 'completed']);
    assert.equal((await client.vectorStores.files.retrieve(file.id, { vector_store_id: store.id })).status, 'cancelled');
    await assert.rejects(client.vectorStores.fileBatches.cancel(batch.id, { vector_store_id: store.id }), OpenAI.BadRequestError);
  });

  it('lists a batch\'s files with filter and pages, and answers 404 for a missing batch', async () => {
    const { client } = mockedClient();
    const store = await client.vectorStores.create({ name: 'x' });
    const files = [];
    for (let i = 0; i < 5; i++) files.push(await upload(client, `file ${i}`, i === 4 ? 'bad.exe' : `f${i}.txt`));
    const batch = await client.vectorStores.fileBatches.createAndPoll(store.id, { file_ids: files.map((f) => f.id) });
    assert.deepEqual(batch.file_counts, { in_progress: 0, completed: 4, failed: 1, cancelled: 0, total: 5 });
    const seen: string[] = [];
    for await (const file of client.vectorStores.fileBatches.listFiles(batch.id, { vector_store_id: store.id, limit: 2, order: 'asc' })) seen.push(file.id);
    assert.deepEqual(seen, files.map((f) => f.id));
    const failed = await client.vectorStores.fileBatches.listFiles(batch.id, { vector_store_id: store.id, filter: 'failed' });
    assert.deepEqual(failed.data.map((f) => f.id), [files[4]!.id]);
    await assert.rejects(client.vectorStores.fileBatches.retrieve('vsfb_missing', { vector_store_id: store.id }), OpenAI.NotFoundError);
    await assert.rejects(client.vectorStores.fileBatches.listFiles('vsfb_missing', { vector_store_id: store.id }), OpenAI.NotFoundError);
    await assert.rejects(client.vectorStores.fileBatches.create('vs_missing', { file_ids: [files[0]!.id] }), OpenAI.NotFoundError);
  });
});
