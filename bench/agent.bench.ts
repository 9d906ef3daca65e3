/**
 * `npm run bench` (agent-shaped part): what a long conversation costs per turn, beside a floor, through the real
 * SDK. The floor is a hand-written fetch that parses the same request (`JSON.parse` of the body) and answers fixed
 * bytes, so the ratio is what the mock adds to the SDK's and the request's own work. Each case times a few turns
 * per round, the floor's and the mock's rounds interleaved, and reports the median of each round's ratio:
 * - Responses, a growing `input`: every earlier user message again, every earlier answer as an `item_reference`;
 * - Responses, a `previous_response_id` chain: one new user message a turn;
 * - Chat, a growing `messages`: every earlier message again;
 * each over turns 1–50 (four fresh conversations a round) and around turn 1,000 (one conversation grown to
 * 1,000 turns first, then eight turns a round);
 * - a suite of tests, each a 10-turn Agents SDK tool loop (9 tool calls, then text) on a fresh mock, beside the
 *   same suite on a hand-written stub that answers the same turns.
 * Times are the process's CPU time (user and system, `process.cpuUsage()`), not the wall clock: on a shared
 * machine another process's load then does not count. `BENCH_QUICK=1` runs fewer rounds.
 */
import { Agent, OpenAIProvider, Runner, tool } from '@openai/agents';
import OpenAI from 'openai';
import { z } from 'zod';
import { OpenAIMock, createMockFetch, reply } from '../lib/index.js';
import { cpuNow, median } from './measure.js';

const quick = process.env['BENCH_QUICK'] === '1';
const rounds = Number(process.env['BENCH_ROUNDS'] ?? (quick ? 5 : 11));
const longTurns = Number(process.env['BENCH_LONG_TURNS'] ?? 1000);
const suiteTests = Number(process.env['BENCH_SUITE_TESTS'] ?? 1000);
/** Turns 1–50: fresh conversations timed together in a round (one alone is ~5 ms: a collection would swing it). */
const conversationsPerRound = 4;
/** Around turn 1,000: turns timed together in a round. */
const turnsPerRound = 8;
const headers = { 'content-type': 'application/json' };

let answered = 0;

/**
 * The floor: parses the request as a mock must, answers fixed bytes, but for the answer's item id, fresh each
 * time as the API's (and the mock's) are, so the next request a client sends is the same as the mock gets: with
 * one id over and over, the SDK's `JSON.stringify` of a history of 1,000 `item_reference`s costs a fifth of what
 * it costs with 1,000 distinct ids, and the floor would be timed on a lighter request than the mock.
 */
function floorFetch(answer: string): typeof fetch {
  const [before, after] = answer.split('msg_floor');
  return (async (_url: string, init: RequestInit) => {
    JSON.parse(String(init.body));
    answered += 1;
    const body = after === undefined ? answer : `${before}msg_${String(answered).padStart(24, '0')}${after}`;
    return new Response(body, { status: 200, headers });
  }) as unknown as typeof fetch;
}

/** A conversation driven through one client: `turn()` sends the next request. */
interface Conversation {
  turn(): Promise<void>;
}

type Shape = (client: OpenAI) => Conversation;

const fixedResponse = JSON.stringify({
  id: 'resp_floor', object: 'response', created_at: 0, status: 'completed', model: 'gpt-4o', error: null, incomplete_details: null,
  instructions: null, metadata: {}, parallel_tool_calls: true, temperature: 1, tool_choice: 'auto', tools: [], top_p: 1,
  output: [{ id: 'msg_floor', type: 'message', role: 'assistant', status: 'completed', content: [{ type: 'output_text', text: 'Noted.', annotations: [], logprobs: [] }] }],
  usage: { input_tokens: 5, input_tokens_details: { cached_tokens: 0 }, output_tokens: 2, output_tokens_details: { reasoning_tokens: 0 }, total_tokens: 7 },
});
const fixedCompletion = JSON.stringify({
  id: 'chatcmpl-floor', object: 'chat.completion', created: 0, model: 'gpt-4o',
  choices: [{ index: 0, finish_reason: 'stop', logprobs: null, message: { role: 'assistant', content: 'Noted.', refusal: null, annotations: [] } }],
  usage: { prompt_tokens: 5, completion_tokens: 2, total_tokens: 7 },
});

const said = (turn: number): string => `Turn ${turn}: please remember the number ${turn * 7}.`;

