import assert from 'node:assert/strict';
import OpenAI, { toFile } from 'openai';
import { lifecycle } from '../../../lib/index.js';
import { mockedClient } from '../../support/client.js';

describe('videos', () => {
  it('moves queued -> in_progress -> completed, one step per retrieve, then downloads', async () => {
    const { client } = mockedClient();
    const video = await client.videos.create({ prompt: 'A cat on a skateboard', seconds: '8', size: '1280x720' });
    assert.match(video.id, /^video_/);
    assert.deepEqual([video.object, video.status, video.progress, video.seconds, video.size, video.model], ['video', 'queued', 0, '8', '1280x720', 'sora-2']);
    await assert.rejects(client.videos.downloadContent(video.id), OpenAI.BadRequestError);
    const seen = [];
    for (let i = 0; i < 3; i++) {
      const current = await client.videos.retrieve(video.id);
      seen.push([current.status, current.progress]);
    }
    assert.deepEqual(seen, [['in_progress', 50], ['completed', 100], ['completed', 100]]);
    const done = await client.videos.retrieve(video.id);
    assert.ok(done.completed_at !== null && done.expires_at !== null && done.expires_at > done.completed_at);
    const content = await client.videos.downloadContent(video.id);
    assert.equal(content.headers.get('content-type'), 'video/mp4');
    assert.equal(Buffer.from(await content.arrayBuffer()).subarray(4, 8).toString(), 'ftyp');
    const thumbnail = await client.videos.downloadContent(video.id, { variant: 'thumbnail' });
    assert.equal(Buffer.from(await thumbnail.arrayBuffer()).subarray(8, 12).toString(), 'WEBP');
  });

  it('remixes, edits and extends completed videos', async () => {
    const { client, openaiMock } = mockedClient();
    lifecycle(openaiMock).videos.retrievesPerStep = 0;
    const video = await client.videos.create({ prompt: 'A cat', seconds: '4' });
    assert.equal(video.status, 'completed');
    const remix = await client.videos.remix(video.id, { prompt: 'A cat, in the rain' });
    assert.equal(remix.remixed_from_video_id, video.id);
    assert.equal(remix.prompt, 'A cat, in the rain');
    const edited = await client.videos.edit({ prompt: 'Make it blue', video: { id: video.id } });
    assert.equal(edited.remixed_from_video_id, video.id);
    const extended = await client.videos.extend({ prompt: 'Keep going', seconds: '8', video: { id: video.id } });
    assert.equal(extended.seconds, '12');
    const uploaded = await client.videos.edit({ prompt: 'From a file', video: await toFile(Buffer.from('mp4'), 'clip.mp4') });
    assert.equal(uploaded.remixed_from_video_id, null);
  });

  it('lists newest first, deletes, and answers 404 for unknown videos', async () => {
    const { client } = mockedClient();
    const first = await client.videos.create({ prompt: 'one' });
    const second = await client.videos.create({ prompt: 'two' });
    const ids = [];
    for await (const video of client.videos.list({ limit: 1 })) ids.push(video.id);
    assert.deepEqual(ids, [second.id, first.id]);
    assert.deepEqual(await client.videos.delete(first.id), { id: first.id, object: 'video.deleted', deleted: true });
    await assert.rejects(client.videos.retrieve(first.id), OpenAI.NotFoundError);
    await assert.rejects(client.videos.remix('video_missing', { prompt: 'x' }), OpenAI.NotFoundError);
    await assert.rejects(client.videos.create({ prompt: 'bad', size: '10x10' as '720x1280' }), OpenAI.BadRequestError);
  });

  it('makes characters and gets them back', async () => {
    const { client } = mockedClient();
    const character = await client.videos.createCharacter({ name: 'Mochi', video: await toFile(Buffer.from('mp4'), 'mochi.mp4') });
    assert.match(character.id ?? '', /^char_/);
    assert.deepEqual(await client.videos.getCharacter(character.id ?? ''), character);
    await assert.rejects(client.videos.getCharacter('char_missing'), OpenAI.NotFoundError);
  });
});
