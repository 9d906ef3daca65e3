// Answers given in the Node processes the suite starts (the Vitest, Jest and node:test suites of examples/,
// built-package consumers): every such process preloads child-recorder.mjs (through NODE_OPTIONS, inherited
// by the processes the specs spawn), which writes each answer to a file in a directory of this run; the root
// hooks read them back after each test and check them like the run's own.
import { mkdtempSync, readFileSync, readdirSync, renameSync, rmSync, unlinkSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { AnswerMessage } from '../../../lib/internal/diagnostics.js';

/** An answer as a child process wrote it: its body as text, the process it came from. */
export type RelayedAnswer = Pick<AnswerMessage, 'route' | 'body' | 'answer'> & { readonly where: string; readonly streamed: boolean };

let directory: string | undefined;

/** Makes every Node process started from now on record its answers for this run. */
export function startRelay(): void {
  directory = mkdtempSync(path.join(tmpdir(), 'openai-responses-conformance-'));
  const recorder = fileURLToPath(new URL('./child-recorder.mjs', import.meta.url));
  process.env.OPENAI_RESPONSES_CONFORMANCE_RELAY = directory;
  process.env.NODE_OPTIONS = `${process.env.NODE_OPTIONS ?? ''} --import=${JSON.stringify(recorder)}`.trim();
  process.once('exit', () => {
    if (directory) rmSync(directory, { recursive: true, force: true });
  });
}

/** The answers child processes wrote since the last call. */
export function relayedAnswers(): RelayedAnswer[] {
  if (!directory) return [];
  const answers: RelayedAnswer[] = [];
  for (const name of readdirSync(directory)) {
    if (!name.endsWith('.jsonl')) continue;
    // Taken by renaming, so a process still writing starts a new file instead of losing a line.
    const taken = path.join(directory, `${name}.taken`);
    renameSync(path.join(directory, name), taken);
    for (const line of readFileSync(taken, 'utf8').split('\n')) if (line) answers.push(JSON.parse(line) as RelayedAnswer);
    unlinkSync(taken);
  }
  return answers;
}
