import type { VectorStoreFile } from 'openai/resources/vector-stores/files';
import type { VectorStoreFileBatch } from 'openai/resources/vector-stores/file-batches';
import { badRequest } from '../../errors/api-errors.js';
import { nowSeconds } from '../../internal/clock.js';
import { newId } from '../../internal/ids.js';
import { isPlainObject, type JsonObject } from '../../internal/merge.js';
import { listParams } from '../../internal/validate.js';
import { type Call, type CallContext, type CallWith, defineBehaviours, found, requiredBody } from '../kit/index.js';
import { attach, batchMembers, batchStatus, cancelFile, noCounts, touch } from './books.js';
import { checkAttributes, statusFilter } from './files.js';
import { chunkingOf, foundStore, requireFiles } from './vector-stores.js';
import type { FileChunkingStrategy } from 'openai/resources/vector-stores/vector-stores';

interface BatchEntry {
  fileId: string;
  attributes: VectorStoreFile['attributes'] | undefined;
  chunking: FileChunkingStrategy;
}

/** The files a batch request names (`file_ids` with shared settings, or `files` each with its own); a 400/404 is thrown. */
function entriesOf(call: CallContext, body: JsonObject): BatchEntry[] {
  const fileIds = body['file_ids'];
  const files = body['files'];
  if (fileIds !== undefined && files !== undefined) {
    throw badRequest("'file_ids' and 'files' are mutually exclusive: give one of them.", 'files');
  }
  if (fileIds === undefined && files === undefined) {
    throw badRequest("Missing required parameter: one of 'file_ids' or 'files'.", 'file_ids', 'missing_required_parameter');
  }
  checkAttributes(body['attributes']);
  const chunking = chunkingOf(body['chunking_strategy']);
  if (fileIds !== undefined) {
    if (!Array.isArray(fileIds) || fileIds.length === 0 || fileIds.length > 2000) {
      throw badRequest("Invalid 'file_ids': expected an array of 1 to 2000 file ids.", 'file_ids');
    }
    requireFiles(call, fileIds, 'file_ids');
    return fileIds.map((fileId) => ({
      fileId,
      attributes: body['attributes'] as VectorStoreFile['attributes'] | undefined,
      chunking,
    }));
  }
  if (!Array.isArray(files) || files.length === 0 || files.length > 2000) {
    throw badRequest("Invalid 'files': expected an array of 1 to 2000 files.", 'files');
  }
  const entries: BatchEntry[] = [];
  for (const [at, file] of files.entries()) {
    if (!isPlainObject(file) || typeof file['file_id'] !== 'string') {
      throw badRequest(`Invalid 'files[${at}]': expected an object with a 'file_id'.`, `files[${at}].file_id`);
    }
    requireFiles(call, [file['file_id']], `files[${at}].file_id`);
    checkAttributes(file['attributes'], `files[${at}].attributes`);
    const own = file['chunking_strategy'] === undefined ? chunking : chunkingOf(file['chunking_strategy']);
    entries.push({ fileId: file['file_id'], attributes: file['attributes'] as VectorStoreFile['attributes'] | undefined, chunking: own });
  }
  return entries;
}

function create(call: Call<'vectorStores.fileBatches.create'>): VectorStoreFileBatch {
  const store = foundStore(call);
  const entries = entriesOf(call, requiredBody(call));
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

/** The file batch a call names (after one read of its store), or the 404 for it or its store thrown. */
function foundBatch(call: CallWith<{ vector_store_id: string; batch_id: string }>, read = true): VectorStoreFileBatch {
  const store = foundStore(call);
  if (read) touch(call.state, store.id);
  const batches = call.state.vectorStores.fileBatches.of(store.id);
  return found(batches, 'vector store file batch', call.params.batch_id, { param: 'batch_id', parentId: store.id });
}

/** `client.vectorStores.fileBatches.*`: many files attached at once, counted and polled together, cancellable. */
export const fileBatchRoutes = defineBehaviours({
  'vectorStores.fileBatches.create': { poll: true, respond: create },
  'vectorStores.fileBatches.retrieve': { poll: true, respond: (call) => call.complete(foundBatch(call)) },
  'vectorStores.fileBatches.cancel': {
    respond(call) {
      const batch = foundBatch(call, false);
      if (batch.status !== 'in_progress') {
        return badRequest(`Cannot cancel a file batch with status '${batch.status}': only batches in progress can be cancelled.`, 'batch_id');
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
      const batch = foundBatch(call);
      const filter = statusFilter(call);
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
});
