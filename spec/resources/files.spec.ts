import assert from 'node:assert/strict';
import { createReadStream, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import OpenAI, { toFile } from 'openai';
import { mockedClient } from '../support/client.js';

const text = 'héllo wörld ✓\n';

async function upload(client: OpenAI, content: string | Uint8Array, name = 'notes.txt', purpose: OpenAI.FilePurpose = 'user_data') {
  return client.files.create({ file: await toFile(typeof content === 'string' ? Buffer.from(content) : content, name), purpose });
}

describe('files', () => {
  it('creates a file whose bytes are the byte length of its content, processed at once', async () => {
    const { client } = mockedClient();
    const file = await upload(client, text, 'greeting.txt', 'assistants');
    assert.match(file.id, /^file-[A-Za-z0-9]{22}$/);
    assert.equal(file.object, 'file');
    assert.equal(file.filename, 'greeting.txt');
    assert.equal(file.purpose, 'assistants');
    assert.equal(file.status, 'processed');
    assert.equal(file.bytes, Buffer.byteLength(text));
    assert.notEqual(file.bytes, text.length);
    assert.ok(Math.abs(file.created_at - Date.now() / 1000) < 5);
  });

  it('keeps binary content exactly, from toFile, a File and fs.createReadStream', async () => {
    const { client } = mockedClient();
    const bytes = Uint8Array.from({ length: 1024 }, (_, at) => (at * 37 + 11) % 256);
    const dir = mkdtempSync(path.join(tmpdir(), 'openai-responses-'));
    const onDisk = path.join(dir, 'blob.bin');
    writeFileSync(onDisk, bytes);
    const files = [
      await client.files.create({ file: await toFile(bytes, 'a.bin'), purpose: 'user_data' }),
      await client.files.create({ file: new File([bytes], 'b.bin'), purpose: 'user_data' }),
      await client.files.create({ file: createReadStream(onDisk), purpose: 'user_data' }),
    ];
    rmSync(dir, { recursive: true, force: true });
    assert.deepEqual(files.map((file) => file.filename), ['a.bin', 'b.bin', 'blob.bin']);
    for (const file of files) {
      assert.equal(file.bytes, 1024);
      const content = await client.files.content(file.id);
      assert.equal(content.headers.get('content-type'), 'application/octet-stream');
      assert.deepEqual(new Uint8Array(await content.arrayBuffer()), bytes);
    }
  });

  it('takes a streamed upload (an async iterable of chunks)', async () => {
    const { client } = mockedClient();
    async function* chunks() {
      yield Buffer.from('line 1\n');
      yield Buffer.from('line 2\n');
    }
    const file = await client.files.create({ file: await toFile(chunks(), 'streamed.txt'), purpose: 'user_data' });
    assert.equal(file.bytes, 14);
    assert.equal(await (await client.files.content(file.id)).text(), 'line 1\nline 2\n');
  });

  it('records the multipart body as FormData in calls', async () => {
    const { client, openaiMock } = mockedClient();
    await upload(client, 'x', 'x.txt', 'vision');
    const body = openaiMock.files.create.calls[0]?.body;
    assert.ok(body instanceof FormData);
    assert.equal(body.get('purpose'), 'vision');
  });

  it('lets a partial win and stores what it answered', async () => {
    const { client, openaiMock } = mockedClient();
    openaiMock.files.create.response = { filename: 'renamed.txt' };
    const file = await upload(client, 'abc');
    assert.equal(file.filename, 'renamed.txt');
    assert.equal((await client.files.retrieve(file.id)).filename, 'renamed.txt');
  });

  it('sets expires_at from expires_after', async () => {
    const { client } = mockedClient();
    const file = await client.files.create({
      file: await toFile(Buffer.from('x'), 'x.txt'),
      purpose: 'user_data',
      expires_after: { anchor: 'created_at', seconds: 3600 },
    });
    assert.equal(file.expires_at, file.created_at + 3600);
  });

  it('rejects an unknown purpose and a batch file that is not .jsonl, as the API does', async () => {
    const { client } = mockedClient();
    await assert.rejects(upload(client, 'x', 'x.txt', 'nonsense' as OpenAI.FilePurpose), (error: unknown) => {
      assert.ok(error instanceof OpenAI.BadRequestError);
      assert.equal(error.param, 'purpose');
      return true;
    });
    await assert.rejects(upload(client, '{}', 'input.json', 'batch'), OpenAI.BadRequestError);
    assert.equal((await client.files.list()).data.length, 0);
  });

  it('retrieves a file by id and answers 404 in the API shape for an unknown one', async () => {
    const { client } = mockedClient();
    const file = await upload(client, 'abc');
    assert.deepEqual(await client.files.retrieve(file.id), file);
    await assert.rejects(client.files.retrieve('file-missing'), (error: unknown) => {
      assert.ok(error instanceof OpenAI.NotFoundError);
      assert.equal(error.status, 404);
      assert.match(error.message, /No such File object: file-missing/);
      assert.equal(error.type, 'invalid_request_error');
      return true;
    });
  });

  it('deletes a file and its content; a second delete and a read are 404s', async () => {
    const { client, openaiMock } = mockedClient();
    const file = await upload(client, 'secret');
    assert.deepEqual(await client.files.delete(file.id), { id: file.id, object: 'file', deleted: true });
    assert.equal(openaiMock.state.files.content.has(file.id), false);
    await assert.rejects(client.files.delete(file.id), OpenAI.NotFoundError);
    await assert.rejects(client.files.retrieve(file.id), OpenAI.NotFoundError);
    await assert.rejects(client.files.content(file.id), OpenAI.NotFoundError);
  });

  it('refuses to download a file of purpose assistants, as the API does', async () => {
    const { client } = mockedClient();
    const file = await upload(client, 'abc', 'a.txt', 'assistants');
    await assert.rejects(client.files.content(file.id), (error: unknown) => {
      assert.ok(error instanceof OpenAI.BadRequestError);
      assert.match(error.message, /Not allowed to download files of purpose: assistants/);
      return true;
    });
  });

  it('lists newest first by default, filters by purpose, and pages with limit, order and after', async () => {
    const { client } = mockedClient();
    const ids: string[] = [];
    for (let i = 0; i < 6; i++) ids.push((await upload(client, `f${i}`, `f${i}.txt`, i % 2 === 0 ? 'assistants' : 'user_data')).id);
    assert.deepEqual((await client.files.list()).data.map((f) => f.id), [...ids].reverse());
    const assistants = await client.files.list({ purpose: 'assistants' });
    assert.deepEqual(assistants.data.map((f) => f.id), [ids[4], ids[2], ids[0]]);
    assert.equal(assistants.has_more, false);
    const first = await client.files.list({ limit: 2, order: 'asc' });
    assert.deepEqual(first.data.map((f) => f.id), ids.slice(0, 2));
    assert.equal(first.has_more, true);
    const next = await client.files.list({ limit: 2, order: 'asc', after: ids[1]! });
    assert.deepEqual(next.data.map((f) => f.id), ids.slice(2, 4));
    const seen: string[] = [];
    for await (const file of client.files.list({ limit: 4, purpose: 'user_data', order: 'asc' })) seen.push(file.id);
    assert.deepEqual(seen, [ids[1], ids[3], ids[5]]);
  });

  it('answers 400 for a limit outside 1..10,000', async () => {
    const { client } = mockedClient();
    await assert.rejects(client.files.list({ limit: 0 }), OpenAI.BadRequestError);
    await assert.rejects(client.files.list({ limit: 10_001 }), OpenAI.BadRequestError);
  });

  it('waitForProcessing returns at once: files are processed when created', async () => {
    const { client, openaiMock } = mockedClient();
    const file = await upload(client, 'abc');
    const started = Date.now();
    const done = await client.files.waitForProcessing(file.id);
    assert.equal(done.status, 'processed');
    assert.ok(Date.now() - started < 1000);
    assert.equal(openaiMock.files.retrieve.calls.length, 1);
  });
});
