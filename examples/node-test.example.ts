// Runs the node:test suite in examples/node-test with Node's own test runner and checks its counts.
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';

describe('node:test helper', () => {
  it('runs a node:test suite with a fresh mock per test', () => {
    const suite = fileURLToPath(new URL('./node-test/suite.test.ts', import.meta.url));
    const result = spawnSync(process.execPath, ['--import', 'tsx', '--test', '--test-reporter=tap', suite], { encoding: 'utf8' });
    assert.equal(result.status, 0, result.stdout + result.stderr);
    assert.match(result.stdout, /^# pass 2$/m);
    assert.match(result.stdout, /^# fail 0$/m);
  });
});
