import type { HarPair } from './har.js';

/** Headers whose values are credentials: never written to a cassette. */
const secretHeaders = new Set(['authorization', 'api-key', 'x-api-key', 'openai-api-key', 'cookie', 'set-cookie', 'proxy-authorization', 'x-goog-api-key']);
/** Query parameters that carry keys (`?api-key=`, `?key=`). */
const secretParams = new Set(['api-key', 'api_key', 'key', 'token', 'access_token']);

/** What a redacted value is written as. */
export const redacted = '[REDACTED]';

/** The headers with every credential's value replaced. */
export function redactHeaders(headers: HarPair[]): HarPair[] {
  return headers.map(({ name, value }) => ({ name, value: secretHeaders.has(name.toLowerCase()) ? redacted : value }));
}

/** The URL with the values of key-carrying query parameters replaced. */
export function redactUrl(url: URL): URL {
  const copy = new URL(url);
  for (const name of [...copy.searchParams.keys()]) if (secretParams.has(name.toLowerCase())) copy.searchParams.set(name, redacted);
  return copy;
}

/** Any API key written in a text (`sk-...`, `sk-proj-...`) replaced: for bodies that echo one back. */
export function redactKeys(text: string): string {
  return text.replace(/\bsk-[A-Za-z0-9_-]{16,}/g, redacted);
}
