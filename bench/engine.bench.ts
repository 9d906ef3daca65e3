/**
 * `npm run bench` (second part): the engine's cases, each beside its floor in one run, interleaved in short
 * paired rounds (CPU time of the process) and reported as the median of each round's ratio to the floor:
 * - a 10,000-piece chat stream and a 10,000-piece Responses stream (the mock's own events for a long text), read
 *   to the end through the SDK, against a hand-written fetch answering the same events, encoded per call;
 * - a suite that builds a mock per test (`new OpenAIMock()`, a client, one chat call), against the same suite
 *   with a hand-written fetch, and fetch-mock's own per-test instance beside it; and `new OpenAIMock()` alone;
 * - create-then-retrieve with fresh ids (a stored chat completion, then `retrieve` of its new id), against a
 *   hand-written fetch answering both.
 */
import fetchMock from 'fetch-mock';
import OpenAI from 'openai';
import { OpenAIMock, createMockFetch } from '../lib/index.js';
import { cpuNow, median } from './measure.js';

const rounds = Number(process.env['BENCH_ROUNDS'] ?? (process.env['BENCH_QUICK'] === '1' ? 8 : 30));
const request: OpenAI.Chat.ChatCompletionCreateParamsNonStreaming = { model: 'gpt-4o', messages: [{ role: 'user', content: 'Hello!' }] };
const pieces = Array.from({ length: 10_000 }, (_, i) => `w${i % 10} `);
const text = pieces.join('');

interface Case {
  name: string;
  /** One unit of work; the median over rounds of its time is reported. */
  run: () => Promise<unknown>;
  /** How many units per round. */
  repeat: number;
}

async function timeOf(entry: Case): Promise<number> {
  const started = cpuNow();
  for (let i = 0; i < entry.repeat; i++) await entry.run();
  return ((cpuNow() - started) * 1000) / entry.repeat;
}

async function compare(title: string, cases: Case[]): Promise<void> {
  for (const entry of cases) await timeOf(entry); // warm up
  const samples = cases.map(() => [] as number[]);
  for (let round = 0; round < rounds; round++) {
    for (const [i, entry] of cases.entries()) samples[i]?.push(await timeOf(entry));
  }
  const floor = samples[0] ?? [];
  console.log(`\n${title}\n`);
  console.log('| case | µs (median) | ratio to the first (median of rounds) |');
  console.log('| --- | ---: | ---: |');
  for (const [i, entry] of cases.entries()) {
    const values = samples[i] ?? [];
    const ratios = values.map((value, round) => value / (floor[round] ?? Number.NaN));
    console.log(`| ${entry.name} | ${median(values).toFixed(1)} | ${median(ratios).toFixed(2)}x |`);
  }
}

const sse = (events: string[]): string => events.join('');
const handWritten = (answer: () => Response) => (async () => answer()) as unknown as typeof fetch;

// The per-call cases run first, before the streams' large allocations grow the heap.
// A suite that builds a mock per test.
{
  const body = JSON.stringify({ id: 'chatcmpl-bench', object: 'chat.completion', created: 0, model: 'gpt-4o', choices: [{ index: 0, finish_reason: 'stop', logprobs: null, message: { role: 'assistant', content: 'Hi!', refusal: null } }] });
  const floorTest = async (): Promise<void> => {
    const client = new OpenAI({ apiKey: 'sk-bench', fetch: handWritten(() => new Response(body, { headers: { 'content-type': 'application/json' } })) });
    await client.chat.completions.create(request);
  };
  const mockTest = async (): Promise<void> => {
    const openaiMock = new OpenAIMock();
    openaiMock.chat.completions.create.response = { choices: [{ message: { content: 'Hi!' } }] };
    const client = new OpenAI({ apiKey: 'sk-bench', fetch: createMockFetch(openaiMock) });
    await client.chat.completions.create(request);
  };
  const fetchMockTest = async (): Promise<void> => {
    const instance = fetchMock.createInstance().post('https://api.openai.com/v1/chat/completions', { status: 200, body, headers: { 'content-type': 'application/json' } });
    const client = new OpenAI({ apiKey: 'sk-bench', fetch: instance.fetchHandler });
    await client.chat.completions.create(request);
  };
  await compare('A suite building a mock per test (build, one chat call)', [
    { name: 'hand-written fetch per test', run: floorTest, repeat: 100 },
    { name: 'new OpenAIMock() per test', run: mockTest, repeat: 100 },
    { name: 'fetch-mock instance per test', run: fetchMockTest, repeat: 100 },
  ]);
  await compare('Building alone', [
    { name: 'new OpenAI({ fetch })', run: async () => new OpenAI({ apiKey: 'sk-bench', fetch: globalThis.fetch }), repeat: 500 },
    { name: 'new OpenAIMock()', run: async () => new OpenAIMock(), repeat: 500 },
  ]);
}

