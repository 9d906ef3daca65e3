// The mock over HTTP: the same routes, state, streams and errors as in process, reached by real clients in this
// process and in others (curl, a Node app, a Python program), scripted through the control API, and served by
// the CLI with a state file that outlives a restart.
import assert from 'node:assert/strict';
import { type ChildProcess, execFile, spawn } from 'node:child_process';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import OpenAI, { toFile } from 'openai';
import { OpenAIMock } from '../../lib/index.js';
import { type MockServer, MockServerClient, startServer } from '../../lib/server/index.js';

const here = path.dirname(fileURLToPath(import.meta.url));
const root = path.resolve(here, '../..');

/** Runs a program to its end; its standard output (rejects with everything it printed on a non-zero exit). */
function run(command: string, args: string[], env: NodeJS.ProcessEnv = {}): Promise<string> {
  return new Promise((resolve, reject) => {
    execFile(command, args, { cwd: root, env: { ...process.env, ...env } }, (error, stdout, stderr) => {
      if (error) reject(new Error(`${command} ${args.join(' ')} failed: ${error.message}\n${stdout}\n${stderr}`));
      else resolve(stdout);
    });
  });
}

/** The TCP handles this process holds (servers and sockets), to see that nothing is left open. */
function tcpHandles(): number {
  return process.getActiveResourcesInfo().filter((name) => name.startsWith('TCP')).length;
}

