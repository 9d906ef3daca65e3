// The gate every request to the served mock passes first: who may call it (Host, Origin, Sec-Fetch-Site), what a
// browser page is granted (CORS on the OpenAI paths, never on the control API), and what the control API takes
// (JSON for what changes state, the token when one is set). Every refusal is in the API's error shape.
import { createHash, timingSafeEqual } from 'node:crypto';
import type { IncomingHttpHeaders } from 'node:http';
import { networkInterfaces } from 'node:os';
import { apiError } from '../errors/api-errors.js';
import { controlPrefix } from './control-api.js';
import { createLivePageAccess, isLivePagePath } from './live-page-access.js';

/**
 * Who may reach a served mock besides the loopback names: see {@link ServerOptions}.
 *
 * @example
 * const refusal = checkRequestOrigin(request.headers, { host: '127.0.0.1', port: 4010 }, { allowedHosts: ['mock'] });
 */
export interface RequestOriginOptions {
  /** Host names accepted besides the bound address, `localhost`, `127.0.0.1` and `[::1]`; `.example.test` takes its subdomains too. */
  readonly allowedHosts?: readonly string[] | undefined;
  /** Page origins (`https://app.example.test`) granted the OpenAI paths besides the loopback ones. */
  readonly allowedOrigins?: readonly string[] | undefined;
  /** Checks for the control API (`/__openai-responses/...`), which no page is granted but the server's own. */
  readonly controlAPI?: boolean | undefined;
}

/**
 * Where the server listens, as `server.address()` tells: the bound address and port.
 *
 * @example
 * const address: ServerAddress = { host: '127.0.0.1', port: 4010 };
 */
export interface ServerAddress {
  readonly host: string;
  readonly port: number;
}

const loopbackNames = new Set(['localhost', '127.0.0.1', '[::1]', '::1']);
const wildcardHosts = new Set(['0.0.0.0', '::', '[::]', '']);

function header(headers: IncomingHttpHeaders, name: string): string | undefined {
  const value = headers[name];
  return Array.isArray(value) ? value[0] : value;
}

/** `host:port` (or `[v6]:port`) to its host name, lower case; undefined when it is not a host. */
function hostNameOf(authority: string): string | undefined {
  const value = authority.trim().toLowerCase();
  const match = /^(\[[0-9a-f:.]+\]|[^:[\]/\s@]+)(?::(\d{1,5}))?$/.exec(value);
  return match?.[1];
}

/** The host names the server answers to without being told: loopback, its bound address, its interfaces when bound to all. */
function ownHostNames(server: ServerAddress): Set<string> {
  const names = new Set(loopbackNames);
  const bound = server.host.toLowerCase();
  names.add(bound.includes(':') && !bound.startsWith('[') ? `[${bound}]` : bound);
  if (wildcardHosts.has(bound)) {
    for (const addresses of Object.values(networkInterfaces())) {
      for (const { address, family } of addresses ?? []) names.add(family === 'IPv6' ? `[${address.toLowerCase()}]` : address);
    }
  }
  return names;
}

function listedHost(name: string, allowed: readonly string[]): boolean {
  return allowed.some((entry) => {
    const wanted = entry.trim().toLowerCase();
    if (wanted.startsWith('.')) return name === wanted.slice(1) || name.endsWith(wanted);
    return name === (hostNameOf(wanted) ?? wanted);
  });
}

/** Whether a host name is one the server answers to (a loopback name, its address, a listed host, `*.localhost`). */
export function isAllowedHost(name: string, server: ServerAddress, options: RequestOriginOptions = {}): boolean {
  return ownHostNames(server).has(name) || name.endsWith('.localhost') || listedHost(name, options.allowedHosts ?? []);
}

/** A page origin on the loopback interface (`http://localhost:5173`, `http://127.0.0.1:3000`, `http://[::1]:8080`). */
function isLoopbackOrigin(origin: URL): boolean {
  const name = origin.hostname.toLowerCase();
  return loopbackNames.has(name) || name.endsWith('.localhost');
}

function parseOrigin(value: string): URL | undefined {
  if (value === 'null') return undefined;
  try {
    const url = new URL(value);
    return url.origin === 'null' ? undefined : url;
  } catch {
    return undefined;
  }
}

