import { createHash } from 'node:crypto';

/** Headers that carry a key: `authorization`, `proxy-authorization`, Azure's `api-key`, and `openai-*` key headers. */
export function isSecretHeader(name: string): boolean {
  const lower = name.toLowerCase();
  return lower === 'authorization' || lower === 'proxy-authorization' || lower === 'api-key' || lower === 'x-api-key' || (lower.startsWith('openai-') && lower.includes('key'));
}

/**
 * The redacted form of a secret header's value: its scheme kept, the secret replaced by the first 8 hex
 * digits of its SHA-256 (`Bearer sk-fake` gives `Bearer [redacted:c8c22e01]`). The same key always gives the
 * same form, so a test can check which key was sent without the key being kept or printed.
 *
 * @example
 * const [call] = openaiMock.chat.completions.create.calls;
 * call?.request.headers.get('authorization') === redactSecret('Bearer sk-fake'); // true
 */
export function redactSecret(value: string): string {
  // A client sends the same key call after call: the last one's form is kept (in memory only, as the client
  // itself keeps the key), so a call costs no hash.
  if (value === lastRedacted.value) return lastRedacted.form;
  const scheme = /^(\w+) +(?=\S)/.exec(value)?.[0] ?? '';
  const digest = createHash('sha256').update(value.slice(scheme.length)).digest('hex').slice(0, 8);
  const form = `${scheme}[redacted:${digest}]`;
  lastRedacted = { value, form };
  return form;
}

let lastRedacted = { value: '', form: '' };

/** A header's value as it may be kept: secret headers redacted. */
export function keptHeaderValue(name: string, value: string): string {
  if (isSecretHeader(name)) return redactSecret(value);
  // A WebSocket upgrade's subprotocols may carry the key (`openai-insecure-api-key.<key>`).
  if (name.length === 22 && name.toLowerCase() === 'sec-websocket-protocol') return value.split(',').map((protocol) => redactSubprotocol(protocol.trim())).join(', ');
  return value;
}

/** The subprotocol that carries a key (`openai-insecure-api-key.<key>`, as browsers send it to the Realtime API). */
const keyProtocolPrefix = 'openai-insecure-api-key.';

/**
 * A WebSocket subprotocol as it may be kept: a key protocol's key redacted like a key header's
 * (`openai-insecure-api-key.[redacted:c8c22e01]`), any other protocol as it is.
 *
 * @example
 * redactSubprotocol('openai-insecure-api-key.sk-fake'); // 'openai-insecure-api-key.[redacted:c8c22e01]'
 */
export function redactSubprotocol(protocol: string): string {
  return protocol.startsWith(keyProtocolPrefix) ? keyProtocolPrefix + redactSecret(protocol.slice(keyProtocolPrefix.length)) : protocol;
}

/** The key a subprotocol carries (`openai-insecure-api-key.<key>`), or undefined. */
export function keyOfSubprotocol(protocol: string): string | undefined {
  return protocol.startsWith(keyProtocolPrefix) ? protocol.slice(keyProtocolPrefix.length) : undefined;
}
