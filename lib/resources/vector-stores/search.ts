import type { ComparisonFilter, CompoundFilter } from 'openai/resources/shared';
import type { FileChunkingStrategy, VectorStoreSearchResponse } from 'openai/resources/vector-stores/vector-stores';
import type { VectorStoreFile } from 'openai/resources/vector-stores/files';
import { type Refusal, badRequest } from '../../errors.js';
import { isPlainObject } from '../../internal/merge.js';
import type { StateStore } from '../../state/state-store.js';

/** Characters per token, as the mock counts them everywhere. */
const charsPerToken = 4;

const chunkCache = new WeakMap<Uint8Array, Map<string, string[]>>();

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

/** A file's chunks under a chunking strategy (kept while the content is unchanged). */
export function fileChunks(state: StateStore, fileId: string, strategy: FileChunkingStrategy | undefined): string[] {
  const bytes = state.files.content.get(fileId);
  if (!bytes) return [];
  const size = strategy?.type === 'static' ? strategy.static : { max_chunk_size_tokens: 800, chunk_overlap_tokens: 400 };
  const key = `${size.max_chunk_size_tokens}/${size.chunk_overlap_tokens}`;
  let byStrategy = chunkCache.get(bytes);
  if (!byStrategy) chunkCache.set(bytes, (byStrategy = new Map()));
  let chunks = byStrategy.get(key);
  if (!chunks) {
    chunks = chunkText(fileText(state, fileId), size.max_chunk_size_tokens, size.chunk_overlap_tokens);
    byStrategy.set(key, chunks);
  }
  return chunks;
}

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
export function scoreChunk(terms: readonly string[], chunk: string): number {
  if (terms.length === 0) return 0;
  const counts = new Map<string, number>();
  for (const word of wordsOf(chunk)) counts.set(word, (counts.get(word) ?? 0) + 1);
  let matched = 0;
  let occurrences = 0;
  for (const term of terms) {
    const count = counts.get(term) ?? 0;
    if (count > 0) matched += 1;
    occurrences += count;
  }
  if (matched === 0) return 0;
  const coverage = matched / terms.length;
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

/**
 * Searches the completed files of a vector store: every chunk containing a query word, best first (ties in
 * the order the files were attached, then the order of the chunks), at most `maxResults`.
 */
export function searchStore(state: StateStore, vectorStoreId: string, request: SearchRequest): VectorStoreSearchResponse[] {
  const terms = queryTerms(request.query);
  const hits: (VectorStoreSearchResponse & { rank: number })[] = [];
  let rank = 0;
  for (const file of state.vectorStores.files.of(vectorStoreId).values()) {
    if (file.status !== 'completed') continue;
    const attributes = file.attributes ?? {};
    if (request.filter !== undefined && request.filter !== null && !matchesFilter(request.filter, attributes)) continue;
    const filename = state.files.get(file.id)?.filename ?? '';
    for (const chunk of fileChunks(state, file.id, file.chunking_strategy)) {
      rank += 1;
      const score = scoreChunk(terms, chunk);
      if (score <= 0 || score < request.scoreThreshold) continue;
      hits.push({ file_id: file.id, filename, score, attributes, content: [{ type: 'text', text: chunk }], rank });
    }
  }
  hits.sort((a, b) => b.score - a.score || a.rank - b.rank);
  return hits.slice(0, request.maxResults).map(({ rank: _rank, ...hit }) => hit);
}
