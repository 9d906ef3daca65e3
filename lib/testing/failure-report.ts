import { join, resolve } from 'node:path';
import diagnosticsChannel from 'node:diagnostics_channel';
import type { OpenAIMock } from '../engine/mock.js';
import type { RouteWithCalls } from '../report/collect.js';
import { ANSWER_CHANNEL, type AnswerMessage } from '../internal/diagnostics.js';
import { writeReport, writeRoutesReport } from '../report/write-report.js';

/** The environment variable naming the folder the runner helpers write a report to for each failed test. */
export const reportsVariable = 'OPENAI_RESPONSES_REPORTS';

/** The folder failed tests' reports go to (`OPENAI_RESPONSES_REPORTS`), or `undefined` when none is set. */
export function reportsFolder(): string | undefined {
  const folder = process.env[reportsVariable];
  return folder === undefined || folder.trim() === '' ? undefined : resolve(folder);
}

const written = new Set<string>();

/**
 * The calls of one test, whatever mocks answered them (made in `beforeEach`, shared by the file, behind a patched
 * global fetch): the routes that answered while it ran, and the number of the last call before it began. For the
 * Vitest and Jest setups, which make no mock of their own.
 */
export class TestCalls {
  /** When the test began (epoch ms, as call records tell the time). */
  readonly since = performance.timeOrigin + performance.now();
  readonly routes = new Set<RouteWithCalls>();
  readonly #listener = (message: unknown): void => {
    // The route that answered, from any copy of the library in the process: known by its calls.
    const route: AnswerMessage['route'] & Partial<RouteWithCalls> = (message as AnswerMessage).route;
    if (Array.isArray(route.calls)) this.routes.add(route as RouteWithCalls);
  };

  constructor() {
    diagnosticsChannel.subscribe(ANSWER_CHANNEL, this.#listener);
  }

  /** Stops watching (the routes seen so far are kept). */
  stop(): void {
    diagnosticsChannel.unsubscribe(ANSWER_CHANNEL, this.#listener);
  }
}

/** A file name from a test's title: `answers-the-weather.html` (`-2`, `-3`... when this process wrote it already). */
function fileFor(folder: string, title: string): string {
  const slug = title.normalize('NFKD').replace(/[^\w.-]+/g, '-').replace(/^-+|-+$/g, '').slice(0, 100) || 'test';
  let file = join(folder, `${slug}.html`);
  for (let n = 2; written.has(file); n += 1) file = join(folder, `${slug}-${n}.html`);
  written.add(file);
  return file;
}

/**
 * For a failed test, when `OPENAI_RESPONSES_REPORTS` names a folder: writes the report of the test's mock there
 * (named after the test) and adds its path to the failure's message, so the runner's output names it. Never
 * throws: a report that cannot be written says why in the message instead. `stack: false` leaves the error's stack
 * as it is (for a runner that prints the message and the stack's head both, as Jest does).
 */
export async function reportFailure(openaiMock: OpenAIMock | TestCalls | undefined, title: string, error: unknown, { stack = true }: { stack?: boolean } = {}): Promise<string | undefined> {
  const folder = reportsFolder();
  if (folder === undefined || openaiMock === undefined) return undefined;
  // A test wrapped in withOpenAIMock under the Mocha hooks: the wrapper's mock, the one the test used, was reported.
  if (messageOf(error).includes(reportLine)) return undefined;
  let note: string;
  let path: string | undefined;
  try {
    const file = fileFor(folder, title);
    const options = { title: `Failed: ${title}` };
    path = openaiMock instanceof TestCalls ? await writeRoutesReport(openaiMock.routes, openaiMock.since, file, options) : await writeReport(openaiMock, file, options);
    note = `${reportLine}${path}`;
  } catch (failure) {
    note = `openai-responses could not write the report to ${folder}: ${failure instanceof Error ? failure.message : String(failure)}`;
  }
  nameInMessage(error, note, stack);
  return path;
}

const reportLine = 'openai-responses report: ';

/** The error a runner shows: `node:test` wraps the test's own as the cause of an `ERR_TEST_FAILURE`; Vitest's are plain objects. */
function shownError(error: unknown): { message: string; stack?: string } | undefined {
  const shown = error instanceof Error && (error as { code?: unknown }).code === 'ERR_TEST_FAILURE' && error.cause instanceof Error ? error.cause : error;
  return typeof shown === 'object' && shown !== null && typeof (shown as { message?: unknown }).message === 'string' ? (shown as { message: string; stack?: string }) : undefined;
}

function messageOf(error: unknown): string {
  return shownError(error)?.message ?? '';
}

/** Adds a line to an error's message (and to its stack, whose head runners print as the message). */
function nameInMessage(error: unknown, line: string, inStack: boolean): void {
  const target = shownError(error);
  if (target === undefined || target.message.includes(line)) return;
  try {
    const before = target.message;
    target.message = `${before}\n${line}`;
    if (inStack && typeof target.stack === 'string' && before !== '' && target.stack.includes(before)) target.stack = target.stack.replace(before, () => target.message);
  } catch {
    // A frozen error keeps its message.
  }
}
