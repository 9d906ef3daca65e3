/**
 * Reads the installed `openai` SDK the way a user sees it: a real client is built and its resource tree
 * walked; each method's own source names the request it sends (`this._client.post('/chat/completions', ...)`).
 * Used by `generate-catalog.ts` to write `lib/catalog/`, and by a spec that checks the catalog is current.
 */
import OpenAI from 'openai';

/** One client method that sends a request. */
export interface Found {
  name: string;
  method: 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';
  path: string;
  page: string | undefined;
  params: string[];
  /** What the request sends as its body; `undefined` for a request without one. */
  body: SentBody | undefined;
}

/**
 * Where a method's body comes from: its argument at `index` (less the keys that go into the path, the query or
 * a header: `const { thread_id, ...body } = params`), sent as JSON, as multipart form data, or as either
 * (multipart when it carries a file).
 */
export interface SentBody {
  index: number;
  omit: string[];
  form: 'json' | 'multipart' | 'json-or-multipart';
}

/** Methods whose request is sent from a shared helper rather than the method body. */
const sentElsewhere: Record<string, { method: Found['method']; template: string }> = {
  'embeddings.create': { method: 'POST', template: '/embeddings' },
};

// `path` is a tagged template: `path`...`` in the ESM build, `(0, path_1.path)`...`` in the CommonJS one.
const requestCall =
  /_client\s*\.\s*(get|post|put|patch|delete|getAPIList)\(\s*(?:\(0,\s*[\w$]+\.path\)\s*|path\s*)?([`'])(.*?)\2(?:\s*,\s*\(?\s*(\w+))?/s;

function snake(param: string): string {
  return param
    .replace(/ID$/, 'Id')
    .replace(/([a-z0-9])([A-Z])/g, '$1_$2')
    .toLowerCase();
}

function toPattern(template: string): { path: string; params: string[] } {
  const params: string[] = [];
  const path = template.replace(/\$\{(\w+)\}/g, (_match, name: string) => {
    const param = snake(name);
    params.push(param);
    return `:${param}`;
  });
  return { path, params };
}

/** Reads from a method's source which argument becomes its request body. */
function sentBody(source: string): SentBody | undefined {
  if (!/[{,]\s*body\s*[,}:]/.test(source)) return undefined;
  const args = (/^[\w$]+\s*\(([^)]*)\)/.exec(source)?.[1] ?? '').split(',').map((arg) => arg.split('=')[0]?.trim() ?? '');
  const form = /maybeMultipartFormRequestOptions/.test(source) ? 'json-or-multipart' : /multipartFormRequestOptions/.test(source) ? 'multipart' : 'json';
  const direct = args.indexOf('body');
  if (direct !== -1) return { index: direct, omit: [], form };
  const rest = /const\s*\{([^}]*)\.\.\.body\s*\}\s*=\s*(\w+)/.exec(source);
  const index = rest?.[2] === undefined ? -1 : args.indexOf(rest[2]);
  if (!rest?.[1] || index === -1) throw new Error(`Cannot tell the body of: ${source.slice(0, 120)}`);
  const omit = rest[1]
    .split(',')
    .map((part) => part.split(':')[0]?.trim().replace(/^'(.*)'$/, '$1') ?? '')
    .filter(Boolean);
  return { index, omit, form };
}

const found: Found[] = [];
const seen = new Set<object>();

function walk(resource: object, at: string[]): void {
  for (const [key, value] of Object.entries(resource)) {
    if (key.startsWith('_') || typeof value !== 'object' || value === null || seen.has(value)) continue;
    if (!('_client' in value)) continue;
    seen.add(value);
    const proto: object = Object.getPrototypeOf(value);
    for (const methodName of Object.getOwnPropertyNames(proto)) {
      if (methodName === 'constructor') continue;
      const method: unknown = Reflect.get(proto, methodName);
      if (typeof method !== 'function') continue;
      const name = [...at, key, methodName].join('.');
      const match = requestCall.exec(String(method));
      const elsewhere = sentElsewhere[name];
      let verb: Found['method'];
      let template: string;
      let page: string | undefined;
      if (match?.[1] && match[3] !== undefined) {
        // A list sent with another verb names it in its options: `getAPIList(path, Page, { body, method: 'post' })`.
        const listVerb = /\bmethod:\s*'(get|post|put|patch|delete)'/.exec(String(method))?.[1];
        verb = match[1] === 'getAPIList' ? ((listVerb?.toUpperCase() as Found['method'] | undefined) ?? 'GET') : (match[1].toUpperCase() as Found['method']);
        template = match[3];
        page = match[1] === 'getAPIList' ? match[4] : undefined;
      } else if (elsewhere) {
        verb = elsewhere.method;
        template = elsewhere.template;
      } else {
        continue; // a helper built on other methods (stream, poll, parse, ...), not a route of its own
      }
      found.push({ name, method: verb, page, ...toPattern(template), body: sentBody(String(method)) });
    }
    walk(value, [...at, key]);
  }
}

/** Every client method of the installed SDK that sends a request, in the client's order. */
export function sdkRoutes(): Found[] {
  found.length = 0;
  seen.clear();
  walk(new OpenAI({ apiKey: 'catalog' }), []);
  return [...found];
}
