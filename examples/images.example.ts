// Image generation without configuration: the app asks for a picture and saves it; the mock answers a real PNG
// (or JPEG, WebP) of the size asked, so the app's decoding, saving and thumbnail code runs on real bytes.
import assert from 'node:assert/strict';
import OpenAI from 'openai';
import { createMockFetch, OpenAIMock } from '../lib/index.js';

/** The app under test: generates a poster and returns its bytes and pixel size (read from the PNG header). */
async function makePoster(client: OpenAI, subject: string): Promise<{ bytes: Buffer; width: number; height: number }> {
  const result = await client.images.generate({ model: 'gpt-image-2', prompt: `A poster of ${subject}`, size: '1024x1536' });
  const bytes = Buffer.from(result.data?.[0]?.b64_json ?? '', 'base64');
  return { bytes, width: bytes.readUInt32BE(16), height: bytes.readUInt32BE(20) };
}

describe('images: an app that makes posters', () => {
  it('gets a real portrait PNG of the size asked', async () => {
    const openaiMock = new OpenAIMock();
    const client = new OpenAI({ apiKey: 'sk-fake', fetch: createMockFetch(openaiMock) });

    const poster = await makePoster(client, 'a lighthouse');

    assert.equal(poster.bytes.subarray(1, 4).toString(), 'PNG');
    assert.deepEqual([poster.width, poster.height], [1024, 1536]);
    const [call] = openaiMock.images.generate.calls;
    assert.equal(call?.body?.prompt, 'A poster of a lighthouse');
  });

  it('shows partial images as they stream in', async () => {
    const openaiMock = new OpenAIMock();
    const client = new OpenAI({ apiKey: 'sk-fake', fetch: createMockFetch(openaiMock) });

    const stream = await client.images.generate({ model: 'gpt-image-2', prompt: 'A fox', stream: true, partial_images: 2, output_format: 'webp' });
    const shown: string[] = [];
    for await (const event of stream) shown.push(event.type === 'image_generation.partial_image' ? `partial ${event.partial_image_index}` : 'final');

    assert.deepEqual(shown, ['partial 0', 'partial 1', 'final']);
  });
});
