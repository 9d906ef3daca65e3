import { type Refusal, badRequest } from '../../errors/api-errors.js';
import { RequestFields } from '../../internal/request-fields.js';
import { missingParameter } from '../kit/index.js';
import type { ImageFormat } from './pictures.js';

/** Which images endpoint a request came to. */
export type ImageEndpoint = 'generation' | 'edit' | 'variation';

/** An images request, read and checked: everything the answer is built from. */
export interface ImageRequest {
  readonly endpoint: ImageEndpoint;
  readonly model: string;
  /** A GPT image model (base64 only, usage, output formats, streaming) rather than DALL·E. */
  readonly gpt: boolean;
  readonly prompt: string;
  readonly n: number;
  readonly width: number;
  readonly height: number;
  readonly format: ImageFormat;
  readonly transparent: boolean;
  readonly quality: 'low' | 'medium' | 'high' | 'xhigh' | 'max';
  readonly responseFormat: 'url' | 'b64_json';
  readonly stream: boolean;
  readonly partialImages: number;
  /** How many images an edit was given. */
  readonly inputImages: number;
  readonly frames: number;
  readonly frameMs: number;
  readonly safetyIdentifier: string | undefined;
}

const defaultModels: Record<ImageEndpoint, string> = { generation: 'gpt-image-2', edit: 'gpt-image-2', variation: 'dall-e-2' };
const dallE2Sizes = ['256x256', '512x512', '1024x1024'];
const dallE3Sizes = ['1024x1024', '1792x1024', '1024x1792'];
const gptSizes = ['1024x1024', '1536x1024', '1024x1536'];
const formats: readonly ImageFormat[] = ['png', 'jpeg', 'webp', 'gif', 'svg'];
const qualities = ['low', 'medium', 'high', 'xhigh', 'max'] as const;

function invalidValue(param: string, value: unknown, supported: readonly string[]): Refusal {
  return badRequest(`Invalid value: '${String(value)}'. Supported values are: ${supported.map((s) => `'${s}'`).join(', ')}.`, param, 'invalid_value');
}

/** The size of a GPT image request: the standard sizes, or `WIDTHxHEIGHT` within the models' limits. */
function gptSize(size: string): [number, number] | undefined {
  const match = /^(\d+)x(\d+)$/.exec(size);
  if (!match) return undefined;
  const width = Number(match[1]);
  const height = Number(match[2]);
  if (gptSizes.includes(size)) return [width, height];
  const fits = width % 16 === 0 && height % 16 === 0 && width >= 16 && height >= 16 &&
    Math.max(width, height) <= 3840 && width * height <= 3840 * 2160 && Math.max(width, height) <= 3 * Math.min(width, height);
  return fits ? [width, height] : undefined;
}

function sizeOf(model: string, gpt: boolean, size: string | undefined): [number, number] {
  if (gpt) {
    if (size === undefined || size === 'auto') return [1024, 1024];
    const fits = gptSize(size);
    if (fits) return fits;
    throw badRequest(
      `Invalid size '${size}'. Supported sizes are 1024x1024, 1536x1024 (landscape), 1024x1536 (portrait) and 'auto'; ` +
        'other sizes must be WIDTHxHEIGHT with both edges divisible by 16, an aspect ratio between 1:3 and 3:1, and at most 3840x2160.',
      'size',
      'invalid_value',
    );
  }
  const allowed = model === 'dall-e-3' ? dallE3Sizes : dallE2Sizes;
  const chosen = size ?? '1024x1024';
  if (!allowed.includes(chosen)) throw invalidValue('size', chosen, allowed);
  const [width, height] = chosen.split('x').map(Number);
  return [width ?? 1024, height ?? 1024];
}

