// Scenario: the mock works the same under Vitest and Jest, not only Mocha. Each runner's own suite (in
// `examples/vitest/` and `examples/jest/`, each with its own config) is run here in a child process on this Node,
// and must exit 0 with every test passed by the runner's own count (its JSON report). Each suite uses the
// runner's entry (`openai-responses/vitest`, `openai-responses/jest`): route matchers and prompt snapshots,
// checked against the snapshot files committed beside them (CI=true: a missing snapshot fails, none is written).
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const require = createRequire(import.meta.url);
const root = fileURLToPath(new URL('../', import.meta.url));

/** What both runners write with their JSON reporter (the Jest format, which Vitest's also follows). */
interface RunnerReport {
  success: boolean;
  numTotalTests: number;
  numPassedTests: number;
  numFailedTests: number;
  numPendingTests: number;
  testResults: { assertionResults: { title: string; status: string }[] }[];
}

/** The JavaScript file of a package's command (`bin`), to start on this very Node. */
function binOf(packageName: string): string {
  const manifestPath = require.resolve(`${packageName}/package.json`);
  const { bin } = require(manifestPath) as { bin: string | Record<string, string> };
  const file = typeof bin === 'string' ? bin : bin[packageName];
  if (!file) throw new Error(`${packageName} has no command named ${packageName}`);
  return path.join(path.dirname(manifestPath), file);
}

/** Runs a runner's command on this Node in the project root; its exit code, output and JSON report. */
async function runSuite(packageName: string, args: (reportFile: string) => string[]) {
  const dir = await mkdtemp(path.join(tmpdir(), `${packageName}-report-`));
  const reportFile = path.join(dir, 'report.json');
  try {
    const result = await new Promise<{ code: number; output: string }>((resolve) => {
      execFile(process.execPath, [binOf(packageName), ...args(reportFile)], { cwd: root, env: { ...process.env, CI: 'true' } }, (error, stdout, stderr) => {
        const code = error ? (typeof error.code === 'number' ? error.code : 1) : 0;
        resolve({ code, output: `${stdout}\n${stderr}` });
      });
    });
    const report = JSON.parse(await readFile(reportFile, 'utf8')) as RunnerReport;
    return { ...result, report };
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}

function titles(report: RunnerReport): string[] {
  return report.testResults.flatMap((file) => file.assertionResults.map((test) => `${test.status}: ${test.title}`)).sort();
}

describe('the mock under other test runners', function () {
  this.timeout(60_000);

  it('Vitest: the suite in examples/vitest passes', async () => {
    const { code, output, report } = await runSuite('vitest', (reportFile) => [
      'run', '--config', 'examples/vitest/vitest.config.ts', '--reporter=json', `--outputFile=${reportFile}`,
    ]);

    assert.equal(code, 0, output);
    assert.equal(report.numFailedTests, 0, output);
    assert.equal(report.numPassedTests, 7);
    assert.deepEqual(titles(report), [
      'passed: asserts calls, messages, tools and the last body of a route',
      'passed: asserts the order of calls across routes, on the mock',
      'passed: keeps toHaveBeenCalledTimes working on mock functions',
      'passed: lets the API error reach the caller',
      'passed: returns the summary the model gives',
      'passed: snapshots the prompt with ids and times normalised',
      'passed: starts from a fresh mock: nothing set by the previous test remains',
    ]);
  });

  it('Jest: the suite in examples/jest passes', async () => {
    const { code, output, report } = await runSuite('jest', (reportFile) => [
      '--config', 'examples/jest/jest.config.cjs', '--json', `--outputFile=${reportFile}`,
    ]);

    assert.equal(code, 0, output);
    assert.equal(report.success, true, output);
    assert.equal(report.numFailedTests, 0, output);
    assert.equal(report.numPassedTests, 7);
    assert.deepEqual(titles(report), [
      'passed: asserts calls, input, tools and the last body of a route',
      'passed: asserts the order of calls across routes, on the mock',
      'passed: keeps toHaveBeenCalledTimes working on mock functions',
      'passed: lets the API error reach the caller',
      'passed: returns the label the model gives, normalized',
      'passed: snapshots the prompt with ids and times normalised',
      'passed: starts from a fresh mock: nothing set by the previous test remains',
    ]);
  });
});
