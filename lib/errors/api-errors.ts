import { newRequestId } from '../internal/ids.js';

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
  const headers: Record<string, string> = {
    'content-type': 'application/json',
    'x-request-id': newRequestId(),
    ...options.headers,
  };
  return new Response(JSON.stringify(new Refusal(status, message, options).body()), { status, headers });
}

/**
 * Why the API would refuse a request, as a value: status, message, the offending `param` and a `code`. A
 * behaviour returns one (or throws it, from a helper several levels down) and the route answers it in the
 * API's error shape, so the SDK raises the class it would (`NotFoundError`, `BadRequestError`, ...).
 */
export class Refusal extends Error {
  readonly status: number;
  readonly param: string | null;
  readonly code: string | null;
  /** The error's `type`; when unset, the one the API uses for the status. */
  readonly type: string | undefined;
  /** Extra headers of the answer. */
  readonly headers: Readonly<Record<string, string>> | undefined;

  constructor(status: number, message: string, options: ApiErrorOptions = {}) {
    super(message);
    this.name = 'Refusal';
    this.status = status;
    this.param = options.param ?? null;
    this.code = options.code ?? null;
    this.type = options.type;
    this.headers = options.headers;
  }

  /** The `error` object of the answer's body. */
  body(): { error: ApiErrorBody } {
    const type = this.type ?? defaultTypes[this.status] ?? (this.status >= 500 ? 'server_error' : 'invalid_request_error');
    return { error: { message: this.message, type, param: this.param, code: this.code } };
  }
}

/** A refusal with any status (see {@link Refusal}). */
export function refuse(status: number, message: string, options: ApiErrorOptions = {}): Refusal {
  return new Refusal(status, message, options);
}

/** The 400 the API answers for a request it cannot take: what is wrong, the parameter, a code. */
export function badRequest(message: string, param: string | null = null, code: string | null = null): Refusal {
  return new Refusal(400, message, { param, code });
}

/** How the API words a 404 for one kind of object: the message (the parent's id where it names one), param and code. */
interface NotFoundWording {
  message(id: string, parentId: string | undefined): string;
  /** The param the API names, when it names one whatever the call (`model`). */
  param?: string;
  code?: string;
}

/**
 * The API's 404 wordings, by kind of object. A kind without an entry is worded
 * `No <kind> found with id '<id>'.`; add an entry here when the API words one differently.
 */
export const notFoundWordings: Readonly<Record<string, NotFoundWording>> = {
  file: { message: (id) => `No such File object: ${id}` },
  model: { message: (id) => `The model '${id}' does not exist`, param: 'model', code: 'model_not_found' },
  response: { message: (id) => `Response with id '${id}' not found.` },
  conversation: { message: (id) => `Conversation with id '${id}' not found.` },
  'conversation item': { message: (id) => `Item with id '${id}' not found.` },
  'vector store file': { message: (id, store) => `No file found with id '${id}' in vector store '${store ?? ''}'.` },
  'vector store file batch': { message: (id, store) => `No file batch found with id '${id}' in vector store '${store ?? ''}'.` },
  'fine-tuned model checkpoint': { message: (id) => `Fine-tuned model checkpoint '${id}' not found.`, code: 'model_not_found' },
};

/**
 * The 404 the API answers for a request naming a model it does not serve (or the key cannot use): `model_not_found`,
 * worded as the API words it.
 */
export function modelNotFound(model: string): Refusal {
  return new Refusal(404, `The model \`${model}\` does not exist or you do not have access to it.`, { code: 'model_not_found' });
}

/** Where a 404 points: the request's parameter, and the parent the object was looked for in. */
export interface NotFoundOptions {
  /** The request parameter that named the id (`file_id`, `tool_resources.code_interpreter.file_ids`); `null` for none. */
  param?: string | null;
  /** The id of the object it was looked for in (a vector store's id for its files). */
  parentId?: string;
}

/**
 * The 404 for an id the state does not hold, worded as the API words it for that kind of object
 * (see {@link notFoundWordings}).
 */
export function noSuch(kind: string, id: string, options: NotFoundOptions = {}): Refusal {
  const wording = notFoundWordings[kind];
  const message = wording ? wording.message(id, options.parentId) : `No ${kind} found with id '${id}'.`;
  const param = wording?.param ?? options.param ?? null;
  return new Refusal(404, message, { param, code: wording?.code ?? null });
}
