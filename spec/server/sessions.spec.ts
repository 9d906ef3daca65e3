// Sessions of a served mock, for parallel test workers: /sessions/<id>/v1 is a mock of its own (state, routes,
// scripts, calls) with its control API under /__openai-responses/sessions/<id>. Driven from outside: the SDK over
// HTTP, MockServerClient, curl, Python's standard library, and four worker processes at once, each scripting
// other answers, none seeing another's.
import assert from 'node:assert/strict';
import { type ChildProcess, execFile, spawn } from 'node:child_process';
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import OpenAI, { toFile } from 'openai';
import { ResponsesWS } from 'openai/resources/responses/ws';
import { OpenAIMock } from '../../lib/index.js';
import { ControlRequestError, type MockServer, MockServerClient, startServer } from '../../lib/server/index.js';
import { head, rawRequest } from './support/raw-http.js';

const here = path.dirname(fileURLToPath(import.meta.url));
const root = path.resolve(here, '../..');

function run(command: string, args: string[]): Promise<{ code: number; stdout: string }> {
  return new Promise((resolve) => {
    execFile(command, args, { cwd: root }, (error, stdout) => resolve({ code: error ? Number(error.code ?? 1) : 0, stdout }));
  });
}

const hi: OpenAI.ChatCompletionCreateParamsNonStreaming = { model: 'gpt-4o', messages: [{ role: 'user', content: 'Hi' }] };

