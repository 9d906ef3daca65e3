// Runs the whole Mocha suite (specs and examples) on every Node major the project supports, 22 and 24, each from
// the npm `node` package in devDependencies (`node22` is an alias of `node@22`), whatever the machine's own Node
// is. Ends with the summed counts of the runs, `N passed, N failed`, as each run's reporter gave them. Extra
// arguments go to Mocha.
import { spawnSync } from 'node:child_process';
import { createRequire } from 'node:module';
import path from 'node:path';

const require = createRequire(import.meta.url);
const mocha = require.resolve('mocha/bin/mocha.js');

/** The `node` binary a package of the npm `node` family installs. */
const nodeOf = (pkg) => path.join(path.dirname(require.resolve(`${pkg}/package.json`)), 'bin', 'node');
const majors = [
  { label: 'Node 22', binary: nodeOf('node22') },
  { label: 'Node 24', binary: nodeOf('node') },
];
// `--node=24` (or 22) runs on that major alone: `npm run test:quick`.
const only = process.argv.find((arg) => arg.startsWith('--node='))?.slice('--node='.length);
const runs = only ? majors.filter(({ label }) => label === `Node ${only}`) : majors;
const mochaArgs = process.argv.slice(2).filter((arg) => !arg.startsWith('--node='));

let passed = 0;
let failed = 0;
let skipped = 0;
let broken = false;
for (const { label, binary } of runs) {
  const version = spawnSync(binary, ['--version'], { encoding: 'utf8' }).stdout.trim();
  process.stdout.write(`\n=== ${label} (${version}) ===\n`);
  const result = spawnSync(binary, [mocha, ...mochaArgs], {
    encoding: 'utf8',
    stdio: ['ignore', 'pipe', 'inherit'],
    env: { ...process.env, OPENAI_RESPONSES_NODE: version },
  });
  process.stdout.write(result.stdout);
  const counts = /^(\d+) passed, (\d+) failed, (\d+) skipped$/m.exec(result.stdout);
  if (!counts) {
    broken = true;
    process.stdout.write(`\nThe run on ${label} ended without its summary line (exit ${result.status}).\n`);
    continue;
  }
  passed += Number(counts[1]);
  failed += Number(counts[2]);
  skipped += Number(counts[3]);
  if (result.status !== 0 && Number(counts[2]) === 0) broken = true;
}
process.stdout.write(`\nAll runs: ${passed} passed, ${failed} failed, ${skipped} skipped\n`);
process.stdout.write(`${passed} passed, ${failed} failed\n`);
process.exit(failed > 0 || broken ? 1 : 0);
