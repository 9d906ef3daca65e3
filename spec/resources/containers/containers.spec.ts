import assert from 'node:assert/strict';
import OpenAI, { toFile } from 'openai';
import { mockedClient } from '../../support/client.js';

describe('containers and container files', () => {
  it('creates, lists by name, retrieves and deletes containers', async () => {
    const { client } = mockedClient();
    const container = await client.containers.create({ name: 'sandbox' });
    assert.match(container.id, /^cntr_/);
    assert.deepEqual([container.object, container.status, container.name], ['container', 'running', 'sandbox']);
    await client.containers.create({ name: 'other' });
    assert.deepEqual((await client.containers.list({ name: 'sandbox' })).data.map((c) => c.id), [container.id]);
    assert.equal((await client.containers.retrieve(container.id)).name, 'sandbox');
    await client.containers.delete(container.id);
    await assert.rejects(client.containers.retrieve(container.id), OpenAI.NotFoundError);
  });

  it('keeps uploaded files and files copied from files.create, with their bytes', async () => {
    const { client } = mockedClient();
    const container = await client.containers.create({ name: 'sandbox' });
    const uploaded = await client.containers.files.create(container.id, { file: await toFile(Buffer.from('a,b\n1,2\n'), 'data.csv') });
    assert.match(uploaded.id, /^cfile_/);
    assert.deepEqual([uploaded.object, uploaded.path, uploaded.bytes, uploaded.container_id], ['container.file', '/mnt/data/data.csv', 8, container.id]);
    const file = await client.files.create({ file: await toFile(Buffer.from('print(1)'), 'main.py'), purpose: 'user_data' });
    const copied = await client.containers.files.create(container.id, { file_id: file.id });
    assert.equal(copied.path, '/mnt/data/main.py');
    const content = await client.containers.files.content.retrieve(uploaded.id, { container_id: container.id });
    assert.equal(await content.text(), 'a,b\n1,2\n');
    const listed = [];
    for await (const f of client.containers.files.list(container.id)) listed.push(f.id);
    assert.deepEqual(listed, [copied.id, uploaded.id]);
    await client.containers.files.delete(uploaded.id, { container_id: container.id });
    await assert.rejects(client.containers.files.retrieve(uploaded.id, { container_id: container.id }), OpenAI.NotFoundError);
    await assert.rejects(client.containers.files.list('cntr_missing'), OpenAI.NotFoundError);
  });
});
