import assert from 'node:assert/strict';
import fc from 'fast-check';
import OpenAI from 'openai';
import { catalog } from '../../lib/catalog/catalog.js';
import type { CatalogEntry } from '../../lib/catalog/entry.js';
import { OpenAIMock, createMockFetch } from '../../lib/index.js';
import { requestOperations, requestSchemaText } from '../../lib/validation/request-schemas.js';

// A seeded campaign of bad input over every non-admin route, raw (fetch as any HTTP client could send it) and
// through the SDK (garbage parameters, as a careless caller passes them). Whatever arrives, the mock answers:
// no fetch rejects, no answer is a 5xx of the mock's own making, every error has the API's shape, and nothing
// reaches Object.prototype.

const routes = catalog.filter((entry) => !entry.name.startsWith('admin.'));
const baseURL = 'https://api.openai.com/v1';

/** What the campaign saw: findings by kind, how many, and an example per path. */
class Findings {
  readonly requests: { count: number } = { count: 0 };
  readonly byKind = new Map<string, { count: number; examples: Map<string, string> }>();

  add(kind: string, example: string): void {
    const found = this.byKind.get(kind) ?? { count: 0, examples: new Map<string, string>() };
    found.count += 1;
    const where = /^\S+ \S+?\/v1(\/[^/?\s]*)/.exec(example)?.[1] ?? example;
    if (found.examples.size < 12 && !found.examples.has(where)) found.examples.set(where, example.slice(0, 300));
    this.byKind.set(kind, found);
  }

  get summary(): string {
    return [...this.byKind].map(([kind, { count, examples }]) => `${kind} (${count}):\n  ${[...examples.values()].join('\n  ')}`).join('\n');
  }
}

const prototypeKeys = Object.getOwnPropertyNames(Object.prototype).sort().join();

function checkPrototype(findings: Findings, what: string): void {
  const probe: Record<string, unknown> = {};
  if (Object.getOwnPropertyNames(Object.prototype).sort().join() !== prototypeKeys || probe.polluted !== undefined) {
    findings.add('prototype pollution', what);
  }
}

const errorShaped = (body: unknown): boolean => {
  if (typeof body !== 'object' || body === null) return false;
  const error = (body as { error?: unknown }).error;
  if (typeof error !== 'object' || error === null) return false;
  const { message, type, param, code } = error as Record<string, unknown>;
  return typeof message === 'string' && typeof type === 'string' && (param === null || typeof param === 'string') && (code === null || typeof code === 'string');
};

/** The mock's fetch, watched: each request counted, each answer checked. */
function watchedFetch(openaiMock: OpenAIMock, findings: Findings): typeof fetch {
  const mockFetch = createMockFetch(openaiMock);
  const watched = async (input: string | URL | Request, init?: RequestInit): Promise<Response> => {
    findings.requests.count += 1;
    const what = `${init?.method ?? (input instanceof Request ? input.method : 'GET')} ${String(input instanceof Request ? input.url : input).slice(0, 120)} ${typeof init?.body === 'string' ? init.body.slice(0, 120) : ''}`;
    let response: Response;
    try {
      response = await mockFetch(input, init);
    } catch (error) {
      findings.add('rejected fetch', `${what} -> ${String(error)}`);
      throw error;
    }
    checkPrototype(findings, what);
    if (response.status >= 400) {
      const text = await response.clone().text();
      let body: unknown;
      try {
        body = JSON.parse(text);
      } catch {
        body = undefined;
      }
      if (!errorShaped(body)) findings.add('error not in the API shape', `${what} -> ${response.status} ${text.slice(0, 120)}`);
      const notImplemented = response.status === 501 && (body as { error?: { type?: string } } | undefined)?.error?.type === 'not_implemented';
      if (response.status >= 500 && !notImplemented) findings.add(`${response.status} from the mock`, `${what} -> ${text.slice(0, 160)}`);
      if (response.headers.get('x-request-id') === null) findings.add('error without x-request-id', what);
    }
    return response;
  };
  return Object.assign(watched, { Response }) as typeof fetch;
}

const oddSegment = fc.oneof(
  fc.constantFrom('', ' ', '..', '.', '__proto__', 'constructor', 'prototype', 'toString', 'a b', 'ü', '💥', 'file-abc', 'null', 'undefined'),
  fc.string({ maxLength: 12 }),
  fc.constant('x'.repeat(5000)),
);

/** A path for the route with every parameter replaced by an odd segment, sent escaped as the SDK would. */
const pathFor = (entry: CatalogEntry): fc.Arbitrary<string> => {
  const names = entry.path.match(/:\w+/g) ?? [];
  return fc.tuple(...names.map(() => oddSegment)).map((segments) => {
    let at = 0;
    return entry.path.replace(/:\w+/g, () => encodeURIComponent(segments[at++] ?? ''));
  });
};

