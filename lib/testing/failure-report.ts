import { join, resolve } from 'node:path';
import type { OpenAIMock } from '../engine/mock.js';
import { writeReport } from '../report/write-report.js';

/** The environment variable naming the folder the runner helpers write a report to for each failed test. */
export const reportsVariable = 'OPENAI_RESPONSES_REPORTS';

/** The folder failed tests' reports go to (`OPENAI_RESPONSES_REPORTS`), or `undefined` when none is set. */
export function reportsFolder(): string | undefined {
  const folder = process.env[reportsVariable];
  return folder === undefined || folder.trim() === '' ? undefined : resolve(folder);
}

const written = new Set<string>();

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
 * throws: a report that cannot be written says why in the message instead.
 */
export async function reportFailure(openaiMock: OpenAIMock | undefined, title: string, error: unknown): Promise<string | undefined> {
  const folder = reportsFolder();
  if (folder === undefined || openaiMock === undefined) return undefined;
  // A test wrapped in withOpenAIMock under the Mocha hooks: the wrapper's mock, the one the test used, was reported.
  if (messageOf(error).includes(reportLine)) return undefined;
  let note: string;
  let path: string | undefined;
  try {
    path = await writeReport(openaiMock, fileFor(folder, title), { title: `Failed: ${title}` });
    note = `${reportLine}${path}`;
  } catch (failure) {
    note = `openai-responses could not write the report to ${folder}: ${failure instanceof Error ? failure.message : String(failure)}`;
  }
  nameInMessage(error, note);
  return path;
}

const reportLine = 'openai-responses report: ';

/** The error a runner shows: `node:test` wraps the test's own as the cause of an `ERR_TEST_FAILURE`. */
function shownError(error: unknown): unknown {
  return error instanceof Error && (error as { code?: unknown }).code === 'ERR_TEST_FAILURE' && error.cause instanceof Error ? error.cause : error;
}

function messageOf(error: unknown): string {
  const shown = shownError(error);
  return shown instanceof Error ? shown.message : '';
}

/** Adds a line to an error's message (and to the cause a runner shows instead, as `node:test` does). */
function nameInMessage(error: unknown, line: string): void {
  const target = shownError(error);
  if (!(target instanceof Error) || target.message.includes(line)) return;
  try {
    const before = target.message;
    target.message = `${before}\n${line}`;
    // Runners print the stack's head as the message (Mocha does): the line goes there too.
    if (typeof target.stack === 'string' && before !== '' && target.stack.includes(before)) target.stack = target.stack.replace(before, () => target.message);
  } catch {
    // A frozen error keeps its message.
  }
}

