import fetchMock, { type CallLog, type FetchMock } from 'fetch-mock';
import { mockCatalog } from '../catalog/beyond-sdk.js';
import type { CatalogEntry } from '../catalog/entry.js';
import type { MaybePromise } from '../internal/maybe-promise.js';

/** The base URL every OpenAI request is routed under, whatever base URL the client was given. */
export const canonicalBaseURL = 'https://api.openai.com/v1';

/** One OpenAI route in the table. */
export interface TableEntry {
  readonly entry: CatalogEntry;
  /** Its name in fetch-mock: the client method with dashes (`chat-completions-create`). */
  readonly fetchMockName: string;
  /** The path pattern without its query. */
  readonly pattern: string;
  /** The query the route requires (`?beta=true` gives `{ beta: 'true' }`). */
  readonly query: Readonly<Record<string, string>>;
  /** The pattern's segments (`['threads', ':thread_id']`). */
  readonly segments: readonly string[];
}

/** The route a request reaches, and its path parameters as sent (not yet decoded). */
export interface TableMatch {
  readonly name: string;
  readonly rawParams: Readonly<Record<string, string>>;
}

function segmentsOf(path: string): string[] {
  return path.split('/').filter(Boolean);
}

/**
 * Where a path's candidates are: its method, its number of segments and its first segment. Every OpenAI
 * pattern starts with a literal segment (`/threads/:thread_id/runs`), so a request is only ever tried against
 * the few patterns of its own bucket, never the whole table.
 */
function bucketKey(method: string, segments: readonly string[]): string {
  return `${method.toUpperCase()} ${segments.length} ${segments[0] ?? ''}`;
}

/** Literal segments before parameters in the same place; then the same pattern with a required query first. */
function bySpecificity(a: TableEntry, b: TableEntry): number {
  const left = a.segments;
  const right = b.segments;
  for (let i = 0; i < Math.min(left.length, right.length); i++) {
    const l = left[i]?.startsWith(':') ? 1 : 0;
    const r = right[i]?.startsWith(':') ? 1 : 0;
    if (l !== r) return l - r;
  }
  // Patterns of different lengths never compete (each length has its own bucket), but must still be ordered,
  // else the sort is given an order that is not transitive and may put a parameter before a literal.
  if (left.length !== right.length) return left.length - right.length;
  return Object.keys(b.query).length - Object.keys(a.query).length;
}

function tableEntry(entry: CatalogEntry): TableEntry {
  const [pattern = '', query = ''] = entry.path.split('?');
  return { entry, fetchMockName: entry.name.replaceAll('.', '-'), pattern, query: Object.fromEntries(new URLSearchParams(query)), segments: segmentsOf(pattern) };
}

/** What each bucket's routes found, by the init object of the request it was asked about. */
const found = new WeakMap<object, TableMatch>();

/** A fetch-mock instance with no routes (not even those a test put on fetch-mock's global instance). */
export function emptyFetchMock(): FetchMock {
  const instance = fetchMock.createInstance().removeRoutes({ includeSticky: true, includeFallback: true });
  instance.config.Response = Response;
  return instance;
}

/**
 * A pattern a bucket's fetch-mock routes matched (under a routing query), kept as a shape: its literal segments
 * and its parameters. Another path with those literals, whose segments in the parameters' places are plain ids no
 * pattern of the bucket spells as a literal there, is matched by exactly the same patterns as every such path (so
 * fetch-mock's first match is the same), and is answered from here.
 */
interface LearnedShape {
  /** Per segment: the literal it must be, or `undefined` where the pattern has a parameter. */
  readonly literals: readonly (string | undefined)[];
  /** Per segment: the parameter's name, where the pattern has one. */
  readonly paramNames: readonly (string | undefined)[];
  readonly routingQuery: string;
  readonly name: string;
}

/**
 * A segment as ids are spelled: letters, digits and `_.~-`, with a letter or digit (so not `.` or `..`, which a
 * URL parser resolves); nothing a URL parser would re-encode or a pattern could treat specially.
 */
const plainSegment = /^(?=.*[A-Za-z0-9])[A-Za-z0-9_.~-]+$/;

