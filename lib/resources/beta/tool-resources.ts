import type { Assistant } from 'openai/resources/beta/assistants';
import type { VectorStoreFile } from 'openai/resources/vector-stores/files';
import type { VectorStore } from 'openai/resources/vector-stores/vector-stores';
import { badRequest, noSuch } from '../../errors/api-errors.js';
import { nowSeconds } from '../../internal/clock.js';
import { newId } from '../../internal/ids.js';
import { isPlainObject } from '../../internal/merge.js';
import type { StateStore } from '../../state/state-store.js';

/** Tool resources as assistants and threads keep them: file ids and vector store ids. */
export type ToolResources = NonNullable<Assistant['tool_resources']>;

type ChunkingStrategy = NonNullable<VectorStoreFile['chunking_strategy']>;

function stringsAt(value: unknown, key: string): string[] {
  const list: unknown = isPlainObject(value) ? value[key] : undefined;
  return Array.isArray(list) ? list.filter((item): item is string => typeof item === 'string') : [];
}

function chunkingOf(requested: unknown): ChunkingStrategy {
  if (isPlainObject(requested) && requested['type'] === 'static' && isPlainObject(requested['static'])) {
    const { max_chunk_size_tokens: size, chunk_overlap_tokens: overlap } = requested['static'];
    return { type: 'static', static: { max_chunk_size_tokens: Number(size), chunk_overlap_tokens: Number(overlap) } };
  }
  return { type: 'static', static: { max_chunk_size_tokens: 800, chunk_overlap_tokens: 400 } };
}

/** Stores a ready vector store holding `fileIds` (each file indexed, `completed`), as the API builds one inline. */
function createVectorStore(state: StateStore, fileIds: string[], spec: Record<string, unknown>): VectorStore {
  const now = nowSeconds();
  const id = newId('vs_');
  const files = state.vectorStores.files.of(id);
  let bytes = 0;
  for (const fileId of fileIds) {
    const size = state.files.get(fileId)?.bytes ?? 0;
    bytes += size;
    files.put({
      id: fileId,
      object: 'vector_store.file',
      created_at: now,
      vector_store_id: id,
      status: 'completed',
      usage_bytes: size,
      last_error: null,
      attributes: {},
      chunking_strategy: chunkingOf(spec['chunking_strategy']),
    });
  }
  const metadata = isPlainObject(spec['metadata']) ? (spec['metadata'] as Record<string, string>) : {};
  return state.vectorStores.put({
    id,
    object: 'vector_store',
    created_at: now,
    name: '',
    usage_bytes: bytes,
    file_counts: { in_progress: 0, completed: fileIds.length, failed: 0, cancelled: 0, total: fileIds.length },
    status: 'completed',
    last_active_at: now,
    metadata,
    expires_at: null,
  });
}

/**
 * The tool resources a request gives, checked and stored as the API keeps them: `code_interpreter.file_ids`
 * must name stored files, `file_search.vector_store_ids` stored vector stores, and each of
 * `file_search.vector_stores` is created (its files must exist). At most one vector store, as the API allows.
 * `param` is the request field (`tool_resources`, `thread.tool_resources`) named in errors; a bad request is
 * thrown as the refusal the API answers.
 */
export function toolResourcesOf(state: StateStore, requested: unknown, param: string): ToolResources {
  if (requested === undefined || requested === null) return {};
  if (!isPlainObject(requested)) throw badRequest(`Invalid type for '${param}': expected an object.`, param);
  const resources: ToolResources = {};
  const interpreter = requested['code_interpreter'];
  if (interpreter !== undefined) {
    const fileIds = stringsAt(interpreter, 'file_ids');
    const missing = fileIds.find((id) => !state.files.has(id));
    if (missing !== undefined) throw noSuch('file', missing, { param: `${param}.code_interpreter.file_ids` });
    resources.code_interpreter = { file_ids: fileIds };
  }
  const search = requested['file_search'];
  if (search !== undefined) {
    const storeIds = stringsAt(search, 'vector_store_ids');
    const specs: unknown = isPlainObject(search) ? search['vector_stores'] : undefined;
    const toCreate = Array.isArray(specs) ? specs.filter(isPlainObject) : [];
    if (storeIds.length + toCreate.length > 1) {
      throw badRequest(`Invalid '${param}.file_search': at most 1 vector store can be attached, got ${storeIds.length + toCreate.length}.`, `${param}.file_search`);
    }
    const unknownStore = storeIds.find((id) => !state.vectorStores.has(id));
    if (unknownStore !== undefined) throw noSuch('vector store', unknownStore, { param: `${param}.file_search.vector_store_ids` });
    for (const [index, spec] of toCreate.entries()) {
      const missing = stringsAt(spec, 'file_ids').find((id) => !state.files.has(id));
      if (missing !== undefined) throw noSuch('file', missing, { param: `${param}.file_search.vector_stores[${index}].file_ids` });
    }
    const created = toCreate.map((spec) => createVectorStore(state, stringsAt(spec, 'file_ids'), spec).id);
    resources.file_search = { vector_store_ids: [...storeIds, ...created] };
  }
  return resources;
}
