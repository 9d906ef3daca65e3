/**
 * `npm run bench` (cold-start part): the first chat call and the first Responses call of a fresh process, each in
 * its own child process (as each Jest or Vitest worker pays it), the median of several processes, as CPU time of
 * the child: the whole process's (the figure the goal is read against: it includes the garbage collector's and the
 * compiler's helper threads) and the main thread's. The first call includes everything done once per process:
 * linking the route's request validator (generated code, decompressed and compiled function by function as the
 * body reaches it), reading the request schemas' parts it reads, reading the tokenizer's ranks, the route table's
 * first lookup; the second call is shown beside it for scale. The import of the library and the SDK (through the
 * TypeScript loader here, which transforms the sources as they are imported) is shown apart: it is not part of
 * either call, and nothing of the first call is done at import. No module is loaded during the calls, so the
 * loader transforms nothing then: its part in them is resolving the ranks file's path through its hooks and Node
 * scanning each compiled function's source for a source-map comment (source maps are on under the loader), about
 * a millisecond.
 */
import { execFileSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { median } from './measure.js';

const processes = Number(process.env['BENCH_PROCESSES'] ?? (process.env['BENCH_QUICK'] === '1' ? 5 : 9));
const child = fileURLToPath(new URL('./cold-start-child.ts', import.meta.url));

interface Run {
  readonly imported: number;
  readonly first: number;
  readonly firstThread: number;
  readonly second: number;
  readonly secondThread: number;
}

const runs: Record<string, Run[]> = { chat: [], responses: [] };
// The two calls' processes interleaved, so a change in the machine's load falls on both.
for (let i = 0; i < processes; i++) {
  for (const which of ['chat', 'responses']) {
    const out = execFileSync(process.execPath, ['--import', 'tsx', child, which], { encoding: 'utf8' });
    runs[which]?.push(JSON.parse(out.trim().split('\n').pop() ?? '{}') as Run);
  }
}
console.log('| first call of a fresh process | first call (median) | main thread | second call | import |');
console.log('| --- | ---: | ---: | ---: | ---: |');
for (const [which, of] of Object.entries(runs)) {
  const name = which === 'chat' ? '`chat.completions.create`' : '`responses.create`';
  const ms = (pick: (run: Run) => number, digits: number): string => `${median(of.map(pick)).toFixed(digits)} ms`;
  console.log(`| ${name} | ${ms((run) => run.first, 1)} | ${ms((run) => run.firstThread, 1)} | ${ms((run) => run.second, 2)} | ${ms((run) => run.imported, 0)} |`);
}
console.log(`\nNode ${process.version}, ${processes} processes each`);
