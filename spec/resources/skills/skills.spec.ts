import assert from 'node:assert/strict';
import OpenAI, { toFile } from 'openai';
import { mockedClient } from '../../support/client.js';

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

  it('pages skills with first_id and last_id, empty or not', async () => {
    const { openaiMock, client } = mockedClient();
    await client.skills.list();
    const first = await client.skills.create({ files: [await manifest('a', 'A')] });
    const second = await client.skills.create({ files: [await manifest('b', 'B')] });
    const page = await client.skills.list({ order: 'asc' });
    assert.deepEqual(page.data.map((s) => s.id), [first.id, second.id]);
    const bodies = await Promise.all(openaiMock.skills.list.calls.map((call) => call.response.json() as Promise<Record<string, unknown>>));
    assert.deepEqual(bodies.map((body) => [body['first_id'], body['last_id'], body['has_more']]), [[null, null, false], [first.id, second.id, false]]);
  });
});
