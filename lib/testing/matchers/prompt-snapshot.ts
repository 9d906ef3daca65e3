import { isPlainObject } from '../../internal/merge.js';
import type { RouteCall } from '../../engine/route.js';

/** The id shapes the API writes (`call_…`, `resp_…`, `chatcmpl-…`, `file-…`), by their prefix. */
const apiId = /^([a-z]+(?:_[a-z]+)*)([_-])([A-Za-z0-9][A-Za-z0-9_-]{5,})$/;
const idPrefixes = new Set([
  'call', 'resp', 'msg', 'fc', 'fco', 'rs', 'run', 'thread', 'asst', 'file', 'vs', 'vsfb', 'batch', 'chatcmpl', 'cmpl', 'step', 'conv',
  'item', 'ctc', 'ctco', 'cmp', 'upload', 'part', 'ws', 'fs', 'ci', 'ig', 'mcp', 'mcpl', 'mcpr', 'mcpa', 'cntr', 'ftjob', 'eval', 'modr', 'req',
  'sh', 'sho', 'lsh', 'apc', 'apco', 'tsc', 'cu', 'cuo', 'toolu', 'img', 'vid',
]);
/** Fields whose numbers are times: `created`, `created_at`, `expires_at`, `timestamp`, ... */
const timeKey = /^(created|timestamp|.*_at)$/;

/** Where the call to snapshot comes from: a route (its last call, or the call at `index`), or one call. */
interface HasCalls {
  readonly calls: readonly RouteCall<unknown, unknown>[];
}

function isCall(value: unknown): value is RouteCall<unknown, unknown> {
  return typeof value === 'object' && value !== null && 'request' in value && 'body' in value && !('calls' in value);
}

/**
 * A request body as a snapshot should see it: the ids the API made (`call_…`, `resp_…`, `msg_…`, `chatcmpl-…`,
 * `file-…`, ...) become `<call_1>`, `<resp_1>`, numbered by first appearance, so the same id reads the same
 * everywhere and the links between calls stay visible; numbers under time fields (`created`, `*_at`,
 * `timestamp`) become `<time>`; a multipart body becomes its fields, files as `<file name, size bytes>`.
 * Everything else is kept as sent, key order included.
 *
 * Give it a route (its last call, or the call at `index`, negative from the end), or one call of `calls`.
 *
 * @example
 * expect(promptSnapshot(openaiMock.chat.completions.create)).toMatchSnapshot();
 * expect(promptSnapshot(openaiMock.responses.create, 0)).toMatchInlineSnapshot();
 */
export function promptSnapshot(source: HasCalls | RouteCall<unknown, unknown>, index = -1): unknown {
  const call = isCall(source) ? source : source.calls.at(index);
  if (!call) {
    const count = isCall(source) ? 0 : source.calls.length;
    throw new Error(`promptSnapshot: no call at index ${index} (the route has ${count} call${count === 1 ? '' : 's'}).`);
  }
  return normalizeBody(call.body);
}

/**
 * The normalisation {@link promptSnapshot} applies, for any value (a body read elsewhere, a list of bodies).
 *
 * @example
 * normalizeBody({ previous_response_id: 'resp_abc123def', created: 1700000000 }); // { previous_response_id: '<resp_1>', created: '<time>' }
 */
export function normalizeBody(value: unknown): unknown {
  const numbers = new Map<string, Map<string, number>>();
  const placeholder = (prefix: string, id: string): string => {
    let seen = numbers.get(prefix);
    if (!seen) numbers.set(prefix, (seen = new Map()));
    let number = seen.get(id);
    if (number === undefined) seen.set(id, (number = seen.size + 1));
    return `<${prefix}_${number}>`;
  };
  const walk = (node: unknown, key: string | undefined): unknown => {
    if (typeof node === 'string') {
      const match = apiId.exec(node);
      return match && idPrefixes.has(match[1] ?? '') ? placeholder(match[1] ?? '', node) : node;
    }
    if (typeof node === 'number' && key !== undefined && timeKey.test(key)) return '<time>';
    if (Array.isArray(node)) return node.map((element) => walk(element, undefined));
    if (node instanceof FormData) {
      const fields: Record<string, unknown> = {};
      for (const [name, entry] of node.entries()) {
        fields[name] = typeof entry === 'string' ? walk(entry, name) : `<file ${entry.name}, ${entry.size} bytes>`;
      }
      return fields;
    }
    if (isPlainObject(node)) return Object.fromEntries(Object.entries(node).map(([name, child]) => [name, walk(child, name)]));
    return node;
  };
  return walk(value, undefined);
}
