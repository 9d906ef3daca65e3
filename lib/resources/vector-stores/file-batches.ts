import type { VectorStoreFile } from 'openai/resources/vector-stores/files';
import type { VectorStoreFileBatch } from 'openai/resources/vector-stores/file-batches';
import { apiError, invalidRequest } from '../../errors.js';
import { nowSeconds } from '../../internal/clock.js';
import { newId } from '../../internal/ids.js';
import { isPlainObject, type JsonObject } from '../../internal/merge.js';
import { listParams, requireBody } from '../../internal/validate.js';
import type { Behaviours, CallContext } from '../behaviour.js';
import { pollable, pollableFound } from '../lifecycle.js';
import { attach, batchMembers, batchStatus, cancelFile, noCounts, touch } from './books.js';
import { checkAttributes, statusFilter } from './files.js';
import { chunkingOf, foundStore, missingFile } from './vector-stores.js';
import type { FileChunkingStrategy } from 'openai/resources/vector-stores/vector-stores';

interface BatchEntry {
  fileId: string;
  attributes: VectorStoreFile['attributes'] | undefined;
  chunking: FileChunkingStrategy;
}

/** The files a batch request names (`file_ids` with shared settings, or `files` each with its own), or its 400/404. */
function entriesOf(call: CallContext, body: JsonObject): BatchEntry[] | Response {
  const fileIds = body['file_ids'];
  const files = body['files'];
  if (fileIds !== undefined && files !== undefined) {
    return invalidRequest("'file_ids' and 'files' are mutually exclusive: give one of them.", 'files');
  }
  if (fileIds === undefined && files === undefined) {
    return invalidRequest("Missing required parameter: one of 'file_ids' or 'files'.", 'file_ids', 'missing_required_parameter');
  }
  const badAttributes = checkAttributes(body['attributes']);
  if (badAttributes) return badAttributes;
  const chunking = chunkingOf(body['chunking_strategy']);
  if (chunking instanceof Response) return chunking;
  if (fileIds !== undefined) {
    if (!Array.isArray(fileIds) || fileIds.length === 0 || fileIds.length > 2000) {
      return invalidRequest("Invalid 'file_ids': expected an array of 1 to 2000 file ids.", 'file_ids');
    }
    const missing = missingFile(call, fileIds, 'file_ids');
    if (missing) return missing;
    return (fileIds as string[]).map((fileId) => ({
      fileId,
      attributes: body['attributes'] as VectorStoreFile['attributes'] | undefined,
      chunking,
    }));
  }
  if (!Array.isArray(files) || files.length === 0 || files.length > 2000) {
    return invalidRequest("Invalid 'files': expected an array of 1 to 2000 files.", 'files');
  }
  const entries: BatchEntry[] = [];
  for (const [at, file] of files.entries()) {
    if (!isPlainObject(file) || typeof file['file_id'] !== 'string') {
      return invalidRequest(`Invalid 'files[${at}]': expected an object with a 'file_id'.`, `files[${at}].file_id`);
    }
    const missing = missingFile(call, [file['file_id']], `files[${at}].file_id`);
    if (missing) return missing;
    const attributes = checkAttributes(file['attributes'], `files[${at}].attributes`);
    if (attributes) return attributes;
    const own = file['chunking_strategy'] === undefined ? chunking : chunkingOf(file['chunking_strategy']);
    if (own instanceof Response) return own;
    entries.push({ fileId: file['file_id'], attributes: file['attributes'] as VectorStoreFile['attributes'] | undefined, chunking: own });
  }
  return entries;
}

function create(call: CallContext): VectorStoreFileBatch | Response {
  const store = foundStore(call);
  if (store instanceof Response) return store;
  const body = requireBody(call.body);
  if (body instanceof Response) return body;
  const entries = entriesOf(call, body);
  if (entries instanceof Response) return entries;
  const batches = call.state.vectorStores.fileBatches.of(store.id);
  const batch = batches.put({
    id: newId('vsfb_'),
    object: 'vector_store.files_batch',
    created_at: nowSeconds(),
    vector_store_id: store.id,
    status: 'in_progress',
    file_counts: noCounts(),
  });
  for (const entry of entries) {
    attach(call.state, store.id, { fileId: entry.fileId, attributes: entry.attributes, chunking_strategy: entry.chunking, batchId: batch.id });
  }
  const current = batches.get(batch.id) ?? batch;
  const settled = batches.put({ ...current, status: batchStatus(current.status, current.file_counts) });
  return batches.put(call.complete(settled));
}

function found(call: CallContext, read = true): VectorStoreFileBatch | Response {
  const store = foundStore(call);
  if (store instanceof Response) return store;
  if (read) touch(call.state, store.id);
  const batchId = call.params['batch_id'] ?? '';
  return (
    call.state.vectorStores.fileBatches.of(store.id).get(batchId) ??
    apiError(404, `No file batch found with id '${batchId}' in vector store '${store.id}'.`, { param: 'batch_id' })
  );
}

/** `client.vectorStores.fileBatches.*`: many files attached at once, counted and polled together, cancellable. */
export const fileBatchRoutes: Behaviours = {
  'vectorStores.fileBatches.create': { respond: (call) => pollable(create(call)) },
  'vectorStores.fileBatches.retrieve': { respond: (call) => pollableFound(call, found(call)) },
  'vectorStores.fileBatches.cancel': {
    respond(call) {
      const batch = found(call, false);
      if (batch instanceof Response) return batch;
      if (batch.status !== 'in_progress') {
        return invalidRequest(`Cannot cancel a file batch with status '${batch.status}': only batches in progress can be cancelled.`, 'batch_id');
      }
      const files = call.state.vectorStores.files.of(batch.vector_store_id);
      for (const member of batchMembers(call.state, batch.vector_store_id, batch).values()) {
        const file = files.get(member.id);
        if (file) cancelFile(call.state, file);
      }
      const batches = call.state.vectorStores.fileBatches.of(batch.vector_store_id);
      const current = batches.get(batch.id) ?? batch;
      const cancelled = batches.put({ ...current, status: 'cancelled' });
      return call.complete(cancelled);
    },
  },
  'vectorStores.fileBatches.listFiles': {
    respond(call) {
      const batch = found(call);
      if (batch instanceof Response) return batch;
      const filter = statusFilter(call);
      if (filter instanceof Response) return filter;
      const files = call.state.vectorStores.files.of(batch.vector_store_id);
      const members = batchMembers(call.state, batch.vector_store_id, batch);
      const page = members.list(listParams(call.query), filter && ((member) => {
        const file = files.get(member.id);
        return file !== undefined && filter(file);
      }));
      const data = page.data.map((member) => files.get(member.id)).filter((file): file is VectorStoreFile => file !== undefined);
      return call.complete({ ...page, data });
    },
  },
};
