// The live page on a server with a token. A browser cannot send `Authorization: Bearer` when a person opens a
// link, so the page takes the token once in its URL (`/__openai-responses/?token=...`, the link the server prints),
// answers with an HttpOnly, SameSite=Strict cookie scoped to the control API's path, and redirects to the same page
// without the token; the page and its update stream then take the cookie. The cookie grants the live page only
// (reading), never the control API. A missing or wrong token gets a 401 page that says what to do, never the data.
import { createHash, createHmac, timingSafeEqual } from 'node:crypto';
import type { IncomingHttpHeaders } from 'node:http';
import { html } from '../report/html.js';
import { controlPrefix } from './control-api.js';
import { apiError } from '../errors/api-errors.js';

/** The query parameter the token comes in, once. */
export const livePageTokenParameter = 'token';

/**
 * Whether a path (without its query) is one the live page owns: the page of the server's mock, a session's page,
 * and their update streams.
 *
 * @example
 * isLivePagePath('/__openai-responses/');                         // true
 * isLivePagePath('/__openai-responses/sessions/worker-1/live/events'); // true
 * isLivePagePath('/__openai-responses/state');                    // false
 */
export function isLivePagePath(pathname: string): boolean {
  if (!pathname.startsWith(controlPrefix)) return false;
  const rest = pathname.slice(controlPrefix.length);
  return /^(?:\/sessions\/[^/]+)?(?:\/|\/live\/events)?$/.test(rest);
}

function header(headers: IncomingHttpHeaders, name: string): string | undefined {
  const value = headers[name];
  return Array.isArray(value) ? value[0] : value;
}

function digest(value: string | Buffer): Buffer {
  return createHash('sha256').update(value).digest();
}

/** Compares in constant time (both sides hashed to the same length first). */
function same(given: string, expected: Buffer): boolean {
  return timingSafeEqual(digest(given), digest(expected));
}

/** The cookies of a request, by name (the first of a name wins). */
function cookies(headers: IncomingHttpHeaders): Map<string, string> {
  const found = new Map<string, string>();
  for (const part of (header(headers, 'cookie') ?? '').split(';')) {
    const equals = part.indexOf('=');
    if (equals <= 0) continue;
    const name = part.slice(0, equals).trim();
    if (!found.has(name)) found.set(name, part.slice(equals + 1).trim());
  }
  return found;
}

const pageHeaders = {
  'content-type': 'text/html; charset=utf-8',
  'cache-control': 'no-store',
  'x-content-type-options': 'nosniff',
  'x-frame-options': 'DENY',
  'referrer-policy': 'no-referrer',
  'content-security-policy': "default-src 'none'; style-src 'unsafe-inline'; base-uri 'none'; form-action 'none'; frame-ancestors 'none'",
} as const;

/** The 401 page: what is wrong and what to do, and nothing of the mock's. */
function refusalPage(reason: string): Response {
  const markup = html`<!doctype html>
<html lang="en"><head><meta charset="utf-8"><meta name="referrer" content="no-referrer"><title>openai-responses: token required</title>
<style>body{font:15px/1.5 system-ui,sans-serif;max-width:720px;margin:48px auto;padding:0 16px;color:#1d2228}code{background:#eef0f3;padding:1px 4px;border-radius:3px}</style></head>
<body><main><h1>This live page needs the server's token</h1><p id="reason">${reason}</p>
<p>Open the link the server printed when it started (<code>openai-responses: live page: http://HOST:PORT${controlPrefix}/?token=…</code>; <code>MockServer.livePageURL</code> from <code>startServer</code>). The page then keeps the token in a cookie for this server's page only and drops it from the address bar.</p>
<p>Programs may send <code>Authorization: Bearer &lt;token&gt;</code> instead.</p></main></body></html>
`.markup;
  return new Response(markup, { status: 401, headers: { ...pageHeaders, 'www-authenticate': 'Bearer' } });
}

/**
 * Who may see the live page of a server with a token: a request with the token as a bearer, or with the cookie
 * the token's link set. `admit` returns the answer to send instead of the page (the redirect that sets the
 * cookie, or a 401), or `undefined` to let the request through.
 *
 * @example
 * const access = createLivePageAccess('secret', 4010);
 * access.admit('/__openai-responses/?token=secret', request.headers); // a 303 that sets the cookie
 */
export interface LivePageAccess {
  /** Decides for a GET or HEAD of a live page path (`path` with its query) that carries no valid bearer token. */
  admit(path: string, headers: IncomingHttpHeaders): Response | undefined;
}

/**
 * Makes the live page's access check for a server whose token is `token`, listening on `port` (the cookie's name
 * carries the port: browsers share cookies between the ports of one host).
 *
 * @example
 * const access = createLivePageAccess(process.env.OPENAI_RESPONSES_TOKEN ?? '', 4010);
 */
export function createLivePageAccess(token: string, port: number): LivePageAccess {
  const tokenBytes = Buffer.from(token);
  // The cookie holds a value derived from the token, not the token: it opens the page, not the control API.
  const cookieValue = createHmac('sha256', token).update('openai-responses live page').digest('base64url');
  const cookieBytes = Buffer.from(cookieValue);
  const cookieName = `openai-responses-live-${port}`;
  return {
    admit(path, headers) {
      const url = new URL(path, 'http://live');
      const given = url.searchParams.get(livePageTokenParameter);
      if (given !== null) {
        if (!same(given, tokenBytes)) {
          return refusalPage("The token in this link is not this server's token. Check the link, or the server's --token (OPENAI_RESPONSES_TOKEN).");
        }
        url.searchParams.delete(livePageTokenParameter);
        const pathname = url.pathname === controlPrefix ? `${controlPrefix}/` : url.pathname;
        return new Response(null, {
          status: 303,
          headers: {
            location: pathname + url.search,
            'set-cookie': `${cookieName}=${cookieValue}; Path=${controlPrefix}; HttpOnly; SameSite=Strict`,
            'cache-control': 'no-store',
            'referrer-policy': 'no-referrer',
          },
        });
      }
      const cookie = cookies(headers).get(cookieName);
      if (cookie !== undefined && same(cookie, cookieBytes)) return undefined;
      const reason = cookie === undefined ? 'No token came with this request.' : "The cookie this browser holds is not for this server's token (was the server restarted with another one?).";
      if (url.pathname.endsWith('/live/events')) {
        return apiError(401, `openai-responses: the live page's updates need the server's token. ${reason}`, { code: 'invalid_control_token', headers: { 'www-authenticate': 'Bearer' } });
      }
      return refusalPage(reason);
    },
  };
}
