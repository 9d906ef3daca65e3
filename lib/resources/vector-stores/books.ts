import type { FileChunkingStrategy } from 'openai/resources/vector-stores/vector-stores';
import type { VectorStoreFile } from 'openai/resources/vector-stores/files';
import type { VectorStoreFileBatch } from 'openai/resources/vector-stores/file-batches';
import type { VectorStore } from 'openai/resources/vector-stores/vector-stores';
import { nowSeconds } from '../../internal/clock.js';
import { bookkeeping } from '../../state/bookkeeping.js';
import { ChildStores } from '../../state/resource-store.js';
import type { StateStore } from '../../state/state-store.js';
import { lifecycle, stepsOf } from '../lifecycle.js';
import { fileIndex } from './search.js';

/** A vector-store file's status. */
export type FileStatus = VectorStoreFile['status'];

/** `file_counts` of a vector store or a file batch. */
export type FileCounts = VectorStore.FileCounts;

/** The extensions `file_search` parses; a file with another extension fails with `unsupported_file`. */
const supportedExtensions = new Set([
  'c', 'cpp', 'cs', 'css', 'csv', 'doc', 'docx', 'go', 'html', 'java', 'js', 'json', 'jsonl', 'md', 'pdf', 'php',
  'pptx', 'py', 'rb', 'sh', 'tex', 'ts', 'txt', 'xml', 'yaml', 'yml',
]);

/** The bookkeeping beside the vector-store objects: which stores hold a file, what is still processing, batches. */
interface Books {
  /** The vector stores each file is attached to, by file id. */
  readonly storesOfFile: Map<string, Set<string>>;
  /** Per vector store: the files still `in_progress` and how many reads they have left. */
  readonly pending: Map<string, Map<string, number>>;
  /** The file batch a vector-store file came in with, by `vectorStoreId/fileId`. */
  readonly batchOf: Map<string, string>;
  /** The members of each file batch (ids only), by `vectorStoreId/batchId`, in the order they were added. */
  readonly members: ChildStores<{ id: string }>;
}

/** The bookkeeping of a state. */
export const books = bookkeeping<Books>('vectorStores.books', () => ({
  storesOfFile: new Map<string, Set<string>>(),
  pending: new Map<string, Map<string, number>>(),
  batchOf: new Map<string, string>(),
  members: new ChildStores<{ id: string }>({ defaultOrder: 'desc' }),
}));

/** A key for a child of a vector store. */
export function childKey(vectorStoreId: string, childId: string): string {
  return `${vectorStoreId}/${childId}`;
}

/** Counts with nothing in them. */
export function noCounts(): FileCounts {
  return { in_progress: 0, completed: 0, failed: 0, cancelled: 0, total: 0 };
}

function moved(counts: FileCounts, from: FileStatus | null, to: FileStatus | null): FileCounts {
  const next = { ...counts };
  if (from !== null) {
    next[from] -= 1;
    next.total -= 1;
  }
  if (to !== null) {
    next[to] += 1;
    next.total += 1;
  }
  return next;
}

/** Moves one file between statuses in its store's `file_counts` and `usage_bytes` (completed files count). */
function shiftStore(state: StateStore, file: VectorStoreFile, from: FileStatus | null, to: FileStatus | null): void {
  const store = state.vectorStores.get(file.vector_store_id);
  if (!store) return;
  const file_counts = moved(store.file_counts, from, to);
  const usage_bytes =
    store.usage_bytes - (from === 'completed' ? file.usage_bytes : 0) + (to === 'completed' ? file.usage_bytes : 0);
  const status: VectorStore['status'] = store.status === 'expired' ? 'expired' : file_counts.in_progress > 0 ? 'in_progress' : 'completed';
  state.vectorStores.put({ ...store, file_counts, usage_bytes, status });
}

/** A batch's status from its counts: processing while any file is, then done (`failed` if every file failed). */
export function batchStatus(current: VectorStoreFileBatch['status'], counts: FileCounts): VectorStoreFileBatch['status'] {
  if (current === 'cancelled') return current;
  if (counts.in_progress > 0) return 'in_progress';
  return counts.total > 0 && counts.failed === counts.total ? 'failed' : 'completed';
}

/** Moves one file between statuses in its file batch's `file_counts`; a batch with nothing left processing is done. */
function shiftBatch(state: StateStore, file: VectorStoreFile, from: FileStatus | null, to: FileStatus | null): void {
  const batchId = books(state).batchOf.get(childKey(file.vector_store_id, file.id));
  if (batchId === undefined) return;
  const batches = state.vectorStores.fileBatches.of(file.vector_store_id);
  const batch = batches.get(batchId);
  if (!batch) return;
  const file_counts = moved(batch.file_counts, from, to);
  batches.put({ ...batch, file_counts, status: batchStatus(batch.status, file_counts) });
}

