import { mkdir, writeFile } from 'node:fs/promises';
import { dirname, resolve } from 'node:path';
import type { OpenAIMock } from '../engine/mock.js';
import { type RouteWithCalls, collectCalls, collectRouteCalls } from './collect.js';
import { renderPage } from './page.js';
import { renderReport } from './render.js';

/**
 * Options of {@link writeReport}.
 *
 * @example
 * await writeReport(openaiMock, 'reports/agent.html', { title: 'agent answers the weather' });
 */
export interface ReportOptions {
  /** The page's heading (`openai-responses report`). */
  title?: string;
}

/**
 * The report of a mock's calls as one self-contained HTML page (see {@link writeReport}).
 *
 * @example
 * const page = await renderReportPage(openaiMock);
 * page.includes('<!doctype html>'); // true
 */
export async function renderReportPage(openaiMock: OpenAIMock, options: ReportOptions = {}): Promise<string> {
  const title = options.title ?? 'openai-responses report';
  return renderPage(renderReport(await collectCalls(openaiMock), title), { title });
}

/**
 * Writes every call the mock answered, in order, as a conversation, to one self-contained HTML file (no network,
 * nothing to install: style and script inline): what was sent (messages, tool calls and results, images as
 * thumbnails, files by name and size, the tools offered), what the mock answered (text, a stream assembled, tool
 * calls, structured output, images, audio as a player, refusals, errors with their status), which rule answered,
 * tokens, latency, the route, the raw JSON folded away. Responses chained by `previous_response_id` or a
 * conversation, assistants threads and growing histories (tool loops, agent runs) each show as one thread. Keys are
 * never shown; large payloads are cut, with their size. Resolves to the file's absolute path.
 *
 * @example
 * const openaiMock = new OpenAIMock();
 * const client = new OpenAI({ apiKey: 'sk-fake', fetch: createMockFetch(openaiMock) });
 * await client.responses.create({ model: 'gpt-4.1', input: 'Hi' });
 * const file = await writeReport(openaiMock, 'reports/hi.html'); // open it in a browser
 */
export async function writeReport(openaiMock: OpenAIMock, file: string, options: ReportOptions = {}): Promise<string> {
  return writeReportPage(await renderReportPage(openaiMock, options), file);
}

/** Writes a report of some routes' calls since a time (epoch ms: a test's, across the mocks it used); see {@link writeReport}. */
export async function writeRoutesReport(routes: Iterable<RouteWithCalls>, since: number, file: string, options: ReportOptions = {}): Promise<string> {
  const title = options.title ?? 'openai-responses report';
  return writeReportPage(renderPage(renderReport(await collectRouteCalls(routes, since), title), { title }), file);
}

async function writeReportPage(page: string, file: string): Promise<string> {
  const path = resolve(file);
  await mkdir(dirname(path), { recursive: true });
  await writeFile(path, page);
  return path;
}