// Create, then retrieve the new id.
{
  const openaiMock = new OpenAIMock({ keepCalls: 0 });
  const mockClient = new OpenAI({ apiKey: 'sk-bench', fetch: createMockFetch(openaiMock) });
  let next = 0;
  const stored = (id: string): string =>
    JSON.stringify({ id, object: 'chat.completion', created: 0, model: 'gpt-4o', choices: [{ index: 0, finish_reason: 'stop', logprobs: null, message: { role: 'assistant', content: 'Hi!', refusal: null } }] });
  const floorClient = new OpenAI({
    apiKey: 'sk-bench',
    fetch: (async (url: string) => {
      const id = url.endsWith('/chat/completions') ? `chatcmpl-${(next += 1)}` : url.slice(url.lastIndexOf('/') + 1);
      return new Response(stored(id), { headers: { 'content-type': 'application/json' } });
    }) as unknown as typeof fetch,
  });
  const createThenRetrieve = async (client: OpenAI): Promise<void> => {
    const created = await client.chat.completions.create({ ...request, store: true });
    const found = await client.chat.completions.retrieve(created.id);
    if (found.id !== created.id) throw new Error('retrieved another completion');
  };
  await compare('Create then retrieve, a fresh id each time', [
    { name: 'hand-written fetch', run: () => createThenRetrieve(floorClient), repeat: 100 },
    { name: 'openai-responses', run: () => createThenRetrieve(mockClient), repeat: 100 },
  ]);
  openaiMock.reset();
}

// A 10,000-piece chat stream (the mock's own chunks for a partial with a long content).
{
  const openaiMock = new OpenAIMock({ keepCalls: 0 });
  openaiMock.chat.completions.create.response = { choices: [{ message: { content: text } }] };
  const body = JSON.stringify({ ...request, stream: true });
  const recorded = await (await createMockFetch(openaiMock)('https://api.openai.com/v1/chat/completions', { method: 'POST', headers: { 'content-type': 'application/json' }, body })).text();
  const chunks = recorded.split('\n\n').filter((block) => block.startsWith('data: {')).map((block) => JSON.parse(block.slice('data: '.length)) as unknown);
  // The floor answers the same chunks, encoded per call as a server would: the mock's cost is what it adds.
  const floor = handWritten(() => new Response(sse([...chunks.map((chunk) => `data: ${JSON.stringify(chunk)}\n\n`), 'data: [DONE]\n\n']), { headers: { 'content-type': 'text/event-stream' } }));
  const read = async (client: OpenAI): Promise<void> => {
    let got = '';
    for await (const part of await client.chat.completions.create({ ...request, stream: true })) got += part.choices[0]?.delta.content ?? '';
    if (got !== text) throw new Error('the stream lost pieces');
  };
  const floorClient = new OpenAI({ apiKey: 'sk-bench', fetch: floor });
  const mockClient = new OpenAI({ apiKey: 'sk-bench', fetch: createMockFetch(openaiMock) });
  await compare(`A ${chunks.length}-chunk chat stream, read to the end`, [
    { name: 'hand-written fetch', run: () => read(floorClient), repeat: 3 },
    { name: 'openai-responses', run: () => read(mockClient), repeat: 3 },
  ]);
}

// A 10,000-piece Responses stream (the mock's own event sequence for a text output).
{
  const openaiMock = new OpenAIMock({ keepCalls: 0 });
  openaiMock.responses.create.response = { output: [{ type: 'message', role: 'assistant', status: 'completed', content: [{ type: 'output_text', text, annotations: [] }] }] };
  const mockClient = new OpenAI({ apiKey: 'sk-bench', fetch: createMockFetch(openaiMock) });
  const read = async (client: OpenAI): Promise<number> => {
    let deltas = 0;
    for await (const event of await client.responses.create({ model: 'gpt-4o', input: 'Hello!', stream: true })) if (event.type === 'response.output_text.delta') deltas += 1;
    return deltas;
  };
  // The floor answers the same events the mock sends, recorded once and re-encoded per call.
  const recorded = await (await createMockFetch(openaiMock)('https://api.openai.com/v1/responses', { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ model: 'gpt-4o', input: 'Hello!', stream: true }) })).text();
  const events = recorded.split('\n\n').filter(Boolean).map((block) => {
    const [eventLine, dataLine] = block.split('\n');
    return { event: eventLine?.slice('event: '.length) ?? '', data: JSON.parse(dataLine?.slice('data: '.length) ?? 'null') as unknown };
  });
  const floorClient = new OpenAI({ apiKey: 'sk-bench', fetch: handWritten(() => new Response(sse(events.map(({ event, data }) => `event: ${event}\ndata: ${JSON.stringify(data)}\n\n`)), { headers: { 'content-type': 'text/event-stream' } })) });
  if ((await read(floorClient)) !== (await read(mockClient))) throw new Error('the floor and the mock stream different events');
  await compare('A 10,000-piece Responses stream, read to the end', [
    { name: 'hand-written fetch', run: () => read(floorClient), repeat: 3 },
    { name: 'openai-responses', run: () => read(mockClient), repeat: 3 },
  ]);
}
console.log(`\nNode ${process.version}, ${rounds} rounds`);