/** Responses: the whole history again each turn, the earlier answers as `item_reference`s. */
const referencedInput: Shape = (client) => {
  const input: OpenAI.Responses.ResponseInputItem[] = [];
  let turn = 0;
  return {
    async turn() {
      turn += 1;
      input.push({ role: 'user', content: said(turn) });
      const response = await client.responses.create({ model: 'gpt-4o', input });
      for (const item of response.output) if (item.id) input.push({ type: 'item_reference', id: item.id });
    },
  };
};

/** Responses: a `previous_response_id` chain, one new message a turn. */
const chained: Shape = (client) => {
  let previous: string | undefined;
  let turn = 0;
  return {
    async turn() {
      turn += 1;
      const response = await client.responses.create({ model: 'gpt-4o', input: said(turn), ...(previous !== undefined && { previous_response_id: previous }) });
      previous = response.id;
    },
  };
};

/** Chat: the whole history again each turn. */
const chatHistory: Shape = (client) => {
  const messages: OpenAI.Chat.ChatCompletionMessageParam[] = [{ role: 'system', content: 'You are a careful assistant.' }];
  let turn = 0;
  return {
    async turn() {
      turn += 1;
      messages.push({ role: 'user', content: said(turn) });
      const completion = await client.chat.completions.create({ model: 'gpt-4o', messages });
      const message = completion.choices[0]?.message;
      messages.push({ role: 'assistant', content: message?.content ?? '' });
    },
  };
};

interface Side {
  name: string;
  fresh: () => OpenAI;
}

/** Microseconds per turn over `turns` turns of each of `conversations` fresh conversations (a fresh client and mock each). */
async function firstTurns(shape: Shape, side: Side, turns: number, conversations: number): Promise<number> {
  const fresh = Array.from({ length: conversations }, () => shape(side.fresh()));
  const started = cpuNow();
  for (const conversation of fresh) for (let i = 0; i < turns; i++) await conversation.turn();
  return ((cpuNow() - started) * 1000) / (turns * conversations);
}

async function timeTurns(conversation: Conversation, turns: number): Promise<number> {
  const started = cpuNow();
  for (let i = 0; i < turns; i++) await conversation.turn();
  return ((cpuNow() - started) * 1000) / turns;
}

const rows: string[] = [];
function report(name: string, floor: number[], mock: number[]): void {
  const ratios = mock.map((value, round) => value / (floor[round] ?? Number.NaN));
  rows.push(`| ${name} | ${(median(floor) / 1000).toFixed(3)} ms | ${(median(mock) / 1000).toFixed(3)} ms | ${median(ratios).toFixed(2)}x |`);
  console.log(rows[rows.length - 1]);
}

const shapes: [string, Shape, string][] = [
  ['Responses, growing `input` with `item_reference`s', referencedInput, fixedResponse],
  ['Responses, `previous_response_id` chain', chained, fixedResponse],
  ['Chat, growing `messages`', chatHistory, fixedCompletion],
];

console.log('| case, per turn | floor | openai-responses | ratio (median of rounds) |');
console.log('| --- | ---: | ---: | ---: |');
for (const [name, shape, answer] of shapes) {
  const floor: Side = { name: 'floor', fresh: () => new OpenAI({ apiKey: 'sk-bench', fetch: floorFetch(answer) }) };
  const mock: Side = { name: 'mock', fresh: () => new OpenAI({ apiKey: 'sk-bench', fetch: createMockFetch(new OpenAIMock()) }) };
  // Turns 1–50, fresh conversations (and mocks) each round.
  await firstTurns(shape, floor, 50, conversationsPerRound);
  await firstTurns(shape, mock, 50, conversationsPerRound);
  const floorShort: number[] = [];
  const mockShort: number[] = [];
  for (let round = 0; round < rounds * 2; round++) {
    floorShort.push(await firstTurns(shape, floor, 50, conversationsPerRound));
    mockShort.push(await firstTurns(shape, mock, 50, conversationsPerRound));
  }
  report(`${name}, turns 1–50`, floorShort, mockShort);
  // Around turn 1,000: one conversation each, grown first, then a few turns a round.
  const floorLong = shape(floor.fresh());
  const mockLong = shape(mock.fresh());
  for (let i = 0; i < longTurns; i++) {
    await floorLong.turn();
    await mockLong.turn();
  }
  const floorAt: number[] = [];
  const mockAt: number[] = [];
  for (let round = 0; round < rounds; round++) {
    floorAt.push(await timeTurns(floorLong, turnsPerRound));
    mockAt.push(await timeTurns(mockLong, turnsPerRound));
  }
  report(`${name}, turns ${longTurns + 1}–${longTurns + rounds * turnsPerRound}`, floorAt, mockAt);
}

