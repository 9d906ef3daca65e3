// Faults found by driving the served mock from outside, each fixed and kept fixed: bad route settings are 400s that
// name the field; restored objects move on; close() does not wait its grace for streams that ended; an oversized
// body is refused without being read; absolute-form targets and `OPTIONS *` are HTTP/1.1's; the state file is
// written atomically, on demand, and its problems are told at start, naming the file.
import assert from 'node:assert/strict';
import { type ChildProcess, execFile, spawn } from 'node:child_process';
import { mkdir, mkdtemp, readFile, readdir, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import OpenAI from 'openai';
import { OpenAIMock, lifecycle } from '../../lib/index.js';
import { ControlRequestError, type MockServer, MockServerClient, startServer } from '../../lib/server/index.js';
import { head, rawRequest } from './support/raw-http.js';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const cli = path.join(root, 'lib/server/cli.ts');

describe('the served mock: faults found from outside', () => {
  let openaiMock: OpenAIMock;
  let server: MockServer;
  let client: OpenAI;
  let control: MockServerClient;

  beforeEach(async () => {
    openaiMock = new OpenAIMock();
    server = await startServer(openaiMock);
    client = new OpenAI({ apiKey: 'sk-fake', baseURL: server.baseURL, maxRetries: 0 });
    control = new MockServerClient(server.url);
  });

  afterEach(() => server.close());

  describe('PUT /routes/{name}: a bad setting is a 400 naming the field, and changes nothing', () => {
    const cases: [string, Record<string, unknown>, RegExp][] = [
      ['a raw status out of range', { raw: { status: 1000 } }, /raw\.status must be a whole HTTP status from 200 to 599, not 1000/],
      ['a raw status of 101', { raw: { status: 101, body: 'x' } }, /raw\.status/],
      ['a header value holding CR/LF', { raw: { headers: { 'x-note': 'a\r\nset-cookie: x=1' } } }, /raw\.headers\["x-note"\] holds a character a header value cannot/],
      ['a header name with a space', { raw: { headers: { 'x note': 'a' } } }, /raw\.headers\["x note"\]: 'x note' is not a header name/],
      ['a body for a 204', { raw: { status: 204, body: { a: 1 } } }, /raw\.body must be left out for a status 204/],
      ['a latency a timer cannot hold', { latency: 1e12 }, /latency must be a number of milliseconds from 0 to 2147483647/],
      ['a latency that is not a number', { latency: 'soon' }, /latency must be/],
      ['a failure status out of range', { failures: { count: 1, status: 1000 } }, /failures\.status must be a whole HTTP status from 400 to 599/],
      ['a fractional failure count', { failures: 1.5 }, /failures must be a whole number/],
    ];
    for (const [what, settings, message] of cases) {
      it(`refuses ${what}`, async () => {
        await assert.rejects(
          control.route('chat.completions.create').set(settings),
          (error: unknown) => error instanceof ControlRequestError && error.status === 400 && message.test(error.message),
        );
        const completion = await client.chat.completions.create({ model: 'gpt-4o', messages: [{ role: 'user', content: 'Hi' }] });
        assert.equal(completion.object, 'chat.completion', 'the route still answers its default');
        assert.equal(openaiMock.chat.completions.create.latency, 0);
      });
    }

    it('answers a malformed route name with a 400, not a 500', async () => {
      const answer = await rawRequest(server.port, head('GET /__openai-responses/routes/%E0%A4%A', { host: `127.0.0.1:${server.port}` }));
      assert.equal(answer.status, 400);
      assert.equal(answer.error?.code, 'invalid_path');
    });
  });

  describe('restored objects move on from where they stand', () => {
    it('after PUT /state: a vector-store file in progress completes and is found, a queued background response settles with its answer', async () => {
      lifecycle(openaiMock).vectorStoreFiles.readsToComplete = 3;
      Object.assign(lifecycle(openaiMock).responses.background, { queued: 2, inProgress: 1 });
      openaiMock.responses.create.response = { output: [{ type: 'message', content: [{ type: 'output_text', text: 'Settled after the restore' }] }] };
      const file = await client.files.create({ file: new File(['The lighthouse keeper feeds the cat at dawn.'], 'notes.txt'), purpose: 'assistants' });
      const store = await client.vectorStores.create({ name: 'docs', file_ids: [file.id] });
      const batch = await client.vectorStores.fileBatches.create(store.id, { file_ids: [file.id] });
      const background = await client.responses.create({ model: 'gpt-4o', input: 'Work on it', background: true });
      assert.equal((await client.vectorStores.files.retrieve(file.id, { vector_store_id: store.id })).status, 'in_progress');
      assert.equal(background.status, 'queued');

      const other = await startServer(new OpenAIMock());
      try {
        await new MockServerClient(other.url).restoreState(await control.state());
        const otherClient = new OpenAI({ apiKey: 'sk-fake', baseURL: other.baseURL, maxRetries: 0 });
        const statuses: string[] = [];
        for (let read = 0; read < 5 && statuses.at(-1) !== 'completed'; read += 1) {
          statuses.push((await otherClient.vectorStores.files.retrieve(file.id, { vector_store_id: store.id })).status);
        }
        assert.equal(statuses.at(-1), 'completed', `statuses: ${statuses.join(', ')}`);
        const results = await otherClient.vectorStores.search(store.id, { query: 'lighthouse' });
        assert.equal(results.data[0]?.file_id, file.id);
        const files = await otherClient.vectorStores.fileBatches.listFiles(batch.id, { vector_store_id: store.id });
        assert.deepEqual(files.data.map((member) => member.id), [file.id], 'the batch keeps its members');
        assert.equal((await otherClient.vectorStores.fileBatches.retrieve(batch.id, { vector_store_id: store.id })).status, 'completed');

        const polled: string[] = [];
        let settled: OpenAI.Responses.Response | undefined;
        for (let poll = 0; poll < 6 && settled?.status !== 'completed'; poll += 1) {
          settled = await otherClient.responses.retrieve(background.id);
          polled.push(settled.status ?? '');
        }
        // The restoring mock's own lifecycle (the default: one poll in progress) takes it on from queued.
        assert.deepEqual(polled, ['in_progress', 'completed']);
        assert.equal(settled?.output_text, 'Settled after the restore');
      } finally {
        await other.close();
      }
    });

    it('after a --state restore in another process, too', async function () {
      this.timeout(60_000);
      const dir = await mkdtemp(path.join(tmpdir(), 'openai-responses-restore-'));
      try {
        lifecycle(openaiMock).vectorStoreFiles.readsToComplete = 2;
        const file = await client.files.create({ file: new File(['Tides turn twice a day.'], 'tides.txt'), purpose: 'assistants' });
        const store = await client.vectorStores.create({ name: 'docs', file_ids: [file.id] });
        await writeFile(path.join(dir, 'state.json'), JSON.stringify(await control.state()));
        const child = await serveChild(['--state', path.join(dir, 'state.json')]);
        try {
          const otherClient = new OpenAI({ apiKey: 'sk-fake', baseURL: `${child.url}/v1`, maxRetries: 0 });
          let status = '';
          for (let read = 0; read < 4 && status !== 'completed'; read += 1) status = (await otherClient.vectorStores.files.retrieve(file.id, { vector_store_id: store.id })).status;
          assert.equal(status, 'completed');
          assert.equal((await otherClient.vectorStores.search(store.id, { query: 'tides' })).data.length, 1);
        } finally {
          child.process.kill('SIGKILL');
        }
      } finally {
        await rm(dir, { recursive: true, force: true });
      }
    });

    it('refuses a snapshot it cannot restore with a 400, and keeps the state', async () => {
      const assistant = await client.beta.assistants.create({ model: 'gpt-4o' });
      await assert.rejects(control.restoreState({ version: 2 } as never), (error: unknown) => error instanceof ControlRequestError && error.status === 400);
      assert.equal((await client.beta.assistants.retrieve(assistant.id)).id, assistant.id);
    });
  });

  describe('connections', () => {
    it('close() while streams run: they end, their connections close, and close() does not wait its grace', async function () {
      this.timeout(15_000);
      const served = await startServer(new OpenAIMock(), { closeGraceMs: 60_000 });
      const releases: (() => void)[] = [];
      const chunk = (content: string): string =>
        `data: ${JSON.stringify({ id: 'chatcmpl-1', object: 'chat.completion.chunk', created: 0, model: 'gpt-4o', choices: [{ index: 0, delta: { content }, finish_reason: null }] })}\n\n`;
      served.openaiMock.chat.completions.create.response = () =>
        new Response(
          new ReadableStream<Uint8Array>({
            start(controller) {
              const encoder = new TextEncoder();
              controller.enqueue(encoder.encode(chunk('first ')));
              releases.push(() => {
                controller.enqueue(encoder.encode(`${chunk('last')}data: [DONE]\n\n`));
                controller.close();
              });
            },
          }),
          { headers: { 'content-type': 'text/event-stream' } },
        );
      // Clients that keep their connections alive (the SDK's fetch, for 4 s) made close() wait for them, up to its grace
      // (or Node's 5 s keep-alive timeout): a connection still open 3 s after its stream ended is one close() waits for.
      const body = JSON.stringify({ model: 'gpt-4o', messages: [{ role: 'user', content: 'Hi' }], stream: true });
      const request = head('POST /v1/chat/completions', { host: `127.0.0.1:${served.port}`, connection: 'keep-alive', 'content-type': 'application/json', 'content-length': body.length }) + body;
      const answers = [0, 1].map(() => rawRequest(served.port, request, { waitMs: 3000 }));
      while (releases.length < 2) await new Promise((resolve) => setTimeout(resolve, 5));
      const closed = served.close();
      for (const release of releases) release();
      for (const answer of await Promise.all(answers)) {
        assert.match(answer.body, /"first ".*"last".*data: \[DONE\]/s);
        assert.equal(answer.closed, true, 'the server closed the connection once the stream ended');
      }
      await closed;
    });

    it('answers an answer begun after close() with Connection: close', async () => {
      const served = await startServer(new OpenAIMock(), { closeGraceMs: 60_000 });
      let release = (): void => undefined;
      let entered = false;
      served.openaiMock.models.list.response = async () => {
        entered = true;
        await new Promise<void>((resolve) => (release = resolve));
        return { data: [] };
      };
      const answer = rawRequest(served.port, head('GET /v1/models', { host: `127.0.0.1:${served.port}`, connection: 'keep-alive' }), { waitMs: 10_000 });
      while (!entered) await new Promise((resolve) => setTimeout(resolve, 5));
      const closed = served.close();
      release();
      const answered = await answer;
      assert.equal(answered.status, 200);
      assert.equal(answered.headers['connection'], 'close');
      assert.equal(answered.closed, true);
      await closed;
    });

    it('refuses a gigabyte declared body with a 413 and closes the connection without reading it', async function () {
      this.timeout(15_000);
      const answer = await rawRequest(
        server.port,
        `POST /v1/files HTTP/1.1\r\nhost: 127.0.0.1:${server.port}\r\ncontent-type: application/octet-stream\r\ncontent-length: 1000000000\r\n\r\n`,
        { waitMs: 10_000, keepSending: Buffer.alloc(64 * 1024, 120) },
      );
      assert.equal(answer.status, 413);
      assert.equal(answer.error?.code, 'request_too_large');
      assert.equal(answer.headers['connection'], 'close');
      assert.equal(answer.closed, true, 'the server closed the connection');
      assert.ok(answer.sent < 200 * 1024 * 1024, `the server stopped taking the body early (${answer.sent} bytes sent of 1,000,000,000)`);
    });

    it('answers an absolute-form request target (HTTP/1.1 servers must) and OPTIONS *', async () => {
      const models = await rawRequest(server.port, head(`GET http://127.0.0.1:${server.port}/v1/models`, { host: `127.0.0.1:${server.port}` }));
      assert.equal(models.status, 200);
      assert.equal((JSON.parse(models.body) as { object: string }).object, 'list');
      const health = await rawRequest(server.port, head(`GET http://localhost:${server.port}/__openai-responses/health`, { host: `localhost:${server.port}` }));
      assert.equal(health.status, 200);
      const options = await rawRequest(server.port, head('OPTIONS *', { host: `127.0.0.1:${server.port}` }));
      assert.equal(options.status, 204);
      assert.match(options.headers['allow'] ?? '', /GET, POST/);
      const star = await rawRequest(server.port, head('GET *', { host: `127.0.0.1:${server.port}` }));
      assert.equal(star.status, 400);
      assert.equal(star.error?.code, 'invalid_request_target');
    });
  });

  describe('the state file', () => {
    let dir = '';
    let children: ChildProcess[] = [];

    beforeEach(async () => {
      dir = await mkdtemp(path.join(tmpdir(), 'openai-responses-state-'));
      children = [];
    });

    afterEach(async () => {
      for (const child of children) child.kill('SIGKILL');
      await rm(dir, { recursive: true, force: true });
    });

    it('is saved on demand by another process, so a kill without a signal to catch loses nothing', async function () {
      this.timeout(60_000);
      const stateFile = path.join(dir, 'state.json');
      const first = await serveChild(['--state', stateFile]);
      children.push(first.process);
      const served = new OpenAI({ apiKey: 'sk-fake', baseURL: `${first.url}/v1`, maxRetries: 0 });
      const assistant = await served.beta.assistants.create({ model: 'gpt-4o', name: 'Kept' });
      assert.equal(await new MockServerClient(first.url).saveState(), stateFile);
      assert.deepEqual(await readdir(dir), ['state.json'], 'no temporary file is left beside it');
      first.process.kill('SIGKILL');
      const second = await serveChild(['--state', stateFile]);
      children.push(second.process);
      const again = new OpenAI({ apiKey: 'sk-fake', baseURL: `${second.url}/v1`, maxRetries: 0 });
      assert.equal((await again.beta.assistants.retrieve(assistant.id)).name, 'Kept');
    });

    it('is never seen half-written while it is saved again and again', async function () {
      this.timeout(30_000);
      const stateFile = path.join(dir, 'state.json');
      const served = await startServer(new OpenAIMock(), { stateFile });
      try {
        const servedClient = new OpenAI({ apiKey: 'sk-fake', baseURL: served.baseURL, maxRetries: 0 });
        await servedClient.files.create({ file: new File([Buffer.alloc(2 * 1024 * 1024, 97)], 'big.txt'), purpose: 'user_data' });
        await served.saveState();
        const saves = Promise.all(Array.from({ length: 10 }, () => served.saveState()));
        let reads = 0;
        let settled = false;
        void saves.then(() => (settled = true));
        while (!settled || reads < 5) {
          const text = await readFile(stateFile, 'utf8');
          assert.doesNotThrow(() => JSON.parse(text), 'a whole snapshot each time');
          reads += 1;
        }
        await saves;
      } finally {
        await served.close();
      }
      assert.deepEqual(await readdir(dir), ['state.json']);
    });

    it('answers a save with a 409 when the server has no state file', async () => {
      await assert.rejects(control.saveState(), (error: unknown) => error instanceof ControlRequestError && error.status === 409 && /no state file/.test(error.message));
    });

    it('stops the CLI at start with a message naming a corrupt file', async function () {
      this.timeout(60_000);
      const stateFile = path.join(dir, 'corrupt.json');
      await writeFile(stateFile, '{"version":1,"stores":{');
      const failure = await runToEnd(['serve', '--state', stateFile]);
      assert.equal(failure.code, 1);
      assert.match(failure.stderr, new RegExp(`the state file ${escape(stateFile)} is not valid JSON`));
      await writeFile(stateFile, '{"version":7}');
      assert.match((await runToEnd(['serve', '--state', stateFile])).stderr, new RegExp(`the state file ${escape(stateFile)} is not a state snapshot`));
    });

    it('stops the CLI at start, not at stop, when the folder cannot be written', async function () {
      this.timeout(60_000);
      const missing = path.join(dir, 'no-such-folder', 'state.json');
      const failure = await runToEnd(['serve', '--state', missing]);
      assert.equal(failure.code, 1);
      assert.match(failure.stderr, new RegExp(`cannot write the state file ${escape(missing)}`));
      await mkdir(path.join(dir, 'a-folder'));
      assert.match((await runToEnd(['serve', '--state', path.join(dir, 'a-folder')])).stderr, /cannot write the state file .*a-folder is a folder/);
    });
  });
});

function escape(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/** Starts `serve` in a process of its own and waits for its URL. */
function serveChild(args: string[]): Promise<{ url: string; process: ChildProcess }> {
  const started = spawn(process.execPath, ['--import', 'tsx', cli, 'serve', ...args], { cwd: root, stdio: ['ignore', 'pipe', 'inherit'] });
  return new Promise((resolve, reject) => {
    let output = '';
    started.stdout.on('data', (chunk: Buffer) => {
      output += chunk.toString();
      const url = /listening on (http:\/\/\S+)/.exec(output)?.[1];
      if (url) resolve({ url, process: started });
    });
    started.once('exit', (code) => reject(new Error(`serve exited with ${code}: ${output}`)));
  });
}

/** Runs the CLI to its end: its exit code and what it wrote to stderr. */
function runToEnd(args: string[]): Promise<{ code: number | null; stderr: string }> {
  return new Promise((resolve) => {
    execFile(process.execPath, ['--import', 'tsx', cli, ...args], { cwd: root, timeout: 30_000 }, (error, _stdout, stderr) => {
      resolve({ code: error ? (typeof error.code === 'number' ? error.code : null) : 0, stderr });
    });
  });
}