describe('the mock over HTTP (startServer)', () => {
  let openaiMock: OpenAIMock;
  let server: MockServer;
  let client: OpenAI;

  beforeEach(async () => {
    openaiMock = new OpenAIMock();
    server = await startServer(openaiMock);
    client = new OpenAI({ apiKey: 'sk-fake', baseURL: server.baseURL, maxRetries: 0 });
  });

  afterEach(() => server.close());

  it('listens on the loopback interface on a free port and gives the base URL for clients', () => {
    assert.match(server.url, /^http:\/\/127\.0\.0\.1:\d+$/);
    assert.equal(server.baseURL, `${server.url}/v1`);
    assert.ok(server.port > 0);
  });

  it('answers chat completions from the same routes as in process, and records the calls', async () => {
    openaiMock.chat.completions.create.response = { choices: [{ message: { content: 'Over HTTP' } }] };
    const completion = await client.chat.completions.create({ model: 'gpt-4o', messages: [{ role: 'user', content: 'Hi' }] });
    assert.equal(completion.choices[0]?.message.content, 'Over HTTP');
    assert.match(completion.id, /^chatcmpl-/);
    assert.equal(openaiMock.chat.completions.create.calls.length, 1);
  });

  it('streams chat chunks that the SDK stream helper reads to the end', async () => {
    openaiMock.chat.completions.create.response = { choices: [{ message: { content: 'one two three four' } }] };
    const stream = client.chat.completions.stream({ model: 'gpt-4o', messages: [{ role: 'user', content: 'Hi' }] });
    const deltas: string[] = [];
    stream.on('content', (delta) => deltas.push(delta));
    const final = await stream.finalChatCompletion();
    assert.equal(final.choices[0]?.message.content, 'one two three four');
    assert.ok(deltas.length > 1, 'the text arrives in several deltas');
  });

  it('keeps Responses state across requests and streams the full event sequence', async () => {
    const first = await client.responses.create({ model: 'gpt-4o', input: 'Hello' });
    const retrieved = await client.responses.retrieve(first.id);
    assert.equal(retrieved.id, first.id);
    const stream = client.responses.stream({ model: 'gpt-4o', input: 'Again', previous_response_id: first.id });
    const types = new Set<string>();
    for await (const event of stream) types.add(event.type);
    const final = await stream.finalResponse();
    assert.ok(types.has('response.created') && types.has('response.completed'));
    assert.equal(final.previous_response_id, first.id);
  });

  it('uploads a file as multipart and downloads its exact bytes', async () => {
    const bytes = Buffer.from([0, 1, 2, 250, 255, 10, 13]);
    const file = await client.files.create({ file: await toFile(bytes, 'data.bin'), purpose: 'user_data' });
    const content = await client.files.content(file.id);
    assert.deepEqual(Buffer.from(await content.arrayBuffer()), bytes);
    assert.equal(file.bytes, bytes.length);
  });

  it('moves an assistant run to completion by polling', async () => {
    const assistant = await client.beta.assistants.create({ model: 'gpt-4o' });
    const thread = await client.beta.threads.create({ messages: [{ role: 'user', content: 'Hi' }] });
    const run = await client.beta.threads.runs.createAndPoll(thread.id, { assistant_id: assistant.id });
    assert.equal(run.status, 'completed');
    const messages = await client.beta.threads.messages.list(thread.id);
    assert.equal(messages.data.length, 2);
  });

  it('answers errors in the API shape, so the SDK raises its own error classes', async () => {
    await assert.rejects(client.files.retrieve('file-missing'), (error: unknown) => error instanceof OpenAI.NotFoundError && /file-missing/.test(error.message));
    openaiMock.chat.completions.create.failures = { count: 1, status: 429, message: 'Slow down', code: 'rate_limit_exceeded' };
    await assert.rejects(client.chat.completions.create({ model: 'gpt-4o', messages: [{ role: 'user', content: 'Hi' }] }), OpenAI.RateLimitError);
  });

  it('answers curl in another process: JSON, a live event stream, and the status of an error', async () => {
    const body = JSON.stringify({ model: 'gpt-4o', messages: [{ role: 'user', content: 'Hi' }] });
    openaiMock.chat.completions.create.response = { choices: [{ message: { content: 'Hello curl' } }] };
    const json = JSON.parse(await run('curl', ['-sS', `${server.baseURL}/chat/completions`, '-H', 'content-type: application/json', '-d', body])) as OpenAI.ChatCompletion;
    assert.equal(json.choices[0]?.message.content, 'Hello curl');
    const streamed = await run('curl', ['-sSN', `${server.baseURL}/chat/completions`, '-H', 'content-type: application/json', '-d', JSON.stringify({ ...JSON.parse(body), stream: true })]);
    const events = streamed.split('\n').filter((line) => line.startsWith('data: ')).map((line) => line.slice(6));
    assert.equal(events.at(-1), '[DONE]');
    const text = events.slice(0, -1).map((data) => (JSON.parse(data) as OpenAI.ChatCompletionChunk).choices[0]?.delta.content ?? '').join('');
    assert.equal(text, 'Hello curl');
    const status = await run('curl', ['-sS', '-o', '/dev/null', '-w', '%{http_code}', `${server.baseURL}/vector_stores/vs_missing`]);
    assert.equal(status, '404');
  });

  it('is scripted and read by a Node app in another process, through the control API', async function () {
    this.timeout(60_000);
    const output = await run(process.execPath, ['--import', 'tsx', path.join(here, 'fixtures/node-client.ts')], { OPENAI_BASE_URL: server.baseURL });
    const result = JSON.parse(output) as { content: string; streamed: string; responseId: string; retrievedStatus: string };
    assert.equal(result.content, 'Scripted from another process');
    assert.equal(result.streamed, 'Scripted from another process');
    assert.match(result.responseId, /^resp_/);
    assert.equal(result.retrievedStatus, 'completed');
    const calls = await new MockServerClient(server.url).route('chat.completions.create').calls();
    assert.equal(calls.length, 2);
    assert.equal(calls[0]?.headers.authorization, 'Bearer [redacted]', 'the key is not reported');
    assert.deepEqual((calls[0]?.body as { messages: unknown }).messages, [{ role: 'user', content: 'Hi' }]);
  });

  it('answers a Python program (standard library HTTP client) in another process, streams included', async function () {
    this.timeout(30_000);
    openaiMock.chat.completions.create.response = { choices: [{ message: { content: 'Hello from the mock to Python' } }] };
    const result = JSON.parse(await run('python3', [path.join(here, 'fixtures/python-client.py'), server.baseURL])) as Record<string, unknown>;
    assert.equal(result.content, 'Hello from the mock to Python');
    assert.equal(result.streamed, 'Hello from the mock to Python');
    assert.equal(result.done, true);
    assert.match(String(result.content_type), /^text\/event-stream/);
    assert.equal(result.missing_status, 404);
    const error = result.missing_error as { message: string; type: string };
    assert.match(error.message, /file-missing/);
    assert.equal(error.type, 'invalid_request_error');
  });

  describe('control API', () => {
    it('sets a raw answer, latency and failures, resets a route, and reports unknown routes clearly', async () => {
      const control = new MockServerClient(server.url);
      await control.route('models.list').set({ raw: { status: 503, body: { error: { message: 'Down for a moment', type: 'server_error', param: null, code: null } } } });
      await assert.rejects(client.models.list(), (error: unknown) => error instanceof OpenAI.InternalServerError && error.status === 503);
      await control.route('models.list').reset();
      assert.ok((await client.models.list()).data.length > 0);
      await assert.rejects(control.route('chat.complete').set({ latency: 1 }), /no route is named 'chat.complete'/);
      await assert.rejects(control.route('models.list').set({ latency: -1 }), /latency must be a number/);
    });

    it('scripts a sequence of answers, one per call', async () => {
      const control = new MockServerClient(server.url);
      await control.route('chat.completions.create').set({ responses: [{ choices: [{ message: { content: 'first' } }] }, { choices: [{ message: { content: 'second' } }] }] });
      const ask = async (): Promise<string | null | undefined> =>
        (await client.chat.completions.create({ model: 'gpt-4o', messages: [{ role: 'user', content: 'Hi' }] })).choices[0]?.message.content;
      assert.deepEqual([await ask(), await ask(), await ask()], ['first', 'second', '']);
    });

    it('resets the whole mock, state included', async () => {
      const assistant = await client.beta.assistants.create({ model: 'gpt-4o' });
      await new MockServerClient(server.baseURL).reset();
      await assert.rejects(client.beta.assistants.retrieve(assistant.id), OpenAI.NotFoundError);
    });

    it('snapshots the state and restores it into another served mock', async () => {
      const file = await client.files.create({ file: await toFile(Buffer.from('hello'), 'hello.txt'), purpose: 'user_data' });
      const store = await client.vectorStores.create({ name: 'docs', file_ids: [file.id] });
      const snapshot = await new MockServerClient(server.url).state();
      const other = await startServer(new OpenAIMock());
      try {
        await new MockServerClient(other.url).restoreState(snapshot);
        const otherClient = new OpenAI({ apiKey: 'sk-fake', baseURL: other.baseURL });
        assert.equal((await otherClient.vectorStores.retrieve(store.id)).name, 'docs');
        assert.equal((await otherClient.vectorStores.files.list(store.id)).data[0]?.id, file.id);
        assert.equal(await (await otherClient.files.content(file.id)).text(), 'hello');
      } finally {
        await other.close();
      }
    });
  });

  describe('limits and shutdown', () => {
    it('refuses a body over the size limit with a 413 in the API shape', async () => {
      const small = await startServer(new OpenAIMock(), { maxBodyBytes: 1024 });
      try {
        const smallClient = new OpenAI({ apiKey: 'sk-fake', baseURL: small.baseURL, maxRetries: 0 });
        await assert.rejects(
          smallClient.chat.completions.create({ model: 'gpt-4o', messages: [{ role: 'user', content: 'x'.repeat(4096) }] }),
          (error: unknown) => error instanceof OpenAI.APIError && error.status === 413 && /larger than the server accepts/.test(error.message),
        );
        const ok = await smallClient.chat.completions.create({ model: 'gpt-4o', messages: [{ role: 'user', content: 'short' }] });
        assert.equal(ok.object, 'chat.completion');
      } finally {
        await small.close();
      }
    });

    it('fails clearly when the port is in use', async () => {
      await assert.rejects(startServer(new OpenAIMock(), { port: server.port }), new RegExp(`port ${server.port} on 127\\.0\\.0\\.1 is in use`));
    });

    it('closes gracefully: a stream under way ends, and no server or socket is left open', async () => {
      const before = tcpHandles();
      const served = await startServer(new OpenAIMock(), { closeGraceMs: 200 });
      const slowClient = new OpenAI({ apiKey: 'sk-fake', baseURL: served.baseURL, maxRetries: 0 });
      served.openaiMock.chat.completions.create.response = { choices: [{ message: { content: 'a b c d e f' } }] };
      await slowClient.models.list(); // leaves a keep-alive connection
      const stream = await slowClient.chat.completions.create({ model: 'gpt-4o', messages: [{ role: 'user', content: 'Hi' }], stream: true });
      const reading = (async () => {
        let text = '';
        for await (const chunk of stream) text += chunk.choices[0]?.delta.content ?? '';
        return text;
      })();
      await served.close();
      assert.equal(await reading, 'a b c d e f');
      // The client's side of each connection closes as the server's end reaches it: give it a few turns.
      for (let turn = 0; turn < 100 && tcpHandles() > before; turn += 1) await new Promise((resolve) => setTimeout(resolve, 10));
      assert.ok(tcpHandles() <= before, `TCP handles after close: ${tcpHandles()}, before: ${before}`);
    });
  });
});