describe('sessions of a served mock (parallel workers)', () => {
  let server: MockServer;
  let openaiMock: OpenAIMock;

  beforeEach(async () => {
    openaiMock = new OpenAIMock();
    server = await startServer(openaiMock, { sessions: { max: 6 } });
  });

  afterEach(() => server.close());

  const clientOf = (baseURL: string): OpenAI => new OpenAI({ apiKey: 'sk-fake', baseURL, maxRetries: 0 });

  it('gives each session its own state, routes and calls, apart from the server\'s own mock', async () => {
    const one = new MockServerClient(server.url, { session: 'worker-1' });
    const two = new MockServerClient(server.url, { session: 'worker-2' });
    assert.equal(one.baseURL, `${server.url}/sessions/worker-1/v1`);
    await one.route('chat.completions.create').set({ reply: { text: 'one' } });
    await two.route('chat.completions.create').set({ reply: { text: 'two' } });
    openaiMock.chat.completions.create.response = { choices: [{ message: { content: 'root' } }] };

    const ask = async (baseURL: string): Promise<string | null | undefined> => (await clientOf(baseURL).chat.completions.create(hi)).choices[0]?.message.content;
    assert.deepEqual([await ask(one.baseURL), await ask(two.baseURL), await ask(server.baseURL), await ask(one.baseURL)], ['one', 'two', 'root', 'one']);
    assert.equal((await one.route('chat.completions.create').calls()).length, 2);
    assert.equal((await two.route('chat.completions.create').calls()).length, 1);
    assert.equal(openaiMock.chat.completions.create.calls.length, 1);

    const file = await clientOf(one.baseURL).files.create({ file: await toFile(Buffer.from('mine'), 'mine.txt'), purpose: 'user_data' });
    assert.equal(await (await clientOf(one.baseURL).files.content(file.id)).text(), 'mine');
    await assert.rejects(clientOf(two.baseURL).files.retrieve(file.id), OpenAI.NotFoundError);
    await assert.rejects(clientOf(server.baseURL).files.retrieve(file.id), OpenAI.NotFoundError);

    await two.reset();
    assert.equal((await one.route('chat.completions.create').calls()).length, 2, 'resetting one session leaves the others');
    assert.equal(await ask(one.baseURL), 'one');
    assert.equal(server.session('worker-1').files.create.calls.length, 1, 'server.session(id) is the session\'s mock, in process');
  });

  it('makes a session on its first request, from its base URL or its control API, and lists and ends them', async () => {
    assert.deepEqual((await clientOf(`${server.url}/sessions/fresh/v1`).models.list()).data.length > 0, true);
    const fromBaseURL = new MockServerClient(`${server.url}/sessions/fresh/v1`);
    assert.equal(fromBaseURL.session, 'fresh');
    assert.equal((await fromBaseURL.route('models.list').calls()).length, 1);
    await new MockServerClient(server.url, { session: 'control-first' }).route('models.list').set({ latency: 0 });
    const list = (await (await fetch(`${server.url}/__openai-responses/sessions`)).json()) as { data: { id: string }[] };
    assert.deepEqual(list.data.map((session) => session.id), ['fresh', 'control-first']);

    assert.equal(await fromBaseURL.deleteSession(), true);
    assert.equal(await fromBaseURL.deleteSession(), false);
    assert.equal((await fromBaseURL.route('models.list').calls()).length, 0, 'the id makes a fresh session again');
  });

  it('refuses a session past the limit with a 429 the SDK does not retry, and takes it once one is ended', async () => {
    const ids = ['a', 'b', 'c', 'd', 'e', 'f'];
    for (const id of ids) await clientOf(`${server.url}/sessions/${id}/v1`).models.list();
    let sent = 0;
    const counted: typeof fetch = (input, init) => {
      sent += 1;
      return fetch(input, init);
    };
    const retrying = new OpenAI({ apiKey: 'sk-fake', baseURL: `${server.url}/sessions/g/v1`, maxRetries: 3, fetch: counted });
    await assert.rejects(retrying.chat.completions.create(hi), (error: unknown) => {
      assert.ok(error instanceof OpenAI.RateLimitError);
      assert.equal(error.code, 'too_many_sessions');
      assert.match(error.message, /already has 6 sessions, its limit.*--max-sessions/);
      return true;
    });
    assert.equal(sent, 1, 'the SDK does not retry it');
    const control = await (await fetch(`${server.url}/__openai-responses/sessions/g/routes`)).json() as { error: { code: string } };
    assert.equal(control.error.code, 'too_many_sessions', 'the control API is refused too');
    assert.equal((await (await fetch(`${server.url}/__openai-responses/sessions/a`, { method: 'DELETE', headers: { 'content-type': 'application/json' } })).json() as { deleted: boolean }).deleted, true);
    assert.equal((await clientOf(`${server.url}/sessions/g/v1`).chat.completions.create(hi)).object, 'chat.completion');
  });

  it('refuses a session id that is not one, and answers clearly when sessions are off', async () => {
    const badId = await fetch(`${server.url}/sessions/${encodeURIComponent('not an id!')}/v1/models`);
    assert.equal(badId.status, 400);
    assert.deepEqual(((await badId.json()) as { error: { code: string; param: string } }).error.code, 'invalid_session_id');
    assert.equal((await fetch(`${server.url}/sessions/${'x'.repeat(65)}/v1/models`)).status, 400);

    const plain = await startServer(new OpenAIMock());
    try {
      await assert.rejects(clientOf(`${plain.url}/sessions/worker-1/v1`).models.list(), (error: unknown) => error instanceof OpenAI.NotFoundError && /sessions are off.*--sessions/.test(error.message));
      await assert.rejects(new MockServerClient(plain.url, { session: 'worker-1' }).reset(), /sessions are off/);
      assert.throws(() => plain.session('worker-1'), /serves no sessions/);
    } finally {
      await plain.close();
    }
  });

  it('upgrades a session\'s WebSocket: /sessions/<id>/v1/responses answers from that session', async () => {
    const mine = new MockServerClient(server.url, { session: 'socket-1' });
    await mine.route('responses.create').set({ reply: { text: 'From socket-1.' } });
    const ws = new ResponsesWS(new OpenAI({ apiKey: 'sk-fake', baseURL: mine.baseURL }));
    try {
      const completed = new Promise<OpenAI.Responses.Response>((resolve) => ws.on('response.completed', (event) => resolve(event.response)));
      ws.send({ type: 'response.create', model: 'gpt-5', input: 'Hi', stream: true } as never);
      const response = await completed;
      const [item] = response.output;
      assert.equal(item?.type === 'message' && item.content[0]?.type === 'output_text' && item.content[0].text, 'From socket-1.');
    } finally {
      ws.close();
    }
    assert.equal((await mine.route('responses.create').calls()).length, 1);
    assert.equal(openaiMock.responses.create.calls.length, 0);
  });

  it('puts session paths behind the server\'s gate: another Host, a cross-site page, a missing token are refused, and make no session', async () => {
    const foreignHost = await rawRequest(server.port, head('GET /sessions/worker-1/v1/models', { host: `rebound.evil.example:${server.port}` }));
    assert.equal(foreignHost.status, 403);
    assert.equal(foreignHost.error?.code, 'host_not_allowed');
    const crossSite = await rawRequest(server.port, head('GET /__openai-responses/sessions/worker-1/routes', { host: `127.0.0.1:${server.port}`, origin: 'https://evil.example' }));
    assert.equal(crossSite.status, 403);
    const plainText = await fetch(`${server.url}/__openai-responses/sessions/worker-1/reset`, { method: 'POST', headers: { 'content-type': 'text/plain' }, body: '{}' });
    assert.equal(plainText.status, 415);
    const list = (await (await fetch(`${server.url}/__openai-responses/sessions`)).json()) as { data: unknown[] };
    assert.deepEqual(list.data, [], 'no refused request made a session');

    const guarded = await startServer(new OpenAIMock(), { sessions: true, token: 'session-token' });
    try {
      await assert.rejects(new MockServerClient(guarded.url, { session: 'worker-1', token: 'wrong' }).reset(), (error: unknown) => error instanceof ControlRequestError && error.status === 401);
      const control = new MockServerClient(guarded.url, { session: 'worker-1', token: 'session-token' });
      await control.route('chat.completions.create').set({ reply: { text: 'Behind the token.' } });
      assert.equal((await clientOf(control.baseURL).chat.completions.create(hi)).choices[0]?.message.content, 'Behind the token.');
    } finally {
      await guarded.close();
    }
  });

  it('runs the docs\' session curl lines', async function () {
    this.timeout(20_000);
    const docs = await readFile(path.join(root, 'docs/server.md'), 'utf8');
    const start = docs.indexOf('## Parallel workers');
    const lines = docs.slice(start, docs.indexOf('\n## ', start + 1)).split('\n').filter((line) => line.startsWith('curl '));
    assert.equal(lines.length, 2);
    let last = '';
    for (const line of lines) {
      const { code, stdout } = await run('sh', ['-c', line.replaceAll('http://127.0.0.1:4010', server.url).replace(/^curl /, 'curl -sS --fail-with-body ')]);
      assert.equal(code, 0, stdout);
      last = stdout;
    }
    assert.equal((JSON.parse(last) as OpenAI.ChatCompletion).choices[0]?.message.content, 'Hello, worker 1.');
  });

  describe('with worker processes', () => {
    const children: ChildProcess[] = [];
    afterEach(() => {
      for (const child of children.splice(0)) child.kill('SIGKILL');
    });

    it('serves four worker processes at once, each scripting other answers, with no cross-talk', async function () {
      this.timeout(120_000);
      const workers = ['worker-0', 'worker-1', 'worker-2', 'worker-3'];
      const outputs = workers.map((worker) => {
        const child = spawn(process.execPath, ['--import', 'tsx', path.join(here, 'fixtures/session-worker.ts'), server.url, worker], { cwd: root });
        children.push(child);
        let stdout = '';
        let stderr = '';
        child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
        const ready = new Promise<void>((resolve, reject) => {
          child.stdout.on('data', (chunk: Buffer) => {
            stdout += chunk.toString();
            if (stdout.startsWith('ready\n')) resolve();
          });
          child.once('exit', (code) => reject(new Error(`${worker} exited with ${code} before it was ready: ${stderr}`)));
        });
        const done = new Promise<string>((resolve, reject) => {
          child.once('exit', (code) => (code === 0 ? resolve(stdout.slice('ready\n'.length)) : reject(new Error(`${worker} exited with ${code}: ${stderr}`))));
        });
        return { ready, done, child };
      });
      // Every worker has scripted its session before any of them calls: a shared script would show now.
      await Promise.all(outputs.map((output) => output.ready));
      for (const output of outputs) output.child.stdin.end('go\n');
      const results = (await Promise.all(outputs.map((output) => output.done))).map((text) => JSON.parse(text) as Record<string, unknown>);

      for (const [index, result] of results.entries()) {
        const worker = workers[index] ?? '';
        assert.equal(result.worker, worker);
        assert.deepEqual(result.seen, Array.from({ length: 5 }, () => [worker, `${worker}: sunny`, `${worker}: hello`]).flat());
        assert.equal(result.once, `${worker}: once`);
        assert.notEqual(result.after, `${worker}: once`);
        assert.equal(result.run, `${worker}: run done`);
        assert.deepEqual(result.assistants, [worker], 'each worker lists only its own assistant');
        assert.equal(result.chatCalls, 15);
      }
      assert.equal(openaiMock.chat.completions.create.calls.length, 0, 'the server\'s own mock got none of it');
      const listed = (await (await fetch(`${server.url}/__openai-responses/sessions`)).json()) as { data: { id: string }[] };
      assert.deepEqual(listed.data.map((session) => session.id).sort(), workers);
    });

    it('serves a session to a Python program (standard library) through the CLI with --sessions', async function () {
      this.timeout(60_000);
      const cli = spawn(process.execPath, ['--import', 'tsx', path.join(root, 'lib/server/cli.ts'), 'serve', '--sessions', '--max-sessions', '2'], { cwd: root, stdio: ['pipe', 'pipe', 'inherit'] });
      children.push(cli);
        const url = await new Promise<string>((resolve, reject) => {
        let output = '';
        cli.stdout.on('data', (chunk: Buffer) => {
          output += chunk.toString();
          const found = /listening on (http:\/\/\S+)/.exec(output)?.[1];
          if (found && /sessions on/.test(output)) resolve(found);
        });
        cli.once('exit', (code) => reject(new Error(`serve exited with ${code}: ${output}`)));
      });
      const control = new MockServerClient(url, { session: 'python' });
      await control.route('chat.completions.create').set({ reply: { text: 'Hello, Python session' } });
      const { code, stdout } = await run('python3', [path.join(here, 'fixtures/python-client.py'), control.baseURL]);
      assert.equal(code, 0, stdout);
      const result = JSON.parse(stdout) as Record<string, unknown>;
      assert.equal(result.content, 'Hello, Python session');
      assert.equal(result.streamed, 'Hello, Python session');
      assert.equal(result.missing_status, 404);
      assert.equal((await control.route('chat.completions.create').calls()).length, 2);
      assert.equal((await new MockServerClient(url).route('chat.completions.create').calls()).length, 0);
    });
  });
});
