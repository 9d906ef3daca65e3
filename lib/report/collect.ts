import { type AnsweredBy, type CallDetails, type RouteCall, callDetails } from '../engine/call-record.js';
import type { OpenAIMock } from '../engine/mock.js';
import { MockRoutes } from '../engine/mock-routes.js';
import type { Route } from '../engine/route.js';
import { redactUrl } from '../record/redact.js';

/** One call as a report shows it: what was sent, what was answered, by what, and when. */
export interface ReportedCall {
  /** Its place among the report's calls, from 1. */
  readonly number: number;
  /** The route's client method name: `chat.completions.create`. */
  readonly route: string;
  readonly method: string;
  /** The URL, key-carrying query parameters masked. */
  readonly url: string;
  readonly params: Readonly<Record<string, string>>;
  /** Request headers, key headers redacted. */
  readonly headers: Readonly<Record<string, string>>;
  /** The parsed body: JSON, a `FormData`, text or `undefined`. */
  readonly body: unknown;
  /** Epoch milliseconds when the call came in. */
  readonly at: number;
  /** Milliseconds to answer (latency included). */
  readonly durationMs: number;
  readonly answeredBy: AnsweredBy;
  readonly status: number;
  readonly answerHeaders: Readonly<Record<string, string>>;
  readonly contentType: string;
  /** The answer's body as text (JSON, server-sent events), when it is text. */
  readonly answerText?: string;
  /** The answer's body as bytes, when it is not text (audio, a file's content). */
  readonly answerBytes?: Uint8Array;
  /** Why the answer's body could not be read again (a streaming `Response` of the user's, used once). */
  readonly answerUnreadable?: string;
  /** The body's size in bytes, when it was cut at {@link maxAnswerBytes}. */
  readonly answerCutFrom?: number;
}

/** The most of one answer's body a report reads (8 MiB). */
export const maxAnswerBytes = 8 * 1024 * 1024;

const textTypes = /^(text\/|application\/(json|x-ndjson|.*\+json)|application\/xml)/;

/** The routes of a mock that were made (the others have no calls). */
export function routesOf(openaiMock: OpenAIMock): Iterable<Route> {
  const routes = openaiMock.routes;
  return routes instanceof MockRoutes ? routes.made() : routes.values();
}

async function readAll(stream: ReadableStream<Uint8Array>): Promise<{ bytes: Uint8Array; total: number; error?: string }> {
  const reader = stream.getReader();
  const chunks: Uint8Array[] = [];
  let kept = 0;
  let total = 0;
  try {
    for (;;) {
      const { done, value } = await reader.read();
      if (done) break;
      total += value.length;
      if (kept < maxAnswerBytes) {
        const part = value.subarray(0, maxAnswerBytes - kept);
        chunks.push(part);
        kept += part.length;
      }
    }
  } catch (error) {
    return { bytes: join(chunks, kept), total, error: error instanceof Error ? error.message : String(error) };
  }
  return { bytes: join(chunks, kept), total };
}

function join(chunks: readonly Uint8Array[], size: number): Uint8Array {
  const out = new Uint8Array(size);
  let at = 0;
  for (const chunk of chunks) {
    out.set(chunk, at);
    at += chunk.length;
  }
  return out;
}

/** The answer's body, read afresh: as text when its type is text, else as bytes. */
async function answerBody(body: string | Uint8Array | null | (() => ReadableStream<Uint8Array>), contentType: string): Promise<Pick<ReportedCall, 'answerText' | 'answerBytes' | 'answerUnreadable' | 'answerCutFrom'>> {
  if (body === null) return {};
  let bytes: Uint8Array;
  let total: number;
  let unreadable: string | undefined;
  if (typeof body === 'string') {
    if (body.length <= maxAnswerBytes) return { answerText: body };
    return { answerText: body.slice(0, maxAnswerBytes), answerCutFrom: Buffer.byteLength(body) };
  }
  if (body instanceof Uint8Array) {
    bytes = body.subarray(0, maxAnswerBytes);
    total = body.length;
  } else {
    try {
      const read = await readAll(body());
      bytes = read.bytes;
      total = read.total;
      unreadable = read.error;
    } catch (error) {
      return { answerUnreadable: error instanceof Error ? error.message : String(error) };
    }
  }
  const cut = total > bytes.length ? { answerCutFrom: total } : {};
  const broken = unreadable === undefined ? {} : { answerUnreadable: unreadable };
  if (contentType === '' || textTypes.test(contentType)) return { answerText: new TextDecoder().decode(bytes), ...cut, ...broken };
  return { answerBytes: bytes, ...cut, ...broken };
}

/** The headers of a request or an answer as a record. */
function headerRecord(headers: Headers | Record<string, string>): Record<string, string> {
  if (!(headers instanceof Headers)) return { ...headers };
  const out: Record<string, string> = {};
  headers.forEach((value, name) => {
    out[name] = value;
  });
  return out;
}

function maskedUrl(url: string): string {
  try {
    return redactUrl(new URL(url)).toString();
  } catch {
    return url;
  }
}

/**
 * Every call a mock answered (as its routes keep them, see `keepCalls`), oldest first across routes, with their
 * answers read again.
 */
export function collectCalls(openaiMock: OpenAIMock): Promise<ReportedCall[]> {
  return collectRouteCalls(routesOf(openaiMock));
}

/** What a report reads of a route: its calls. */
export interface RouteWithCalls {
  readonly calls: readonly RouteCall<unknown, unknown>[];
}

/** The calls of these routes that came at or after `since` (epoch ms), in the order they came, answers read again. */
export async function collectRouteCalls(routes: Iterable<RouteWithCalls>, since = 0): Promise<ReportedCall[]> {
  const found: { details: CallDetails; call: RouteCall<unknown, unknown> }[] = [];
  for (const route of routes) {
    for (const call of route.calls) {
      const details = callDetails(call);
      if (details && details.at >= since) found.push({ details, call });
    }
  }
  found.sort((a, b) => a.details.at - b.details.at || a.details.sequence - b.details.sequence);
  return Promise.all(found.map(async ({ details, call }, index): Promise<ReportedCall> => {
    const { answer } = details;
    const contentType = answer.headers['content-type'] ?? '';
    const request = call.request;
    return {
      number: index + 1,
      route: details.route,
      method: request.method,
      url: maskedUrl(request.url),
      params: (call.params ?? {}) as Record<string, string>,
      headers: headerRecord(request.headers),
      body: call.body,
      at: details.at,
      durationMs: details.durationMs,
      answeredBy: details.answeredBy,
      status: answer.status,
      answerHeaders: headerRecord(answer.headers),
      contentType,
      ...(await answerBody(answer.body, contentType)),
    };
  }));
}
