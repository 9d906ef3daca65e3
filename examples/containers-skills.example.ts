// Code-interpreter sandboxes and skills: a container gets a data file and hands its bytes back; a skill uploaded
// with its SKILL.md is named from it, and each new upload is a new version.
import assert from 'node:assert/strict';
import OpenAI, { toFile } from 'openai';
import { OpenAIMock, createMockFetch } from '../lib/index.js';

describe('containers and skills', () => {
  it('keeps a container file and a versioned skill', async () => {
    const client = new OpenAI({ apiKey: 'sk-fake', fetch: createMockFetch(new OpenAIMock()) });
    const container = await client.containers.create({ name: 'analysis' });
    const file = await client.containers.files.create(container.id, { file: await toFile(Buffer.from('x,y\n1,2\n'), 'points.csv') });
    assert.equal(file.path, '/mnt/data/points.csv');
    assert.equal(await (await client.containers.files.content.retrieve(file.id, { container_id: container.id })).text(), 'x,y\n1,2\n');

    const skill = await client.skills.create({ files: [await toFile(Buffer.from('---\nname: plotting\ndescription: Draws charts\n---\n'), 'SKILL.md')] });
    assert.deepEqual([skill.name, skill.latest_version], ['plotting', '1']);
    const next = await client.skills.versions.create(skill.id, { files: [await toFile(Buffer.from('---\nname: plotting\ndescription: Draws better charts\n---\n'), 'SKILL.md')], default: true });
    assert.equal((await client.skills.retrieve(skill.id)).default_version, next.version);
  });
});
