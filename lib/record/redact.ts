import { isSecretHeader, redactSecret } from '../engine/redact.js';
import type { HarPair } from './har.js';

/** Headers that carry sessions rather than keys: never written either. */
const sessionHeaders = new Set(['cookie', 'set-cookie']);
/** Query parameters that carry keys (`?api-key=`, `?key=`). */
const secretParams = new Set(['api-key', 'api_key', 'key', 'token', 'access_token']);

/** What a cookie or an API key found in a body is written as. */
export const redacted = '[REDACTED]';

/**
 * The headers with every credential's value replaced: key headers (`Authorization`, `api-key`, ...) as the mock's
 * call records show them (`Bearer [redacted:c8c22e01]`, the same key always the same digest), cookies as `[REDACTED]`.
 */
export function redactHeaders(headers: HarPair[]): HarPair[] {
  return headers.map(({ name, value }) => ({
    name,
    value: isSecretHeader(name) ? redactSecret(value) : sessionHeaders.has(name.toLowerCase()) ? redacted : value,
  }));
}

/** Whether a query parameter carries a key (`api-key`, `key`, `token`, ...): its value is never written. */
export function isSecretParam(name: string): boolean {
  return secretParams.has(name.toLowerCase());
}

/** The URL with the values of key-carrying query parameters replaced. */
export function redactUrl(url: URL): URL {
  const copy = new URL(url);
  for (const name of [...copy.searchParams.keys()]) if (isSecretParam(name)) copy.searchParams.set(name, redacted);
  return copy;
}

/** Any API key written in a text (`sk-...`, `sk-proj-...`) replaced: for bodies that echo one back. */
export function redactKeys(text: string): string {
  return text.replace(/\bsk-[A-Za-z0-9_-]{16,}/g, redacted);
}
