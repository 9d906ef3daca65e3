import fetchMock, { type CallLog, type FetchMock } from 'fetch-mock';
import { mockCatalog } from './catalog/beyond-sdk.js';
import type { CatalogEntry } from './catalog/entry.js';

/** The base URL every OpenAI request is routed under, whatever base URL the client was given. */
export const canonicalBaseURL = 'https://api.openai.com/v1';

/** One OpenAI route in fetch-mock's table. */
export interface TableEntry {
  readonly entry: CatalogEntry;
  /**
   * Its name in fetch-mock: the client method with dashes (`chat-completions-create`), as fetch-mock's call
   * history takes names of letters, digits and dashes only.
   */
  readonly fetchMockName: string;
  /** The path pattern without its query. */
  readonly pattern: string;
  /** The query the route requires (`?beta=true` gives `{ beta: 'true' }`). */
  readonly query: Readonly<Record<string, string>>;
}

/** The table every mock starts from; built once, since the catalog is the same for every mock. */
export interface RouteTable {
  /** A fetch-mock instance holding every OpenAI route: each mock takes a `createInstance()` of it. */
  readonly template: FetchMock;
  /** The entries, most specific first (the order fetch-mock tries them in). */
  readonly entries: readonly TableEntry[];
  /** Catalog names by fetch-mock route name. */
  readonly byFetchMockName: ReadonlyMap<string, string>;
  /** Query parameters some routes require (`beta`), so remembered matches tell them apart. */
  readonly routingQueryKeys: readonly string[];
}

function segmentsOf(pattern: string): string[] {
  return pattern.split('/').filter(Boolean);
}

/** Literal segments before parameters in the same place; then the same pattern with a required query first. */
function bySpecificity(a: TableEntry, b: TableEntry): number {
  const left = segmentsOf(a.pattern);
  const right = segmentsOf(b.pattern);
  for (let i = 0; i < Math.min(left.length, right.length); i++) {
    const l = left[i]?.startsWith(':') ? 1 : 0;
    const r = right[i]?.startsWith(':') ? 1 : 0;
    if (l !== r) return l - r;
  }
  return Object.keys(b.query).length - Object.keys(a.query).length;
}

function tableEntry(entry: CatalogEntry): TableEntry {
  const [pattern = '', query = ''] = entry.path.split('?');
  return { entry, fetchMockName: entry.name.replaceAll('.', '-'), pattern, query: Object.fromEntries(new URLSearchParams(query)) };
}

let table: RouteTable | undefined;

/**
 * The path-pattern table on fetch-mock: one `express:` route per client method, most specific first, so
 * `POST /threads/runs` is tried before `POST /threads/:thread_id`, each limited to the canonical OpenAI URL.
 * Mocks answer OpenAI routes themselves once fetch-mock found them; a route's own response here only
 * tells that the call came around the mock's fetch.
 */
export function routeTable(): RouteTable {
  if (table) return table;
  const entries = mockCatalog.map(tableEntry).sort(bySpecificity);
  const template = fetchMock.createInstance();
  template.config.Response = Response;
  for (const { entry, fetchMockName, pattern, query } of entries) {
    template.route({
      name: fetchMockName,
      method: entry.method.toLowerCase(),
      url: `express:/v1${pattern}`,
      ...(Object.keys(query).length > 0 && { query: { ...query } }),
      matcherFunction: (callLog: CallLog) => callLog.url.startsWith(canonicalBaseURL + '/'),
      response: {
        status: 500,
        body: { error: { message: `openai-responses: ${entry.name} was reached around the mock's fetch; send requests through openaiMock.fetch.`, type: 'mock_error', param: null, code: null } },
      },
    });
  }
  table = {
    template,
    entries,
    byFetchMockName: new Map(entries.map(({ entry, fetchMockName }) => [fetchMockName, entry.name])),
    routingQueryKeys: [...new Set(entries.flatMap(({ query }) => Object.keys(query)))],
  };
  return table;
}

/** The three routes nearest to a method and path, for the message of an unhandled request. */
export function nearestRoutes(method: string, path: string): string[] {
  const wanted = segmentsOf(path.split('?')[0] ?? '');
  const score = ({ entry, pattern }: TableEntry): number => {
    const have = segmentsOf(pattern);
    let shared = 0;
    while (shared < Math.min(have.length, wanted.length)) {
      const segment = have[shared] ?? '';
      if (!segment.startsWith(':') && segment !== wanted[shared]) break;
      shared += 1;
    }
    return shared * 4 - Math.abs(have.length - wanted.length) + (entry.method === method ? 2 : 0);
  };
  return [...routeTable().entries]
    .sort((a, b) => score(b) - score(a))
    .slice(0, 3)
    .map(({ entry }) => `${entry.method} ${entry.path} (openaiMock.${entry.name})`);
}
