import type { ComparisonFilter, CompoundFilter } from 'openai/resources/shared';
import type { FileChunkingStrategy, VectorStoreSearchResponse } from 'openai/resources/vector-stores/vector-stores';
import type { VectorStoreFile } from 'openai/resources/vector-stores/files';
import { type Refusal, badRequest } from '../../errors/api-errors.js';
import { isPlainObject } from '../../internal/merge.js';
import { bookkeeping } from '../../state/bookkeeping.js';
import type { StateStore } from '../../state/state-store.js';

/** Characters per token, as the mock counts them everywhere. */
const charsPerToken = 4;

const indexCache = new WeakMap<Uint8Array, Map<string, FileIndex>>();

/**
 * Cuts a text into the chunks `file_search` indexes: runs of whole words of at most `max_chunk_size_tokens`
 * tokens (four characters a token), each starting `chunk_overlap_tokens` tokens before the previous one ended.
 * The chunks keep the text exactly as it is (line breaks included).
 */
export function chunkText(text: string, maxTokens: number, overlapTokens: number): string[] {
  const words = [...text.matchAll(/\S+/g)].map((match) => ({ start: match.index, end: match.index + match[0].length }));
  if (words.length === 0) return [];
  const maxChars = Math.max(1, maxTokens) * charsPerToken;
  const overlapChars = Math.max(0, overlapTokens) * charsPerToken;
  const chunks: string[] = [];
  let first = 0;
  for (;;) {
    const begin = words[first]?.start ?? 0;
    let last = first;
    while (last + 1 < words.length && (words[last + 1]?.end ?? 0) - begin <= maxChars) last += 1;
    chunks.push(text.slice(begin, words[last]?.end));
    if (last + 1 >= words.length) break;
    // The next chunk starts at the earliest word within the overlap of this chunk's end, but moves on.
    const end = words[last]?.end ?? 0;
    let next = last + 1;
    while (next - 1 > first && end - (words[next - 1]?.start ?? 0) <= overlapChars) next -= 1;
    first = next;
  }
  return chunks;
}

/** A file's text as `file_search` reads it (UTF-8, invalid bytes replaced). */
export function fileText(state: StateStore, fileId: string): string {
  const bytes = state.files.content.get(fileId);
  return bytes ? new TextDecoder('utf-8', { fatal: false }).decode(bytes) : '';
}

/**
 * A file's chunks as the search reads them, indexed once: each chunk's text, and for each word the chunks it
 * occurs in with how often (its postings, in chunk order). A search then reads the postings of its terms only.
 */
export interface FileIndex {
  readonly chunks: readonly string[];
  /** By word: the chunks it occurs in (index into `chunks`) and how often, in chunk order. */
  readonly postings: ReadonlyMap<string, readonly Posting[]>;
}

/** One word's occurrences in one chunk. */
interface Posting {
  readonly chunk: number;
  readonly count: number;
}

function indexOf(chunks: readonly string[]): FileIndex {
  const postings = new Map<string, Posting[]>();
  chunks.forEach((text, chunk) => {
    const counts = new Map<string, number>();
    for (const word of wordsOf(text)) counts.set(word, (counts.get(word) ?? 0) + 1);
    for (const [word, count] of counts) {
      let list = postings.get(word);
      if (!list) postings.set(word, (list = []));
      list.push({ chunk, count });
    }
  });
  return { chunks, postings };
}

/**
 * A file's index under a chunking strategy: made when the file is attached (see `books.ts`), kept with the
 * content's bytes (so a changed content is indexed afresh) and shared by every store holding the file.
 */
export function fileIndex(state: StateStore, fileId: string, strategy: FileChunkingStrategy | undefined): FileIndex {
  const bytes = state.files.content.get(fileId);
  if (!bytes) return emptyIndex;
  const size = strategy?.type === 'static' ? strategy.static : { max_chunk_size_tokens: 800, chunk_overlap_tokens: 400 };
  const key = `${size.max_chunk_size_tokens}/${size.chunk_overlap_tokens}`;
  let byStrategy = indexCache.get(bytes);
  if (!byStrategy) indexCache.set(bytes, (byStrategy = new Map()));
  let index = byStrategy.get(key);
  if (!index) {
    index = indexOf(chunkText(fileText(state, fileId), size.max_chunk_size_tokens, size.chunk_overlap_tokens));
    byStrategy.set(key, index);
  }
  return index;
}

const emptyIndex: FileIndex = { chunks: [], postings: new Map() };

