import diagnosticsChannel from 'node:diagnostics_channel';
import type { OpenAIMock } from '../engine/mock.js';
import { ANSWER_CHANNEL, type AnswerMessage } from '../internal/diagnostics.js';
import { callDetails } from '../engine/call-record.js';
import { collectCalls, routesOf } from '../report/collect.js';
import { type Html, html } from '../report/html.js';
import { contentSecurityPolicy, newNonce, renderPage } from '../report/page.js';
import { renderReport } from '../report/render.js';
import { isSessionId, sessionUnder } from './sessions.js';

/**
 * The live page of a served mock: `GET /__openai-responses/` shows the report of its calls (as `writeReport` writes
 * it), and keeps it up to date from `GET /__openai-responses/live/events`, a stream of server-sent events that
 * sends the report again as calls arrive (or are reset). Where sessions are on, the page lists them, and
 * `/__openai-responses/sessions/<id>/` is the live page of session `<id>` (its updates under `.../live/events`).
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

/** The sessions of a server, as the live page reads them (it never makes one). */
export interface LiveSessions {
  /** The ids of the sessions made so far, oldest first. */
  readonly ids: readonly string[];
  /** The session of this id, if it was made. */
  find(id: string): { readonly mock: OpenAIMock } | undefined;
}

/** What a mock's calls look like from outside, cheaply: how many the routes keep, and the newest one's number. */
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

/** A number per mock, so a session ended and made again under its id is told from the one before. */
const mockNumbers = new WeakMap<OpenAIMock, number>();
let lastMockNumber = 0;
function mockNumber(openaiMock: OpenAIMock): number {
  let number = mockNumbers.get(openaiMock);
  if (number === undefined) mockNumbers.set(openaiMock, (number = ++lastMockNumber));
  return number;
}

/** The route an answer came from, as the diagnostics channel tells it. */
type AnsweringRoute = AnswerMessage['route'];

function owns(openaiMock: OpenAIMock, route: AnsweringRoute): boolean {
  return openaiMock.routes.get(route.name) === route;
}

/** The report's body as one server-sent event. */
function reportEvent(markup: string): string {
  return `event: report\n${markup.split(/\r\n|\r|\n/).map((line) => `data: ${line}\n`).join('')}\n`;
}

const plural = (count: number, word: string): string => `${count} ${word}${count === 1 ? '' : 's'}`;

/** One page: the server's mock (with the list of sessions), or a session's. */
interface View {
  readonly title: string;
  /** The mock shown now: a session's is made on its first request, and may be ended and made again. */
  mock(): OpenAIMock | undefined;
  /** What the page shows above the report: the sessions, or the way back to them. */
  nav(): Html;
  /** Changes when what the page shows changes. */
  fingerprint(): string;
  /** Whether an answer of this route changes the page. */
  concerns(route: AnsweringRoute): boolean;
}

