import { isPlainObject } from '../../internal/merge.js';
import type { RouteCall } from '../../engine/route.js';

/** What the matchers need of a runner's matcher context (Vitest's and Jest's both have it). */
export interface MatcherContextLike {
  /** Deep equality that honours asymmetric matchers (`expect.any(String)`, `expect.stringContaining(...)`). */
  equals(actual: unknown, expected: unknown): boolean;
  readonly isNot?: boolean;
  readonly utils?: { printReceived(value: unknown): string; printExpected(value: unknown): string };
}

/** A matcher's verdict, as both runners take it. */
export interface MatcherResult {
  pass: boolean;
  message: () => string;
}

/** A route as the matchers read it: its name and its calls. */
export interface RouteLike {
  readonly name: string;
  readonly calls: readonly RouteCall<unknown, unknown>[];
}

/**
 * Whether a value is a route of the mock (its `name`, `calls`, `method` and `path`): the matchers answer for
 * routes and leave everything else (mock functions, spies) to the runner's own matchers.
 */
export function isRoute(value: unknown): value is RouteLike {
  return typeof value === 'object' && value !== null
    && typeof Reflect.get(value, 'name') === 'string' && Array.isArray(Reflect.get(value, 'calls'))
    && typeof Reflect.get(value, 'method') === 'string' && typeof Reflect.get(value, 'path') === 'string';
}

/** A mock as the order matcher reads it: every call it answered, in order, each with its route's name. */
export interface MockLike {
  readonly calls: readonly (RouteCall<unknown, unknown> & { readonly route: string })[];
  readonly routes: ReadonlyMap<string, unknown>;
}

/** Whether a value is a mock (its ordered `calls` and its `routes`). */
export function isMock(value: unknown): value is MockLike {
  if (typeof value !== 'object' || value === null || !Array.isArray(Reflect.get(value, 'calls'))) return false;
  const routes: unknown = Reflect.get(value, 'routes');
  return typeof routes === 'object' && routes !== null && typeof Reflect.get(routes, 'get') === 'function';
}

/**
 * One step of an expected order: a route (`openaiMock.files.create`), a route's name (`'files.create'`), or
 * `{ route, body }`, a call of that route whose body matches `body` by the fields given.
 */
export type CallStep = string | { readonly name: string } | { readonly route: string | { readonly name: string }; readonly body?: unknown };

/** A step as the matcher reads it: the route's name and, optionally, the body to match. */
function stepOf(step: unknown): { route: string; body?: unknown } | undefined {
  if (typeof step === 'string') return { route: step };
  if (!isPlainObjectLike(step)) return undefined;
  const route: unknown = Reflect.get(step, 'route');
  if (route !== undefined) {
    const name = typeof route === 'string' ? route : isPlainObjectLike(route) ? Reflect.get(route, 'name') : undefined;
    if (typeof name !== 'string') return undefined;
    return Reflect.has(step, 'body') ? { route: name, body: Reflect.get(step, 'body') } : { route: name };
  }
  const name: unknown = Reflect.get(step, 'name');
  return typeof name === 'string' ? { route: name } : undefined;
}

function isPlainObjectLike(value: unknown): value is object {
  return typeof value === 'object' && value !== null;
}

/** A partial match: objects by the keys `expected` names, arrays element by element (same length), leaves by `equals`. */
export function matchesPartially(context: MatcherContextLike, actual: unknown, expected: unknown): boolean {
  if (Array.isArray(expected)) {
    return Array.isArray(actual) && actual.length === expected.length && expected.every((element, index) => matchesPartially(context, actual[index], element));
  }
  if (isPlainObject(expected)) {
    return isPlainObject(actual) && Object.entries(expected).every(([key, value]) => matchesPartially(context, actual[key], value));
  }
  return context.equals(actual, expected);
}

function print(context: MatcherContextLike, value: unknown, as: 'expected' | 'received'): string {
  const printer = as === 'expected' ? context.utils?.printExpected : context.utils?.printReceived;
  return printer ? printer(value) : JSON.stringify(value);
}

function times(count: number): string {
  return `${count} time${count === 1 ? '' : 's'}`;
}

function field(body: unknown, name: string): unknown {
  return isPlainObject(body) ? body[name] : undefined;
}

function notARoute(matcher: string, received: unknown): MatcherResult {
  return { pass: false, message: () => `${matcher}: expected a route of the mock (openaiMock.chat.completions.create, ...), received ${typeof received === 'object' ? JSON.stringify(received) : String(received)}` };
}

