import type { FileChunkingStrategy, VectorStore } from 'openai/resources/vector-stores/vector-stores';
import { badRequest, noSuch } from '../../errors/api-errors.js';
import { nowSeconds } from '../../internal/clock.js';
import { newId } from '../../internal/ids.js';
import { isPlainObject } from '../../internal/merge.js';
import type { RouteModel } from '../../catalog/route-types.js';
import { type Call, type CallContext, type CallWith, defineBehaviours, deleteFrom, found, listPage, requiredBody } from '../kit/index.js';
import { attach, defaultChunking, forgetStore, noCounts, touch } from './books.js';
import { searchStore } from './search.js';

/** The chunking a request asks for (`auto` or none: 800/400); the 400 the API answers for a bad one is thrown. */
export function chunkingOf(param: unknown): FileChunkingStrategy {
  if (param === undefined || param === null) return defaultChunking();
  if (!isPlainObject(param)) throw badRequest("Invalid 'chunking_strategy': expected an object.", 'chunking_strategy');
  if (param['type'] === 'auto') return defaultChunking();
  const size = param['static'];
  if (param['type'] !== 'static' || !isPlainObject(size)) {
    throw badRequest("Invalid 'chunking_strategy': expected type 'auto' or 'static' with a 'static' object.", 'chunking_strategy.type');
  }
  const max = size['max_chunk_size_tokens'];
  const overlap = size['chunk_overlap_tokens'];
  if (typeof max !== 'number' || !Number.isInteger(max) || max < 100 || max > 4096) {
    throw badRequest("Invalid 'chunking_strategy.static.max_chunk_size_tokens': expected an integer between 100 and 4096.", 'chunking_strategy.static.max_chunk_size_tokens');
  }
  if (typeof overlap !== 'number' || !Number.isInteger(overlap) || overlap < 0 || overlap > max / 2) {
    throw badRequest("Invalid 'chunking_strategy.static.chunk_overlap_tokens': expected an integer from 0 to half of max_chunk_size_tokens.", 'chunking_strategy.static.chunk_overlap_tokens');
  }
  return { type: 'static', static: { max_chunk_size_tokens: max, chunk_overlap_tokens: overlap } };
}

/** The vector store a call names, or its 404 thrown. */
export function foundStore(call: CallWith<{ vector_store_id: string }>): VectorStore {
  return found(call.state.vectorStores, 'vector store', call.params.vector_store_id, { param: 'vector_store_id' });
}

/** Checks that every one of these ids names a stored file: the 404 for the first that does not is thrown. */
export function requireFiles(call: CallContext, fileIds: readonly unknown[], param: string): asserts fileIds is readonly string[] {
  for (const id of fileIds) {
    if (typeof id !== 'string') throw badRequest(`Invalid '${param}': expected an array of file ids.`, param);
    if (!call.state.files.has(id)) throw noSuch('file', id, { param });
  }
}

function expiresAt(expiresAfter: unknown, from: number): number | null {
  if (!isPlainObject(expiresAfter) || typeof expiresAfter['days'] !== 'number') return null;
  return from + expiresAfter['days'] * 86_400;
}

function checkExpiresAfter(value: unknown): void {
  if (value === undefined || value === null) return;
  const days = isPlainObject(value) ? value['days'] : undefined;
  if (!isPlainObject(value) || value['anchor'] !== 'last_active_at' || typeof days !== 'number' || !Number.isInteger(days) || days < 1 || days > 365) {
    throw badRequest("Invalid 'expires_after': expected { anchor: 'last_active_at', days: 1..365 }.", 'expires_after');
  }
}

function create(call: Call<'vectorStores.create'>): VectorStore {
  const body = requiredBody(call, [], true);
  const fileIds: unknown = body['file_ids'] ?? [];
  if (!Array.isArray(fileIds)) throw badRequest("Invalid 'file_ids': expected an array of file ids.", 'file_ids');
  requireFiles(call, fileIds, 'file_ids');
  const chunking = chunkingOf(body['chunking_strategy']);
  checkExpiresAfter(body['expires_after']);
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
  for (const fileId of fileIds) attach(call.state, store.id, { fileId, chunking_strategy: chunking });
  return call.state.vectorStores.get(store.id) ?? store;
}

function update(call: Call<'vectorStores.update'>): VectorStore {
  const store = foundStore(call);
  const body = requiredBody(call, [], true);
  checkExpiresAfter(body['expires_after']);
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

function search(call: Call<'vectorStores.search'>): RouteModel<'vectorStores.search'> {
  const store = foundStore(call);
  const params = requiredBody(call, ['query']);
  const query: unknown = params.query;
  if (typeof query !== 'string' && !(Array.isArray(query) && query.every((part) => typeof part === 'string'))) {
    throw badRequest("Invalid 'query': expected a string or an array of strings.", 'query');
  }
  const maxResults = params.max_num_results ?? 10;
  if (!Number.isInteger(maxResults) || maxResults < 1 || maxResults > 50) {
    throw badRequest(`Invalid 'max_num_results': expected an integer between 1 and 50, got ${String(maxResults)}.`, 'max_num_results');
  }
  const threshold = params.ranking_options?.score_threshold ?? 0;
  if (typeof threshold !== 'number' || threshold < 0 || threshold > 1) {
    throw badRequest("Invalid 'ranking_options.score_threshold': expected a number between 0 and 1.", 'ranking_options.score_threshold');
  }
  touch(call.state, store.id);
  const data = searchStore(call.state, store.id, { query, maxResults, filter: params.filters, scoreThreshold: threshold });
  const page = call.complete({
    object: 'vector_store.search_results.page',
    search_query: typeof query === 'string' ? [query] : [...query],
    data,
    has_more: false,
    next_page: null,
  });
  // The SDK reads this page with its plain `Page`, whose type says `object: 'list'`; the API sends this object.
  return page as unknown as RouteModel<'vectorStores.search'>;
}

/** `client.vectorStores.*`: create (with `file_ids`), retrieve, update (stored), list, delete, search. */
export const vectorStoreRoutes = defineBehaviours({
  'vectorStores.create': { poll: true, respond: create },
  'vectorStores.retrieve': {
    poll: true,
    respond(call) {
      const store = foundStore(call);
      touch(call.state, store.id);
      return call.complete(call.state.vectorStores.get(store.id) ?? store);
    },
  },
  'vectorStores.update': { respond: update },
  'vectorStores.list': { respond: (call) => listPage(call, call.state.vectorStores) },
  'vectorStores.delete': {
    respond(call) {
      const store = foundStore(call);
      forgetStore(call.state, store.id);
      return deleteFrom(call, call.state.vectorStores, 'vector store', store.id, 'vector_store.deleted');
    },
  },
  'vectorStores.search': { respond: search },
});
