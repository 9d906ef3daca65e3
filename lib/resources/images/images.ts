import type { Image, ImagesResponse } from 'openai/resources/images';
import { nowSeconds } from '../../internal/clock.js';
import { countTokens } from '../../internal/validate.js';
import { type CallContext, defineBehaviours, withEvents } from '../kit/index.js';
import { type ImageEndpoint, type ImageRequest, readImageRequest } from './image-request.js';
import { imageEvents } from './image-events.js';
import { mediaType, pictureBase64 } from './pictures.js';

// Output tokens of one 1024x1024 image by quality (the mock's figures, near the API's for gpt-image-1);
// other sizes scale with their area.
const tokensPerMegapixel: Record<ImageRequest['quality'], number> = { low: 272, medium: 1056, high: 4160, xhigh: 8320, max: 16640 };

/** The image tokens of one output image of a request. */
export function imageTokens(quality: ImageRequest['quality'], width: number, height: number): number {
  return Math.round((tokensPerMegapixel[quality] * width * height) / (1024 * 1024));
}

function usageOf(request: ImageRequest): NonNullable<ImagesResponse['usage']> {
  const text = countTokens(request.prompt);
  // Each input image of an edit costs what a low-quality 1024x1024 output does.
  const image = request.inputImages * imageTokens('low', 1024, 1024);
  const output = request.n * imageTokens(request.quality, request.width, request.height);
  return {
    input_tokens: text + image,
    input_tokens_details: { text_tokens: text, image_tokens: image },
    output_tokens: output,
    output_tokens_details: { image_tokens: output, text_tokens: 0 },
    total_tokens: text + image + output,
  };
}

function imageOf(request: ImageRequest, index: number): Image {
  const base64 = pictureBase64({
    format: request.format,
    width: request.width,
    height: request.height,
    index,
    transparent: request.transparent,
    frames: request.frames,
    frameMs: request.frameMs,
  });
  const image: Image = request.responseFormat === 'url' ? { url: `data:${mediaType(request.format)};base64,${base64}` } : { b64_json: base64 };
  if (request.model === 'dall-e-3') image.revised_prompt = request.prompt;
  return image;
}

/** The default answer of an images request: `n` real images, and for GPT image models the settings and usage. */
function answerOf(request: ImageRequest): ImagesResponse {
  const answer: ImagesResponse = {
    created: nowSeconds(),
    data: Array.from({ length: request.n }, (_, index) => imageOf(request, index)),
  };
  if (!request.gpt) return answer;
  return {
    ...answer,
    background: request.transparent ? 'transparent' : 'opaque',
    output_format: request.format,
    quality: request.quality,
    size: `${request.width}x${request.height}`,
    usage: usageOf(request),
    ...(request.format === 'svg' && {
      svg_usage: { input_tokens: countTokens(request.prompt), model: request.model, output_tokens: 0, reasoning_tokens: 0, total_tokens: countTokens(request.prompt) },
    }),
    ...(request.safetyIdentifier !== undefined && { safety_identifier: request.safetyIdentifier }),
  };
}

function respond(endpoint: ImageEndpoint) {
  return (call: CallContext) => {
    const request = readImageRequest(endpoint, call.body);
    const answer = call.complete(answerOf(request), { 'data[]': (index) => ({ ...imageOf(request, index) }) });
    return withEvents(answer, () => imageEvents(endpoint === 'edit' ? 'image_edit' : 'image_generation', answer, request));
  };
}

/**
 * `client.images.*`: real image files (PNG, JPEG, WebP, GIF or SVG as `output_format` asks) of the requested
 * `size`, `n` of them, as `b64_json` (or data `url`s for the DALL·E models' `response_format: 'url'`), with
 * `usage` for GPT image models, and the partial-image event stream for `stream: true`.
 */
export const imageRoutes = defineBehaviours({
  'images.generate': { respond: respond('generation') },
  'images.edit': { respond: respond('edit') },
  'images.createVariation': { respond: respond('variation') },
});
