// The request target of an HTTP/1.1 request line, in the forms a server must take (RFC 9112, section 3.2):
// origin-form (`/v1/models?x=1`), absolute-form (`http://127.0.0.1:4010/v1/models`, as proxies and some clients
// send it), and the asterisk-form of `OPTIONS *`.

/** What a request target names. */
export type RequestTarget =
  /** A path with its query (origin-form), and the authority an absolute-form target named (it stands for `Host`). */
  | { readonly kind: 'path'; readonly path: string; readonly authority?: string }
  /** `OPTIONS *`: the server as a whole. */
  | { readonly kind: 'server' }
  /** Anything else: why it is not a target this server takes. */
  | { readonly kind: 'invalid'; readonly reason: string };

/**
 * Reads a request's target (`request.url` of `node:http`) into a path the mock routes.
 *
 * @example
 * requestTarget('GET', 'http://127.0.0.1:4010/v1/models'); // { kind: 'path', path: '/v1/models', authority: '127.0.0.1:4010' }
 */
export function requestTarget(method: string, target: string): RequestTarget {
  if (target === '*') {
    return method === 'OPTIONS' ? { kind: 'server' } : { kind: 'invalid', reason: `The request target '*' is only for OPTIONS, not ${method}.` };
  }
  if (target.startsWith('/')) return target.startsWith('//') ? { kind: 'invalid', reason: `The request target '${target}' is not a path.` } : { kind: 'path', path: target };
  if (/^https?:\/\//i.test(target)) {
    try {
      const url = new URL(target);
      return { kind: 'path', path: `${url.pathname}${url.search}`, authority: url.host };
    } catch {
      return { kind: 'invalid', reason: `The request target '${target}' is not a valid URL.` };
    }
  }
  return { kind: 'invalid', reason: `The request target '${target}' is neither a path ('/v1/...') nor an http URL.` };
}
