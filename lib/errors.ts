import { newRequestId } from './internal/ids.js';

/** The `error` object of an API error body: what the SDK's `APIError` reads. */
export interface ApiErrorBody {
  message: string;
  type: string;
  param: string | null;
  code: string | null;
}

/**
 * Options for an API-shaped error answer.
 *
 * @example
 * apiError(400, 'Invalid value for temperature', { param: 'temperature', code: 'invalid_value' });
 */
export interface ApiErrorOptions {
  type?: string;
  param?: string | null;
  code?: string | null;
  /** Extra headers, e.g. `{ 'x-should-retry': 'false' }`. */
  headers?: Record<string, string>;
}

const defaultTypes: Record<number, string> = {
  400: 'invalid_request_error',
  401: 'invalid_request_error',
  403: 'invalid_request_error',
  404: 'invalid_request_error',
  409: 'invalid_request_error',
  422: 'invalid_request_error',
  429: 'rate_limit_exceeded',
};

/**
 * An error answer in the API's shape: `{ error: { message, type, param, code } }` with an `x-request-id`,
 * so the SDK raises the same error class it would against the API (`NotFoundError` for 404, ...).
 * Retryable statuses carry `retry-after-ms: 0`, so the SDK retries them at once instead of sleeping.
 *
 * @example
 * openaiMock.chat.completions.create.response = apiError(429, 'Rate limit reached', { code: 'rate_limit_exceeded' });
 */
export function apiError(status: number, message: string, options: ApiErrorOptions = {}): Response {
  const error: ApiErrorBody = {
    message,
    type: options.type ?? defaultTypes[status] ?? (status >= 500 ? 'server_error' : 'invalid_request_error'),
    param: options.param ?? null,
    code: options.code ?? null,
  };
  const headers: Record<string, string> = {
    'content-type': 'application/json',
    'x-request-id': newRequestId(),
    ...options.headers,
  };
  return new Response(JSON.stringify({ error }), { status, headers });
}

/** A 404 for a resource the state does not hold, worded as the API words it. */
export function notFound(kind: string, id: string, param?: string): Response {
  return apiError(404, `No ${kind} found with id '${id}'.`, { param: param ?? null, code: null });
}

/** A 400 for a request the API would refuse. */
export function invalidRequest(message: string, param: string | null = null, code: string | null = null): Response {
  return apiError(400, message, { param, code });
}
