// The published package, as users install it: `npm run build` once, then the built files are loaded through the
// package's own `exports` map (the package refers to itself by name) as ESM and as CommonJS, each driving a real
// OpenAI client; publint and Are The Types Wrong check the package as `npm pack` would ship it.
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { createRequire } from 'node:module';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import OpenAI from 'openai';

type Library = typeof import('../../lib/index.js');
type MochaEntry = typeof import('../../lib/testing/mocha.js');
type NodeTestEntry = typeof import('../../lib/testing/node-test.js');

const run = promisify(execFile);
const root = fileURLToPath(new URL('../../', import.meta.url));
const require = createRequire(import.meta.url);
// Held in variables so the type checker does not look for the built files (they exist only after the build).
const packageName: string = 'openai-responses';
const mochaEntry: string = 'openai-responses/mocha';
const nodeTestEntry: string = 'openai-responses/node-test';

/** Runs a command in the project root; resolves with its standard output, rejects (with all output) on a non-zero exit. */
async function inRoot(command: string, args: string[]): Promise<string> {
  try {
    return (await run(command, args, { cwd: root, maxBuffer: 16 * 1024 * 1024 })).stdout;
  } catch (error) {
    const { code, stdout, stderr } = error as { code?: number | string; stdout?: string; stderr?: string };
    throw new Error(`${command} ${args.join(' ')} exited with ${String(code)}\n${stdout ?? ''}\n${stderr ?? ''}`);
  }
}

/** Where Node's ESM resolver sends `specifier` from the project root (the spec itself runs through a loader). */
async function resolveAsEsm(specifier: string): Promise<string> {
  const script = `process.stdout.write(import.meta.resolve(${JSON.stringify(specifier)}))`;
  return (await run(process.execPath, ['--input-type=module', '--eval', script], { cwd: root })).stdout;
}

function distFile(resolved: string): string {
  const file = resolved.startsWith('file:') ? fileURLToPath(resolved) : resolved;
  return path.relative(root, file).split(path.sep).join('/');
}

describe('the built package', function () {
  before(async function () {
    this.timeout(120_000);
    await inRoot('npm', ['run', 'build']);
  });

  it('imports as ESM through the exports map and answers a real client', async () => {
    assert.equal(distFile(await resolveAsEsm(packageName)), 'dist/index.js');
    const { OpenAIMock, createMockFetch } = (await import(packageName)) as Library;

    const openaiMock = new OpenAIMock();
    openaiMock.chat.completions.create.response = { choices: [{ message: { content: 'Hello from the ESM build' } }] };
    const client = new OpenAI({ apiKey: 'sk-fake', fetch: createMockFetch(openaiMock) });
    const completion = await client.chat.completions.create({ model: 'gpt-4o', messages: [{ role: 'user', content: 'Hi' }] });

    assert.equal(completion.choices[0]?.message.content, 'Hello from the ESM build');
    assert.equal(completion.model, 'gpt-4o');
    assert.equal(openaiMock.chat.completions.create.calls.length, 1);
  });

  it('requires as CommonJS through the exports map and answers a real client', async () => {
    assert.equal(distFile(require.resolve(packageName)), 'dist/index.cjs');
    const { OpenAIMock, createMockFetch } = require(packageName) as Library;
    const { OpenAI: RequiredOpenAI } = require('openai') as typeof import('openai');

    const openaiMock = new OpenAIMock();
    openaiMock.chat.completions.create.response = { choices: [{ message: { content: 'Hello from the CommonJS build' } }] };
    const client = new RequiredOpenAI({ apiKey: 'sk-fake', fetch: createMockFetch(openaiMock) });
    const completion = await client.chat.completions.create({ model: 'gpt-4o-mini', messages: [{ role: 'user', content: 'Hi' }] });

    assert.equal(completion.choices[0]?.message.content, 'Hello from the CommonJS build');
    assert.equal(completion.model, 'gpt-4o-mini');
    assert.equal(openaiMock.chat.completions.create.calls.length, 1);
  });

  it('ships the test-runner entry points in both formats', async () => {
    const esmMocha = (await import(mochaEntry)) as MochaEntry;
    const cjsMocha = require(mochaEntry) as MochaEntry;
    const esmNodeTest = (await import(nodeTestEntry)) as NodeTestEntry;
    const cjsNodeTest = require(nodeTestEntry) as NodeTestEntry;

    assert.equal(distFile(require.resolve(mochaEntry)), 'dist/mocha.cjs');
    assert.equal(distFile(await resolveAsEsm(nodeTestEntry)), 'dist/node-test.js');
    for (const entry of [esmMocha, cjsMocha]) {
      assert.equal(typeof entry.createMochaHooks, 'function');
      assert.equal(typeof entry.mochaHooks.beforeEach, 'function');
    }
    for (const entry of [esmNodeTest, cjsNodeTest]) assert.equal(typeof entry.useOpenAIMock, 'function');
  });

  it('packs the build, its declarations for both formats, README, CHANGELOG and LICENSE, and no sources', async function () {
    this.timeout(60_000);
    const [pack] = JSON.parse(await inRoot('npm', ['pack', '--dry-run', '--json'])) as [{ files: { path: string }[] }];
    const files = pack.files.map((file) => file.path);

    for (const required of ['package.json', 'README.md', 'CHANGELOG.md', 'LICENSE']) assert.ok(files.includes(required), required);
    for (const entry of ['index', 'mocha', 'node-test']) {
      for (const suffix of ['.js', '.cjs', '.d.ts', '.d.cts']) assert.ok(files.includes(`dist/${entry}${suffix}`), `dist/${entry}${suffix}`);
    }
    assert.deepEqual(files.filter((file) => !file.startsWith('dist/') && !/^(package\.json|README\.md|CHANGELOG\.md|LICENSE)$/.test(file)), []);
  });

  it('passes publint in strict mode', async function () {
    this.timeout(60_000);
    const output = await inRoot('npx', ['--no-install', 'publint', '--strict']);
    assert.match(output, /All good/);
  });

  it('has types that resolve for CommonJS and ESM consumers (Are The Types Wrong)', async function () {
    this.timeout(60_000);
    const output = await inRoot('npx', ['--no-install', 'attw', '--pack', '.', '--profile', 'node16', '--format', 'json']);
    const report = JSON.parse(output) as {
      analysis: { entrypoints: Record<string, unknown> };
      problems?: Record<string, { entrypoint: string; resolutionKind?: string }[]>;
    };
    assert.deepEqual(Object.keys(report.analysis.entrypoints).sort(), ['.', './mocha', './node-test', './package.json']);
    // The node16 profile leaves out node10 (which predates `exports`); every other resolution must be clean.
    const problems = Object.values(report.problems ?? {}).flat().filter((problem) => problem.resolutionKind !== 'node10');
    assert.deepEqual(problems, []);
  });
});
