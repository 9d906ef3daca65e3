import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import OpenAI, { toFile } from 'openai';
import { mockedClient } from '../../support/client.js';

const pieces = ['{"a": 1}\n', '{"b": "ü"}\n', '{"c": [3]}\n'].map((piece) => Buffer.from(piece));
const whole = Buffer.concat(pieces);

async function startUpload(client: OpenAI, bytes = whole.byteLength) {
  return client.uploads.create({ bytes, filename: 'train.jsonl', mime_type: 'application/jsonl', purpose: 'fine-tune' });
}

async function addParts(client: OpenAI, uploadId: string) {
  const parts = [];
  for (const piece of pieces) parts.push(await client.uploads.parts.create(uploadId, { data: await toFile(piece, 'part') }));
  return parts;
}

describe('uploads', () => {
  it('creates a pending upload that expires an hour later', async () => {
    const { client } = mockedClient();
    const upload = await startUpload(client);
    assert.match(upload.id, /^upload_/);
    assert.equal(upload.object, 'upload');
    assert.equal(upload.status, 'pending');
    assert.equal(upload.bytes, whole.byteLength);
    assert.equal(upload.filename, 'train.jsonl');
    assert.equal(upload.purpose, 'fine-tune');
    assert.equal(upload.expires_at, upload.created_at + 3600);
  });

  it('assembles three parts, in the order given, into a real file whose content is retrievable', async () => {
    const { client } = mockedClient();
    const upload = await startUpload(client);
    const parts = await addParts(client, upload.id);
    assert.ok(parts.every((part) => part.object === 'upload.part' && part.upload_id === upload.id && part.id.startsWith('part_')));
    const done = await client.uploads.complete(upload.id, { part_ids: parts.map((part) => part.id) });
    assert.equal(done.status, 'completed');
    const file = done.file;
    assert.ok(file);
    assert.equal(file.bytes, whole.byteLength);
    assert.equal(file.filename, 'train.jsonl');
    assert.equal(file.purpose, 'fine-tune');
    assert.deepEqual(await client.files.retrieve(file.id), file);
    assert.deepEqual(Buffer.from(await (await client.files.content(file.id)).arrayBuffer()), whole);
  });

  it('follows the order of part_ids, not the order the parts arrived in', async () => {
    const { client } = mockedClient();
    const upload = await startUpload(client);
    const parts = await addParts(client, upload.id);
    const done = await client.uploads.complete(upload.id, { part_ids: [parts[2]!.id, parts[0]!.id, parts[1]!.id] });
    const content = Buffer.from(await (await client.files.content(done.file!.id)).arrayBuffer());
    assert.deepEqual(content, Buffer.concat([pieces[2]!, pieces[0]!, pieces[1]!]));
  });

  it('checks md5 when given', async () => {
    const { client } = mockedClient();
    const upload = await startUpload(client);
    const ids = (await addParts(client, upload.id)).map((part) => part.id);
    await assert.rejects(client.uploads.complete(upload.id, { part_ids: ids, md5: '0'.repeat(32) }), OpenAI.BadRequestError);
    const md5 = createHash('md5').update(whole).digest('hex');
    assert.equal((await client.uploads.complete(upload.id, { part_ids: ids, md5 })).status, 'completed');
  });

  it('refuses a completion whose bytes differ from the upload, or that names a part of another upload', async () => {
    const { client } = mockedClient();
    const upload = await startUpload(client, whole.byteLength + 1);
    const ids = (await addParts(client, upload.id)).map((part) => part.id);
    await assert.rejects(client.uploads.complete(upload.id, { part_ids: ids }), (error: unknown) => {
      assert.ok(error instanceof OpenAI.BadRequestError);
      assert.match(error.message, /does not match/);
      return true;
    });
    const other = await startUpload(client);
    const foreign = await addParts(client, other.id);
    await assert.rejects(client.uploads.complete(upload.id, { part_ids: [foreign[0]!.id] }), OpenAI.BadRequestError);
    assert.equal((await client.files.list()).data.length, 0);
  });

  it('takes no parts and no second completion once completed', async () => {
    const { client } = mockedClient();
    const upload = await startUpload(client);
    const ids = (await addParts(client, upload.id)).map((part) => part.id);
    await client.uploads.complete(upload.id, { part_ids: ids });
    await assert.rejects(client.uploads.parts.create(upload.id, { data: await toFile(Buffer.from('x'), 'x') }), OpenAI.BadRequestError);
    await assert.rejects(client.uploads.complete(upload.id, { part_ids: ids }), OpenAI.BadRequestError);
    await assert.rejects(client.uploads.cancel(upload.id), OpenAI.BadRequestError);
    assert.equal((await client.files.list()).data.length, 1);
  });

  it('cancels a pending upload, after which it takes nothing more', async () => {
    const { client } = mockedClient();
    const upload = await startUpload(client);
    const parts = await addParts(client, upload.id);
    const cancelled = await client.uploads.cancel(upload.id);
    assert.equal(cancelled.status, 'cancelled');
    await assert.rejects(client.uploads.complete(upload.id, { part_ids: parts.map((part) => part.id) }), OpenAI.BadRequestError);
    await assert.rejects(client.uploads.cancel(upload.id), OpenAI.BadRequestError);
  });

  it('answers 404 for an unknown upload on every route', async () => {
    const { client } = mockedClient();
    await assert.rejects(client.uploads.parts.create('upload_missing', { data: await toFile(Buffer.from('x'), 'x') }), OpenAI.NotFoundError);
    await assert.rejects(client.uploads.complete('upload_missing', { part_ids: [] }), OpenAI.NotFoundError);
    await assert.rejects(client.uploads.cancel('upload_missing'), OpenAI.NotFoundError);
  });

  it('refuses an unknown purpose and a batch upload that is not .jsonl', async () => {
    const { client } = mockedClient();
    await assert.rejects(
      client.uploads.create({ bytes: 1, filename: 'a.txt', mime_type: 'text/plain', purpose: 'nope' as OpenAI.FilePurpose }),
      OpenAI.BadRequestError,
    );
    await assert.rejects(
      client.uploads.create({ bytes: 1, filename: 'a.txt', mime_type: 'text/plain', purpose: 'batch' }),
      OpenAI.BadRequestError,
    );
  });
});
