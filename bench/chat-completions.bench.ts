/**
 * `npm run bench`: the cost of one `client.chat.completions.create()` through the real SDK, answered by
 * - a hand-written fetch returning a fixed Response (the floor: the SDK's own work),
 * - a hand-written mock: it parses the request and answers a completion of the same fields as openai-responses
 *   (the least any mock that reads the request and builds its answer does),
 * - openai-responses (every route of the SDK registered),
 * - fetch-mock with a single route, and
 * - msw 3 intercepting the global fetch,
 * in one run, interleaved in many short rounds, as microseconds of CPU time per call (median of the rounds) and
 * as ratios to the hand-written fetch and to the hand-written mock (median of each round's ratio: rounds run back
 * to back, so a slow spell of the machine slows both sides of a ratio alike). Each round starts with the next
 * contender in turn, so none always follows the same one (and pays for the garbage it left).
 */
import fetchMock from 'fetch-mock';
import { http, HttpResponse } from 'msw';
import { setupServer } from 'msw/node';
import OpenAI from 'openai';
import { VERSION } from 'openai/version';
import { OpenAIMock, createMockFetch } from '../lib/index.js';
import { cpuNow, median } from './measure.js';

const calls = Number(process.env['BENCH_CALLS'] ?? 250);
const rounds = Number(process.env['BENCH_ROUNDS'] ?? (process.env['BENCH_QUICK'] === '1' ? 15 : 60));
const request: OpenAI.Chat.ChatCompletionCreateParamsNonStreaming = {
  model: 'gpt-4o',
  messages: [{ role: 'user', content: 'Hello!' }],
};
const body = JSON.stringify({
  id: 'chatcmpl-bench',
  object: 'chat.completion',
  created: 0,
  model: 'gpt-4o',
  choices: [{ index: 0, finish_reason: 'stop', logprobs: null, message: { role: 'assistant', content: 'Hi!', refusal: null } }],
  usage: { prompt_tokens: 2, completion_tokens: 1, total_tokens: 3 },
});
const headers = { 'content-type': 'application/json' };

interface Contender {
  name: string;
  client: OpenAI;
  before?: () => void;
  after?: () => void;
  /** Work between batches that is not the call itself (clearing history, so memory stays flat). */
  between?: () => void;
}

const handWritten = (async () => new Response(body, { status: 200, headers })) as unknown as typeof fetch;

/** What the least mock does: read the request, build the answer, serialise it. */
const minimalMock = (async (_url: string, init: RequestInit) => {
  const sent = JSON.parse(String(init.body)) as { model: string };
  const completion = {
    id: `chatcmpl-${Math.random().toString(36).slice(2)}`,
    object: 'chat.completion',
    created: Math.floor(Date.now() / 1000),
    model: sent.model,
    choices: [{ index: 0, finish_reason: 'stop', logprobs: null, message: { role: 'assistant', content: 'Hi!', refusal: null, annotations: [] } }],
    service_tier: 'default',
    system_fingerprint: 'fp_mock',
    usage: {
      prompt_tokens: 9,
      completion_tokens: 2,
      total_tokens: 11,
      prompt_tokens_details: { cached_tokens: 0, audio_tokens: 0 },
      completion_tokens_details: { reasoning_tokens: 0, audio_tokens: 0, accepted_prediction_tokens: 0, rejected_prediction_tokens: 0 },
    },
  };
  return new Response(JSON.stringify(completion), { status: 200, headers: { ...headers, 'x-request-id': `req_${Math.random().toString(36).slice(2)}` } });
}) as unknown as typeof fetch;

const openaiMock = new OpenAIMock();
openaiMock.chat.completions.create.response = { choices: [{ message: { content: 'Hi!' } }] };

const singleRoute = fetchMock.createInstance().post('https://api.openai.com/v1/chat/completions', { status: 200, body, headers });

const server = setupServer(http.post('https://api.openai.com/v1/chat/completions', () => new HttpResponse(body, { status: 200, headers })));

const contenders: Contender[] = [
  { name: 'hand-written fetch', client: new OpenAI({ apiKey: 'sk-bench', fetch: handWritten }) },
  { name: 'hand-written mock (parses, builds, serialises)', client: new OpenAI({ apiKey: 'sk-bench', fetch: minimalMock }) },
  {
    name: `openai-responses (${openaiMock.routes.size} routes)`,
    client: new OpenAI({ apiKey: 'sk-bench', fetch: createMockFetch(openaiMock) }),
    between: () => openaiMock.reset(),
  },
  {
    name: 'fetch-mock, one route',
    client: new OpenAI({ apiKey: 'sk-bench', fetch: singleRoute.fetchHandler }),
    between: () => singleRoute.clearHistory(),
  },
  {
    name: 'msw 3 (setupServer)',
    client: new OpenAI({ apiKey: 'sk-bench', fetch: (input, init) => globalThis.fetch(input, init) }),
    before: () => server.listen({ onUnhandledFrame: 'error' }),
    after: () => server.close(),
  },
];

async function timeCalls(contender: Contender, count: number): Promise<number> {
  contender.before?.();
  const started = cpuNow();
  for (let i = 0; i < count; i++) await contender.client.chat.completions.create(request);
  const elapsed = cpuNow() - started;
  contender.after?.();
  contender.between?.();
  return (elapsed * 1000) / count;
}

// Check every contender answers, then warm each up.
for (const contender of contenders) {
  contender.before?.();
  const completion = await contender.client.chat.completions.create(request);
  contender.after?.();
  if (completion.choices[0]?.message.content !== 'Hi!') throw new Error(`${contender.name} answered ${JSON.stringify(completion)}`);
  await timeCalls(contender, Math.min(500, calls));
}

const samples = new Map<string, number[]>(contenders.map((contender) => [contender.name, []]));
for (let round = 0; round < rounds; round++) {
  // Each round starts with the next contender, so none always follows the same one.
  for (let at = 0; at < contenders.length; at++) {
    const contender = contenders[(round + at) % contenders.length];
    if (contender) samples.get(contender.name)?.push(await timeCalls(contender, calls));
  }
}

const floorSamples = samples.get(contenders[0]?.name ?? '') ?? [];
const stubSamples = samples.get(contenders[1]?.name ?? '') ?? [];
console.log(`Node ${process.version}, openai ${VERSION}: ${rounds} rounds of ${calls} calls each`);
console.log('');
console.log('| answered by | µs per call (median) | ratio to hand-written fetch (median of rounds) | ratio to the hand-written mock |');
console.log('| --- | ---: | ---: | ---: |');
for (const contender of contenders) {
  const perCall = samples.get(contender.name) ?? [];
  const ratios = perCall.map((value, round) => value / (floorSamples[round] ?? Number.NaN));
  const toStub = perCall.map((value, round) => value / (stubSamples[round] ?? Number.NaN));
  console.log(`| ${contender.name} | ${median(perCall).toFixed(1)} | ${median(ratios).toFixed(2)}x | ${median(toStub).toFixed(2)}x |`);
}