/**
 * One bucket: its routes, its fetch-mock instance (made when a request first reaches the bucket: a process asks a
 * few buckets of the hundreds), the literals its patterns spell at each segment, the shapes it answered.
 */
interface Bucket {
  /** Its routes, in the catalog's order (their table entries are made when the bucket is first asked). */
  readonly routes: CatalogEntry[];
  /** Its routes' table entries, most specific first. */
  entries?: TableEntry[];
  fetchMock?: FetchMock;
  readonly literalsAt: Set<string>[];
  readonly shapes: LearnedShape[];
}

/** The path of a route without its query. */
function patternOf(entry: CatalogEntry): string {
  const queryAt = entry.path.indexOf('?');
  return queryAt === -1 ? entry.path : entry.path.slice(0, queryAt);
}

/** A bucket's fetch-mock instance, its routes most specific first, each reporting itself when it matches. */
function bucketFetchMock(entries: readonly TableEntry[]): FetchMock {
  const instance = emptyFetchMock().catch(404);
  for (const { entry, fetchMockName, pattern, query } of entries) {
    instance.route({
      name: fetchMockName,
      method: entry.method.toLowerCase(),
      url: `express:/v1${pattern}`,
      ...(Object.keys(query).length > 0 && { query: { ...query } }),
      response: (callLog: CallLog) => {
        const init = callLog.args[1];
        if (typeof init === 'object' && init !== null) found.set(init, { name: entry.name, rawParams: { ...callLog.expressParams } });
        return 204;
      },
    });
  }
  return instance;
}

/**
 * @internal The path-pattern table: the catalog's routes on fetch-mock, as `express:` routes, most specific first
 * (so `POST /threads/runs` is tried before `POST /threads/:thread_id`), one fetch-mock instance per bucket (see
 * {@link bucketKey}), made when the bucket is first asked. Built once per process ({@link routeTable}): the catalog is the same for every mock. A
 * bucket is asked through fetch-mock's own `fetchHandler`; the route that matches reports itself and its
 * `expressParams`. Matches are remembered by path, and by shape (see {@link LearnedShape}), so a new id costs
 * no trip through fetch-mock once a path of its shape has made one.
 */
export class RouteTable {
  readonly #buckets = new Map<string, Bucket>();
  /** Query parameters some routes require (`beta`), so remembered matches tell them apart. */
  readonly #routingQueryKeys: readonly string[];
  /** Matches found, by method, then by path (with its routing query, if any): a call's lookup builds no key. */
  readonly #remembered = new Map<string, Map<string, TableMatch | null>>();
  #entries: readonly TableEntry[] | undefined;

  /**
   * Only the routes' buckets are found here: each bucket's table entries, their order and the literals they spell
   * are made when the bucket is first asked (a process asks a few of the hundreds).
   */
  constructor() {
    const routes = mockCatalog.filter((entry) => entry.socketOnly !== true);
    this.#routingQueryKeys = [...new Set(routes.filter((entry) => entry.path.includes('?')).map(tableEntry).sort(bySpecificity).flatMap(({ query }) => Object.keys(query)))];
    for (const entry of routes) {
      const key = bucketKey(entry.method, segmentsOf(patternOf(entry)));
      let bucket = this.#buckets.get(key);
      if (!bucket) {
        bucket = { routes: [], literalsAt: [], shapes: [] };
        this.#buckets.set(key, bucket);
      }
      bucket.routes.push(entry);
    }
  }

  /** Every route's table entry, most specific first. */
  get entries(): readonly TableEntry[] {
    this.#entries ??= mockCatalog.filter((entry) => entry.socketOnly !== true).map(tableEntry).sort(bySpecificity);
    return this.#entries;
  }

