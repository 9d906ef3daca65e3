import type { ImageGenCompletedEvent, ImageGenPartialImageEvent, ImagesResponse } from 'openai/resources/images';
import { type StreamStep, namedEvent } from '../../streaming/sse.js';
import type { ImageRequest } from './image-request.js';

/**
 * The events of a streamed images request, from the answer it would give: for each image, its
 * `partial_images` partial-image events (`partial_image_index` 0, 1, ...) and then its completed event with the
 * usage; `image_generation.*` for generations, `image_edit.*` for edits.
 */
export function imageEvents(prefix: 'image_generation' | 'image_edit', answer: ImagesResponse, request: ImageRequest): StreamStep[] {
  const common = {
    background: answer.background ?? 'opaque',
    created_at: answer.created,
    output_format: (answer.output_format ?? 'png') as ImageGenCompletedEvent['output_format'],
    quality: (answer.quality ?? 'high') as ImageGenCompletedEvent['quality'],
    size: answer.size ?? `${request.width}x${request.height}`,
  };
  const images = answer.data ?? [];
  const usage = answer.usage ?? { input_tokens: 0, input_tokens_details: { image_tokens: 0, text_tokens: 0 }, output_tokens: 0, total_tokens: 0 };
  const steps: StreamStep[] = [];
  images.forEach((image, index) => {
    const b64 = image.b64_json ?? '';
    for (let partial = 0; partial < request.partialImages; partial++) {
      const event: Omit<ImageGenPartialImageEvent, 'type'> = { ...common, b64_json: b64, partial_image_index: partial };
      steps.push(namedEvent(`${prefix}.partial_image`, { type: `${prefix}.partial_image`, ...event }));
    }
    // Each completed event carries its image's output tokens; the last one also the input, so they add up to the usage.
    const last = index === images.length - 1;
    const perImage = Math.floor(usage.output_tokens / Math.max(1, images.length));
    const output = last ? usage.output_tokens - perImage * (images.length - 1) : perImage;
    const input = last ? usage.input_tokens : 0;
    const eventUsage = {
      input_tokens: input,
      input_tokens_details: last ? usage.input_tokens_details : { image_tokens: 0, text_tokens: 0 },
      output_tokens: output,
      total_tokens: input + output,
    };
    const completed: Omit<ImageGenCompletedEvent, 'type'> = { ...common, b64_json: b64, usage: eventUsage };
    steps.push(namedEvent(`${prefix}.completed`, { type: `${prefix}.completed`, ...completed, ...(answer.safety_identifier != null && { safety_identifier: answer.safety_identifier }) }));
  });
  return steps;
}
