/**
 * `npm run bench`, pagination: a page of `vectorStores.list` after a cursor, and a page of `files.list` of a rare
 * purpose among many files of another, through the real SDK, over stores of 200 items and of 200,000 items,
 * interleaved in short rounds, as milliseconds per page (median of the rounds) and as the ratio of the large
 * store to the small one. A page costs what its `limit` costs, not what the store holds: the goal is about 1x.
 */
import OpenAI from 'openai';
import { VERSION } from 'openai/version';
import { OpenAIMock, createMockFetch } from '../lib/index.js';
import { median } from './measure.js';

const rounds = Number(process.env['BENCH_ROUNDS'] ?? (process.env['BENCH_QUICK'] === '1' ? 7 : 15));
const pages = 40;
const pad = (at: number): string => String(at).padStart(6, '0');

/** A mock holding `n` vector stores and `n` files (the first 20 of purpose `vision`, the rest `batch`), and its client. */
function seeded(n: number): { client: OpenAI; ids: string[] } {
  const openaiMock = new OpenAIMock();
  const ids: string[] = [];
  for (let at = 0; at < n; at++) {
    const id = `vs_${pad(at)}`;
    ids.push(id);
    openaiMock.state.vectorStores.put({
      id, object: 'vector_store', created_at: at, name: `store ${at}`, usage_bytes: 0, status: 'completed', last_active_at: at, metadata: null,
      file_counts: { in_progress: 0, completed: 0, failed: 0, cancelled: 0, total: 0 },
    });
    openaiMock.state.files.put({ id: `file-${pad(at)}`, object: 'file', bytes: 0, created_at: at, filename: `${at}.txt`, purpose: at < 20 ? 'vision' : 'batch', status: 'processed' });
  }
  return { client: new OpenAI({ apiKey: 'sk-bench', fetch: createMockFetch(openaiMock) }), ids };
}

async function timePages({ client, ids }: { client: OpenAI; ids: string[] }): Promise<number> {
  const { user, system } = process.cpuUsage();
  for (let round = 0; round < pages; round++) {
    const page = await client.vectorStores.list({ limit: 20, order: round % 2 === 0 ? 'asc' : 'desc', after: ids[(round * 7919) % ids.length] ?? '' });
    const vision = await client.files.list({ purpose: 'vision', order: 'desc', limit: 20 });
    if (page.data.length === 0 || vision.data.length !== 20) throw new Error('A page came back empty.');
  }
  const used = process.cpuUsage({ user, system });
  return (used.user + used.system) / 1000 / (pages * 2);
}

const small = seeded(200);
const large = seeded(200_000);
await timePages(small);
await timePages(large);
const smallSamples: number[] = [];
const largeSamples: number[] = [];
for (let round = 0; round < rounds; round++) {
  smallSamples.push(await timePages(small));
  largeSamples.push(await timePages(large));
}
const ratios = largeSamples.map((value, round) => value / (smallSamples[round] ?? Number.NaN));

console.log(`Node ${process.version}, openai ${VERSION}: a page of 20 from stores of 200 and 200,000 items, ${rounds} rounds of ${pages * 2} pages`);
console.log('');
console.log('| store | ms per page (median) | ratio to the 200-item store (median of rounds) |');
console.log('| --- | ---: | ---: |');
console.log(`| 200 vector stores and files | ${median(smallSamples).toFixed(3)} | 1.00x |`);
console.log(`| 200,000 vector stores and files | ${median(largeSamples).toFixed(3)} | ${median(ratios).toFixed(2)}x |`);