/** Stores a vector-store file in a new status, keeping the store's and the batch's counts true. */
export function setStatus(state: StateStore, file: VectorStoreFile, to: FileStatus, changes: Partial<VectorStoreFile> = {}): VectorStoreFile {
  const next: VectorStoreFile = { ...file, ...changes, status: to };
  state.vectorStores.files.of(file.vector_store_id).put(next);
  if (file.status !== to || file.usage_bytes !== next.usage_bytes) {
    shiftStore(state, file, file.status, null);
    shiftStore(state, next, null, to);
    shiftBatch(state, file, file.status, to);
  }
  return next;
}

/** The default chunking: 800-token chunks overlapping by 400, as the API's `auto` strategy. */
export function defaultChunking(): FileChunkingStrategy {
  return { type: 'static', static: { max_chunk_size_tokens: 800, chunk_overlap_tokens: 400 } };
}

/** What a file becomes once processed: `completed` with its size, or `failed` when `file_search` cannot parse it. */
function processed(state: StateStore, file: VectorStoreFile): VectorStoreFile {
  const object = state.files.get(file.id);
  const name = object?.filename ?? '';
  const dot = name.lastIndexOf('.');
  const extension = dot === -1 ? '' : name.slice(dot + 1).toLowerCase();
  if (extension !== '' && !supportedExtensions.has(extension)) {
    return setStatus(state, file, 'failed', {
      usage_bytes: 0,
      last_error: { code: 'unsupported_file', message: `The file type of '${name}' is not supported by file_search.` },
    });
  }
  // Indexed now, as the API indexes a file while it processes it, so no search pays for it.
  fileIndex(state, file.id, file.chunking_strategy);
  return setStatus(state, file, 'completed', { usage_bytes: object?.bytes ?? 0 });
}

/** What attaching a file takes. */
export interface Attachment {
  fileId: string;
  attributes?: VectorStoreFile['attributes'] | undefined;
  chunking_strategy: FileChunkingStrategy;
  batchId?: string | undefined;
}

/**
 * Attaches an existing file to a vector store: a record of the store's own, `in_progress` until its
 * reads run out (see `lifecycle`). A file already attached keeps its record.
 */
export function attach(state: StateStore, vectorStoreId: string, attachment: Attachment): VectorStoreFile {
  const files = state.vectorStores.files.of(vectorStoreId);
  const existing = files.get(attachment.fileId);
  if (existing) {
    if (attachment.batchId !== undefined) joinBatch(state, existing, attachment.batchId);
    return existing;
  }
  const record: VectorStoreFile = {
    id: attachment.fileId,
    object: 'vector_store.file',
    created_at: nowSeconds(),
    vector_store_id: vectorStoreId,
    status: 'in_progress',
    usage_bytes: 0,
    last_error: null,
    attributes: attachment.attributes ?? {},
    chunking_strategy: attachment.chunking_strategy,
  };
  const book = books(state);
  files.put(record);
  let stores = book.storesOfFile.get(record.id);
  if (!stores) book.storesOfFile.set(record.id, (stores = new Set()));
  stores.add(vectorStoreId);
  if (attachment.batchId !== undefined) {
    book.batchOf.set(childKey(vectorStoreId, record.id), attachment.batchId);
    book.members.of(childKey(vectorStoreId, attachment.batchId)).put({ id: record.id });
  }
  shiftStore(state, record, null, 'in_progress');
  shiftBatch(state, record, null, 'in_progress');
  const reads = stepsOf(lifecycle(state).vectorStoreFiles.readsToComplete);
  if (reads === 0) return processed(state, record);
  let pending = book.pending.get(vectorStoreId);
  if (!pending) book.pending.set(vectorStoreId, (pending = new Map()));
  pending.set(record.id, reads);
  return record;
}

/** Moves a file already in a store into a (new) file batch, out of the batch it came with. */
function joinBatch(state: StateStore, file: VectorStoreFile, batchId: string): void {
  const book = books(state);
  const key = childKey(file.vector_store_id, file.id);
  const previous = book.batchOf.get(key);
  if (previous === batchId) return;
  if (previous !== undefined) {
    shiftBatch(state, file, file.status, null);
    book.members.of(childKey(file.vector_store_id, previous)).delete(file.id);
  }
  book.batchOf.set(key, batchId);
  book.members.of(childKey(file.vector_store_id, batchId)).put({ id: file.id });
  shiftBatch(state, file, null, file.status);
}

/** One read of a vector store: its processing files move one read on, and it was active now. */
export function touch(state: StateStore, vectorStoreId: string): void {
  const store = state.vectorStores.get(vectorStoreId);
  if (!store) return;
  state.vectorStores.put({ ...store, last_active_at: nowSeconds() });
  const pending = books(state).pending.get(vectorStoreId);
  if (!pending) return;
  const files = state.vectorStores.files.of(vectorStoreId);
  for (const [fileId, left] of [...pending]) {
    if (left > 1) {
      pending.set(fileId, left - 1);
      continue;
    }
    pending.delete(fileId);
    const file = files.get(fileId);
    if (file?.status === 'in_progress') processed(state, file);
  }
  if (pending.size === 0) books(state).pending.delete(vectorStoreId);
}

