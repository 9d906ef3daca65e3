import { countTextTokens } from '../tokens/tokenizer.js';

/** The list parameters of a cursor-paged route, read from the query string. */
export function listParams(query: URLSearchParams): { after?: string; before?: string; limit?: number; order?: 'asc' | 'desc' } {
  const after = query.get('after');
  const before = query.get('before');
  const limit = query.get('limit');
  const order = query.get('order');
  return {
    ...(after !== null && { after }),
    ...(before !== null && { before }),
    ...(limit !== null && { limit: Number(limit) }),
    ...(order !== null && { order: order as 'asc' | 'desc' }),
  };
}

/**
 * The tokens of a text for `model`, by the model's own tokenizer (see `lib/tokens/`), as usage figures need;
 * anything but a string counts as its JSON.
 */
export function countTokens(value: unknown, model?: string): number {
  if (value === undefined || value === null) return 0;
  return countTextTokens(typeof value === 'string' ? value : JSON.stringify(value), model);
}