/** Passes when some call's `pick(body)` matches `expected` partially; the message lists what each call sent. */
function someCall(context: MatcherContextLike, matcher: string, received: unknown, what: string, pick: (body: unknown) => unknown, test: (actual: unknown) => boolean, expected: unknown): MatcherResult {
  if (!isRoute(received)) return notARoute(matcher, received);
  const sent = received.calls.map((call) => pick(call.body));
  const pass = sent.some(test);
  const sentLines = sent.length === 0
    ? '  (no calls)'
    : sent.map((value, index) => `  call ${index + 1}: ${print(context, value, 'received')}`).join('\n');
  return {
    pass,
    message: () => pass
      ? `expected no call of openaiMock.${received.name} to send ${what} matching\n  ${print(context, expected, 'expected')}\nbut one did:\n${sentLines}`
      : `expected a call of openaiMock.${received.name} to send ${what} matching\n  ${print(context, expected, 'expected')}\nit was called ${times(sent.length)}, with:\n${sentLines}`,
  };
}

/** The names a tool declaration answers to (chat `function.name`, Responses / runs `name`). */
function toolName(tool: unknown): unknown {
  return isPlainObject(tool) ? (isPlainObject(tool['function']) ? tool['function']['name'] : tool['name']) : undefined;
}

/**
 * The matchers, runner-agnostic: each a function of the matcher context, the received route and the expected
 * values, as `expect.extend` takes them. `openai-responses/vitest` and `openai-responses/jest` register them.
 *
 * @example
 * expect.extend(openaiMatchers); // what the runner entries do for you
 * expect(openaiMock.chat.completions.create).toHaveBeenCalledWithMessages([{ role: 'user', content: 'Hi' }]);
 */
