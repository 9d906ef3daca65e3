import { invalidRequest } from '../errors.js';
import { isPlainObject, type JsonObject } from './merge.js';
import { countTextTokens } from '../tokens/tokenizer.js';

/**
 * The JSON body as an object, or the 400 the API answers: for a body that is not a JSON object, or that lacks
 * one of the `required` fields.
 */
export function requireBody(body: unknown, required: readonly string[] = []): JsonObject | Response {
  if (!isPlainObject(body)) {
    return invalidRequest('We could not parse the JSON body of your request. (HINT: This likely means you aren\'t using your HTTP library correctly. The OpenAI API expects a JSON payload.)');
  }
  for (const field of required) {
    if (body[field] === undefined || body[field] === null) {
      return invalidRequest(`Missing required parameter: '${field}'.`, field, 'missing_required_parameter');
    }
  }
  return body;
}

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