// A suite of tests, each a 10-turn Agents SDK tool loop on a fresh mock (or a fresh stub).
{
  const toolTurns = 9;
  const weather = tool({ name: 'get_weather', description: 'The weather in a city', parameters: z.object({ city: z.string() }), execute: async ({ city }) => `${city}: 21°C` });
  const agent = new Agent({ name: 'Weather', model: 'gpt-4.1', tools: [weather] });
  const toolCall = (turn: number): string => JSON.stringify({
    id: `resp_stub${turn}`, object: 'response', created_at: 0, status: 'completed', model: 'gpt-4.1', error: null, incomplete_details: null,
    instructions: null, metadata: {}, parallel_tool_calls: true, temperature: 1, tool_choice: 'auto', tools: [], top_p: 1,
    output: [{ id: `fc_stub${turn}`, type: 'function_call', status: 'completed', call_id: `call_stub${turn}`, name: 'get_weather', arguments: '{"city":"Paris"}' }],
    usage: { input_tokens: 5, input_tokens_details: { cached_tokens: 0 }, output_tokens: 2, output_tokens_details: { reasoning_tokens: 0 }, total_tokens: 7 },
  });
  const finalText = JSON.stringify({ ...JSON.parse(fixedResponse), id: 'resp_stub_final', model: 'gpt-4.1' });
  /** The stub: parses the request, answers a tool call until nine outputs came back, then text. */
  const stub = (async (_url: string, init: RequestInit) => {
    const body = JSON.parse(String(init.body)) as { input: { type?: string }[] };
    const outputs = body.input.filter((item) => item.type === 'function_call_output').length;
    return new Response(outputs < toolTurns ? toolCall(outputs) : finalText, { status: 200, headers });
  }) as unknown as typeof fetch;
  const runOn = async (client: OpenAI): Promise<void> => {
    const runner = new Runner({ modelProvider: new OpenAIProvider({ openAIClient: client }), tracingDisabled: true });
    const result = await runner.run(agent, 'Weather in Paris, ten times?', { maxTurns: toolTurns + 2 });
    if (result.finalOutput !== 'Noted.') throw new Error(`the loop ended on ${JSON.stringify(result.finalOutput)}`);
  };
  const stubTest = (): Promise<void> => runOn(new OpenAI({ apiKey: 'sk-bench', fetch: stub }));
  const mockTest = async (): Promise<void> => {
    const openaiMock = new OpenAIMock();
    const route = openaiMock.responses.create;
    for (let turn = 0; turn < toolTurns; turn++) route.once(reply.toolCall('get_weather', { city: 'Paris' }));
    route.once(reply.text('Noted.'));
    await runOn(new OpenAI({ apiKey: 'sk-bench', fetch: createMockFetch(openaiMock) }));
  };
  const suite = async (test: () => Promise<void>, count: number): Promise<number> => {
    const started = cpuNow();
    for (let i = 0; i < count; i++) await test();
    return cpuNow() - started;
  };
  await suite(stubTest, 20);
  await suite(mockTest, 20);
  // The suite in slices, interleaved, so both sides see the same machine load.
  const slices = quick ? 4 : 10;
  const per = Math.max(1, Math.round(suiteTests / slices));
  const stubSlices: number[] = [];
  const mockSlices: number[] = [];
  for (let slice = 0; slice < slices; slice++) {
    stubSlices.push(await suite(stubTest, per));
    mockSlices.push(await suite(mockTest, per));
  }
  const total = (values: number[]): number => values.reduce((sum, value) => sum + value, 0);
  const ratios = mockSlices.map((value, slice) => value / (stubSlices[slice] ?? Number.NaN));
  rows.push(`| a suite of ${per * slices} tests, each a ${toolTurns + 1}-turn Agents SDK tool loop on a fresh mock (total) | ${(total(stubSlices) / 1000).toFixed(2)} s | ${(total(mockSlices) / 1000).toFixed(2)} s | ${median(ratios).toFixed(2)}x |`);
  console.log(rows[rows.length - 1]);
}

console.log(`\nNode ${process.version}, ${rounds} rounds`);
