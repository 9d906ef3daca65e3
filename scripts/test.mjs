// Runs the whole Mocha suite (specs and examples) on every Node the project supports: the machine's own
// Node and Node 24 from the `node` package in devDependencies. Ends with the summed counts of the runs,
// `N passed, N failed`, as each run's reporter gave them. Extra arguments go to Mocha.
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';

const require = createRequire(import.meta.url);
const mocha = require.resolve('mocha/bin/mocha.js');

/** The machine's own node: the first on PATH outside any node_modules/.bin (npm puts those first). */
function machineNode() {
  for (const dir of (process.env.PATH ?? '').split(path.delimiter)) {
    if (!dir || dir.includes('node_modules')) continue;
    const candidate = path.join(dir, 'node');
    if (existsSync(candidate)) return candidate;
  }
  return process.execPath;
}

const node24 = path.join(path.dirname(require.resolve('node/package.json')), 'bin', 'node');
const runs = [
  { label: 'machine Node', binary: machineNode() },
  { label: 'Node 24', binary: node24 },
];

let passed = 0;
let failed = 0;
let skipped = 0;
let broken = false;
for (const { label, binary } of runs) {
  const version = spawnSync(binary, ['--version'], { encoding: 'utf8' }).stdout.trim();
  process.stdout.write(`\n=== ${label} (${version}) ===\n`);
  const result = spawnSync(binary, [mocha, ...process.argv.slice(2)], {
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
