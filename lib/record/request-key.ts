import { createHash } from 'node:crypto';
import { isPlainObject } from '../internal/merge.js';
import { isSecretParam, redacted } from './redact.js';

/** A JSON value with its object keys sorted, at every depth: the same request in any key order reads the same. */
function sorted(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(sorted);
  if (isPlainObject(value)) return Object.fromEntries(Object.keys(value).sort().map((key) => [key, sorted(value[key])]));
  return value;
}

/** A request body as matching sees it: JSON with sorted keys, multipart as its fields (files by name, size, hash), else the text. */
async function normalisedBody(request: Request): Promise<string> {
  if (request.body === null) return '';
  const type = request.headers.get('content-type') ?? '';
  if (type.startsWith('multipart/form-data')) {
    const form = await request.formData();
    const fields: [string, string][] = [];
    for (const [name, entry] of form.entries()) {
      if (typeof entry === 'string') fields.push([name, entry]);
      else fields.push([name, `file ${entry.name} ${entry.size} ${createHash('sha256').update(new Uint8Array(await entry.arrayBuffer())).digest('hex').slice(0, 16)}`]);
    }
    return JSON.stringify(fields.sort(([a], [b]) => a.localeCompare(b)));
  }
  const text = await request.text();
  try {
    return JSON.stringify(sorted(JSON.parse(text)));
  } catch {
    return text;
  }
}

/** How a request is told apart from others: method, path (with its query, sorted) and normalised body. */
export interface RequestKey {
  /** `POST /v1/chat/completions` */
  readonly line: string;
  /** The normalised body (see above). */
  readonly body: string;
  /** `line` and a hash of `body`: what a cassette entry is found by. */
  readonly key: string;
}

/**
 * The key of a request, read from a copy (the request itself is left unread). Hosts are left out, so a cassette
 * recorded against the API replays for a client with another base URL that keeps the path. Key-carrying query
 * parameters (`api-key`, `key`, `token`) count by name only, their values masked: the key is written to the
 * cassette, and a replay with another key matches as one with another `Authorization` header does.
 */
export async function requestKey(request: Request, url: URL): Promise<RequestKey> {
  const query = [...url.searchParams.entries()]
    .map(([name, value]): [string, string] => [name, isSecretParam(name) ? redacted : value])
    .sort(([a], [b]) => a.localeCompare(b));
  const search = query.length ? `?${new URLSearchParams(query).toString()}` : '';
  const line = `${request.method} ${url.pathname}${search}`;
  const body = await normalisedBody(request.clone());
  const hash = createHash('sha256').update(body).digest('hex').slice(0, 16);
  return { line, body, key: `${line} ${hash}` };
}
