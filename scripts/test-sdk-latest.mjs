// `npm run test:sdk-latest`: the suite against the newest `openai` 7.x, so a new SDK's drift (a route, a type, a
// stream event) is seen the day it ships. Copies the project (without node_modules and .git) to a temporary
// folder, installs from the lockfile, installs the newest `openai@7` there, and runs `npm test` (both Node
// majors). The working copy is never touched. Not part of CI: it asks the registry for whatever is newest.
import { spawnSync } from 'node:child_process';
import { cpSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const project = path.dirname(path.dirname(fileURLToPath(import.meta.url)));
const copy = mkdtempSync(path.join(tmpdir(), 'openai-responses-sdk-latest-'));
const keep = process.argv.includes('--keep');

/** Runs a command in the copy, its output shown; stops the script when it fails. */
function run(command, args) {
  process.stdout.write(`\n$ ${command} ${args.join(' ')}\n`);
  const result = spawnSync(command, args, { cwd: copy, stdio: 'inherit' });
  if (result.status !== 0) throw new Error(`${command} ${args.join(' ')} exited with ${result.status}`);
}

let status = 0;
try {
  cpSync(project, copy, {
    recursive: true,
    filter: (source) => !/[\\/](node_modules|\.git|dist)$/.test(source),
  });
  run('npm', ['ci', '--no-audit', '--no-fund']);
  run('npm', ['install', '--no-save', '--no-audit', '--no-fund', 'openai@7']);
  const installed = spawnSync('node', ['-p', "require('openai/package.json').version"], { cwd: copy, encoding: 'utf8' }).stdout.trim();
  process.stdout.write(`\nopenai ${installed} installed in ${copy}\n`);
  run('npm', ['test']);
} catch (error) {
  process.stdout.write(`\n${error instanceof Error ? error.message : String(error)}\n`);
  status = 1;
} finally {
  if (keep) process.stdout.write(`\nThe copy is kept in ${copy}\n`);
  else rmSync(copy, { recursive: true, force: true });
}
process.exit(status);
