import type { VectorStoreFile } from 'openai/resources/vector-stores/files';
import type { RouteModel } from '../../catalog/route-types.js';
import { badRequest } from '../../errors/api-errors.js';
import { isPlainObject } from '../../internal/merge.js';
import type { StateStore } from '../../state/state-store.js';
import { type Call, type CallContext, type CallWith, defineBehaviours, found, listPage, missingParameter, requiredBody } from '../kit/index.js';
import { attach, detach, touch } from './books.js';
import { fileText } from './search.js';
import { chunkingOf, foundStore, requireFiles } from './vector-stores.js';

const fileStatuses = ['in_progress', 'completed', 'failed', 'cancelled'];

/** The `filter` of a vector-store file listing; the 400 for an unknown status is thrown. */
export function statusFilter(call: CallContext): ((file: VectorStoreFile) => boolean) | undefined {
  const filter = call.query.get('filter');
  if (filter === null) return undefined;
  if (!fileStatuses.includes(filter)) {
    throw badRequest(`Invalid 'filter': expected one of ${fileStatuses.map((s) => `'${s}'`).join(', ')}, got '${filter}'.`, 'filter');
  }
  return (file) => file.status === filter;
}

/** Checks file `attributes` as a request gives them (the 400 thrown): at most 16 keys of strings (512 chars), numbers or booleans. */
export function checkAttributes(value: unknown, param = 'attributes'): void {
  if (value === undefined || value === null) return;
  if (!isPlainObject(value)) throw badRequest(`Invalid '${param}': expected an object.`, param);
  const entries = Object.entries(value);
  if (entries.length > 16) throw badRequest(`Invalid '${param}': at most 16 keys.`, param);
  for (const [key, item] of entries) {
    const ok = typeof item === 'number' || typeof item === 'boolean' || (typeof item === 'string' && item.length <= 512);
    if (key.length > 64 || !ok) throw badRequest(`Invalid '${param}.${key}': expected a string (up to 512 characters), a number or a boolean.`, `${param}.${key}`);
  }
}

/** The vector-store file a call names (after one read of its store), or the 404 for it or its store thrown. */
function foundFile(call: CallWith<{ vector_store_id: string; file_id: string }>, read = true): VectorStoreFile {
  const store = foundStore(call);
  if (read) touch(call.state, store.id);
  const files = call.state.vectorStores.files.of(store.id);
  return found(files, 'vector store file', call.params.file_id, { param: 'file_id', parentId: store.id });
}

function create(call: Call<'vectorStores.files.create'>): VectorStoreFile {
  const store = foundStore(call);
  const body = requiredBody(call, ['file_id']);
  requireFiles(call, [body.file_id], 'file_id');
  checkAttributes(body.attributes);
  const record = attach(call.state, store.id, {
    fileId: body.file_id,
    attributes: body.attributes,
    chunking_strategy: chunkingOf(body.chunking_strategy),
  });
  return keep(call.state, call.complete(record));
}

/** Stores what a user's partial changed of a vector-store file (its status and counts stay the mock's). */
function keep(state: StateStore, file: VectorStoreFile): VectorStoreFile {
  const stored = state.vectorStores.files.of(file.vector_store_id).get(file.id);
  if (!stored) return file;
  state.vectorStores.files.of(file.vector_store_id).put({ ...file, status: stored.status, usage_bytes: stored.usage_bytes });
  return file;
}

/** `client.vectorStores.files.*`: per-store records of files, with status, attributes, listing and parsed content. */
export const vectorStoreFileRoutes = defineBehaviours({
  'vectorStores.files.create': { poll: true, respond: create },
  'vectorStores.files.retrieve': { poll: true, respond: (call) => call.complete(foundFile(call)) },
  'vectorStores.files.update': {
    respond(call) {
      const body = requiredBody(call);
      if (!('attributes' in body)) return missingParameter('attributes');
      checkAttributes(body.attributes);
      const file = foundFile(call);
      return keep(call.state, call.complete({ ...file, attributes: body.attributes ?? null }));
    },
  },
  'vectorStores.files.list': {
    respond(call) {
      const store = foundStore(call);
      const filter = statusFilter(call);
      touch(call.state, store.id);
      return listPage(call, call.state.vectorStores.files.of(store.id), filter && { filter });
    },
  },
  'vectorStores.files.delete': {
    respond(call) {
      const file = foundFile(call, false);
      detach(call.state, file.vector_store_id, file.id);
      return call.complete({ id: file.id, object: 'vector_store.file.deleted', deleted: true });
    },
  },
  'vectorStores.files.content': {
    respond(call) {
      const file = foundFile(call);
      const text = file.status === 'completed' ? fileText(call.state, file.id) : '';
      const page = call.complete({
        object: 'vector_store.file_content.page',
        data: text === '' ? [] : [{ type: 'text', text }],
        has_more: false,
        next_page: null,
      });
      // The SDK reads this page with its plain `Page`, whose type says `object: 'list'`; the API sends this object.
      return page as unknown as RouteModel<'vectorStores.files.content'>;
    },
  },
});
