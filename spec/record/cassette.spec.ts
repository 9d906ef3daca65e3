// Record/replay end to end: a loopback HTTP server (node:http on 127.0.0.1, a free port) stands in for the API,
// so recording sends real HTTP requests, and replay is checked to send none. No other network.
import assert from 'node:assert/strict';
import { once } from 'node:events';
import { mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { type IncomingMessage, type Server, type ServerResponse, createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { createOpenAI } from '@ai-sdk/openai';
import { generateText } from 'ai';
import OpenAI from 'openai';
import { CassetteError, cassette, type HarLog, redactSecret } from '../../lib/index.js';

/** What the stand-in API saw. */
interface Seen {
  method: string;
  url: string;
  authorization: string | undefined;
  body: string;
}

function readBody(request: IncomingMessage): Promise<string> {
  return new Promise((resolve) => {
    let text = '';
    request.on('data', (chunk: Buffer) => (text += chunk.toString('utf8')));
    request.on('end', () => resolve(text));
  });
}

/** A stand-in for the API: chat completions (JSON or a stream with pauses between events) and a 429. */
async function standInApi(): Promise<{ server: Server; baseURL: string; seen: Seen[] }> {
  const seen: Seen[] = [];
  const server = createServer(async (request: IncomingMessage, response: ServerResponse) => {
    const body = await readBody(request);
    seen.push({ method: request.method ?? '', url: request.url ?? '', authorization: request.headers.authorization, body });
    const params = JSON.parse(body || '{}') as { stream?: boolean; messages?: { content: string }[] };
    const question = params.messages?.at(-1)?.content ?? '';
    if (question === 'rate limit me') {
      response.writeHead(429, { 'content-type': 'application/json', 'x-should-retry': 'false' });
      response.end(JSON.stringify({ error: { message: 'Rate limit reached', type: 'requests', param: null, code: 'rate_limit_exceeded' } }));
      return;
    }
    const content = `You asked: ${question}`;
    if (params.stream) {
      response.writeHead(200, { 'content-type': 'text/event-stream', 'set-cookie': 'session=secret' });
      const chunk = (delta: object, finish: string | null) => `data: ${JSON.stringify({ id: 'chatcmpl-1', object: 'chat.completion.chunk', created: 1, model: 'gpt-4o', choices: [{ index: 0, delta, finish_reason: finish }] })}\n\n`;
      const parts = [chunk({ role: 'assistant', content: '' }, null), ...content.split(' ').map((word, index) => chunk({ content: index ? ` ${word}` : word }, null)), chunk({}, 'stop'), 'data: [DONE]\n\n'];
      for (const part of parts) {
        response.write(part);
        await new Promise((resolve) => setTimeout(resolve, 15));
      }
      response.end();
      return;
    }
    response.writeHead(200, { 'content-type': 'application/json', 'set-cookie': 'session=secret' });
    response.end(JSON.stringify({
      id: 'chatcmpl-1', object: 'chat.completion', created: 1, model: 'gpt-4o',
      choices: [{ index: 0, finish_reason: 'stop', logprobs: null, message: { role: 'assistant', content, refusal: null } }],
      usage: { prompt_tokens: 5, completion_tokens: 3, total_tokens: 8 },
    }));
  });
  server.listen(0, '127.0.0.1');
  await once(server, 'listening');
  const { port } = server.address() as AddressInfo;
  return { server, baseURL: `http://127.0.0.1:${port}/v1`, seen };
}

describe('cassettes: record real traffic, replay it offline', function () {
  this.timeout(30_000);
  let api: Awaited<ReturnType<typeof standInApi>>;
  let dir: string;
  let file: string;
  const apiKey = 'sk-proj-abcdefghijklmnopqrstuvwxyz123456';

  beforeEach(async () => {
    api = await standInApi();
    dir = await mkdtemp(path.join(tmpdir(), 'cassette-'));
    file = path.join(dir, 'nested', 'chat.har');
  });

  afterEach(async () => {
    api.server.close();
    delete process.env['OPENAI_RESPONSES_RECORD'];
    await rm(dir, { recursive: true, force: true });
  });

  const ask = (client: OpenAI, content: string) => client.chat.completions.create({ model: 'gpt-4o', messages: [{ role: 'user', content }] });

  it('records to HAR 1.2, then replays the same answers without reaching the API', async () => {
    const recording = cassette(file, { mode: 'record' });
    const live = new OpenAI({ apiKey, baseURL: api.baseURL, fetch: recording.fetch, maxRetries: 0 });
    const recorded = [await ask(live, 'first'), await ask(live, 'second')];
    assert.equal(api.seen.length, 2);
    assert.equal(api.seen[0]?.authorization, `Bearer ${apiKey}`);

    const har = JSON.parse(await readFile(file, 'utf8')) as HarLog;
    assert.equal(har.log.version, '1.2');
    assert.equal(har.log.entries.length, 2);
    const [entry] = har.log.entries;
    assert.equal(entry?.request.method, 'POST');
    assert.equal(entry?.request.url, `${api.baseURL}/chat/completions`);
    assert.equal(entry?.response.status, 200);
    assert.match(entry?.response.content.text ?? '', /You asked: first/);

    api.server.close();
    const replaying = cassette(file);
    const offline = new OpenAI({ apiKey: 'sk-replay', baseURL: api.baseURL, fetch: replaying.fetch, maxRetries: 0 });
    const replayed = [await ask(offline, 'second'), await ask(offline, 'first')];

    assert.equal(replaying.mode, 'replay');
    assert.deepEqual(replayed.map((completion) => completion.choices[0]?.message.content), ['You asked: second', 'You asked: first']);
    assert.deepEqual(replayed[1], recorded[0]);
    assert.equal(api.seen.length, 2);
  });

  it('writes no API key, auth header or cookie', async () => {
    const recording = cassette(file, { mode: 'record' });
    const live = new OpenAI({ apiKey, baseURL: api.baseURL, fetch: recording.fetch, maxRetries: 0, organization: 'org-visible' });
    await ask(live, `my key is ${apiKey}`);

    const text = await readFile(file, 'utf8');
    assert.ok(!text.includes(apiKey), 'the key appears nowhere');
    assert.ok(!text.includes('session=secret'), 'the cookie appears nowhere');
    const [entry] = (JSON.parse(text) as HarLog).log.entries;
    const header = (headers: { name: string; value: string }[] | undefined, name: string) => headers?.find((pair) => pair.name === name)?.value;
    assert.equal(header(entry?.request.headers, 'authorization'), redactSecret(`Bearer ${apiKey}`));
    assert.match(header(entry?.request.headers, 'authorization') ?? '', /^Bearer \[redacted:[0-9a-f]{8}\]$/);
    assert.equal(header(entry?.response.headers, 'set-cookie'), '[REDACTED]');
    assert.equal(header(entry?.request.headers, 'openai-organization'), 'org-visible');
  });

  it('keeps a stream event by event with its timing, and replays it as a stream', async () => {
    const recording = cassette(file, { mode: 'record' });
    const live = new OpenAI({ apiKey, baseURL: api.baseURL, fetch: recording.fetch, maxRetries: 0 });
    const deltas: string[] = [];
    const stream = await live.chat.completions.create({ model: 'gpt-4o', messages: [{ role: 'user', content: 'stream this' }], stream: true });
    for await (const chunk of stream) deltas.push(chunk.choices[0]?.delta.content ?? '');
    await recording.written();

    const [entry] = await cassette(file).entries();
    const events = entry?._events ?? [];
    assert.equal(events.length, 7);
    assert.equal(events.at(-1)?.data, 'data: [DONE]\n\n');
    assert.ok(events.every((event, index) => index === 0 || event.time >= (events[index - 1]?.time ?? 0)), 'times never go back');
    assert.ok((events.at(-1)?.time ?? 0) > (events[0]?.time ?? 0), 'the events were apart in time');

    const offline = new OpenAI({ apiKey: 'sk-replay', baseURL: api.baseURL, fetch: cassette(file).fetch, maxRetries: 0 });
    const replayed = await offline.chat.completions.stream({ model: 'gpt-4o', messages: [{ role: 'user', content: 'stream this' }], stream: true }).finalChatCompletion();
    assert.equal(replayed.choices[0]?.message.content, deltas.join(''));
    assert.equal(replayed.choices[0]?.message.content, 'You asked: stream this');
    assert.equal(api.seen.length, 1);
  });

  it('matches by method, path and normalised body: key order does not matter, the host does not either', async () => {
    const recording = cassette(file, { mode: 'record' });
    await recording.fetch(`${api.baseURL}/chat/completions`, {
      method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ model: 'gpt-4o', messages: [{ role: 'user', content: 'x' }] }),
    });

    const replayed = await cassette(file).fetch('https://api.openai.com/v1/chat/completions', {
      method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ messages: [{ content: 'x', role: 'user' }], model: 'gpt-4o' }),
    });
    assert.equal(replayed.status, 200);
    assert.match(await replayed.text(), /You asked: x/);
  });

  it('replays error answers as recorded', async () => {
    const live = new OpenAI({ apiKey, baseURL: api.baseURL, fetch: cassette(file, { mode: 'record' }).fetch, maxRetries: 0 });
    await assert.rejects(ask(live, 'rate limit me'), OpenAI.RateLimitError);

    const offline = new OpenAI({ apiKey: 'sk-replay', baseURL: api.baseURL, fetch: cassette(file).fetch, maxRetries: 0 });
    await assert.rejects(ask(offline, 'rate limit me'), (error) => error instanceof OpenAI.RateLimitError && error.code === 'rate_limit_exceeded');
  });

  it('fails loudly on a request it has no recording of, naming it and how to record it, at once', async () => {
    const recording = cassette(file, { mode: 'record' });
    await ask(new OpenAI({ apiKey, baseURL: api.baseURL, fetch: recording.fetch }), 'recorded');

    const offline = new OpenAI({ apiKey: 'sk-replay', baseURL: api.baseURL, fetch: cassette(file).fetch, maxRetries: 2 });
    await assert.rejects(ask(offline, 'never recorded'), (error) => {
      assert.ok(error instanceof OpenAI.NotFoundError);
      assert.match(error.message, /has no recording of POST \/v1\/chat\/completions with the body .*never recorded/);
      assert.match(error.message, /OPENAI_RESPONSES_RECORD=1/);
      assert.ok(error.message.includes(file));
      return true;
    });
    const missingFile = new OpenAI({ apiKey: 'sk-replay', baseURL: api.baseURL, fetch: cassette(path.join(dir, 'none.har')).fetch, maxRetries: 0 });
    await assert.rejects(ask(missingFile, 'x'), /holds 0 recordings/);
    assert.equal(api.seen.length, 1, 'no retry and no request reached the API');
  });

  it('records afresh when OPENAI_RESPONSES_RECORD=1', async () => {
    await ask(new OpenAI({ apiKey, baseURL: api.baseURL, fetch: cassette(file, { mode: 'record' }).fetch }), 'old');
    process.env['OPENAI_RESPONSES_RECORD'] = '1';

    const tape = cassette(file);
    await ask(new OpenAI({ apiKey, baseURL: api.baseURL, fetch: tape.fetch }), 'new');

    assert.equal(tape.mode, 'record');
    assert.equal(api.seen.length, 2);
    const entries = await cassette(file, { mode: 'replay' }).entries();
    assert.deepEqual(entries.map((entry) => entry.response.content.text.match(/You asked: (\w+)/)?.[1]), ['new']);
  });

  it('replays identical requests in the order they were recorded', async () => {
    let count = 0;
    const counting: typeof fetch = async () => {
      count += 1;
      return new Response(JSON.stringify({ object: 'list', data: [], count }), { headers: { 'content-type': 'application/json' } });
    };
    const tape = cassette(file, { mode: 'record', fetch: counting });
    for (let index = 0; index < 2; index += 1) await tape.fetch(`${api.baseURL}/models`);

    const replay = cassette(file);
    const counts = [];
    for (let index = 0; index < 3; index += 1) counts.push(((await (await replay.fetch(`${api.baseURL}/models`)).json()) as { count: number }).count);
    assert.deepEqual(counts, [1, 2, 2]);
  });

  it('works with the AI SDK and with the global fetch', async () => {
    const recording = cassette(file, { mode: 'record' });
    const recordProvider = createOpenAI({ apiKey, baseURL: api.baseURL, fetch: recording.fetch });
    const live = await generateText({ model: recordProvider.chat('gpt-4o'), prompt: 'from the AI SDK', maxRetries: 0 });
    const restoreRecording = recording.patchGlobalFetch();
    try {
      await ask(new OpenAI({ apiKey, baseURL: api.baseURL, maxRetries: 0 }), 'from the global fetch');
    } finally {
      restoreRecording();
    }
    api.server.close();

    const replaying = cassette(file);
    const offlineProvider = createOpenAI({ apiKey: 'sk-replay', baseURL: api.baseURL, fetch: replaying.fetch });
    const replayed = await generateText({ model: offlineProvider.chat('gpt-4o'), prompt: 'from the AI SDK', maxRetries: 0 });
    const before = globalThis.fetch;
    const restore = replaying.patchGlobalFetch();
    let viaGlobal: OpenAI.Chat.ChatCompletion;
    try {
      viaGlobal = await ask(new OpenAI({ apiKey: 'sk-replay', baseURL: api.baseURL, maxRetries: 0 }), 'from the global fetch');
    } finally {
      restore();
    }

    assert.equal(replayed.text, live.text);
    assert.equal(replayed.text, 'You asked: from the AI SDK');
    assert.equal(viaGlobal.choices[0]?.message.content, 'You asked: from the global fetch');
    assert.equal(globalThis.fetch, before);
    assert.equal(api.seen.length, 2);
  });

  it('writes no key sent in the query (api-key=, key=, token=), in the URL or in the matching key, and replays with another', async () => {
    const secrets = ['azure-secret-1234', 'google-style-5678', 'token-9abc'];
    const query = `api-key=${secrets[0]}&key=${secrets[1]}&token=${secrets[2]}&api-version=2024-10-21`;
    const recording = cassette(file, { mode: 'record' });
    const client = (fetch: typeof globalThis.fetch, values: string) => new OpenAI({ apiKey, baseURL: api.baseURL, fetch: (url, init) => fetch(`${String(url)}?${values}`, init), maxRetries: 0 });
    await ask(client(recording.fetch, query), 'with keys in the query');

    const text = await readFile(file, 'utf8');
    for (const secret of secrets) assert.ok(!text.includes(secret), `${secret} appears nowhere`);
    const [entry] = (JSON.parse(text) as HarLog).log.entries;
    assert.match(entry?._key ?? '', /api-version=2024-10-21/);
    assert.match(entry?._key ?? '', /key=%5BREDACTED%5D/);
    assert.match(entry?.request.url ?? '', /api-key=%5BREDACTED%5D/);

    api.server.close();
    const replayed = await ask(client(cassette(file).fetch, 'api-key=other&key=other&token=other&api-version=2024-10-21'), 'with keys in the query');
    assert.equal(replayed.choices[0]?.message.content, 'You asked: with keys in the query');
  });

  describe('a file that is not a cassette fails at once, naming the file and what is wrong', () => {
    /** Replays through the SDK (which retries connection errors and 5xx), counting the requests it sends. */
    async function replayFails(): Promise<{ error: unknown; sent: number }> {
      const tape = cassette(file);
      let sent = 0;
      const client = new OpenAI({ apiKey: 'sk-replay', baseURL: api.baseURL, maxRetries: 2, fetch: (url, init) => ((sent += 1), tape.fetch(url, init)) });
      const error = await ask(client, 'recorded').then(() => undefined, (reason: unknown) => reason);
      return { error, sent };
    }

    async function recordOne(): Promise<string> {
      await ask(new OpenAI({ apiKey, baseURL: api.baseURL, fetch: cassette(file, { mode: 'record' }).fetch, maxRetries: 0 }), 'recorded');
      return readFile(file, 'utf8');
    }

    it('a cassette cut short', async () => {
      const text = await recordOne();
      await writeFile(file, text.slice(0, Math.floor(text.length / 2)));
      const { error, sent } = await replayFails();
      assert.ok(error instanceof OpenAI.InternalServerError, String(error));
      assert.equal(sent, 1, 'not retried');
      assert.ok(error.message.includes(file));
      assert.match(error.message, /cannot be replayed: it is cut short: its JSON stops after \d+ characters/);
      assert.equal(error.type, 'cassette_error');
      await assert.rejects(cassette(file).entries(), (reason) => reason instanceof CassetteError && reason.path === file && /cut short/.test(reason.problem));
    });

    it('JSON that is not HAR, malformed JSON, an empty file, a HAR from another tool', async () => {
      const cases: [string, RegExp][] = [
        [JSON.stringify({ name: 'settings', entries: [] }), /it is JSON but not HAR: it has no "log" object \(its keys: name, entries\)/],
        ['{ "log": { "entries": [] }, }', /it is not JSON \(/],
        ['', /the file is empty/],
        [JSON.stringify({ log: { version: '1.2', entries: [{ request: { method: 'GET', url: 'https://api.openai.com/v1/models' }, response: { status: 200 } }] } }), /log\.entries\[0\] has no _key/],
        [JSON.stringify({ log: { entries: [{ _key: 'POST /v1/chat/completions x', request: { method: 'POST', url: 'u' }, response: { status: 200, headers: [], content: {} } }] } }), /log\.entries\[0\]\.response\.content has no text/],
      ];
      await mkdir(path.dirname(file), { recursive: true });
      for (const [text, problem] of cases) {
        await writeFile(file, text);
        const { error, sent } = await replayFails();
        assert.ok(error instanceof OpenAI.InternalServerError, String(error));
        assert.equal(sent, 1);
        assert.match(error.message, problem);
        assert.ok(error.message.includes(file));
      }
      assert.equal(api.seen.length, 0, 'nothing reached the network');
    });
  });
});