function forbidden(message: string, code: string): Response {
  return apiError(403, message, { code, type: 'invalid_request_error' });
}

/**
 * Checks where a request comes from, for the served mock and anything upgraded or served beside it (a WebSocket,
 * a page): the `Host` must be there and name this server (DNS rebinding), and a browser's `Origin` /
 * `Sec-Fetch-Site` must be this server's own or, outside the control API, a loopback or listed origin. Returns the
 * refusal to send (in the API's error shape: a 400 with no `Host`, else a 403), or `null` when the request may go
 * on. `refuseUpgrade` writes a refusal on an upgrade's socket.
 *
 * @example
 * server.on('upgrade', (request, socket) => {
 *   const refusal = checkRequestOrigin(request.headers, { host: '127.0.0.1', port }, { allowedHosts: ['mock'] });
 *   if (refusal) return void refuseUpgrade(socket, refusal);
 *   // ... accept the WebSocket
 * });
 */
export function checkRequestOrigin(headers: IncomingHttpHeaders, server: ServerAddress, options: RequestOriginOptions = {}): Response | null {
  const host = header(headers, 'host');
  if (host === undefined) {
    // HTTP/1.1 requires it (RFC 9112, 3.2), and without it a request cannot be told to be this server's.
    return apiError(400, "openai-responses: the request has no Host header. HTTP/1.1 requires one (every HTTP client sends it); it names the server, which refuses names that are not its own.", {
      code: 'host_required',
      type: 'invalid_request_error',
    });
  }
  const name = hostNameOf(host);
  if (name === undefined || !isAllowedHost(name, server, options)) {
    return forbidden(
      `openai-responses: the Host '${host}' is not this server's. It answers to localhost, 127.0.0.1, [::1] and the address it listens on; allow another name with allowedHosts (--allowed-host NAME). This stops web pages from reaching the mock through a name of theirs (DNS rebinding).`,
      'host_not_allowed',
    );
  }
  const originHeader = header(headers, 'origin');
  const fetchSite = header(headers, 'sec-fetch-site')?.toLowerCase();
  const own = `http://${host.trim().toLowerCase()}`;
  if (originHeader !== undefined) {
    const origin = parseOrigin(originHeader);
    const isOwn = origin !== undefined && origin.origin === own;
    if (options.controlAPI && !isOwn) {
      return forbidden(`openai-responses: the control API takes no request from a web page (Origin '${originHeader}'); call it from a test or a script.`, 'cross_origin_request');
    }
    if (!isOwn && (origin === undefined || !(isLoopbackOrigin(origin) || (options.allowedOrigins ?? []).includes(origin.origin)))) {
      return forbidden(
        `openai-responses: requests from the web page at '${originHeader}' are refused. Pages on localhost, 127.0.0.1 and [::1] may call /v1; allow another origin with allowedOrigins (--allowed-origin ORIGIN).`,
        'cross_origin_request',
      );
    }
    return null;
  }
  // No Origin: a browser still says where the request comes from (an image, a form, a link from another site).
  if (fetchSite === 'cross-site' || (options.controlAPI && fetchSite === 'same-site')) {
    return forbidden(`openai-responses: a ${fetchSite} request (Sec-Fetch-Site) from a web page is refused.`, 'cross_origin_request');
  }
  return null;
}

/**
 * The settings of the gate in front of a served mock.
 *
 * @example
 * const gate = createRequestGate({ host: '127.0.0.1', port: 4010 }, { token: 'secret' });
 */
export interface RequestGateOptions extends RequestOriginOptions {
  /**
   * When set, the control API requires `Authorization: Bearer <token>`; the live page takes the token once in its
   * link (`?token=`) and then a cookie (see `docs/server.md`, "Security").
   */
  readonly token?: string | undefined;
}

/** What the gate decides for one request: an answer to send instead (a refusal, a preflight's), or headers to add to the answer. */
export type GateDecision = { readonly answer: Response } | { readonly headers: Readonly<Record<string, string>> };

/**
 * The gate in front of a served mock's request handler.
 *
 * @example
 * const decision = gate.admit(request.method ?? 'GET', path, request.headers);
 * if ('answer' in decision) return write(decision.answer);
 */