/** The top-level fields of a route's request body in the spec, so the garbage lands on fields the route reads. */
function bodyKeys(entry: CatalogEntry): string[] {
  const document = JSON.parse(requestSchemaText) as { operations: Record<string, unknown>; components: { schemas: Record<string, unknown> } };
  const operation = requestOperations[`${entry.method} ${entry.path.replace(/\?.*$/, '').replace(/:\w+/g, '{}')}`];
  const keys = new Set<string>();
  const visit = (schema: unknown, depth: number): void => {
    if (typeof schema !== 'object' || schema === null || depth > 6) return;
    const node = schema as Record<string, unknown>;
    if (typeof node.$ref === 'string') visit(document.components.schemas[node.$ref.replace('#/components/schemas/', '')], depth + 1);
    for (const part of [...((node.allOf as unknown[]) ?? []), ...((node.anyOf as unknown[]) ?? [])]) visit(part, depth + 1);
    for (const key of Object.keys((node.properties as object) ?? {})) keys.add(key);
  };
  if (operation !== undefined) visit(document.operations[operation], 0);
  return [...keys];
}

const knownKeys = [
  'model', 'messages', 'input', 'n', 'dimensions', 'items', 'prompt', 'additional_messages', 'assistant_id', 'file_id',
  'file_ids', 'metadata', 'tools', 'instructions', 'name', 'purpose', 'limit', 'query', 'content', 'role', 'type',
  'vector_store_ids', 'chunking_strategy', 'attributes', 'expires_after', 'training_file', 'conversation',
  'previous_response_id', 'text', 'reasoning', 'include', 'thread', 'max_tokens', 'temperature', 'tool_outputs',
  'endpoint', 'input_file_id', 'completion_window', 'bytes', 'filename', 'mime_type', 'part_ids', 'max_num_results',
  'filters', 'data_source', 'testing_criteria', 'voice', 'size', 'seconds', 'background',
];

const nested = (depth: number): string => '{"a":'.repeat(depth) + '1' + '}'.repeat(depth);

const value: fc.Arbitrary<unknown> = fc.oneof(
  { arbitrary: fc.jsonValue({ maxDepth: 3 }), weight: 6 },
  { arbitrary: fc.constantFrom(1e9, -1, 0, 1.5, Number.MAX_SAFE_INTEGER, '', true, null, [], {}), weight: 3 },
  { arbitrary: fc.constant({ __proto__: null, polluted: true }), weight: 1 },
);

/**
 * A JSON object of the fields the route reads (else fields routes commonly read), of any type: a few of them, or
 * every one (so checks for required fields pass and the values reach what reads them). Deep bodies go raw: the
 * SDK's own query and form encoders recurse into them.
 */
const fieldsBody = (routeKeys: readonly string[]): fc.Arbitrary<Record<string, unknown>> => {
  const keys = routeKeys.length > 0 ? routeKeys : knownKeys;
  return fc.oneof(
    fc.dictionary(fc.constantFrom(...keys, '__proto__'), value, { maxKeys: 6 }),
    fc.record(Object.fromEntries(keys.map((key) => [key, value]))),
  );
};


/** Raw bodies: malformed JSON, JSON of any shape, deep and huge bodies, prototype keys. */
const rawBody = (keys: readonly string[]): fc.Arbitrary<string | undefined> => fc.oneof(
  fc.constant(undefined),
  fc.constantFrom('{', '{"model":', 'nul', '[1,]', '', '\u0000', '{"a":1}}', 'true', '"text"', '12'),
  fc.string({ maxLength: 30 }),
  fc.jsonValue({ maxDepth: 4 }).map((json) => JSON.stringify(json)),
  { arbitrary: fieldsBody(keys).map((fields) => JSON.stringify({ model: 'gpt-4o', ...fields })), weight: 4 },
  fc.tuple(fc.constantFrom(...(keys.length > 0 ? keys : knownKeys)), fc.integer({ min: 200, max: 12_000 })).map(
    ([key, depth]) => `{"model":"gpt-4o","${key}":${depth % 2 ? nested(depth) : '['.repeat(depth) + ']'.repeat(depth)}}`,
  ),
  fc.constantFrom(
    '{"__proto__":{"polluted":true},"model":"gpt-4o"}',
    '{"metadata":{"__proto__":{"polluted":true}},"model":"gpt-4o","messages":[{"role":"user","content":"x"}]}',
    '{"constructor":{"prototype":{"polluted":true}}}',
    JSON.stringify({ model: 'gpt-4o', input: 'x'.repeat(300_000), messages: [{ role: 'user', content: 'x'.repeat(300_000) }] }),
  ),
);