/** Stops processing a file (a cancelled batch): `cancelled`, counted as such. */
export function cancelFile(state: StateStore, file: VectorStoreFile): void {
  books(state).pending.get(file.vector_store_id)?.delete(file.id);
  if (file.status === 'in_progress') setStatus(state, file, 'cancelled');
}

/** Removes a file from one vector store, keeping its counts and its batch's true. */
export function detach(state: StateStore, vectorStoreId: string, fileId: string): boolean {
  const files = state.vectorStores.files.of(vectorStoreId);
  const file = files.get(fileId);
  if (!file) return false;
  shiftStore(state, file, file.status, null);
  shiftBatch(state, file, file.status, null);
  files.delete(fileId);
  const book = books(state);
  book.pending.get(vectorStoreId)?.delete(fileId);
  book.storesOfFile.get(fileId)?.delete(vectorStoreId);
  const key = childKey(vectorStoreId, fileId);
  const batchId = book.batchOf.get(key);
  if (batchId !== undefined) {
    book.members.of(childKey(vectorStoreId, batchId)).delete(fileId);
    book.batchOf.delete(key);
  }
  return true;
}

/** Removes a deleted file from every vector store that holds it. */
export function detachEverywhere(state: StateStore, fileId: string): void {
  const stores = books(state).storesOfFile.get(fileId);
  if (!stores) return;
  for (const vectorStoreId of [...stores]) detach(state, vectorStoreId, fileId);
  books(state).storesOfFile.delete(fileId);
}

/** Forgets the bookkeeping of a deleted vector store (its files and batches go with it). */
export function forgetStore(state: StateStore, vectorStoreId: string): void {
  const book = books(state);
  for (const file of state.vectorStores.files.of(vectorStoreId).values()) {
    book.storesOfFile.get(file.id)?.delete(vectorStoreId);
    book.batchOf.delete(childKey(vectorStoreId, file.id));
  }
  for (const batch of state.vectorStores.fileBatches.of(vectorStoreId).values()) {
    book.members.deleteParent(childKey(vectorStoreId, batch.id));
  }
  book.pending.delete(vectorStoreId);
}

/** The members of a file batch as their current records, for listing. */
export function batchMembers(state: StateStore, vectorStoreId: string, batch: VectorStoreFileBatch): ReturnType<Books['members']['of']> {
  return books(state).members.of(childKey(vectorStoreId, batch.id));
}

/** The file batches' members (file ids), by `vectorStoreId/batchId`: what a snapshot keeps to resume them. */
export function batchMembership(state: StateStore): Record<string, string[]> {
  const out: Record<string, string[]> = {};
  for (const [key, batchId] of books(state).batchOf) {
    const vectorStoreId = key.slice(0, key.indexOf('/'));
    (out[childKey(vectorStoreId, batchId)] ??= []).push(key.slice(key.indexOf('/') + 1));
  }
  return out;
}

/**
 * Rebuilds the bookkeeping of restored vector stores from their objects (and the batches' members a snapshot
 * kept), so they move on from where they stand: a file `in_progress` processes over the next reads, as a new one.
 */
export function resumeVectorStores(state: StateStore, membership: Record<string, unknown> = {}): void {
  const book = books(state);
  const reads = stepsOf(lifecycle(state).vectorStoreFiles.readsToComplete);
  for (const [key, members] of Object.entries(membership)) {
    const slash = key.indexOf('/');
    if (slash < 0 || !Array.isArray(members)) continue;
    const vectorStoreId = key.slice(0, slash);
    const batchId = key.slice(slash + 1);
    if (!state.vectorStores.fileBatches.of(vectorStoreId).has(batchId)) continue;
    for (const fileId of members) {
      if (typeof fileId !== 'string' || !state.vectorStores.files.of(vectorStoreId).has(fileId)) continue;
      book.batchOf.set(childKey(vectorStoreId, fileId), batchId);
      book.members.of(key).put({ id: fileId });
    }
  }
  for (const store of state.vectorStores.values()) {
    for (const file of state.vectorStores.files.of(store.id).values()) {
      let stores = book.storesOfFile.get(file.id);
      if (!stores) book.storesOfFile.set(file.id, (stores = new Set()));
      stores.add(store.id);
      if (file.status !== 'in_progress') continue;
      if (reads === 0) {
        processed(state, file);
        continue;
      }
      let pending = book.pending.get(store.id);
      if (!pending) book.pending.set(store.id, (pending = new Map()));
      pending.set(file.id, reads);
    }
  }
}