describe('the CLI: openai-responses serve', () => {
  let child: ChildProcess | undefined;
  let dir = '';

  beforeEach(async () => {
    dir = await mkdtemp(path.join(tmpdir(), 'openai-responses-serve-'));
  });

  afterEach(async () => {
    child?.kill('SIGKILL');
    child = undefined;
    await rm(dir, { recursive: true, force: true });
  });

  /** Starts the CLI and waits for the line that gives its URL. */
  function serve(args: string[]): Promise<{ url: string; stopped: Promise<number | null> }> {
    const started = spawn(process.execPath, ['--import', 'tsx', path.join(root, 'lib/server/cli.ts'), 'serve', ...args], { cwd: root, stdio: ['ignore', 'pipe', 'inherit'] });
    child = started;
    const stopped = new Promise<number | null>((resolve) => started.once('exit', (code) => resolve(code)));
    return new Promise((resolve, reject) => {
      let output = '';
      started.stdout.on('data', (chunk: Buffer) => {
        output += chunk.toString();
        const url = /listening on (http:\/\/\S+)/.exec(output)?.[1];
        if (url) resolve({ url, stopped });
      });
      started.once('exit', (code) => reject(new Error(`serve exited with ${code} before listening: ${output}`)));
    });
  }

  it('serves on a free port, writes its state file on SIGTERM, and starts from it again', async function () {
    this.timeout(60_000);
    const stateFile = path.join(dir, 'state.json');
    const first = await serve(['--port', '0', '--state', stateFile]);
    const client = new OpenAI({ apiKey: 'sk-fake', baseURL: `${first.url}/v1` });
    const assistant = await client.beta.assistants.create({ model: 'gpt-4o', name: 'Kept' });
    child?.kill('SIGTERM');
    assert.equal(await first.stopped, 0);
    const saved = JSON.parse(await readFile(stateFile, 'utf8')) as { stores: Record<string, { id: string }[]> };
    assert.equal(saved.stores['beta.assistants']?.[0]?.id, assistant.id);

    const second = await serve(['--state', stateFile]);
    const again = new OpenAI({ apiKey: 'sk-fake', baseURL: `${second.url}/v1` });
    assert.equal((await again.beta.assistants.retrieve(assistant.id)).name, 'Kept');
  });

  it('exits with a clear message when the port is in use', async function () {
    this.timeout(60_000);
    const taken = await startServer(new OpenAIMock());
    try {
      const failure = await run(process.execPath, ['--import', 'tsx', path.join(root, 'lib/server/cli.ts'), 'serve', '--port', String(taken.port)]).then(
        () => '',
        (error: unknown) => String(error),
      );
      assert.match(failure, new RegExp(`port ${taken.port} on 127\\.0\\.0\\.1 is in use`));
    } finally {
      await taken.close();
    }
  });
});
