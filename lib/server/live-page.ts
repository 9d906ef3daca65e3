import diagnosticsChannel from 'node:diagnostics_channel';
import type { OpenAIMock } from '../engine/mock.js';
import { ANSWER_CHANNEL, type AnswerMessage } from '../internal/diagnostics.js';
import { callDetails } from '../engine/call-record.js';
import { collectCalls, routesOf } from '../report/collect.js';
import { contentSecurityPolicy, newNonce, renderPage } from '../report/page.js';
import { renderReport } from '../report/render.js';

/**
 * The live page of a served mock: `GET /__openai-responses/` shows the report of its calls (as `writeReport` writes
 * it), and keeps it up to date from `GET /__openai-responses/live/events`, a stream of server-sent events that
 * sends the report again as calls arrive (or are reset).
 */
export interface LivePage {
  /** The answer to a request the live page owns (`path` as the client sent it), or `undefined` for any other. */
  handle(method: string, path: string): Promise<Response> | undefined;
  /** Ends the update streams of every page open (the server is closing). */
  close(): void;
}

/** How often an open page checks for calls it was not told of (a reset, calls dropped by `keepCalls`), in ms. */
const recheckMs = 1000;
/** Calls arriving together are shown together: an update waits this long for more (ms). */
const settleMs = 50;

const pageHeaders = (nonce: string, live: boolean): Record<string, string> => ({
  'content-type': 'text/html; charset=utf-8',
  'cache-control': 'no-store',
  'x-content-type-options': 'nosniff',
  'x-frame-options': 'DENY',
  'referrer-policy': 'no-referrer',
  'content-security-policy': `${contentSecurityPolicy(nonce, live)}; frame-ancestors 'none'`,
});

/** What the mock's calls look like from outside, cheaply: how many the routes keep, and the newest one's number. */
function fingerprint(openaiMock: OpenAIMock): string {
  let count = 0;
  let newest = 0;
  for (const route of routesOf(openaiMock)) {
    count += route.calls.length;
    const last = route.calls.at(-1);
    if (last !== undefined) newest = Math.max(newest, callDetails(last)?.sequence ?? 0);
  }
  return `${count}|${newest}`;
}

/** The report's body as one server-sent event. */
function reportEvent(markup: string): string {
  return `event: report\n${markup.split(/\r\n|\r|\n/).map((line) => `data: ${line}\n`).join('')}\n`;
}

/**
 * The live page of one mock, served under `prefix` (the control API's, `/__openai-responses`).
 *
 * @example
 * const live = createLivePage(openaiMock, '/__openai-responses');
 * const page = live.handle('GET', '/__openai-responses/'); // a Promise<Response>
 */
export function createLivePage(openaiMock: OpenAIMock, prefix: string, title = 'openai-responses: live calls'): LivePage {
  const streams = new Set<() => void>();
  const render = async (): Promise<string> => renderReport(await collectCalls(openaiMock), title).markup;

  const page = async (): Promise<Response> => {
    const nonce = newNonce();
    return new Response(renderPage(renderReport(await collectCalls(openaiMock), title), { title, events: 'live/events' }, nonce), { status: 200, headers: pageHeaders(nonce, true) });
  };

  const events = (): Response => {
    const encoder = new TextEncoder();
    let stop = (): void => undefined;
    const body = new ReadableStream<Uint8Array>({
      start(controller) {
        let seen = '';
        let timer: NodeJS.Timeout | undefined;
        let rendering = false;
        let again = false;
        let closed = false;
        const send = async (): Promise<void> => {
          timer = undefined;
          if (rendering) {
            again = true;
            return;
          }
          rendering = true;
          try {
            seen = fingerprint(openaiMock);
            const markup = await render();
            if (!closed) controller.enqueue(encoder.encode(reportEvent(markup)));
          } catch (error) {
            if (!closed) controller.enqueue(encoder.encode(`event: failure\ndata: ${(error instanceof Error ? error.message : String(error)).replace(/[\r\n]+/g, ' ')}\n\n`));
          } finally {
            rendering = false;
            if (again && !closed) {
              again = false;
              schedule();
            }
          }
        };
        const schedule = (): void => {
          if (closed || timer !== undefined) return;
          timer = setTimeout(() => void send(), settleMs);
          timer.unref();
        };
        const onAnswer = (message: unknown): void => {
          const route = (message as AnswerMessage).route;
          if (openaiMock.routes.get(route.name) === route) schedule();
        };
        diagnosticsChannel.subscribe(ANSWER_CHANNEL, onAnswer);
        const recheck = setInterval(() => {
          if (fingerprint(openaiMock) !== seen) schedule();
          else if (!closed) controller.enqueue(encoder.encode(': still here\n\n'));
        }, recheckMs);
        recheck.unref();
        stop = () => {
          if (closed) return;
          closed = true;
          diagnosticsChannel.unsubscribe(ANSWER_CHANNEL, onAnswer);
          clearInterval(recheck);
          if (timer !== undefined) clearTimeout(timer);
          streams.delete(end);
        };
        const end = (): void => {
          stop();
          try {
            controller.close();
          } catch {
            // Already closed.
          }
        };
        streams.add(end);
        controller.enqueue(encoder.encode('retry: 1000\n\n'));
        void send();
      },
      cancel() {
        stop();
      },
    });
    return new Response(body, { status: 200, headers: { 'content-type': 'text/event-stream; charset=utf-8', 'cache-control': 'no-store', 'x-content-type-options': 'nosniff' } });
  };

  return {
    handle(method, rawPath) {
      if (method !== 'GET' && method !== 'HEAD') return undefined;
      const path = rawPath.split('?')[0] ?? '';
      if (path === prefix) return Promise.resolve(new Response(null, { status: 308, headers: { location: `${prefix}/` } }));
      if (path === `${prefix}/`) return page();
      if (path === `${prefix}/live/events`) return Promise.resolve(events());
      return undefined;
    },
    close() {
      for (const end of [...streams]) end();
    },
  };
}