  /** A bucket's table entries, most specific first, and the literals they spell at each segment (made on first ask). */
  #entriesOf(bucket: Bucket): TableEntry[] {
    if (bucket.entries) return bucket.entries;
    const entries = bucket.routes.map(tableEntry).sort(bySpecificity);
    for (const { segments } of entries) {
      segments.forEach((segment, at) => {
        bucket.literalsAt[at] ??= new Set<string>();
        if (!segment.startsWith(':')) bucket.literalsAt[at].add(segment);
      });
    }
    bucket.entries = entries;
    return entries;
  }

  /**
   * The route for a method and a path below the base URL (with its query), or `null`: remembered per method,
   * path and routing query, else asked of the path's bucket.
   */
  match(method: string, apiPath: string): MaybePromise<TableMatch | null> {
    const queryAt = apiPath.indexOf('?');
    const path = queryAt === -1 ? apiPath : apiPath.slice(0, queryAt);
    const routingQuery = queryAt === -1 ? '' : this.#routingQuery(apiPath.slice(queryAt + 1));
    const key = queryAt === -1 ? path : `${path}?${routingQuery}`;
    let ofMethod = this.#remembered.get(method);
    if (ofMethod === undefined) {
      if (this.#remembered.size >= 16) this.#remembered.clear();
      ofMethod = new Map();
      this.#remembered.set(method, ofMethod);
    }
    const remembered = ofMethod.get(key);
    if (remembered !== undefined) return remembered;
    const segments = segmentsOf(path);
    const bucket = this.#buckets.get(bucketKey(method, segments));
    if (!bucket) return this.#remember(ofMethod, key, null);
    const known = path.includes('//') ? undefined : this.#fromShapes(bucket, segments, routingQuery);
    if (known) return this.#remember(ofMethod, key, known);
    const init: RequestInit = { method };
    bucket.fetchMock ??= bucketFetchMock(this.#entriesOf(bucket));
    const { fetchMock: bucketMock } = bucket;
    const asked = bucketMock.fetchHandler(canonicalBaseURL + apiPath, init);
    const settle = (): TableMatch | null => {
      bucketMock.clearHistory();
      const match = found.get(init) ?? null;
      if (match) this.#learn(bucket, routingQuery, match);
      return this.#remember(ofMethod, key, match);
    };
    // fetch-mock calls a route's response function before its promise settles: the match may be known now.
    if (found.has(init)) {
      asked.catch(() => undefined);
      return settle();
    }
    return asked.then(settle, settle);
  }

  /** The match of a shape the bucket already answered, if the path has one (see {@link LearnedShape}). */
  #fromShapes(bucket: Bucket, segments: readonly string[], routingQuery: string): TableMatch | undefined {
    for (const shape of bucket.shapes) {
      if (shape.routingQuery !== routingQuery) continue;
      let rawParams: Record<string, string> | undefined = {};
      for (let at = 0; at < segments.length && rawParams; at++) {
        const segment = segments[at] ?? '';
        const literal = shape.literals[at];
        const name = shape.paramNames[at];
        if (literal !== undefined) {
          if (segment !== literal) rawParams = undefined;
        } else if (name === undefined || !plainSegment.test(segment) || bucket.literalsAt[at]?.has(segment)) {
          rawParams = undefined;
        } else {
          rawParams[name] = segment;
        }
      }
      if (rawParams) return { name: shape.name, rawParams };
    }
    return undefined;
  }

  /** Keeps the shape of the pattern fetch-mock matched, once per pattern and routing query. */
  #learn(bucket: Bucket, routingQuery: string, match: TableMatch): void {
    const pattern = this.#entriesOf(bucket).find(({ entry }) => entry.name === match.name)?.segments;
    if (!pattern || bucket.shapes.some((shape) => shape.name === match.name && shape.routingQuery === routingQuery)) return;
    bucket.shapes.push({
      literals: pattern.map((segment) => (segment.startsWith(':') ? undefined : segment)),
      paramNames: pattern.map((segment) => (segment.startsWith(':') ? segment.slice(1) : undefined)),
      routingQuery,
      name: match.name,
    });
  }

  #routingQuery(query: string): string {
    const params = new URLSearchParams(query);
    return this.#routingQueryKeys.map((name) => `${name}=${params.get(name) ?? ''}`).join('&');
  }

  #remember(remembered: Map<string, TableMatch | null>, key: string, match: TableMatch | null): TableMatch | null {
    if (remembered.size >= 5000) remembered.clear();
    remembered.set(key, match);
    return match;
  }
}

let table: RouteTable | undefined;

/** The process's route table (built on first use). */
export function routeTable(): RouteTable {
  table ??= new RouteTable();
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