function serverView(openaiMock: OpenAIMock, title: string, sessions: LiveSessions | undefined): View {
  const made = (): { id: string; mock: OpenAIMock }[] =>
    (sessions?.ids ?? []).flatMap((id) => {
      const session = sessions?.find(id);
      return session ? [{ id, mock: session.mock }] : [];
    });
  return {
    title,
    mock: () => openaiMock,
    nav() {
      if (!sessions) return html``;
      const list = made();
      return html`<nav class="sessions" aria-label="sessions"><span class="label">Sessions</span> ${
        list.length === 0
          ? html`<span class="note">none yet: a request to /sessions/&lt;id&gt;/v1 makes one. This page shows the server's own mock.</span>`
          : html`${list.map(({ id, mock }) => html`<a class="session" href="sessions/${encodeURIComponent(id)}/"><span class="session-id">${id}</span> <span class="session-count">${plural(mock.calls.length, 'call')}</span></a> `)}<span class="note">This page shows the server's own mock; each session has a page of its own.</span>`
      }</nav>`;
    },
    fingerprint: () => [fingerprint(openaiMock), ...made().map(({ id, mock }) => `${id}:${mockNumber(mock)}:${mock.calls.length}`)].join('\n'),
    concerns: (route) => owns(openaiMock, route) || made().some(({ mock }) => owns(mock, route)),
  };
}

function sessionView(id: string, sessions: LiveSessions): View {
  const mock = (): OpenAIMock | undefined => sessions.find(id)?.mock;
  return {
    title: `openai-responses: session ${id}`,
    mock,
    nav: () =>
      html`<nav class="sessions" aria-label="sessions"><a href="../../">all sessions and the server's mock</a> · session <span class="session-id">${id}</span>${
        mock() === undefined ? html` · <span class="note">not made yet (or ended): its first request to /sessions/${id}/v1 makes it, and this page shows it.</span>` : ''
      }</nav>`,
    fingerprint() {
      const current = mock();
      return current === undefined ? 'none' : `${mockNumber(current)}|${fingerprint(current)}`;
    },
    concerns(route) {
      const current = mock();
      return current !== undefined && owns(current, route);
    },
  };
}

/**
 * The live page of one mock, served under `prefix` (the control API's, `/__openai-responses`), and of the
 * sessions of its server when `sessions` is given.
 *
 * @example
 * const live = createLivePage(openaiMock, '/__openai-responses');
 * const page = live.handle('GET', '/__openai-responses/'); // a Promise<Response>
 */
export function createLivePage(openaiMock: OpenAIMock, prefix: string, options: { readonly sessions?: LiveSessions | undefined; readonly title?: string } = {}): LivePage {
  const streams = new Set<() => void>();
  const sessions = options.sessions;
  const server = serverView(openaiMock, options.title ?? 'openai-responses: live calls', sessions);
  const render = async (view: View): Promise<Html> => {
    const mock = view.mock();
    return html`${view.nav()}${renderReport(mock === undefined ? [] : await collectCalls(mock), view.title)}`;
  };

  const page = async (view: View): Promise<Response> => {
    const nonce = newNonce();
    return new Response(renderPage(await render(view), { title: view.title, events: 'live/events' }, nonce), { status: 200, headers: pageHeaders(nonce, true) });
  };

  const events = (view: View): Response => {
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
            seen = view.fingerprint();
            const markup = (await render(view)).markup;
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
          if (view.concerns((message as AnswerMessage).route)) schedule();
        };
        diagnosticsChannel.subscribe(ANSWER_CHANNEL, onAnswer);
        const recheck = setInterval(() => {
          if (view.fingerprint() !== seen) schedule();
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

  const redirect = (location: string): Promise<Response> => Promise.resolve(new Response(null, { status: 308, headers: { location, 'cache-control': 'no-store' } }));

  /** What a path under the page's own (`/`, `/live/events`) asks of a view. */
  const serve = (view: View, rest: string, canonical: string): Promise<Response> | undefined => {
    if (rest === '') return redirect(canonical);
    if (rest === '/') return page(view);
    if (rest === '/live/events') return Promise.resolve(events(view));
    return undefined;
  };

  return {
    handle(method, rawPath) {
      if (method !== 'GET' && method !== 'HEAD') return undefined;
      const path = rawPath.split('?')[0] ?? '';
      if (path !== prefix && !path.startsWith(`${prefix}/`)) return undefined;
      const inner = path.slice(prefix.length);
      const under = sessionUnder(inner);
      if (under === undefined) return serve(server, inner, `${prefix}/`);
      // A session's page: only when sessions are on, for an id that may be one (the control API answers the rest).
      if (!sessions || !isSessionId(under.id)) return undefined;
      const rest = /^\/sessions\/[^/]*$/.test(inner) ? '' : under.rest;
      return serve(sessionView(under.id, sessions), rest, `${prefix}/sessions/${encodeURIComponent(under.id)}/`);
    },
    close() {
      for (const end of [...streams]) end();
    },
  };
}
