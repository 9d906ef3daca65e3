
/** A request body as the client sent it, read: text, a `FormData`, or `undefined` without a body. */
export type SentBody = string | FormData | undefined;

/** A call on its way in, as the router hands it over. */
export interface IncomingCall {
  /** `POST`, `GET`, ... */
  readonly method: string;
  /** The URL as the client sent it. */
  readonly url: string;
  /** The path parameters, decoded. */
  readonly params: Record<string, string>;
  readonly query: URLSearchParams;
  /** The headers as the client sent them. */
  readonly headers: HeadersInit | undefined;
  readonly contentType: string;
  /** The body as sent: text, a `FormData`, or `undefined`. */
  readonly sent: SentBody;
  /** The body parsed (JSON when the content type says so). */
  readonly body: unknown;
  /** The request as a `Request` (built on first use). */
  readonly request: Request;
  readonly signal: AbortSignal | undefined;
  /** Whether it came to an Azure URL, where `model` names a deployment the user chose. */
  readonly azure?: boolean;
}

/** One header of a request's headers, however the client gave them (a `Headers`, pairs or a record). */
export function headerOf(headers: HeadersInit | undefined, name: string): string {
  if (headers === undefined) return '';
  if (headers instanceof Headers) return headers.get(name) ?? '';
  const pairs = Array.isArray(headers) ? headers : Object.entries(headers);
  return pairs.find(([key]) => key.toLowerCase() === name)?.[1] ?? '';
}

/** The request body parsed as routes see it: JSON when the content type says so (text if it does not parse). */
export function parseSentBody(sent: SentBody, contentType: string): unknown {
  if (typeof sent !== 'string' || !contentType.includes('json')) return sent;
  try {
    return JSON.parse(sent) as unknown;
  } catch {
    return sent;
  }
}

/** A body the client sent that cannot be read as it says it is (`multipart/form-data` that is not). */
export class UnreadableBody {
  constructor(readonly reason: string) {}
}

/**
 * Reads what a client sent as text or a `FormData`: at once for the strings and forms the SDK sends, through
 * a `Request` for anything else (bytes, blobs, streams).
 */
export function readSentBody(
  body: BodyInit | null | undefined,
  contentType: string,
  url: string,
  method: string,
): SentBody | UnreadableBody | Promise<SentBody | UnreadableBody> {
  if (body === undefined || body === null) return undefined;
  const multipart = contentType.startsWith('multipart/form-data');
  if (body instanceof FormData || (typeof body === 'string' && !multipart)) return body;
  const init = { method, headers: { 'content-type': contentType }, body, duplex: 'half' } as RequestInit;
  let request: Request;
  try {
    request = new Request(url, init);
  } catch (error) {
    return new UnreadableBody(error instanceof Error ? error.message : String(error));
  }
  const unreadable = (error: unknown): UnreadableBody => new UnreadableBody(error instanceof Error ? error.message : String(error));
  if (multipart) return request.formData().catch(unreadable);
  return request.text().catch(unreadable);
}

/** The query of every call without one: shared, so it refuses changes (routes only read a query). */
class EmptyQuery extends URLSearchParams {
  override append(): never {
    throw new TypeError('The query of a call is read-only.');
  }

  override set(): never {
    throw new TypeError('The query of a call is read-only.');
  }

  override delete(): never {
    throw new TypeError('The query of a call is read-only.');
  }
}

const noQuery: URLSearchParams = new EmptyQuery();

/** A call on its way in: its body is parsed and its `Request` built the first time something reads them. */
export class IncomingRequest implements IncomingCall {
  #body: unknown;
  #parsed = false;
  #request: Request | undefined;
  #query: URLSearchParams | string;

  constructor(
    readonly method: string,
    /** The URL as the client sent it. */
    readonly url: string,
    readonly params: Record<string, string>,
    /** The query: parsed, or its text (after the `?`), parsed when first read. */
    query: URLSearchParams | string,
    /** The headers as the client sent them (secrets too: this object is not kept past the call). */
    readonly headers: HeadersInit | undefined,
    readonly sent: SentBody,
    readonly contentType: string,
    readonly signal: AbortSignal | undefined,
    readonly azure = false,
  ) {
    this.#query = query;
  }

  get query(): URLSearchParams {
    if (typeof this.#query === 'string') this.#query = this.#query === '' ? noQuery : new URLSearchParams(this.#query);
    return this.#query;
  }

  get body(): unknown {
    if (!this.#parsed) {
      this.#body = parseSentBody(this.sent, this.contentType);
      this.#parsed = true;
    }
    return this.#body;
  }

  get request(): Request {
    this.#request ??= new Request(this.url, {
      method: this.method,
      ...(this.headers !== undefined && { headers: this.headers }),
      ...(this.sent !== undefined && { body: this.sent }),
    });
    return this.#request;
  }
}
