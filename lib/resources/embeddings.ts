import { createHash } from 'node:crypto';
import type { CreateEmbeddingResponse, EmbeddingCreateParams } from 'openai/resources/embeddings';
import { badRequest } from '../errors/api-errors.js';
import { type JsonObject } from '../internal/merge.js';
import { embeddingInputTokens } from '../tokens/embedding-input.js';
import { boundedCount } from '../validation/bounded-count.js';
import { defineBehaviours, requiredBody } from './kit/index.js';

const nativeDimensions: Record<string, number> = {
  'text-embedding-3-large': 3072,
  'text-embedding-3-small': 1536,
  'text-embedding-ada-002': 1536,
};

/** A unit vector derived from the input alone: the same input always embeds the same. */
export function embed(input: unknown, dimensions: number): number[] {
  let seed = createHash('sha256').update(JSON.stringify(input)).digest();
  const values: number[] = [];
  while (values.length < dimensions) {
    for (let at = 0; at + 4 <= seed.length && values.length < dimensions; at += 4) {
      values.push(seed.readInt32LE(at) / 2 ** 31);
    }
    seed = createHash('sha256').update(seed).digest();
  }
  const norm = Math.hypot(...values) || 1;
  return values.map((value) => value / norm);
}

function inputsOf(input: EmbeddingCreateParams['input']): unknown[] {
  if (typeof input === 'string') return [input];
  if (Array.isArray(input) && input.length > 0 && typeof input[0] === 'number') return [input];
  return [...input];
}

function toBase64(vector: readonly number[]): string {
  return Buffer.from(new Float32Array(vector).buffer).toString('base64');
}

/** `client.embeddings.create`: one deterministic embedding per input, `dimensions` honoured, floats or base64. */
export const embeddingRoutes = defineBehaviours({
  'embeddings.create': {
    respond(call) {
      const params = requiredBody(call, ['model', 'input']);
      const inputs = inputsOf(params.input);
      if (inputs.length === 0 || inputs.some((input) => input === '')) {
        return badRequest("'$.input' is invalid. Please check the API reference: https://platform.openai.com/docs/api-reference.", 'input');
      }
      // A model embeds in at most its native size (the API refuses more); other models, up to the largest OpenAI's.
      const native = nativeDimensions[params.model];
      const dimensions = boundedCount(params.dimensions, 'dimensions', native ?? 3072, native ?? 1536);
      const element = (index: number): JsonObject => ({ object: 'embedding', index, embedding: embed(inputs[index], dimensions) });
      const tokens = embeddingInputTokens(params.input, params.model);
      const answer = call.complete<CreateEmbeddingResponse & JsonObject>(
        {
          object: 'list',
          model: params.model,
          data: inputs.map((_, index) => element(index)) as unknown as CreateEmbeddingResponse['data'],
          usage: { prompt_tokens: tokens, total_tokens: tokens },
        },
        { 'data[]': element },
      );
      if (params.encoding_format !== 'base64') return answer;
      // The SDK decodes base64 embeddings back into numbers, so the model's type says numbers.
      const encoded = answer.data.map((item) => ({ ...item, embedding: toBase64(item.embedding) }));
      return { ...answer, data: encoded as unknown as CreateEmbeddingResponse['data'] };
    },
  },
});
