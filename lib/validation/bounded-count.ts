import { badRequest } from '../errors/api-errors.js';

/**
 * A count a request asks the mock to make (`n` choices, `dimensions` numbers): `fallback` when unset, else a whole
 * number from 1 to `max`, or it throws the API's 400 (a `Refusal`, which the route answers). Behaviours ask this
 * even when request validation is off, so no request can make the mock build a billion of something.
 */
export function boundedCount(value: unknown, param: string, max: number, fallback: number): number {
  if (value === undefined || value === null) return fallback;
  if (typeof value !== 'number' || !Number.isInteger(value)) {
    throw badRequest(`Invalid type for '${param}': expected an integer, but got ${JSON.stringify(value) ?? typeof value} instead.`, param, 'invalid_type');
  }
  if (value > max) throw badRequest(`Invalid '${param}': integer above maximum value. Expected a value <= ${max}, but got ${value} instead.`, param, 'integer_above_max_value');
  if (value < 1) throw badRequest(`Invalid '${param}': integer below minimum value. Expected a value >= 1, but got ${value} instead.`, param, 'integer_below_min_value');
  return value;
}
