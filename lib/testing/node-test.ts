import { afterEach, beforeEach } from 'node:test';
import { type MockFetch, OpenAIMock, type OpenAIMockOptions } from '../engine/mock.js';
import { reportFailure } from './failure-report.js';
import { patchGlobalFetch } from './global-fetch.js';
import { patchGlobalWebSocket } from './global-websocket.js';

/**
 * Options of {@link useOpenAIMock}.
 *
 * @example
 * const mocked = useOpenAIMock({ patchGlobalFetch: true });
 */
export interface UseOpenAIMockOptions extends OpenAIMockOptions {
  /** Also make the global `fetch` answer from each test's mock. */
  patchGlobalFetch?: boolean;
  /** Also make the global `WebSocket` connect to each test's mock (the Agents SDK's Responses WebSocket transport, `OpenAIRealtimeWebSocket`). */
  patchGlobalWebSocket?: boolean;
}

/**
 * The running test's mock and fetch, swapped for fresh ones before each test.
 *
 * @example
 * const mocked: OpenAIMockHandle = useOpenAIMock();
 * it('answers', async () => {
 *   const client = new OpenAI({ apiKey: 'sk-fake', fetch: mocked.fetch });
 * });
 */
export interface OpenAIMockHandle {
  readonly openaiMock: OpenAIMock;
  readonly fetch: MockFetch;
}

/**
 * For `node:test`: registers `beforeEach`/`afterEach` hooks in the current suite that give each test a fresh
 * mock, and returns a handle to it. With `OPENAI_RESPONSES_REPORTS=<dir>` set, a failed test's calls are written
 * there as a report (see `writeReport`), and the failure's message names the file.
 *
 * @example
 * import { describe, it } from 'node:test';
 * import { useOpenAIMock } from 'openai-responses/node-test';
 * describe('my app', () => {
 *   const mocked = useOpenAIMock();
 *   it('answers', async () => {
 *     mocked.openaiMock.chat.completions.create.response = { choices: [{ message: { content: 'Hi' } }] };
 *     const client = new OpenAI({ apiKey: 'sk-fake', fetch: mocked.fetch });
 *   });
 * });
 */
export function useOpenAIMock(options: UseOpenAIMockOptions = {}): OpenAIMockHandle {
  const { patchGlobalFetch: patch, patchGlobalWebSocket: patchSockets, ...mockOptions } = options;
  let current: OpenAIMock | undefined;
  let restore: (() => void) | undefined;
  let restoreSockets: (() => void) | undefined;
  beforeEach(() => {
    current = new OpenAIMock(mockOptions);
    if (patch) restore = patchGlobalFetch(current);
    if (patchSockets) restoreSockets = patchGlobalWebSocket(current);
  });
  afterEach(async (context) => {
    restore?.();
    restore = undefined;
    restoreSockets?.();
    restoreSockets = undefined;
    // A failed test's report, when OPENAI_RESPONSES_REPORTS names a folder; its path goes into the failure.
    const { passed, error, fullName, name } = context as typeof context & { passed?: boolean; error?: unknown; fullName?: string };
    if (passed === false) await reportFailure(current, fullName ?? name, error);
  });
  const mock = (): OpenAIMock => {
    if (!current) throw new Error('useOpenAIMock(): the mock exists only inside a test (after beforeEach ran).');
    return current;
  };
  return {
    get openaiMock() {
      return mock();
    },
    get fetch() {
      return mock().fetch;
    },
  };
}