export const routeMatchers = {
  /** The route answered at least one call. */
  toHaveBeenCalled(this: MatcherContextLike, received: unknown): MatcherResult {
    if (!isRoute(received)) return notARoute('toHaveBeenCalled', received);
    const count = received.calls.length;
    return {
      pass: count > 0,
      message: () => count > 0
        ? `expected openaiMock.${received.name} not to have been called, but it was called ${times(count)}`
        : `expected openaiMock.${received.name} to have been called, but it was not called`,
    };
  },

  /** The route answered exactly `expected` calls (retries and failures included: each is a call). */
  toHaveBeenCalledTimes(this: MatcherContextLike, received: unknown, expected: number): MatcherResult {
    if (!isRoute(received)) return notARoute('toHaveBeenCalledTimes', received);
    const count = received.calls.length;
    return {
      pass: count === expected,
      message: () => count === expected
        ? `expected openaiMock.${received.name} not to have been called ${times(expected)}, but it was`
        : `expected openaiMock.${received.name} to have been called ${times(expected)}, but it was called ${times(count)}`,
    };
  },

  /** Some call sent chat `messages` matching these, message by message (each message partially: the fields given). */
  toHaveBeenCalledWithMessages(this: MatcherContextLike, received: unknown, expected: readonly unknown[]): MatcherResult {
    return someCall(this, 'toHaveBeenCalledWithMessages', received, 'messages', (body) => field(body, 'messages'), (actual) => matchesPartially(this, actual, expected), expected);
  },

  /** Some call sent a Responses `input` matching this: a string, or items matched one by one (partially). */
  toHaveBeenCalledWithInput(this: MatcherContextLike, received: unknown, expected: unknown): MatcherResult {
    return someCall(this, 'toHaveBeenCalledWithInput', received, 'input', (body) => field(body, 'input'), (actual) => matchesPartially(this, actual, expected), expected);
  },

  /**
   * Some call declared these tools (among others): each expected entry is a tool name, or a partial tool
   * matched against the declared ones.
   */
  toHaveBeenCalledWithTools(this: MatcherContextLike, received: unknown, expected: readonly unknown[]): MatcherResult {
    const declares = (tools: unknown): boolean => Array.isArray(tools) && expected.every((wanted) =>
      tools.some((tool: unknown) => (typeof wanted === 'string' ? toolName(tool) === wanted : matchesPartially(this, tool, wanted))));
    return someCall(this, 'toHaveBeenCalledWithTools', received, 'tools', (body) => field(body, 'tools'), declares, expected);
  },

  /** Some call's body matches this partially (the fields given, at any depth). */
  toHaveBeenCalledWithBody(this: MatcherContextLike, received: unknown, expected: unknown): MatcherResult {
    return someCall(this, 'toHaveBeenCalledWithBody', received, 'a body', (body) => body, (actual) => matchesPartially(this, actual, expected), expected);
  },

  /** The last call's body matches this partially. */
  toHaveBeenLastCalledWithBody(this: MatcherContextLike, received: unknown, expected: unknown): MatcherResult {
    if (!isRoute(received)) return notARoute('toHaveBeenLastCalledWithBody', received);
    const last = received.calls.at(-1);
    const pass = last !== undefined && matchesPartially(this, last.body, expected);
    return {
      pass,
      message: () => last === undefined
        ? `expected the last call of openaiMock.${received.name} to send a body matching\n  ${print(this, expected, 'expected')}\nbut it was not called`
        : `expected the last call of openaiMock.${received.name} ${pass ? 'not ' : ''}to send a body matching\n  ${print(this, expected, 'expected')}\nit sent\n  ${print(this, last.body, 'received')}`,
    };
  },

  /**
   * Received the mock itself: its calls (`openaiMock.calls`, across routes) include these steps in this order,
   * other calls allowed before, between and after. A step is a route, a route's name, or `{ route, body }` (a
   * call of that route whose body matches by the fields given).
   */
  toHaveBeenCalledInOrder(this: MatcherContextLike, received: unknown, expected: readonly CallStep[]): MatcherResult {
    if (!isMock(received)) {
      return { pass: false, message: () => `toHaveBeenCalledInOrder: expected the mock (expect(openaiMock)), received ${typeof received === 'object' ? JSON.stringify(received) : String(received)}` };
    }
    const steps = expected.map(stepOf);
    const unknown = expected.find((step, index) => {
      const read = steps[index];
      return read === undefined || !received.routes.has(read.route);
    });
    // A step that names no route is a mistake in the test, not a verdict: thrown, so `.not` cannot pass on it.
    if (unknown !== undefined) {
      throw new TypeError(`toHaveBeenCalledInOrder: ${print(this, unknown, 'expected')} is not a route of the mock (a route, a route name such as 'files.create', or { route, body })`);
    }
    const wanted = steps as { route: string; body?: unknown }[];
    const matched: number[] = [];
    let from = 0;
    for (const step of wanted) {
      const at = received.calls.findIndex((call, index) => index >= from && call.route === step.route && (!('body' in step) || matchesPartially(this, call.body, step.body)));
      if (at === -1) break;
      matched.push(at);
      from = at + 1;
    }
    const pass = matched.length === wanted.length;
    const describe = (step: { route: string; body?: unknown }): string => `${step.route}${'body' in step ? ` with a body matching ${print(this, step.body, 'expected')}` : ''}`;
    const order = wanted.map(describe).join(', then ');
    const callLines = received.calls.length === 0
      ? '  (no calls)'
      : received.calls.map((call, index) => `  ${index + 1}. ${call.route}${matched.includes(index) ? '  <- matched' : ''}`).join('\n');
    return {
      pass,
      message: () => {
        if (pass) return `expected the mock not to have answered ${order}, in that order, but it did (calls ${matched.map((at) => at + 1).join(', ')}):\n${callLines}`;
        const missing = wanted[matched.length] as { route: string; body?: unknown };
        const after = matched.length === 0 ? '' : ` after call ${(matched.at(-1) ?? 0) + 1}`;
        return `expected the mock to have answered ${order}, in that order, but no call of ${describe(missing)} came${after}. Its calls, in order:\n${callLines}`;
      },
    };
  },
};

/** The matchers' names that the runners already have for mock functions: these delegate for anything but a route. */
export const builtInNames = ['toHaveBeenCalled', 'toHaveBeenCalledTimes'] as const;

/**
 * The matchers the entries add, typed for a runner's `expect(value)`: `R` is what a matcher returns there.
 *
 * @example
 * expect(openaiMock.responses.create).toHaveBeenCalledWithInput('What is the weather?');
 */
export interface OpenAIMockMatchers<R> {
  /** Some call sent chat `messages` matching these, message by message (each partially). */
  toHaveBeenCalledWithMessages(messages: readonly unknown[]): R;
  /** Some call sent a Responses `input` matching this (a string, or items matched one by one, partially). */
  toHaveBeenCalledWithInput(input: unknown): R;
  /** Some call declared these tools: names, or partial tools. */
  toHaveBeenCalledWithTools(tools: readonly unknown[]): R;
  /** Some call's body matches this partially. */
  toHaveBeenCalledWithBody(body: unknown): R;
  /** The last call's body matches this partially. */
  toHaveBeenLastCalledWithBody(body: unknown): R;
  /**
   * On the mock (`expect(openaiMock)`): its calls, across routes, include these in this order (others may come
   * between). Each step is a route, a route's name, or `{ route, body }`.
   */
  toHaveBeenCalledInOrder(steps: readonly CallStep[]): R;
}
