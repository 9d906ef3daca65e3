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

describe('skills and skill versions', () => {
  const manifest = (name: string, description: string) => toFile(Buffer.from(`---\nname: ${name}\ndescription: ${description}\n---\nSteps.\n`), 'SKILL.md');

  it('names a skill from its SKILL.md, numbers versions, and downloads a version as a ZIP', async () => {
    const { client } = mockedClient();
    const skill = await client.skills.create({ files: [await manifest('csv-tools', 'Reads CSV files')] });
    assert.match(skill.id, /^skill_/);
    assert.deepEqual([skill.name, skill.description, skill.default_version, skill.latest_version], ['csv-tools', 'Reads CSV files', '1', '1']);
    const second = await client.skills.versions.create(skill.id, { files: [await manifest('csv-tools', 'Reads and writes CSV')] });
    assert.equal(second.version, '2');
    assert.equal((await client.skills.retrieve(skill.id)).latest_version, '2');
    const updated = await client.skills.update(skill.id, { default_version: '2' });
    assert.deepEqual([updated.default_version, updated.description], ['2', 'Reads and writes CSV']);
    const zip = Buffer.from(await (await client.skills.content.retrieve(skill.id)).arrayBuffer());
    assert.equal(zip.subarray(0, 4).toString('hex'), '504b0304');
    assert.ok(zip.includes('Reads and writes CSV'));
    const versions = await client.skills.versions.list(skill.id);
    assert.deepEqual(versions.data.map((v) => v.version).sort(), ['1', '2']);
    await assert.rejects(client.skills.versions.delete('2', { skill_id: skill.id }), OpenAI.BadRequestError);
    assert.equal((await client.skills.versions.delete('1', { skill_id: skill.id })).deleted, true);
    await assert.rejects(client.skills.versions.retrieve('1', { skill_id: skill.id }), OpenAI.NotFoundError);
    assert.deepEqual(await client.skills.delete(skill.id), { id: skill.id, object: 'skill.deleted', deleted: true });
  });
});