export interface RequestGate {
  /** Decides for one request, given its method, its path (origin-form) and its headers. */
  admit(method: string, path: string, headers: IncomingHttpHeaders): GateDecision;
}

const stateChanging = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);
const noHeaders: Readonly<Record<string, string>> = {};

function digest(value: string): Buffer {
  return createHash('sha256').update(value).digest();
}

/** Whether the control API is under this path (`/__openai-responses`, `/__openai-responses/...`). */
export function isControlPath(path: string): boolean {
  return path === controlPrefix || path.startsWith(`${controlPrefix}/`) || path.startsWith(`${controlPrefix}?`);
}

/**
 * Makes the gate of a served mock: {@link checkRequestOrigin} for every path; for a page granted `/v1`, CORS
 * (its origin echoed, never `*`; preflights answered); for the control API, JSON for state-changing calls and the
 * token when one is set (for the live page, its link's `?token=` then a cookie).
 *
 * @example
 * const gate = createRequestGate({ host: '127.0.0.1', port: 4010 }, { allowedOrigins: ['https://app.example.test'] });
 */
export function createRequestGate(server: ServerAddress, options: RequestGateOptions = {}): RequestGate {
  const token = options.token === undefined || options.token === '' ? undefined : digest(options.token);
  const livePageAccess = options.token === undefined || options.token === '' ? undefined : createLivePageAccess(options.token, server.port);
  return {
    admit(method, path, headers) {
      const controlAPI = isControlPath(path);
      const refusal = checkRequestOrigin(headers, server, { ...options, controlAPI });
      if (refusal) return { answer: refusal };
      const origin = header(headers, 'origin');
      if (controlAPI) {
        if (method === 'OPTIONS') return { answer: forbidden('openai-responses: the control API is not granted to web pages.', 'cross_origin_request') };
        if (token !== undefined) {
          const given = /^Bearer\s+(.+)$/i.exec(header(headers, 'authorization') ?? '')?.[1]?.trim();
          const bearer = given !== undefined && timingSafeEqual(digest(given), token);
          // The live page, opened by a person: the token once in its link, then a cookie (see live-page-access.ts).
          if (!bearer && livePageAccess !== undefined && (method === 'GET' || method === 'HEAD') && isLivePagePath(path.split('?')[0] ?? '')) {
            const answer = livePageAccess.admit(path, headers);
            if (answer) return { answer };
          } else if (!bearer) {
            return {
              answer: apiError(401, `openai-responses: the control API requires 'Authorization: Bearer <token>' with the server's token (MockServerClient sends it: new MockServerClient(url, { token })).`, {
                code: 'invalid_control_token',
                headers: { 'www-authenticate': 'Bearer' },
              }),
            };
          }
        }
        if (stateChanging.has(method)) {
          const type = header(headers, 'content-type')?.split(';')[0]?.trim().toLowerCase();
          if (type !== 'application/json') {
            return {
              answer: apiError(415, `openai-responses: the control API's ${method} requests take 'content-type: application/json' (got ${type === undefined ? 'none' : `'${type}'`}).`, {
                code: 'unsupported_media_type',
                type: 'invalid_request_error',
              }),
            };
          }
        }
        return { headers: noHeaders };
      }
      if (origin === undefined) return { headers: noHeaders };
      const cors = { 'access-control-allow-origin': origin, vary: 'Origin', 'access-control-expose-headers': '*' };
      const requestedMethod = header(headers, 'access-control-request-method');
      if (method === 'OPTIONS' && requestedMethod !== undefined) {
        const requestedHeaders = header(headers, 'access-control-request-headers');
        const answerHeaders: Record<string, string> = {
          ...cors,
          vary: 'Origin, Access-Control-Request-Method, Access-Control-Request-Headers',
          'access-control-allow-methods': 'GET, POST, PUT, PATCH, DELETE',
          'access-control-max-age': '600',
          ...(requestedHeaders !== undefined && { 'access-control-allow-headers': requestedHeaders }),
          ...(header(headers, 'access-control-request-private-network') === 'true' && { 'access-control-allow-private-network': 'true' }),
        };
        return { answer: new Response(null, { status: 204, headers: answerHeaders }) };
      }
      return { headers: cors };
    },
  };
}
