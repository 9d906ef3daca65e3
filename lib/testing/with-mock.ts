import type { ChatCompletion } from 'openai/resources/chat/completions';
import { type MockFetch, OpenAIMock, type OpenAIMockOptions } from '../engine/mock.js';
import type { FailureOptions, ModelPartial, Route } from '../engine/route.js';
import { reportFailure } from './failure-report.js';
import { patchGlobalFetch } from './global-fetch.js';
import { patchGlobalWebSocket } from './global-websocket.js';

/**
 * What a wrapped test receives.
 *
 * @example
 * it('answers', withOpenAIMock({}, async ({ openaiMock, fetch }: MockedTestContext) => {
 *   const client = new OpenAI({ apiKey: 'sk-fake', fetch });
 * }));
 */
export interface MockedTestContext {
  /** A fresh mock for this test. */
  openaiMock: OpenAIMock;
  /** Its fetch, for `new OpenAI({ fetch })`. */
  fetch: MockFetch;
}

/**
 * Options of {@link withOpenAIMock}: the mock's own options, and the Python decorator's arguments.
 *
 * @example
 * withOpenAIMock({ route: 'responses.create', response: { output: [] }, latency: 20, failures: 1 }, async () => {});
 */
export interface WithOpenAIMockOptions extends OpenAIMockOptions {
  /** The route `choices`, `response`, `latency` and `failures` apply to (`'chat.completions.create'`). */
  route?: string;
  /** Chat completion choices to answer with (partials, completed like any partial). */
  choices?: ModelPartial<ChatCompletion.Choice>[];
  /** What the route answers, as `route.response` takes it. */
  response?: unknown;
  /** Milliseconds before each answer (the Python library took seconds). */
  latency?: number;
  /** How many calls fail before the route answers normally, or the failures' details. */
  failures?: number | FailureOptions;
  /** Also patch the global `fetch` for the test (for code that builds its own client). */
  patchGlobalFetch?: boolean;
  /** Also make the global `WebSocket` connect to each test's mock (the Agents SDK's Responses WebSocket transport, `OpenAIRealtimeWebSocket`). */
  patchGlobalWebSocket?: boolean;
}

/** The running test's title, as the runner tells it: Mocha's `this.test`, `node:test`'s or Vitest's context, Jest's `expect`. */
function runningTestTitle(self: unknown, context: unknown): string | undefined {
  const read = (value: unknown, key: string): unknown => (typeof value === 'object' && value !== null ? Reflect.get(value, key) : undefined);
  const mochaTest = read(self, 'test');
  const fullTitle = read(mochaTest, 'fullTitle');
  if (typeof fullTitle === 'function') return String(Reflect.apply(fullTitle, mochaTest, []));
  const named = read(context, 'fullName') ?? read(read(context, 'task'), 'name') ?? read(context, 'name');
  if (typeof named === 'string') return named;
  const expectState = read(globalThis, 'expect');
  const getState = read(expectState, 'getState');
  const jestName = typeof getState === 'function' ? read(Reflect.apply(getState, expectState, []), 'currentTestName') : undefined;
  return typeof jestName === 'string' ? jestName : undefined;
}

/**
 * Wraps a test so that it runs against a fresh mock, the way the Python library's decorator did:
 * `@openai_responses.mock.chat.completions(choices=[...], latency=..., failures=...)`. Works with any runner. With
 * `OPENAI_RESPONSES_REPORTS=<dir>` set, a test that fails writes its calls there as a report (see `writeReport`),
 * and its error's message names the file.
 *
 * @example
 * it('answers from the mock', withOpenAIMock({ choices: [{ message: { content: 'Hello!' } }] }, async ({ openaiMock, fetch }) => {
 *   const client = new OpenAI({ apiKey: 'sk-fake', fetch });
 *   const completion = await client.chat.completions.create({ model: 'gpt-4o', messages: [{ role: 'user', content: 'Hi' }] });
 *   assert.equal(completion.choices[0]?.message.content, 'Hello!');
 *   assert.equal(openaiMock.chat.completions.create.calls.length, 1);
 * }));
 */
export function withOpenAIMock<T>(
  options: WithOpenAIMockOptions,
  test: (context: MockedTestContext) => T | Promise<T>,
): () => Promise<T> {
  // Rest parameters keep the function's length 0: runners would take a declared parameter for a `done` callback.
  return async function (this: unknown, ...args: unknown[]): Promise<T> {
    const { route: routeName = 'chat.completions.create', choices, response, latency, failures, patchGlobalFetch: patch, patchGlobalWebSocket: patchSockets, ...mockOptions } = options;
    const openaiMock = new OpenAIMock(mockOptions);
    const route: Route | undefined = openaiMock.routes.get(routeName);
    if (!route) throw new Error(`withOpenAIMock: no route named '${routeName}' (try 'chat.completions.create' or 'responses.create').`);
    if (response !== undefined) route.response = response;
    else if (choices !== undefined) route.response = { choices };
    if (latency !== undefined) route.latency = latency;
    if (failures !== undefined) route.failures = failures;
    const restore = patch ? patchGlobalFetch(openaiMock) : undefined;
    const restoreSockets = patchSockets ? patchGlobalWebSocket(openaiMock) : undefined;
    try {
      return await test({ openaiMock, fetch: openaiMock.fetch });
    } catch (error) {
      await reportFailure(openaiMock, runningTestTitle(this, args[0]) ?? (test.name || 'withOpenAIMock'), error);
      throw error;
    } finally {
      restore?.();
      restoreSockets?.();
    }
  };
}