const stopWords = new Set([
  'a', 'an', 'and', 'are', 'as', 'at', 'be', 'by', 'can', 'do', 'does', 'for', 'from', 'how', 'i', 'in', 'is', 'it',
  'me', 'my', 'of', 'on', 'or', 'our', 'that', 'the', 'this', 'to', 'was', 'we', 'what', 'when', 'where', 'which',
  'who', 'why', 'with', 'you', 'your',
]);

/** The words of a text, lower-cased (letters and digits of any script). */
export function wordsOf(text: string): string[] {
  return text.toLowerCase().match(/[\p{L}\p{N}]+/gu) ?? [];
}

/** The distinct words a query searches for: its words less common stop words (all of them if nothing else is left). */
export function queryTerms(query: string | readonly string[]): string[] {
  const words = [...new Set(wordsOf(typeof query === 'string' ? query : query.join(' ')))];
  const meaningful = words.filter((word) => !stopWords.has(word));
  return meaningful.length > 0 ? meaningful : words;
}

/**
 * How well a chunk answers the query's terms, from 0 to 1: the share of the terms it contains, weighted up
 * by how often they occur (`coverage * (1 - 0.5 / (1 + occurrences))`, rounded to four decimals). A chunk
 * with none of the terms scores 0.
 */
export function score(termCount: number, matched: number, occurrences: number): number {
  if (termCount === 0 || matched === 0) return 0;
  const coverage = matched / termCount;
  return Math.round(coverage * (1 - 0.5 / (1 + occurrences)) * 10_000) / 10_000;
}

/** The 400 for a filter that cannot be read. */
function badFilter(message: string): Refusal {
  return badRequest(message, 'filters');
}

type Attributes = NonNullable<VectorStoreFile['attributes']>;
type Filter = ComparisonFilter | CompoundFilter;


function compare(filter: ComparisonFilter, attributes: Attributes): boolean {
  const actual = attributes[filter.key];
  const wanted = filter.value;
  switch (filter.type) {
    case 'eq':
      return actual === wanted;
    case 'ne':
      return actual !== wanted;
    case 'in':
    case 'nin': {
      if (!Array.isArray(wanted)) throw badFilter(`Invalid filter: '${filter.type}' needs an array value.`);
      const inside = actual !== undefined && (wanted as readonly unknown[]).includes(actual);
      return filter.type === 'in' ? inside : !inside;
    }
    case 'gt':
    case 'gte':
    case 'lt':
    case 'lte': {
      if (actual === undefined || typeof actual === 'boolean' || typeof wanted === 'boolean' || Array.isArray(wanted)) return false;
      if (typeof actual !== typeof wanted) return false;
      const order = actual < wanted ? -1 : actual > wanted ? 1 : 0;
      return filter.type === 'gt' ? order > 0 : filter.type === 'gte' ? order >= 0 : filter.type === 'lt' ? order < 0 : order <= 0;
    }
    default:
      throw badFilter(`Invalid filter type '${String((filter as { type: unknown }).type)}'.`);
  }
}

/** Whether a file's attributes pass a search filter (comparison or compound, nested). */
export function matchesFilter(filter: unknown, attributes: Attributes): boolean {
  if (!isPlainObject(filter) || typeof filter['type'] !== 'string') throw badFilter('Invalid filter: expected an object with a type.');
  const typed = filter as unknown as Filter;
  if (typed.type === 'and' || typed.type === 'or') {
    if (!Array.isArray(typed.filters)) throw badFilter(`Invalid filter: '${typed.type}' needs a 'filters' array.`);
    return typed.type === 'and'
      ? typed.filters.every((inner) => matchesFilter(inner, attributes))
      : typed.filters.some((inner) => matchesFilter(inner, attributes));
  }
  if (typeof filter['key'] !== 'string') throw badFilter("Invalid filter: a comparison needs a 'key'.");
  return compare(typed as ComparisonFilter, attributes);
}

/** What a search asks. */
export interface SearchRequest {
  query: string | readonly string[];
  maxResults: number;
  filter?: unknown;
  scoreThreshold: number;
}

/** A completed file of a store as its index holds it: the record, its chunks, its first chunk's rank. */
interface IndexedFile {
  readonly file: VectorStoreFile;
  readonly index: FileIndex;
  /** The rank of its first chunk among all the store's chunks (files in the order attached, chunks in order). */
  readonly firstRank: number;
}

/**
 * A vector store's search index: its completed files, and by word every chunk of theirs it occurs in, as
 * flat pairs (the chunk's rank, the count). Made from the files' own indexes when a search first needs it,
 * and again only after the store's files change.
 */
interface StoreIndex {
  readonly version: number;
  readonly files: readonly IndexedFile[];
  /** The file (index into `files`) of each chunk, by rank. */
  readonly fileOfChunk: Int32Array;
  readonly postings: ReadonlyMap<string, readonly number[]>;
}