const methods = ['GET', 'POST', 'PUT', 'PATCH', 'DELETE'] as const;
const rawPerRoute = 5;
const sdkPerRoute = 3;

describe('Robustness campaign (seeded): bad input never breaks the mock', function () {
  // The first request of each operation compiles its request schema; on a busy machine that adds up.
  this.timeout(120_000);
  const originalError = console.error;
  let printed = 0;
  beforeEach(() => {
    // Wrong methods and paths reach no route: the mock says so on the console, once per request.
    console.error = () => {
      printed += 1;
    };
  });
  afterEach(() => {
    console.error = originalError;
  });

  it('raw requests to every non-admin route: wrong methods, odd path parameters, malformed, deep, huge and __proto__ bodies', async () => {
    const findings = new Findings();
    const openaiMock = new OpenAIMock();
    const fetch = watchedFetch(openaiMock, findings);
    for (const entry of routes) {
      const request = fc.record({
        method: fc.oneof({ arbitrary: fc.constant(entry.method), weight: 4 }, { arbitrary: fc.constantFrom(...methods), weight: 1 }),
        path: pathFor(entry),
        query: fc.constantFrom('', '', '?limit=-1', '?limit=abc&order=sideways', '?after=%E2%82', '?beta=true', '?__proto__[polluted]=1'),
        body: rawBody(bodyKeys(entry)),
        contentType: fc.constantFrom('application/json', 'application/json', 'application/json; charset=utf-8', 'text/plain', undefined),
      });
      const started = performance.now();
      await fc.assert(
        fc.asyncProperty(request, async ({ method, path, query, body, contentType }) => {
          const withBody = method !== 'GET' && body !== undefined;
          const response = await fetch(`${baseURL}${path}${query}`, {
            method,
            headers: { authorization: 'Bearer sk-fake', ...(contentType !== undefined && { 'content-type': contentType }) },
            ...(withBody && { body }),
          });
          await response.body?.cancel();
        }),
        { seed: 9, numRuns: rawPerRoute },
      );
      if (process.env.CAMPAIGN_TIMES) console.log('raw', entry.name, (performance.now() - started).toFixed(0));
    }
    assert.equal(findings.summary, '', `after ${findings.requests.count} requests`);
    assert.ok(findings.requests.count >= routes.length * rawPerRoute);
    assert.ok(printed > 0, 'wrong methods reached no route');
  });

  it('garbage parameters through the SDK on every non-admin route', async () => {
    const findings = new Findings();
    const openaiMock = new OpenAIMock();
    const client = new OpenAI({ apiKey: 'sk-fake', fetch: watchedFetch(openaiMock, findings), maxRetries: 0 });
    let answered = 0;
    for (const entry of routes) {
      const parts = entry.name.split('.');
      const owner = parts.slice(0, -1).reduce<unknown>((node, key) => (node as Record<string, unknown>)[key], client) as Record<string, unknown>;
      const method = owner[parts.at(-1) ?? ''] as (...args: unknown[]) => Promise<unknown>;
      const names = (entry.path.match(/:\w+/g) ?? []).map((name) => name.slice(1));
      const call = fc.record({
        ids: fc.array(oddSegment.filter((segment) => segment !== ''), { minLength: 3, maxLength: 3 }),
        params: fieldsBody(bodyKeys(entry)),
      });
      const started = performance.now();
      await fc.assert(
        fc.asyncProperty(call, async ({ ids, params }) => {
          // The SDK takes the last path parameter first and the others among the parameters.
          const body = { ...params, ...Object.fromEntries(names.slice(0, -1).map((name, at) => [name, ids[at] ?? 'x'])) };
          const args = names.length === 0 ? [body] : [ids[2], body];
          try {
            const result = await method.apply(owner, args);
            if (result instanceof Response) await result.body?.cancel();
            answered += 1;
          } catch (error) {
            if (error instanceof OpenAI.APIError && error.status !== undefined) answered += 1;
          }
        }),
        { seed: 9, numRuns: sdkPerRoute },
      );
      if (process.env.CAMPAIGN_TIMES) console.log('sdk', entry.name, (performance.now() - started).toFixed(0));
    }
    assert.equal(findings.summary, '', `after ${findings.requests.count} requests`);
    assert.ok(answered > (routes.length * sdkPerRoute) / 2, `the SDK sent most calls (${answered} answered)`);
  });
});
