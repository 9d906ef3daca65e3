// `openai-responses/jest`: importing it (in a test file, or listing it in `setupFilesAfterEnv`) adds the route
// matchers to Jest's `expect` and types them (for `expect` from `@jest/globals`). `toHaveBeenCalled` and
// `toHaveBeenCalledTimes` take routes too, and stay Jest's own for mock functions and spies.
// Jest's matcher types live in its `expect` package: loaded here so the augmentation below has its module.
import type {} from 'expect';
import { TestCalls, reportFailure, reportsFolder } from '../failure-report.js';
import { builtInNames, isRoute, type MatcherContextLike, type MatcherResult, type OpenAIMockMatchers, routeMatchers } from './route-matchers.js';

export { promptSnapshot, normalizeBody } from './prompt-snapshot.js';
export type { OpenAIMockMatchers } from './route-matchers.js';

/** A matcher as Jest's `expect.extend` takes it. */
type JestMatcher = (this: MatcherContextLike, received: unknown, ...expected: unknown[]) => MatcherResult;

/** What this entry needs of Jest's `expect`. */
interface JestExpect {
  extend(matchers: Record<string, JestMatcher>): void;
}

/** Where Jest keeps every matcher, its own included (`expect.extend` writes there); the same key in every Jest. */
const matchersKey = Symbol.for('$$jest-matchers-object');

function jestExpect(): JestExpect {
  const candidate: unknown = Reflect.get(globalThis, 'expect');
  if (typeof candidate !== 'function' || typeof Reflect.get(candidate, 'extend') !== 'function') {
    throw new Error("openai-responses/jest: Jest's expect is not defined here. Import this module from a test file, or list it in setupFilesAfterEnv.");
  }
  return candidate as unknown as JestExpect;
}

/** Jest's own matcher of that name, as registered before this entry extends it. */
function jestOwn(name: string): JestMatcher | undefined {
  const registry: unknown = Reflect.get(globalThis, matchersKey);
  const matchers: unknown = typeof registry === 'object' && registry !== null ? Reflect.get(registry, 'matchers') : undefined;
  const own: unknown = typeof matchers === 'object' && matchers !== null ? Reflect.get(matchers, name) : undefined;
  return typeof own === 'function' ? (own as JestMatcher) : undefined;
}

const { toHaveBeenCalled, toHaveBeenCalledTimes, ...added } = routeMatchers;

/**
 * The matchers this entry adds to Jest's `expect` (registered on import), for `expect.extend` in a setup of your
 * own. `toHaveBeenCalled`/`toHaveBeenCalledTimes` are not in it: Jest's own are extended in place on import.
 *
 * @example
 * import { openaiMatchers } from 'openai-responses/jest';
 * expect.extend(openaiMatchers);
 */
export const openaiMatchers: Record<keyof typeof added, JestMatcher> = added as Record<keyof typeof added, JestMatcher>;

const ours: Record<(typeof builtInNames)[number], JestMatcher> = {
  toHaveBeenCalled: (function (this: MatcherContextLike, received: unknown) {
    return toHaveBeenCalled.call(this, received);
  }),
  toHaveBeenCalledTimes: (function (this: MatcherContextLike, received: unknown, expected: unknown) {
    return toHaveBeenCalledTimes.call(this, received, Number(expected));
  }),
};

const delegating: Record<string, JestMatcher> = {};
for (const name of builtInNames) {
  const own = jestOwn(name);
  delegating[name] = function (this: MatcherContextLike, received: unknown, ...expected: unknown[]): MatcherResult {
    if (isRoute(received) || !own) return ours[name].call(this, received, ...expected);
    return own.call(this, received, ...expected);
  };
}

jestExpect().extend({ ...openaiMatchers, ...delegating });

/** The test jest-circus is running, with the errors it failed with so far (read from circus's state, kept on the global). */
function runningJestTest(): { errors?: unknown[] } | undefined {
  const key = Object.getOwnPropertySymbols(globalThis).find((symbol) => symbol.description === 'JEST_STATE_SYMBOL');
  const state: unknown = key === undefined ? undefined : Reflect.get(globalThis, key);
  const test: unknown = typeof state === 'object' && state !== null ? Reflect.get(state, 'currentlyRunningTest') : undefined;
  return typeof test === 'object' && test !== null ? (test as { errors?: unknown[] }) : undefined;
}

type Hook = (fn: () => unknown) => void;

// With OPENAI_RESPONSES_REPORTS=<dir>, each failed test writes a report of the calls it made (whatever mocks
// answered them) to that folder, and its error names the file.
const jestBeforeEach: unknown = Reflect.get(globalThis, 'beforeEach');
const jestAfterEach: unknown = Reflect.get(globalThis, 'afterEach');
if (reportsFolder() !== undefined && typeof jestBeforeEach === 'function' && typeof jestAfterEach === 'function') {
  let calls: TestCalls | undefined;
  (jestBeforeEach as Hook)(() => {
    calls = new TestCalls();
  });
  (jestAfterEach as Hook)(async () => {
    const watched = calls;
    calls = undefined;
    watched?.stop();
    const errors = runningJestTest()?.errors ?? [];
    if (errors.length === 0) return;
    const first: unknown = Array.isArray(errors[0]) ? (errors[0] as unknown[])[0] : errors[0];
    const state: unknown = Reflect.apply(Reflect.get(jestExpect(), 'getState') as () => unknown, jestExpect(), []);
    const name: unknown = typeof state === 'object' && state !== null ? Reflect.get(state, 'currentTestName') : undefined;
    await reportFailure(watched, typeof name === 'string' ? name : 'jest test', first, { stack: false });
  });
}

declare module 'expect' {
  // eslint-disable-next-line @typescript-eslint/no-empty-object-type
  interface Matchers<R extends void | Promise<void>, T = unknown> extends OpenAIMockMatchers<R> {}
}
