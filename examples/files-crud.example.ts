// The Python library's files examples, ported: upload a file (from disk, as `open(..., "rb")` did), list,
// retrieve, delete and read its content back, byte for byte.
import assert from 'node:assert/strict';
import { createReadStream, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import OpenAI from 'openai';
import { OpenAIMock, createMockFetch } from '../lib/index.js';

const exampleJsonl = '{"messages": [{"role": "user", "content": "foo"}, {"role": "assistant", "content": "bar"}]}\n';
const dir = mkdtempSync(path.join(tmpdir(), 'openai-responses-files-'));
const examplePath = path.join(dir, 'example.jsonl');
writeFileSync(examplePath, exampleJsonl);

describe('files (ported from the Python library)', () => {
  let openaiMock: OpenAIMock;
  let client: OpenAI;
  after(() => rmSync(dir, { recursive: true, force: true }));
  beforeEach(() => {
    openaiMock = new OpenAIMock();
    client = new OpenAI({ apiKey: 'sk-fake123', fetch: createMockFetch(openaiMock) });
  });

  it('creates a file', async () => {
    const file = await client.files.create({ file: createReadStream(examplePath), purpose: 'fine-tune' });
    assert.equal(file.filename, 'example.jsonl');
    assert.equal(file.bytes, Buffer.byteLength(exampleJsonl));
    assert.equal(openaiMock.files.create.calls.length, 1);
  });

  it('lists files', async () => {
    for (let i = 0; i < 10; i++) await client.files.create({ file: createReadStream(examplePath), purpose: 'fine-tune' });
    const files = await client.files.list();
    assert.equal(files.data.length, 10);
    assert.equal(openaiMock.files.create.calls.length, 10);
    assert.equal(openaiMock.files.list.calls.length, 1);
  });

  it('retrieves a file', async () => {
    const file = await client.files.create({ file: createReadStream(examplePath), purpose: 'fine-tune' });
    const found = await client.files.retrieve(file.id);
    assert.equal(found.id, file.id);
    assert.equal(found.filename, 'example.jsonl');
    assert.equal(openaiMock.files.retrieve.calls.length, 1);
  });

  it('deletes a file, which is gone afterwards', async () => {
    const file = await client.files.create({ file: createReadStream(examplePath), purpose: 'fine-tune' });
    assert.equal((await client.files.delete(file.id)).deleted, true);
    await assert.rejects(client.files.retrieve(file.id), OpenAI.NotFoundError);
    assert.equal(openaiMock.files.delete.calls.length, 1);
  });

  it('retrieves the file content', async () => {
    const file = await client.files.create({ file: createReadStream(examplePath), purpose: 'fine-tune' });
    const content = await client.files.content(file.id);
    assert.equal(await content.text(), exampleJsonl);
  });
});