/** Reads and checks an images request (JSON, or the multipart form of edits and variations); throws the API's 400s. */
export function readImageRequest(endpoint: ImageEndpoint, body: unknown): ImageRequest {
  const fields = new RequestFields(body);
  if (!fields.readable) throw badRequest('Expected a JSON object or a multipart/form-data body.');
  const model = fields.string('model') ?? defaultModels[endpoint];
  const gpt = endpoint !== 'variation' && model !== 'dall-e-2' && model !== 'dall-e-3';
  const prompt = fields.string('prompt');
  if (endpoint !== 'variation' && (prompt === undefined || prompt === '')) {
    throw missingParameter('prompt');
  }
  const maxPrompt = gpt ? 32_000 : model === 'dall-e-3' ? 4000 : 1000;
  if (prompt !== undefined && prompt.length > maxPrompt) {
    throw badRequest(`Invalid 'prompt': string too long. Expected a string with maximum length ${maxPrompt}, but got a string with length ${prompt.length} instead.`, 'prompt', 'string_above_max_length');
  }
  const inputImages = fields.all('image').length + fields.all('images').length;
  if (endpoint !== 'generation' && inputImages === 0) {
    throw missingParameter('image');
  }
  const n = fields.number('n') ?? 1;
  if (!Number.isInteger(n) || n < 1 || n > 10) {
    throw badRequest(`Invalid 'n': expected an integer between 1 and 10, got ${String(fields.raw('n'))}.`, 'n', 'invalid_value');
  }
  if (model === 'dall-e-3' && n !== 1) throw badRequest("Invalid 'n': dall-e-3 only supports n=1.", 'n', 'invalid_value');
  const size = sizeOf(model, gpt, fields.string('size'));
  const format = (gpt ? fields.string('output_format') : undefined) ?? 'png';
  if (!formats.includes(format as ImageFormat)) throw invalidValue('output_format', format, formats);
  const background = fields.string('background') ?? 'auto';
  if (!['transparent', 'opaque', 'auto'].includes(background)) throw invalidValue('background', background, ['transparent', 'opaque', 'auto']);
  const transparent = gpt && background === 'transparent';
  if (transparent && format === 'jpeg') {
    throw badRequest("Transparent backgrounds need output_format 'png' or 'webp'.", 'background', 'invalid_value');
  }
  const requestedQuality = fields.string('quality') ?? 'auto';
  const quality = qualities.find((q) => q === requestedQuality) ?? 'high';
  const responseFormat = fields.string('response_format') ?? (gpt ? 'b64_json' : 'url');
  if (responseFormat !== 'url' && responseFormat !== 'b64_json') throw invalidValue('response_format', responseFormat, ['url', 'b64_json']);
  if (gpt && responseFormat === 'url') {
    throw badRequest(`Invalid 'response_format': ${model} always returns base64-encoded images (b64_json); 'url' is only for the retired DALL·E models.`, 'response_format', 'invalid_value');
  }
  const stream = fields.boolean('stream') ?? false;
  if (stream && !gpt) throw badRequest(`Streaming is only supported for the GPT image models, not ${model}.`, 'stream', 'invalid_value');
  if (stream && (format === 'gif' || format === 'svg')) {
    throw badRequest(`Streaming is not supported with output_format '${format}'.`, 'stream', 'invalid_value');
  }
  if (format === 'svg' && n !== 1) throw badRequest("SVG output requires n=1.", 'n', 'invalid_value');
  const partialImages = fields.number('partial_images') ?? 0;
  if (!Number.isInteger(partialImages) || partialImages < 0 || partialImages > 3) {
    throw badRequest(`Invalid 'partial_images': expected an integer between 0 and 3, got ${String(fields.raw('partial_images'))}.`, 'partial_images', 'invalid_value');
  }
  const frames = fields.number('frame_count') ?? 9;
  if (format === 'gif' && (!Number.isInteger(frames) || frames < 2 || frames > 16)) {
    throw badRequest(`Invalid 'frame_count': expected an integer between 2 and 16, got ${String(fields.raw('frame_count'))}.`, 'frame_count', 'invalid_value');
  }
  const frameMs = fields.number('frame_duration_ms') ?? 200;
  const identifier = fields.string('safety_identifier') || fields.string('user') || undefined;
  return {
    endpoint, model, gpt, prompt: prompt ?? '', n, width: size[0], height: size[1], format: format as ImageFormat,
    transparent, quality, responseFormat, stream, partialImages, inputImages, frames, frameMs: Number.isFinite(frameMs) ? frameMs : 200,
    safetyIdentifier: identifier,
  };
}
