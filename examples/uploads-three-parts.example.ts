// A large file sent as an Upload in three parts: the parts are assembled, in the order given to `complete`,
// into a real file whose content reads back exactly.
import assert from 'node:assert/strict';
import OpenAI, { toFile } from 'openai';
import { OpenAIMock, createMockFetch } from '../lib/index.js';

describe('uploads', () => {
  it('uploads a file in three parts', async () => {
    const openaiMock = new OpenAIMock();
    const client = new OpenAI({ apiKey: 'sk-fake', fetch: createMockFetch(openaiMock) });
    const lines = Array.from({ length: 300 }, (_, i) => JSON.stringify({ messages: [{ role: 'user', content: `question ${i}` }, { role: 'assistant', content: `answer ${i}` }] }));
    const content = Buffer.from(lines.join('\n') + '\n');
    const third = Math.ceil(content.byteLength / 3);
    const chunks = [content.subarray(0, third), content.subarray(third, 2 * third), content.subarray(2 * third)];

    const upload = await client.uploads.create({ bytes: content.byteLength, filename: 'training.jsonl', mime_type: 'application/jsonl', purpose: 'fine-tune' });
    const parts = [];
    for (const chunk of chunks) parts.push(await client.uploads.parts.create(upload.id, { data: await toFile(chunk, 'part') }));
    const completed = await client.uploads.complete(upload.id, { part_ids: parts.map((part) => part.id) });

    assert.equal(completed.status, 'completed');
    assert.equal(completed.file?.bytes, content.byteLength);
    const readBack = Buffer.from(await (await client.files.content(completed.file!.id)).arrayBuffer());
    assert.ok(readBack.equals(content));
    assert.equal(openaiMock.uploads.parts.create.calls.length, 3);
  });
});
