/// <reference types="mocha" />
import { OpenAIMock, type OpenAIMockOptions } from '../engine/mock.js';
import { reportFailure } from './failure-report.js';
import { patchGlobalFetch } from './global-fetch.js';
import { patchGlobalWebSocket } from './global-websocket.js';

/**
 * Options of {@link createMochaHooks}.
 *
 * @example
 * export const mochaHooks = createMochaHooks({ baseURL: 'http://localhost:4000/v1', patchGlobalFetch: true });
 */
export interface MochaHooksOptions extends OpenAIMockOptions {
  /** Also make the global `fetch` answer from each test's mock. */
  patchGlobalFetch?: boolean;
  /** Also make the global `WebSocket` connect to each test's mock (the Agents SDK's Responses WebSocket transport, `OpenAIRealtimeWebSocket`). */
  patchGlobalWebSocket?: boolean;
}

/**
 * The hooks of a Mocha root-hook plugin.
 *
 * @example
 * const hooks: MochaRootHooks = createMochaHooks();
 * beforeEach(hooks.beforeEach);
 * afterEach(hooks.afterEach);
 */
export interface MochaRootHooks {
  beforeEach(this: Mocha.Context): void;
  /** Restores the global fetch; for a failed test, writes its report when `OPENAI_RESPONSES_REPORTS` is set. */
  afterEach(this: Mocha.Context): Promise<void>;
}

let current: OpenAIMock | undefined;

/**
 * The mock of the running test, made fresh before each test by the root hooks.
 *
 * @example
 * // .mocharc.json: { "require": ["openai-responses/mocha"] }
 * import { currentOpenAIMock } from 'openai-responses/mocha';
 * it('answers', async () => {
 *   const openaiMock = currentOpenAIMock();
 *   openaiMock.chat.completions.create.response = { choices: [{ message: { content: 'Hi' } }] };
 * });
 */
export function currentOpenAIMock(): OpenAIMock {
  if (!current) throw new Error('No OpenAI mock is running: add "openai-responses/mocha" to the "require" list of your .mocharc, or use createMochaHooks().');
  return current;
}

/**
 * Root hooks giving every test a fresh mock (reachable as `this.openaiMock` in `function () {}` tests, or with
 * {@link currentOpenAIMock}), optionally patching the global `fetch` for the test's duration. With
 * `OPENAI_RESPONSES_REPORTS=<dir>` set, a failed test's calls are written there as a report (see `writeReport`),
 * and the failure's message names the file.
 *
 * @example
 * // test/setup.ts, listed in .mocharc's "require":
 * export const mochaHooks = createMochaHooks({ patchGlobalFetch: true });
 */
export function createMochaHooks(options: MochaHooksOptions = {}): MochaRootHooks {
  const { patchGlobalFetch: patch, patchGlobalWebSocket: patchSockets, ...mockOptions } = options;
  let restore: (() => void) | undefined;
  let restoreSockets: (() => void) | undefined;
  return {
    beforeEach() {
      current = new OpenAIMock(mockOptions);
      Reflect.set(this, 'openaiMock', current);
      if (patch) restore = patchGlobalFetch(current);
      if (patchSockets) restoreSockets = patchGlobalWebSocket(current);
    },
    async afterEach() {
      restore?.();
      restore = undefined;
      restoreSockets?.();
      restoreSockets = undefined;
      const openaiMock = current;
      current = undefined;
      const test = this.currentTest;
      if (test?.state === 'failed') await reportFailure(openaiMock, test.fullTitle(), test.err);
    },
  };
}

/**
 * The root-hook plugin itself: `"require": ["openai-responses/mocha"]` in .mocharc gives each test a fresh mock.
 *
 * @example
 * // .mocharc.json
 * { "require": ["openai-responses/mocha"] }
 */
export const mochaHooks: MochaRootHooks = createMochaHooks();

declare module 'mocha' {
  interface Context {
    /** The test's fresh mock, set by the `openai-responses/mocha` root hooks. */
    openaiMock?: OpenAIMock;
  }
}
