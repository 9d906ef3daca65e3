// A video generation flow: the video is created, polled until it completes (no waiting), downloaded, and remixed.
import assert from 'node:assert/strict';
import OpenAI from 'openai';
import { OpenAIMock, createMockFetch } from '../lib/index.js';

describe('videos', () => {
  it('generates a video, downloads it and remixes it', async () => {
    const client = new OpenAI({ apiKey: 'sk-fake', fetch: createMockFetch(new OpenAIMock()) });
    let video = await client.videos.create({ prompt: 'A paper boat on a river', seconds: '8' });
    while (video.status === 'queued' || video.status === 'in_progress') video = await client.videos.retrieve(video.id);
    assert.equal(video.status, 'completed');
    const mp4 = Buffer.from(await (await client.videos.downloadContent(video.id)).arrayBuffer());
    assert.equal(mp4.subarray(4, 8).toString(), 'ftyp');
    const remix = await client.videos.remix(video.id, { prompt: 'The same boat, at night' });
    assert.equal(remix.remixed_from_video_id, video.id);
  });
});
