/**
 * `npm run bench` (cold-start part): the first chat call and the first Responses call of a fresh process, each in
 * its own child process (as each Jest or Vitest worker pays it), the median of several processes, as CPU time of
 * the child. The first call includes everything done once per process: linking the route's request validator
 * (generated code, compiled function by function as the body reaches it), reading the tokenizer's ranks, the
 * route table's first lookup; the second call is shown beside it for scale. The import of the library and the
 * SDK (through the TypeScript loader here, which transforms the sources as it goes) is shown apart: it is not
 * part of either call, and nothing of the first call is done at import.
 */
import { execFileSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { median } from './measure.js';

const processes = Number(process.env['BENCH_PROCESSES'] ?? (process.env['BENCH_QUICK'] === '1' ? 3 : 5));
const child = fileURLToPath(new URL('./cold-start-child.ts', import.meta.url));

console.log('| first call of a fresh process | first call (median) | second call | import |');
console.log('| --- | ---: | ---: | ---: |');
for (const which of ['chat', 'responses']) {
  const runs: { imported: number; first: number; second: number }[] = [];
  for (let i = 0; i < processes; i++) {
    const out = execFileSync(process.execPath, ['--import', 'tsx', child, which], { encoding: 'utf8' });
    runs.push(JSON.parse(out.trim().split('\n').pop() ?? '{}') as { imported: number; first: number; second: number });
  }
  const name = which === 'chat' ? '`chat.completions.create`' : '`responses.create`';
  console.log(`| ${name} | ${median(runs.map((run) => run.first)).toFixed(1)} ms | ${median(runs.map((run) => run.second)).toFixed(2)} ms | ${median(runs.map((run) => run.imported)).toFixed(0)} ms |`);
}
console.log(`\nNode ${process.version}, ${processes} processes each`);
