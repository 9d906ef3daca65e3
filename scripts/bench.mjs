// `npm run bench`: every bench on Node 22 and Node 24 (each from the npm `node` package in devDependencies, as
// `npm test` runs), one after the other, each printing its tables for the Node it runs on. `--node=24` (or 22)
// runs on that major alone; `--quick` runs fewer rounds (BENCH_QUICK=1); extra names pick benches
// (`npm run bench -- agent cold-start`).
import { spawnSync } from 'node:child_process';
import { createRequire } from 'node:module';
import path from 'node:path';

const require = createRequire(import.meta.url);
const nodeOf = (pkg) => path.join(path.dirname(require.resolve(`${pkg}/package.json`)), 'bin', 'node');
const majors = [
  { label: 'Node 22', binary: nodeOf('node22') },
  { label: 'Node 24', binary: nodeOf('node') },
];
const benches = ['chat-completions', 'engine', 'agent', 'cold-start', 'vector-store-search', 'pagination', 'websocket'];
const args = process.argv.slice(2);
const only = args.find((arg) => arg.startsWith('--node='))?.slice('--node='.length);
const quick = args.includes('--quick');
const picked = args.filter((arg) => !arg.startsWith('--'));
const runs = only ? majors.filter(({ label }) => label === `Node ${only}`) : majors;
const chosen = picked.length > 0 ? benches.filter((name) => picked.includes(name)) : benches;

const started = Date.now();
let failed = false;
for (const { label, binary } of runs) {
  const version = spawnSync(binary, ['--version'], { encoding: 'utf8' }).stdout.trim();
  for (const name of chosen) {
    process.stdout.write(`\n=== ${label} (${version}): bench/${name}.bench.ts ===\n\n`);
    const result = spawnSync(binary, ['--import', 'tsx', `bench/${name}.bench.ts`], {
      stdio: 'inherit',
      env: { ...process.env, ...(quick && { BENCH_QUICK: '1' }) },
    });
    if (result.status !== 0) failed = true;
  }
}
process.stdout.write(`\nBenches done in ${Math.round((Date.now() - started) / 1000)} s.\n`);
process.exit(failed ? 1 : 0);
