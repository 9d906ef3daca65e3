import type { FileChunkingStrategy, VectorStore, VectorStoreSearchParams } from 'openai/resources/vector-stores/vector-stores';
import { invalidRequest, notFound } from '../../errors.js';
import { nowSeconds } from '../../internal/clock.js';
import { newId } from '../../internal/ids.js';
import { isPlainObject, type JsonObject } from '../../internal/merge.js';
import { listParams, requireBody } from '../../internal/validate.js';
import type { Behaviours, CallContext } from '../behaviour.js';
import { fileNotFound } from '../files.js';
import { pollable } from '../lifecycle.js';
import { attach, defaultChunking, forgetStore, noCounts, touch } from './books.js';
import { FilterError, searchStore } from './search.js';

/** The chunking a request asks for (`auto` or none: 800/400), or the 400 the API answers for a bad one. */
export function chunkingOf(param: unknown): FileChunkingStrategy | Response {
  if (param === undefined || param === null) return defaultChunking();
  if (!isPlainObject(param)) return invalidRequest("Invalid 'chunking_strategy': expected an object.", 'chunking_strategy');
  if (param['type'] === 'auto') return defaultChunking();
  const size = param['static'];
  if (param['type'] !== 'static' || !isPlainObject(size)) {
    return invalidRequest("Invalid 'chunking_strategy': expected type 'auto' or 'static' with a 'static' object.", 'chunking_strategy.type');
  }
  const max = size['max_chunk_size_tokens'];
  const overlap = size['chunk_overlap_tokens'];
  if (typeof max !== 'number' || !Number.isInteger(max) || max < 100 || max > 4096) {
    return invalidRequest("Invalid 'chunking_strategy.static.max_chunk_size_tokens': expected an integer between 100 and 4096.", 'chunking_strategy.static.max_chunk_size_tokens');
  }
  if (typeof overlap !== 'number' || !Number.isInteger(overlap) || overlap < 0 || overlap > max / 2) {
    return invalidRequest("Invalid 'chunking_strategy.static.chunk_overlap_tokens': expected an integer from 0 to half of max_chunk_size_tokens.", 'chunking_strategy.static.chunk_overlap_tokens');
  }
  return { type: 'static', static: { max_chunk_size_tokens: max, chunk_overlap_tokens: overlap } };
}

/** The vector store a call names, or its 404. */
export function foundStore(call: CallContext): VectorStore | Response {
  const id = call.params['vector_store_id'] ?? '';
  return call.state.vectorStores.get(id) ?? notFound('vector store', id, 'vector_store_id');
}

/** The 404 for the first of these file ids the state does not hold, if any. */
export function missingFile(call: CallContext, fileIds: readonly unknown[], param: string): Response | undefined {
  for (const id of fileIds) {
    if (typeof id !== 'string') return invalidRequest(`Invalid '${param}': expected an array of file ids.`, param);
    if (!call.state.files.has(id)) return fileNotFound(id, param);
  }
  return undefined;
}

function expiresAt(expiresAfter: unknown, from: number): number | null {
  if (!isPlainObject(expiresAfter) || typeof expiresAfter['days'] !== 'number') return null;
  return from + expiresAfter['days'] * 86_400;
}

function checkExpiresAfter(value: unknown): Response | undefined {
  if (value === undefined || value === null) return undefined;
  const days = isPlainObject(value) ? value['days'] : undefined;
  if (!isPlainObject(value) || value['anchor'] !== 'last_active_at' || typeof days !== 'number' || !Number.isInteger(days) || days < 1 || days > 365) {
    return invalidRequest("Invalid 'expires_after': expected { anchor: 'last_active_at', days: 1..365 }.", 'expires_after');
  }
  return undefined;
}

function create(call: CallContext): VectorStore | Response {
  const body = requireBody(call.body ?? {});
  if (body instanceof Response) return body;
  const fileIds = body['file_ids'] ?? [];
  if (!Array.isArray(fileIds)) return invalidRequest("Invalid 'file_ids': expected an array of file ids.", 'file_ids');
  const missing = missingFile(call, fileIds, 'file_ids');
  if (missing) return missing;
  const chunking = chunkingOf(body['chunking_strategy']);
  if (chunking instanceof Response) return chunking;
  const badExpiry = checkExpiresAfter(body['expires_after']);
  if (badExpiry) return badExpiry;
  const now = nowSeconds();
  const defaults: VectorStore = {
    id: newId('vs_'),
    object: 'vector_store',
    created_at: now,
    name: typeof body['name'] === 'string' ? body['name'] : '',
    usage_bytes: 0,
    file_counts: noCounts(),
    status: 'completed',
    last_active_at: now,
    metadata: (body['metadata'] as VectorStore['metadata'] | undefined) ?? {},
    expires_at: expiresAt(body['expires_after'], now),
    ...(isPlainObject(body['expires_after']) && { expires_after: body['expires_after'] as unknown as VectorStore.ExpiresAfter }),
  };
  const store = call.state.vectorStores.put(call.complete(defaults));
  for (const fileId of fileIds as string[]) attach(call.state, store.id, { fileId, chunking_strategy: chunking });
  return call.state.vectorStores.get(store.id) ?? store;
}

