import type { VectorStoreFile } from 'openai/resources/vector-stores/files';
import { apiError, invalidRequest } from '../../errors.js';
import { isPlainObject } from '../../internal/merge.js';
import { listParams, requireBody } from '../../internal/validate.js';
import type { StateStore } from '../../state/state-store.js';
import type { Behaviours, CallContext } from '../behaviour.js';
import { pollable, pollableFound } from '../lifecycle.js';
import { attach, detach, touch } from './books.js';
import { fileText } from './search.js';
import { chunkingOf, foundStore, missingFile } from './vector-stores.js';

const fileStatuses = ['in_progress', 'completed', 'failed', 'cancelled'];

/** The `filter` of a vector-store file listing, or the 400 for an unknown status. */
export function statusFilter(call: CallContext): ((file: VectorStoreFile) => boolean) | undefined | Response {
  const filter = call.query.get('filter');
  if (filter === null) return undefined;
  if (!fileStatuses.includes(filter)) {
    return invalidRequest(`Invalid 'filter': expected one of ${fileStatuses.map((s) => `'${s}'`).join(', ')}, got '${filter}'.`, 'filter');
  }
  return (file) => file.status === filter;
}

/** File `attributes` as a request gives them: at most 16 keys of strings (512 chars), numbers or booleans. */
export function checkAttributes(value: unknown, param = 'attributes'): Response | undefined {
  if (value === undefined || value === null) return undefined;
  if (!isPlainObject(value)) return invalidRequest(`Invalid '${param}': expected an object.`, param);
  const entries = Object.entries(value);
  if (entries.length > 16) return invalidRequest(`Invalid '${param}': at most 16 keys.`, param);
  for (const [key, item] of entries) {
    const ok = typeof item === 'number' || typeof item === 'boolean' || (typeof item === 'string' && item.length <= 512);
    if (key.length > 64 || !ok) return invalidRequest(`Invalid '${param}.${key}': expected a string (up to 512 characters), a number or a boolean.`, `${param}.${key}`);
  }
  return undefined;
}

function vectorStoreFileNotFound(fileId: string, vectorStoreId: string): Response {
  return apiError(404, `No file found with id '${fileId}' in vector store '${vectorStoreId}'.`, { param: 'file_id' });
}

/** The vector-store file a call names (after one read of its store), or the 404 for it or its store. */
function foundFile(call: CallContext, read = true): VectorStoreFile | Response {
  const store = foundStore(call);
  if (store instanceof Response) return store;
  const fileId = call.params['file_id'] ?? '';
  if (read) touch(call.state, store.id);
  return call.state.vectorStores.files.of(store.id).get(fileId) ?? vectorStoreFileNotFound(fileId, store.id);
}

function create(call: CallContext): VectorStoreFile | Response {
  const store = foundStore(call);
  if (store instanceof Response) return store;
  const body = requireBody(call.body, ['file_id']);
  if (body instanceof Response) return body;
  const missing = missingFile(call, [body['file_id']], 'file_id');
  if (missing) return missing;
  const badAttributes = checkAttributes(body['attributes']);
  if (badAttributes) return badAttributes;
  const chunking = chunkingOf(body['chunking_strategy']);
  if (chunking instanceof Response) return chunking;
  const record = attach(call.state, store.id, {
    fileId: body['file_id'] as string,
    attributes: body['attributes'] as VectorStoreFile['attributes'] | undefined,
    chunking_strategy: chunking,
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
export const vectorStoreFileRoutes: Behaviours = {
  'vectorStores.files.create': { respond: (call) => pollable(create(call)) },
  'vectorStores.files.retrieve': { respond: (call) => pollableFound(call, foundFile(call)) },
  'vectorStores.files.update': {
    respond(call) {
      const body = requireBody(call.body);
      if (body instanceof Response) return body;
      if (!('attributes' in body)) return invalidRequest("Missing required parameter: 'attributes'.", 'attributes', 'missing_required_parameter');
      const badAttributes = checkAttributes(body['attributes']);
      if (badAttributes) return badAttributes;
      const file = foundFile(call);
      if (file instanceof Response) return file;
      const next = { ...file, attributes: (body['attributes'] as VectorStoreFile['attributes']) ?? null };
      return keep(call.state, call.complete(next));
    },
  },
  'vectorStores.files.list': {
    respond(call) {
      const store = foundStore(call);
      if (store instanceof Response) return store;
      const filter = statusFilter(call);
      if (filter instanceof Response) return filter;
      touch(call.state, store.id);
      const page = call.state.vectorStores.files.of(store.id).list(listParams(call.query), filter);
      return call.complete(page);
    },
  },
  'vectorStores.files.delete': {
    respond(call) {
      const file = foundFile(call, false);
      if (file instanceof Response) return file;
      detach(call.state, file.vector_store_id, file.id);
      return call.complete({ id: file.id, object: 'vector_store.file.deleted', deleted: true });
    },
  },
  'vectorStores.files.content': {
    respond(call) {
      const file = foundFile(call);
      if (file instanceof Response) return file;
      const text = file.status === 'completed' ? fileText(call.state, file.id) : '';
      return call.complete({
        object: 'vector_store.file_content.page',
        data: text === '' ? [] : [{ type: 'text', text }],
        has_more: false,
        next_page: null,
      });
    },
  },
};
