/**
 * `npm run bench`, vector-store search: one `client.vectorStores.search()` through the real SDK over a store
 * of 1,000 files (each a few paragraphs, three chunks under a 100/50-token chunking), answered by
 * - a hand-written fetch returning a fixed page of results (the floor: the SDK's own work), and
 * - openai-responses (the mock chunks and scores the store's files),
 * interleaved in short rounds, as milliseconds per search (median of the rounds) and as the ratio to the floor.
 * The goal: at most 3 ms a search over 1,000 files.
 */
import OpenAI from 'openai';
import { VERSION } from 'openai/version';
import { OpenAIMock, createMockFetch, lifecycle } from '../lib/index.js';
import { median } from './measure.js';

const files = Number(process.env['BENCH_FILES'] ?? 1000);
const searches = Number(process.env['BENCH_SEARCHES'] ?? 20);
const rounds = Number(process.env['BENCH_ROUNDS'] ?? 15);

const topics = ['invoice', 'holiday', 'pension', 'laptop', 'parking', 'training', 'travel', 'security', 'payroll', 'office'];
const filler = 'The team keeps this page up to date and answers questions in the usual channel every working day of the week.';

function document(index: number): string {
  const topic = topics[index % topics.length] ?? 'policy';
  return [
    `Policy ${index}: how ${topic} requests are handled. ${filler} ${filler}`,
    `Approval of a ${topic} request takes two days; ask your manager first. ${filler} ${filler}`,
    `Exceptions for ${topic} number ${index} go to the people team. ${filler} ${filler}`,
  ].join('\n\n');
}

const openaiMock = new OpenAIMock();
lifecycle(openaiMock).vectorStoreFiles.readsToComplete = 0;
const client = new OpenAI({ apiKey: 'sk-bench', fetch: createMockFetch(openaiMock) });
const fileIds: string[] = [];
for (let index = 0; index < files; index++) {
  const id = `file-bench${index}`;
  const bytes = new TextEncoder().encode(document(index));
  openaiMock.state.files.put({ id, object: 'file', bytes: bytes.byteLength, created_at: 0, filename: `policy-${index}.md`, purpose: 'assistants', status: 'processed' });
  openaiMock.state.files.content.set(id, bytes);
  fileIds.push(id);
}
// The API takes at most 500 file ids a request: the store starts with the first 500, a file batch adds the rest.
const chunking_strategy = { type: 'static', static: { max_chunk_size_tokens: 100, chunk_overlap_tokens: 50 } } as const;
const store = await client.vectorStores.create({ name: 'policies', file_ids: fileIds.slice(0, 500), chunking_strategy });
for (let start = 500; start < fileIds.length; start += 500) {
  await client.vectorStores.fileBatches.create(store.id, { file_ids: fileIds.slice(start, start + 500), chunking_strategy });
}
const query = { query: 'how long does approval of a parking request take?', max_num_results: 10 };

const first = await client.vectorStores.search(store.id, query);
const fixedPage = JSON.stringify({ object: 'vector_store.search_results.page', search_query: [query.query], data: first.data, has_more: false, next_page: null });
const handWritten = (async () => new Response(fixedPage, { status: 200, headers: { 'content-type': 'application/json' } })) as unknown as typeof fetch;
const floor = new OpenAI({ apiKey: 'sk-bench', fetch: handWritten });
if (first.data.length !== 10 || !first.data.every((hit) => hit.content[0]?.text.includes('parking'))) {
  throw new Error(`The mock's search answered ${JSON.stringify(first.data.slice(0, 2))}`);
}

async function timeSearches(searcher: OpenAI): Promise<number> {
  const started = performance.now();
  for (let i = 0; i < searches; i++) await searcher.vectorStores.search(store.id, query);
  return (performance.now() - started) / searches;
}

await timeSearches(floor);
await timeSearches(client);
const floorSamples: number[] = [];
const mockSamples: number[] = [];
for (let round = 0; round < rounds; round++) {
  floorSamples.push(await timeSearches(floor));
  mockSamples.push(await timeSearches(client));
  openaiMock.vectorStores.search.reset();
}
const ratios = mockSamples.map((value, round) => value / (floorSamples[round] ?? Number.NaN));

console.log('');
console.log(`Node ${process.version}, openai ${VERSION}: vectorStores.search over ${files} files, ${rounds} rounds of ${searches} searches`);
console.log('');
console.log('| answered by | ms per search (median) | ratio to hand-written (median of rounds) |');
console.log('| --- | ---: | ---: |');
console.log(`| hand-written fetch | ${median(floorSamples).toFixed(3)} | 1.00x |`);
console.log(`| openai-responses | ${median(mockSamples).toFixed(3)} | ${median(ratios).toFixed(2)}x |`);