function update(call: CallContext): VectorStore | Response {
  const store = foundStore(call);
  if (store instanceof Response) return store;
  const body = requireBody(call.body ?? {});
  if (body instanceof Response) return body;
  const badExpiry = checkExpiresAfter(body['expires_after']);
  if (badExpiry) return badExpiry;
  touch(call.state, store.id);
  const current = call.state.vectorStores.get(store.id) ?? store;
  const next: VectorStore = { ...current };
  if (typeof body['name'] === 'string' || body['name'] === null) next.name = (body['name'] as string | null) ?? '';
  if (body['metadata'] !== undefined) next.metadata = (body['metadata'] as VectorStore['metadata']) ?? {};
  if (body['expires_after'] === null) {
    delete next.expires_after;
    next.expires_at = null;
  } else if (isPlainObject(body['expires_after'])) {
    next.expires_after = body['expires_after'] as unknown as VectorStore.ExpiresAfter;
    next.expires_at = expiresAt(body['expires_after'], next.last_active_at ?? nowSeconds());
  }
  return call.state.vectorStores.put(call.complete(next));
}

function search(call: CallContext): JsonObject | Response {
  const store = foundStore(call);
  if (store instanceof Response) return store;
  const body = requireBody(call.body, ['query']);
  if (body instanceof Response) return body;
  const params = body as unknown as VectorStoreSearchParams;
  const query = params.query;
  if (typeof query !== 'string' && !(Array.isArray(query) && query.every((part) => typeof part === 'string'))) {
    return invalidRequest("Invalid 'query': expected a string or an array of strings.", 'query');
  }
  const maxResults = params.max_num_results ?? 10;
  if (!Number.isInteger(maxResults) || maxResults < 1 || maxResults > 50) {
    return invalidRequest(`Invalid 'max_num_results': expected an integer between 1 and 50, got ${String(maxResults)}.`, 'max_num_results');
  }
  const threshold = params.ranking_options?.score_threshold ?? 0;
  if (typeof threshold !== 'number' || threshold < 0 || threshold > 1) {
    return invalidRequest("Invalid 'ranking_options.score_threshold': expected a number between 0 and 1.", 'ranking_options.score_threshold');
  }
  touch(call.state, store.id);
  let data;
  try {
    data = searchStore(call.state, store.id, { query, maxResults, filter: params.filters, scoreThreshold: threshold });
  } catch (error) {
    if (error instanceof FilterError) return invalidRequest(error.message, 'filters');
    throw error;
  }
  return call.complete({
    object: 'vector_store.search_results.page',
    search_query: typeof query === 'string' ? [query] : [...query],
    data,
    has_more: false,
    next_page: null,
  });
}

/** `client.vectorStores.*`: create (with `file_ids`), retrieve, update (stored), list, delete, search. */
export const vectorStoreRoutes: Behaviours = {
  'vectorStores.create': { respond: (call) => pollable(create(call)) },
  'vectorStores.retrieve': {
    respond(call) {
      const store = foundStore(call);
      if (store instanceof Response) return store;
      touch(call.state, store.id);
      const current = call.state.vectorStores.get(store.id) ?? store;
      return pollable(call.complete(current));
    },
  },
  'vectorStores.update': { respond: update },
  'vectorStores.list': {
    respond(call) {
      const page = call.state.vectorStores.list(listParams(call.query));
      return call.complete(page);
    },
  },
  'vectorStores.delete': {
    respond(call) {
      const store = foundStore(call);
      if (store instanceof Response) return store;
      forgetStore(call.state, store.id);
      call.state.vectorStores.delete(store.id);
      return call.complete({ id: store.id, object: 'vector_store.deleted', deleted: true });
    },
  },
  'vectorStores.search': { respond: search },
};