const storeIndexes = bookkeeping('vectorStores.search index', () => new Map<string, StoreIndex>());

function storeIndex(state: StateStore, vectorStoreId: string): StoreIndex {
  const records = state.vectorStores.files.of(vectorStoreId);
  const cached = storeIndexes(state).get(vectorStoreId);
  if (cached && cached.version === records.version) return cached;
  const files: IndexedFile[] = [];
  const postings = new Map<string, number[]>();
  let chunkCount = 0;
  const owners: number[] = [];
  for (const file of records.values()) {
    if (file.status !== 'completed') continue;
    const index = fileIndex(state, file.id, file.chunking_strategy);
    const slot = files.length;
    files.push({ file, index, firstRank: chunkCount });
    for (const [word, list] of index.postings) {
      let all = postings.get(word);
      if (!all) postings.set(word, (all = []));
      for (const { chunk, count } of list) all.push(chunkCount + chunk, count);
    }
    chunkCount += index.chunks.length;
    for (let chunk = 0; chunk < index.chunks.length; chunk++) owners.push(slot);
  }
  const made: StoreIndex = { version: records.version, files, fileOfChunk: Int32Array.from(owners), postings };
  storeIndexes(state).set(vectorStoreId, made);
  return made;
}

/** A chunk among the best so far: where it is, and its score. */
interface Candidate {
  readonly file: IndexedFile;
  readonly chunk: number;
  readonly score: number;
  readonly rank: number;
}

/** Whether candidate `a` goes before `b`: a higher score, or the same score and an earlier chunk. */
function before(a: Candidate, b: Candidate): boolean {
  return a.score > b.score || (a.score === b.score && a.rank < b.rank);
}

/** Keeps a candidate if it is among the best `size` so far, best first. */
function keepBest(best: Candidate[], size: number, candidate: Candidate): void {
  const worst = best[best.length - 1];
  if (best.length === size && worst !== undefined && !before(candidate, worst)) return;
  let at = best.length;
  while (at > 0 && before(candidate, best[at - 1] ?? candidate)) at -= 1;
  best.splice(at, 0, candidate);
  if (best.length > size) best.pop();
}

/**
 * Searches the completed files of a vector store: every chunk containing a query word, best first (ties in
 * the order the files were attached, then the order of the chunks), at most `maxResults`. Reads the store's
 * index (see {@link StoreIndex}): the cost grows with how often the query's words occur, not with the text.
 */
export function searchStore(state: StateStore, vectorStoreId: string, request: SearchRequest): VectorStoreSearchResponse[] {
  const terms = queryTerms(request.query);
  if (terms.length === 0) return [];
  const index = storeIndex(state, vectorStoreId);
  const chunkCount = index.fileOfChunk.length;
  const matched = new Uint16Array(chunkCount);
  const occurrences = new Uint32Array(chunkCount);
  const touched: number[] = [];
  for (const term of terms) {
    const list = index.postings.get(term);
    if (!list) continue;
    for (let at = 0; at < list.length; at += 2) {
      const rank = list[at] ?? 0;
      if (matched[rank] === 0) touched.push(rank);
      matched[rank] = (matched[rank] ?? 0) + 1;
      occurrences[rank] = (occurrences[rank] ?? 0) + (list[at + 1] ?? 0);
    }
  }
  const filter = request.filter ?? undefined;
  // A filter that cannot be read is refused whether or not anything matches.
  if (filter !== undefined) matchesFilter(filter, {});
  const passes = new Map<number, boolean>();
  const best: Candidate[] = [];
  for (const rank of touched) {
    const value = score(terms.length, matched[rank] ?? 0, occurrences[rank] ?? 0);
    if (value <= 0 || value < request.scoreThreshold) continue;
    const slot = index.fileOfChunk[rank] ?? 0;
    const file = index.files[slot];
    if (!file) continue;
    if (filter !== undefined) {
      let pass = passes.get(slot);
      if (pass === undefined) passes.set(slot, (pass = matchesFilter(filter, file.file.attributes ?? {})));
      if (!pass) continue;
    }
    keepBest(best, request.maxResults, { file, chunk: rank - file.firstRank, score: value, rank });
  }
  return best.map(({ file: { file, index: chunks }, chunk, score: value }) => ({
    file_id: file.id,
    filename: state.files.get(file.id)?.filename ?? '',
    score: value,
    attributes: file.attributes ?? {},
    content: [{ type: 'text', text: chunks.chunks[chunk] ?? '' }],
  }));
}
