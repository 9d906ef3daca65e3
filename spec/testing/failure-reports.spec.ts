import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { mkdtempSync, readFileSync, readdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import OpenAI from 'openai';
import { withOpenAIMock } from '../../lib/index.js';

const root = fileURLToPath(new URL('../../', import.meta.url));
const mocha = join(root, 'node_modules/mocha/bin/mocha.js');

/** Runs a command under this Node with OPENAI_RESPONSES_REPORTS set; resolves to its output (it is expected to fail). */
function run(args: string[], reports: string): Promise<string> {
  return new Promise((resolve) => {
    execFile(process.execPath, args, { cwd: root, env: { ...process.env, OPENAI_RESPONSES_REPORTS: reports, NODE_OPTIONS: '' } }, (_error, stdout, stderr) => resolve(stdout + stderr));
  });
}

describe('runner helpers: a report per failed test with OPENAI_RESPONSES_REPORTS', () => {
  it('Mocha hooks and withOpenAIMock: each failed test writes its report, and the failure names it', async () => {
    const reports = mkdtempSync(join(tmpdir(), 'openai-responses-reports-'));
    const output = await run(['--import', 'tsx', mocha, '--no-config', '--reporter', 'spec', '--timeout', '20000', 'spec/testing/fixtures/failing-mocha.fixture.ts'], reports);
    assert.match(output, /1 passing/, output);
    assert.match(output, /2 failing/, output);
    const quoted = join(reports, 'checkout-agent-quotes-the-price.html');
    const wrapped = join(reports, 'checkout-agent-summarizes-wrapped.html');
    assert.ok(output.includes(`openai-responses report: ${quoted}`), output);
    assert.ok(output.includes(`openai-responses report: ${wrapped}`), output);
    assert.deepEqual(readdirSync(reports).sort(), ['checkout-agent-quotes-the-price.html', 'checkout-agent-summarizes-wrapped.html']);
    const page = readFileSync(quoted, 'utf8');
    assert.match(page, /What does the blue mug cost\?/);
    assert.match(page, /It costs 15 EUR\./);
    assert.match(page, /<title>Failed: checkout agent quotes the price<\/title>/);
    assert.match(readFileSync(wrapped, 'utf8'), /Summarize the return policy/);
  });

  it('node:test helper: the failed test writes its report, and the failure names it', async () => {
    const reports = mkdtempSync(join(tmpdir(), 'openai-responses-reports-'));
    const output = await run(['--import', 'tsx', '--test', '--test-reporter=spec', 'spec/testing/fixtures/failing-node-test.fixture.ts'], reports);
    const file = join(reports, 'support-bot-escalates-angry-customers.html');
    assert.ok(output.includes(`openai-responses report: ${file}`), output);
    assert.deepEqual(readdirSync(reports), ['support-bot-escalates-angry-customers.html']);
    assert.match(readFileSync(file, 'utf8'), /This is the third broken kettle!/);
  });

  it('Vitest setup (openai-responses/vitest): the failed test writes a report of the calls it made, and the failure names it', async () => {
    const reports = mkdtempSync(join(tmpdir(), 'openai-responses-reports-'));
    const output = await run([join(root, 'node_modules/vitest/vitest.mjs'), 'run', '--config', 'spec/testing/fixtures/vitest/vitest.config.ts'], reports);
    const file = join(reports, 'travel-agent-books-the-flight.html');
    assert.ok(output.includes(`openai-responses report: ${file}`), output);
    assert.deepEqual(readdirSync(reports), ['travel-agent-books-the-flight.html']);
    const page = readFileSync(file, 'utf8');
    assert.match(page, /Book me a flight to Lisbon on Friday/);
    assert.doesNotMatch(page, /class="text">Hi</, 'the passing test\'s call is not in the failed test\'s report');
  });

  it('Jest setup (openai-responses/jest): the failed test writes a report of the calls it made, and the failure names it', async () => {
    const reports = mkdtempSync(join(tmpdir(), 'openai-responses-reports-'));
    const output = await run([join(root, 'node_modules/jest/bin/jest.js'), '--config', 'spec/testing/fixtures/jest/jest.config.cjs'], reports);
    const file = join(reports, 'recipe-bot-lists-the-ingredients.html');
    assert.equal(output.split(`openai-responses report: ${file}`).length, 2, output);
    assert.deepEqual(readdirSync(reports), ['recipe-bot-lists-the-ingredients.html']);
    assert.match(readFileSync(file, 'utf8'), /What goes into a pancake\?/);
  });

  it('writes nothing when OPENAI_RESPONSES_REPORTS is not set', async function () {
    const before = process.env['OPENAI_RESPONSES_REPORTS'];
    delete process.env['OPENAI_RESPONSES_REPORTS'];
    try {
      const failing = withOpenAIMock({}, async ({ fetch }) => {
        const client = new OpenAI({ apiKey: 'sk-fake', fetch });
        await client.chat.completions.create({ model: 'gpt-4o', messages: [{ role: 'user', content: 'Hi' }] });
        assert.fail('the test fails');
      });
      await assert.rejects(failing.call(this), (error: Error) => error.message === 'the test fails');
    } finally {
      if (before !== undefined) process.env['OPENAI_RESPONSES_REPORTS'] = before;
    }
  });
});
