import { countTextTokens } from './tokenizer.js';

/**
 * The prompt tokens of an embeddings `input` for `model`: each string by the model's tokenizer, an array of
 * token ids as its length.
 *
 * @example
 * embeddingInputTokens(['Hello', 'world'], 'text-embedding-3-small'); // 2
 */
export function embeddingInputTokens(input: unknown, model?: string): number {
  if (typeof input === 'string') return countTextTokens(input, model);
  if (!Array.isArray(input)) return 0;
  if (input.every((element) => typeof element === 'number')) return input.length;
  return input.reduce((sum: number, element: unknown) => sum + embeddingInputTokens(element, model), 0);
}
