import assert from 'node:assert/strict';
import OpenAI, { toFile } from 'openai';
import { exemptFromConformance } from '../../support/conformance/exemptions.js';
import { imageInfo } from '../../support/media-files.js';
import { mockedClient } from '../../support/client.js';

function bytesOf(b64: string | undefined): Uint8Array {
  assert.ok(b64, 'b64_json is set');
  return new Uint8Array(Buffer.from(b64, 'base64'));
}

async function pngUpload(client: OpenAI): Promise<File> {
  const generated = await client.images.generate({ model: 'gpt-image-2', prompt: 'a square', size: '1024x1024' });
  return toFile(bytesOf(generated.data?.[0]?.b64_json), 'input.png', { type: 'image/png' });
}

describe('images', () => {
  it('generates n real PNGs of the requested size, with the settings and usage of GPT image models', async () => {
    const { client } = mockedClient();
    const result = await client.images.generate({ model: 'gpt-image-2', prompt: 'A lighthouse at dusk', n: 3, size: '1536x1024', quality: 'medium' });
    assert.equal(result.data?.length, 3);
    for (const image of result.data ?? []) assert.deepEqual(imageInfo(bytesOf(image.b64_json)), { format: 'png', width: 1536, height: 1024 });
    assert.equal(new Set(result.data?.map((image) => image.b64_json)).size, 3, 'each image differs');
    assert.equal(result.size, '1536x1024');
    assert.equal(result.quality, 'medium');
    assert.equal(result.output_format, 'png');
    assert.equal(result.background, 'opaque');
    assert.ok(Math.abs(result.created - Date.now() / 1000) < 5);
    const usage = result.usage;
    assert.ok(usage && usage.output_tokens > 0 && usage.input_tokens_details.text_tokens > 0);
    assert.equal(usage.total_tokens, usage.input_tokens + usage.output_tokens);
  });

  for (const format of ['jpeg', 'webp', 'gif', 'svg'] as const) {
    it(`answers output_format '${format}' with a ${format} file of the requested size`, async () => {
      if (format === 'gif' || format === 'svg') {
        exemptFromConformance('the SDK (7.57) documents gif and svg output formats; the spec (2.3.0) predates them', ['images.generate']);
      }
      const { client } = mockedClient();
      const result = await client.images.generate({ model: 'gpt-image-2', prompt: 'x', output_format: format, size: '1024x1536' });
      assert.equal(result.output_format, format);
      assert.deepEqual(imageInfo(bytesOf(result.data?.[0]?.b64_json)), { format, width: 1024, height: 1536 });
    });
  }

  it('takes a custom WIDTHxHEIGHT size and refuses one outside the models limits', async () => {
    exemptFromConformance('the SDK (7.57) documents WIDTHxHEIGHT sizes such as 1536x864; the spec (2.3.0) lists only three', ['images.generate']);
    const { client } = mockedClient();
    const result = await client.images.generate({ model: 'gpt-image-2', prompt: 'wide', size: '1536x864', output_format: 'webp' });
    assert.deepEqual(imageInfo(bytesOf(result.data?.[0]?.b64_json)), { format: 'webp', width: 1536, height: 864 });
    await assert.rejects(client.images.generate({ model: 'gpt-image-2', prompt: 'too wide', size: '4000x16' }), (error) => {
      assert.ok(error instanceof OpenAI.BadRequestError);
      assert.equal(error.param, 'size');
      return true;
    });
  });

  it('makes transparent PNGs with an alpha channel, and refuses a transparent JPEG', async () => {
    const { client } = mockedClient();
    const result = await client.images.generate({ model: 'gpt-image-2', prompt: 'sticker', background: 'transparent' });
    assert.equal(result.background, 'transparent');
    const png = bytesOf(result.data?.[0]?.b64_json);
    assert.equal(png[25], 6, 'colour type RGBA');
    await assert.rejects(
      client.images.generate({ model: 'gpt-image-2', prompt: 'sticker', background: 'transparent', output_format: 'jpeg' }),
      OpenAI.BadRequestError,
    );
  });

  it('answers DALL·E requests with data URLs by default, a revised prompt for dall-e-3, and no usage', async () => {
    const { client } = mockedClient();
    const result = await client.images.generate({ model: 'dall-e-3', prompt: 'A watercolor fox', size: '1792x1024' });
    const image = result.data?.[0];
    assert.equal(image?.revised_prompt, 'A watercolor fox');
    assert.equal(image?.b64_json, undefined);
    const response = await fetch(image?.url ?? '');
    assert.equal(response.headers.get('content-type'), 'image/png');
    assert.deepEqual(imageInfo(new Uint8Array(await response.arrayBuffer())), { format: 'png', width: 1792, height: 1024 });
    assert.equal(result.usage, undefined);
    const b64 = await client.images.generate({ model: 'dall-e-2', prompt: 'x', size: '256x256', response_format: 'b64_json', n: 2 });
    assert.deepEqual(b64.data?.map((i) => imageInfo(bytesOf(i.b64_json)).width), [256, 256]);
  });

  it('refuses what the API refuses: a missing prompt, n out of range, url for GPT image models', async () => {
    const { client } = mockedClient();
    const refused = async (body: OpenAI.ImageGenerateParamsNonStreaming, param: string) =>
      assert.rejects(client.images.generate(body), (error) => error instanceof OpenAI.BadRequestError && error.param === param);
    await refused({ prompt: '' }, 'prompt');
    await refused({ prompt: 'x', n: 11 }, 'n');
    await refused({ prompt: 'x', model: 'gpt-image-2', response_format: 'url' }, 'response_format');
    await refused({ prompt: 'x', model: 'dall-e-2', size: '1536x1024' }, 'size');
  });

  it('edits images sent as multipart files, one or several, and streams partial images', async () => {
    const { client, openaiMock } = mockedClient();
    const input = await pngUpload(client);
    const edited = await client.images.edit({ model: 'gpt-image-2', image: [input, input], prompt: 'add a hat', size: '1024x1536', output_format: 'jpeg' });
    assert.deepEqual(imageInfo(bytesOf(edited.data?.[0]?.b64_json)), { format: 'jpeg', width: 1024, height: 1536 });
    assert.ok((edited.usage?.input_tokens_details.image_tokens ?? 0) > 0, 'the input images count');
    assert.ok(openaiMock.images.edit.calls[0]?.body instanceof FormData);

    const stream = await client.images.edit({ model: 'gpt-image-2', image: input, prompt: 'add a hat', stream: true, partial_images: 2 });
    const events: OpenAI.ImageEditStreamEvent[] = [];
    for await (const event of stream) events.push(event);
    assert.deepEqual(events.map((e) => e.type), ['image_edit.partial_image', 'image_edit.partial_image', 'image_edit.completed']);
    assert.deepEqual(events.map((e) => ('partial_image_index' in e ? e.partial_image_index : null)), [0, 1, null]);
    const completed = events[2];
    assert.ok(completed?.type === 'image_edit.completed');
    assert.deepEqual(imageInfo(bytesOf(completed.b64_json)), { format: 'png', width: 1024, height: 1024 });
    assert.ok(completed.usage.output_tokens > 0);
  });

  it('streams generations: partial images then the completed image with its usage', async () => {
    const { client } = mockedClient();
    const stream = await client.images.generate({ model: 'gpt-image-2', prompt: 'a boat', stream: true, partial_images: 1, output_format: 'webp' });
    const events: OpenAI.ImageGenStreamEvent[] = [];
    for await (const event of stream) events.push(event);
    assert.deepEqual(events.map((e) => e.type), ['image_generation.partial_image', 'image_generation.completed']);
    const completed = events[1];
    assert.ok(completed?.type === 'image_generation.completed');
    assert.equal(completed.output_format, 'webp');
    assert.equal(completed.size, '1024x1024');
    assert.ok(completed.usage.total_tokens > 0);
  });

  it('creates variations of an uploaded PNG as DALL·E 2 did', async () => {
    const { client } = mockedClient();
    const input = await pngUpload(client);
    const result = await client.images.createVariation({ image: input, n: 2, size: '512x512', response_format: 'b64_json' });
    assert.deepEqual(result.data?.map((i) => imageInfo(bytesOf(i.b64_json))), [
      { format: 'png', width: 512, height: 512 },
      { format: 'png', width: 512, height: 512 },
    ]);
    await assert.rejects(client.images.createVariation({ image: await toFile(Buffer.from(''), 'x.png'), size: '1536x1024' as '1024x1024' }), OpenAI.BadRequestError);
  });

  it('takes what the user sets: a partial completes the default, a Response replaces it', async () => {
    const { client, openaiMock } = mockedClient();
    openaiMock.images.generate.response = { data: [{ revised_prompt: 'first' }, { revised_prompt: 'second' }] };
    const result = await client.images.generate({ model: 'gpt-image-2', prompt: 'x' });
    assert.deepEqual(result.data?.map((i) => i.revised_prompt), ['first', 'second']);
    assert.equal(imageInfo(bytesOf(result.data?.[1]?.b64_json)).format, 'png');
    openaiMock.images.generate.response = ({ body }) => ({ data: [{ b64_json: Buffer.from(`echo ${String((body as { prompt: string }).prompt)}`).toString('base64') }] });
    const echoed = await client.images.generate({ model: 'gpt-image-2', prompt: 'hi' });
    assert.equal(Buffer.from(echoed.data?.[0]?.b64_json ?? '', 'base64').toString(), 'echo hi');
  });
});
