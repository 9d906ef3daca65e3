// `openai-responses/vitest`: importing it (in a test file, or in `setupFiles`) adds the route matchers to Vitest's
// `expect` and types them. `toHaveBeenCalled` and `toHaveBeenCalledTimes` take routes too, and stay Vitest's own
// for mock functions and spies.
import { beforeEach, chai, expect } from 'vitest';
import { TestCalls, reportFailure, reportsFolder } from '../failure-report.js';
import { builtInNames, isRoute, type MatcherContextLike, type OpenAIMockMatchers, routeMatchers } from './route-matchers.js';

export { promptSnapshot, normalizeBody } from './prompt-snapshot.js';
export type { OpenAIMockMatchers } from './route-matchers.js';

const { toHaveBeenCalled: _called, toHaveBeenCalledTimes: _times, ...added } = routeMatchers;

/**
 * The matchers this entry adds to Vitest's `expect` (registered on import); for `expect.extend` in a setup of
 * your own. `toHaveBeenCalled`/`toHaveBeenCalledTimes` are not in it: Vitest's own are extended in place.
 *
 * @example
 * import { openaiMatchers } from 'openai-responses/vitest';
 * expect.extend(openaiMatchers);
 */
export const openaiMatchers = added;

expect.extend(added);

/** Context of the count matchers, which compare nothing deeply. */
const countContext: MatcherContextLike = { equals: (actual, expected) => Object.is(actual, expected) };

// Vitest's mock matchers are methods of chai's Assertion: each is wrapped so that a route is counted here and
// anything else goes on to Vitest's own method, unchanged.
chai.use((_chai, utils) => {
  for (const name of builtInNames) {
    utils.overwriteMethod(chai.Assertion.prototype, name, (original: (...args: unknown[]) => unknown) =>
      function (this: Chai.AssertionStatic, ...args: unknown[]): unknown {
        const received: unknown = utils.flag(this, 'object');
        if (!isRoute(received)) return original.apply(this, args);
        const result = name === 'toHaveBeenCalled'
          ? routeMatchers.toHaveBeenCalled.call(countContext, received)
          : routeMatchers.toHaveBeenCalledTimes.call(countContext, received, Number(args[0]));
        const message = result.message();
        this.assert(result.pass, message, message, args[0], received.calls.length);
        return undefined;
      });
  }
});

// With OPENAI_RESPONSES_REPORTS=<dir>, each failed test writes a report of the calls it made (whatever mocks
// answered them) to that folder, and its error names the file.
if (reportsFolder() !== undefined) {
  beforeEach((context) => {
    const calls = new TestCalls();
    context.onTestFailed(async ({ task }) => {
      calls.stop();
      const names: string[] = [];
      for (let at: { name: string; suite?: unknown } | undefined = task; at !== undefined; at = at.suite as typeof at) if (at.name !== '') names.unshift(at.name);
      await reportFailure(calls, names.join(' '), task.result?.errors?.[0]);
    });
    return () => calls.stop();
  });
}

declare module 'vitest' {
  // eslint-disable-next-line @typescript-eslint/no-empty-object-type
  interface Matchers<R extends void | Promise<void> = void | Promise<void>, T = unknown> extends OpenAIMockMatchers<R> {}
}
