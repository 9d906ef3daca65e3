// The published package, as users install it. `npm run build` builds it once, into a package folder of this
// spec's own (package.json, README, CHANGELOG and LICENSE beside the build, the project's dependencies linked), so
// runs side by side never see each other's half-written build. The built files are then loaded through the
// package's own `exports` map (the package refers to itself by name) as ESM and as CommonJS, each driving a real
// OpenAI client; a consumer project type-checks against it in both formats; `npm pack`, publint and Are The Types
// Wrong check the package as it would ship.
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { copyFile, mkdir, mkdtemp, readFile, rm, symlink, writeFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { promisify } from 'node:util';
import OpenAI from 'openai';

type Library = typeof import('../../lib/index.js');
type MochaEntry = typeof import('../../lib/testing/mocha.js');
type NodeTestEntry = typeof import('../../lib/testing/node-test.js');
type ServerEntry = typeof import('../../lib/server/index.js');

const run = promisify(execFile);
const root = fileURLToPath(new URL('../../', import.meta.url));
const packageName = 'openai-responses';
const mochaEntry = 'openai-responses/mocha';
const nodeTestEntry = 'openai-responses/node-test';
const serverEntry = 'openai-responses/server';

/** Runs a command; resolves with its standard output, rejects (with all output) on a non-zero exit. */
async function exec(command: string, args: string[], cwd = root): Promise<string> {
  try {
    return (await run(command, args, { cwd, maxBuffer: 16 * 1024 * 1024 })).stdout;
  } catch (error) {
    const { code, stdout, stderr } = error as { code?: number | string; stdout?: string; stderr?: string };
    throw new Error(`${command} ${args.join(' ')} exited with ${String(code)}\n${stdout ?? ''}\n${stderr ?? ''}`);
  }
}

describe('the built package', function () {
  let packageDir = '';
  /** `require` as code inside the package has it: `require('openai-responses')` is a self-reference. */
  let packageRequire: NodeJS.Require;

  /** Where Node's ESM resolver sends `specifier` from inside the package (this spec itself runs through a loader). */
  async function resolveAsEsm(specifier: string): Promise<string> {
    const script = `process.stdout.write(import.meta.resolve(${JSON.stringify(specifier)}))`;
    return exec(process.execPath, ['--input-type=module', '--eval', script], packageDir);
  }

  /** Imports `specifier` as ESM, resolved from inside the package. */
  async function importFromPackage<T>(specifier: string): Promise<T> {
    return (await import(await resolveAsEsm(specifier))) as T;
  }

  /** A resolved file, relative to the package folder: `dist/index.js`. */
  function packageFile(resolved: string): string {
    const file = resolved.startsWith('file:') ? fileURLToPath(resolved) : resolved;
    return path.relative(packageDir, file).split(path.sep).join('/');
  }

  before(async function () {
    this.timeout(300_000); // a build of every entry with its declarations: ~30 s alone, much longer on a busy machine
    packageDir = await mkdtemp(path.join(tmpdir(), 'openai-responses-package-'));
    await exec('npm', ['run', 'build', '--', '--out-dir', path.join(packageDir, 'dist')]);
    for (const file of ['package.json', 'README.md', 'CHANGELOG.md', 'LICENSE']) await copyFile(path.join(root, file), path.join(packageDir, file));
    await symlink(path.join(root, 'node_modules'), path.join(packageDir, 'node_modules'), 'junction');
    packageRequire = createRequire(pathToFileURL(path.join(packageDir, 'package.json')));
  });

  after(async () => {
    if (packageDir) await rm(packageDir, { recursive: true, force: true });
  });

  it('imports as ESM through the exports map and answers a real client', async () => {
    assert.equal(packageFile(await resolveAsEsm(packageName)), 'dist/index.js');
    const { OpenAIMock, createMockFetch } = await importFromPackage<Library>(packageName);

    const openaiMock = new OpenAIMock();
    openaiMock.chat.completions.create.response = { choices: [{ message: { content: 'Hello from the ESM build' } }] };
    const client = new OpenAI({ apiKey: 'sk-fake', fetch: createMockFetch(openaiMock) });
    const completion = await client.chat.completions.create({ model: 'gpt-4o', messages: [{ role: 'user', content: 'Hi' }] });

    assert.equal(completion.choices[0]?.message.content, 'Hello from the ESM build');
    assert.equal(completion.model, 'gpt-4o');
    assert.equal(openaiMock.chat.completions.create.calls.length, 1);
  });

  it('requires as CommonJS through the exports map and answers a real client', async () => {
    assert.equal(packageFile(packageRequire.resolve(packageName)), 'dist/index.cjs');
    const { OpenAIMock, createMockFetch } = packageRequire(packageName) as Library;
    const { OpenAI: RequiredOpenAI } = packageRequire('openai') as typeof import('openai');

    const openaiMock = new OpenAIMock();
    openaiMock.chat.completions.create.response = { choices: [{ message: { content: 'Hello from the CommonJS build' } }] };
    const client = new RequiredOpenAI({ apiKey: 'sk-fake', fetch: createMockFetch(openaiMock) });
    const completion = await client.chat.completions.create({ model: 'gpt-4o-mini', messages: [{ role: 'user', content: 'Hi' }] });

    assert.equal(completion.choices[0]?.message.content, 'Hello from the CommonJS build');
    assert.equal(completion.model, 'gpt-4o-mini');
    assert.equal(openaiMock.chat.completions.create.calls.length, 1);
  });

  it('ships the test-runner entry points in both formats', async () => {
    const esmMocha = await importFromPackage<MochaEntry>(mochaEntry);
    const cjsMocha = packageRequire(mochaEntry) as MochaEntry;
    const esmNodeTest = await importFromPackage<NodeTestEntry>(nodeTestEntry);
    const cjsNodeTest = packageRequire(nodeTestEntry) as NodeTestEntry;

    assert.equal(packageFile(await resolveAsEsm(mochaEntry)), 'dist/mocha.js');
    assert.equal(packageFile(packageRequire.resolve(mochaEntry)), 'dist/mocha.cjs');
    assert.equal(packageFile(await resolveAsEsm(nodeTestEntry)), 'dist/node-test.js');
    assert.equal(packageFile(packageRequire.resolve(nodeTestEntry)), 'dist/node-test.cjs');
    for (const entry of [esmMocha, cjsMocha]) {
      assert.equal(typeof entry.createMochaHooks, 'function');
      assert.equal(typeof entry.mochaHooks.beforeEach, 'function');
    }
    for (const entry of [esmNodeTest, cjsNodeTest]) assert.equal(typeof entry.useOpenAIMock, 'function');
    // The matcher entries register themselves with the runner's `expect` when loaded, so only inside a test
    // run; here they must resolve to their built files (their suites under examples/ run them).
    for (const runner of ['vitest', 'jest']) {
      assert.equal(packageFile(await resolveAsEsm(`openai-responses/${runner}`)), `dist/${runner}.js`);
      assert.equal(packageFile(packageRequire.resolve(`openai-responses/${runner}`)), `dist/${runner}.cjs`);
    }
  });

  it('ships the server entry in both formats, and its command serves the mock', async function () {
    this.timeout(60_000);
    assert.equal(packageFile(await resolveAsEsm(serverEntry)), 'dist/server.js');
    assert.equal(packageFile(packageRequire.resolve(serverEntry)), 'dist/server.cjs');
    const esmServer = await importFromPackage<ServerEntry>(serverEntry);
    const cjsServer = packageRequire(serverEntry) as ServerEntry;
    const { OpenAIMock } = await importFromPackage<Library>(packageName);
    for (const entry of [esmServer, cjsServer]) {
      const server = await entry.startServer(new OpenAIMock());
      try {
        const client = new OpenAI({ apiKey: 'sk-fake', baseURL: server.baseURL });
        assert.equal((await client.models.retrieve('gpt-4o')).id, 'gpt-4o');
      } finally {
        await server.close();
      }
    }
    const { bin } = JSON.parse(await readFile(path.join(packageDir, 'package.json'), 'utf8')) as { bin: Record<string, string> };
    const help = await exec(process.execPath, [path.join(packageDir, bin['openai-responses'] ?? ''), '--help']);
    assert.match(help, /^Usage: openai-responses serve/);
  });

  it('type-checks in an ESM and a CommonJS consumer project (NodeNext)', async function () {
    this.timeout(60_000);
    const consumer = path.join(packageDir, 'consumer');
    await mkdir(path.join(consumer, 'node_modules'), { recursive: true });
    await symlink(packageDir, path.join(consumer, 'node_modules', packageName), 'junction');
    await writeFile(path.join(consumer, 'package.json'), JSON.stringify({ name: 'consumer', type: 'module' }));
    const compilerOptions = { module: 'NodeNext', moduleResolution: 'NodeNext', strict: true, noEmit: true, skipLibCheck: true, types: ['node', 'mocha'] };
    const esm = `import OpenAI from 'openai';
import { OpenAIMock, createMockFetch } from 'openai-responses';
import { mochaHooks } from 'openai-responses/mocha';
import { useOpenAIMock } from 'openai-responses/node-test';
const openaiMock = new OpenAIMock();
openaiMock.chat.completions.create.response = { choices: [{ message: { content: 'Hi' } }] };
const client = new OpenAI({ apiKey: 'sk-fake', fetch: createMockFetch(openaiMock) });
export const used = [client, mochaHooks, useOpenAIMock];
`;
    // The matchers are typed by module augmentation of each runner's expect.
    const vitestConsumer = `import { expect } from 'vitest';
import { OpenAIMock } from 'openai-responses';
import { promptSnapshot } from 'openai-responses/vitest';
const openaiMock = new OpenAIMock();
expect(openaiMock.chat.completions.create).toHaveBeenCalledWithMessages([{ role: 'user' }]);
expect(openaiMock.responses.create).toHaveBeenLastCalledWithBody({ model: 'gpt-4o' });
expect(promptSnapshot(openaiMock.responses.create)).toMatchSnapshot();
`;
    const jestConsumer = `import globals = require('@jest/globals');
import mock = require('openai-responses');
import matchers = require('openai-responses/jest');
const openaiMock = new mock.OpenAIMock();
globals.expect(openaiMock.responses.create).toHaveBeenCalledWithInput('Hi');
globals.expect(openaiMock.chat.completions.create).toHaveBeenCalledWithTools(['get_weather']);
globals.expect(matchers.promptSnapshot(openaiMock.responses.create)).toMatchSnapshot();
`;
    const cjs = `import OpenAI = require('openai');
import mock = require('openai-responses');
import mocha = require('openai-responses/mocha');
import nodeTest = require('openai-responses/node-test');
const openaiMock = new mock.OpenAIMock();
openaiMock.chat.completions.create.response = { choices: [{ message: { content: 'Hi' } }] };
const client = new OpenAI.OpenAI({ apiKey: 'sk-fake', fetch: mock.createMockFetch(openaiMock) });
export const used = [client, mocha.mochaHooks, nodeTest.useOpenAIMock];
`;
    await writeFile(path.join(consumer, 'consumer.mts'), esm);
    await writeFile(path.join(consumer, 'consumer.cts'), cjs);
    await writeFile(path.join(consumer, 'vitest-consumer.mts'), vitestConsumer);
    await writeFile(path.join(consumer, 'jest-consumer.cts'), jestConsumer);
    await writeFile(path.join(consumer, 'tsconfig.json'), JSON.stringify({ compilerOptions, files: ['consumer.mts', 'consumer.cts', 'vitest-consumer.mts', 'jest-consumer.cts'] }));
    await exec(process.execPath, [path.join(root, 'node_modules', 'typescript', 'bin', 'tsc'), '-p', consumer]);
  });

  it('packs the build, its declarations for both formats, README, CHANGELOG and LICENSE, and no sources', async function () {
    this.timeout(60_000);
    const [pack] = JSON.parse(await exec('npm', ['pack', '--dry-run', '--json'], packageDir)) as [{ files: { path: string }[] }];
    const files = pack.files.map((file) => file.path);

    for (const required of ['package.json', 'README.md', 'CHANGELOG.md', 'LICENSE']) assert.ok(files.includes(required), required);
    for (const entry of ['index', 'mocha', 'node-test', 'server', 'vitest', 'jest']) {
      for (const suffix of ['.js', '.cjs', '.d.ts', '.d.cts']) assert.ok(files.includes(`dist/${entry}${suffix}`), `dist/${entry}${suffix}`);
    }
    assert.deepEqual(files.filter((file) => !file.startsWith('dist/') && !/^(package\.json|README\.md|CHANGELOG\.md|LICENSE)$/.test(file)), []);
  });

  it('passes publint in strict mode', async function () {
    this.timeout(60_000);
    const output = await exec('npx', ['--no-install', 'publint', packageDir, '--strict']);
    assert.match(output, /All good/);
  });

  it('has types that resolve for CommonJS and ESM consumers (Are The Types Wrong)', async function () {
    this.timeout(60_000);
    const output = await exec('npx', ['--no-install', 'attw', '--pack', packageDir, '--profile', 'node16', '--format', 'json']);
    const report = JSON.parse(output) as {
      analysis: { entrypoints: Record<string, unknown> };
      problems?: Record<string, { entrypoint: string; resolutionKind?: string }[]>;
    };
    assert.deepEqual(Object.keys(report.analysis.entrypoints).sort(), ['.', './jest', './mocha', './node-test', './package.json', './server', './vitest']);
    // The node16 profile leaves out node10 (which predates `exports`); every other resolution must be clean.
    const problems = Object.values(report.problems ?? {}).flat().filter((problem) => problem.resolutionKind !== 'node10');
    assert.deepEqual(problems, []);
  });
});
