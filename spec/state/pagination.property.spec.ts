import assert from 'node:assert/strict';
import fc from 'fast-check';
import type OpenAI from 'openai';
import type { Batch } from 'openai/resources/batches';
import type { FileObject } from 'openai/resources/files';
import type { VectorStoreFile } from 'openai/resources/vector-stores/files';
import type { VectorStore } from 'openai/resources/vector-stores/vector-stores';
import type { StateStore } from '../../lib/index.js';
import { mockedClient } from '../support/client.js';

// Every cursor list of the data plane pages like the API: `limit` items from the cursor in `order`,
// `has_more` when more lie beyond in the direction of travel, `first_id`/`last_id` the page's ends;
// `before` gives the page just before an item, `after` + `before` the items between the two.

interface Params {
  limit?: number;
  order?: 'asc' | 'desc';
  after?: string;
  before?: string;
}

interface RawPage {
  object: string;
  data: { id: string }[];
  first_id: string | null;
  last_id: string | null;
  has_more: boolean;
}

/** The page the API gives for `params` over items created in the order of `ids`. */
function expectedPage(ids: readonly string[], params: Params, defaults: { order: 'asc' | 'desc'; limit: number }): Omit<RawPage, 'object'> {
  const order = params.order ?? defaults.order;
  const limit = params.limit ?? defaults.limit;
  const listing = order === 'asc' ? [...ids] : [...ids].reverse();
  let data: string[];
  let hasMore: boolean;
  if (params.before !== undefined && params.after === undefined) {
    const before = listing.slice(0, listing.indexOf(params.before));
    data = before.slice(Math.max(0, before.length - limit));
    hasMore = before.length > limit;
  } else {
    const start = params.after === undefined ? 0 : listing.indexOf(params.after) + 1;
    const end = params.before === undefined ? listing.length : listing.indexOf(params.before);
    const range = listing.slice(start, Math.max(start, end));
    data = range.slice(0, limit);
    hasMore = range.length > limit;
  }
  return { data: data.map((id) => ({ id })), first_id: data[0] ?? null, last_id: data[data.length - 1] ?? null, has_more: hasMore };
}

function vectorStore(id: string, at: number): VectorStore {
  return {
    id, object: 'vector_store', created_at: at, name: `store ${at}`, usage_bytes: 0, status: 'completed', last_active_at: at, metadata: null,
    file_counts: { in_progress: 0, completed: 0, failed: 0, cancelled: 0, total: 0 },
  };
}

function file(id: string, purpose: FileObject['purpose'] = 'assistants'): FileObject {
  return { id, object: 'file', bytes: 0, created_at: 0, filename: `${id}.txt`, purpose, status: 'processed' };
}

function batch(id: string): Batch {
  return { id, object: 'batch', endpoint: '/v1/chat/completions', input_file_id: 'file-x', completion_window: '24h', status: 'completed', created_at: 0 };
}

function vectorStoreFile(id: string, storeId: string): VectorStoreFile {
  return { id, object: 'vector_store.file', created_at: 0, last_error: null, status: 'completed', usage_bytes: 0, vector_store_id: storeId };
}

/** A list route under test: how to seed `n` items, and how to list them through the client. */
interface Listing {
  name: string;
  defaults: { order: 'asc' | 'desc'; limit: number };
  /** Whether the route takes `order` and `before` (batches take neither). */
  ordered: boolean;
  seed(state: StateStore, n: number): string[];
  raw(client: OpenAI, params: Params): Promise<RawPage>;
  all(client: OpenAI, params: Params): Promise<string[]>;
}

const pad = (at: number): string => String(at).padStart(6, '0');

async function collect<T extends { id: string }>(pages: AsyncIterable<T>): Promise<string[]> {
  const ids: string[] = [];
  for await (const item of pages) ids.push(item.id);
  return ids;
}

const storeId = 'vs_parent';

const listings: Listing[] = [
  {
    name: 'vectorStores.list',
    defaults: { order: 'desc', limit: 20 },
    ordered: true,
    seed: (state, n) => Array.from({ length: n }, (_, at) => state.vectorStores.put(vectorStore(`vs_${pad(at)}`, at)).id),
    raw: async (client, params) => (await client.vectorStores.list(params).asResponse()).json() as Promise<RawPage>,
    all: (client, params) => collect(client.vectorStores.list(params)),
  },
  {
    name: 'vectorStores.files.list',
    defaults: { order: 'desc', limit: 20 },
    ordered: true,
    seed(state, n) {
      state.vectorStores.put(vectorStore(storeId, 0));
      const files = state.vectorStores.files.of(storeId);
      return Array.from({ length: n }, (_, at) => files.put(vectorStoreFile(`file-${pad(at)}`, storeId)).id);
    },
    raw: async (client, params) => (await client.vectorStores.files.list(storeId, params).asResponse()).json() as Promise<RawPage>,
    all: (client, params) => collect(client.vectorStores.files.list(storeId, params)),
  },
  {
    name: 'files.list',
    defaults: { order: 'desc', limit: 10_000 },
    ordered: true,
    seed(state, n) {
      // Files of another purpose are interleaved: the purpose filter must skip them.
      const ids: string[] = [];
      for (let at = 0; at < n; at++) {
        state.files.put(file(`file-other${pad(at)}`, 'batch'));
        ids.push(state.files.put(file(`file-${pad(at)}`, 'assistants')).id);
      }
      return ids;
    },
    raw: async (client, params) => (await client.files.list({ ...params, purpose: 'assistants' } as OpenAI.FileListParams).asResponse()).json() as Promise<RawPage>,
    all: (client, params) => collect(client.files.list({ ...params, purpose: 'assistants' } as OpenAI.FileListParams)),
  },
  {
    name: 'batches.list',
    defaults: { order: 'desc', limit: 20 },
    ordered: false,
    seed: (state, n) => Array.from({ length: n }, (_, at) => state.batches.put(batch(`batch_${pad(at)}`)).id),
    raw: async (client, params) => (await client.batches.list(params).asResponse()).json() as Promise<RawPage>,
    all: (client, params) => collect(client.batches.list(params)),
  },
];

/** Page parameters over a store of `n` items (cursors drawn from its ids). */
function paramsFor(n: number, listing: Listing): fc.Arbitrary<{ limit: number | undefined; order: 'asc' | 'desc' | undefined; after: number | undefined; before: number | undefined }> {
  const index = n === 0 ? fc.constant(undefined) : fc.option(fc.integer({ min: 0, max: n - 1 }), { nil: undefined });
  return fc.record({
    limit: fc.option(fc.integer({ min: 1, max: 100 }), { nil: undefined }),
    order: listing.ordered ? fc.option(fc.constantFrom('asc' as const, 'desc' as const), { nil: undefined }) : fc.constant(undefined),
    after: index,
    before: listing.ordered ? index : fc.constant(undefined),
  });
}

describe('pagination (property-based)', () => {
  for (const listing of listings) {
    describe(listing.name, () => {
      it('pages exactly like the API for random sizes, limits, orders and cursors', async () => {
        const run = fc.integer({ min: 0, max: 130 }).chain((n) => fc.tuple(fc.constant(n), paramsFor(n, listing)));
        const { client, openaiMock } = mockedClient();
        await fc.assert(
          fc.asyncProperty(run, async ([n, drawn]) => {
            openaiMock.reset();
            const ids = listing.seed(openaiMock.state, n);
            const params: Params = {
              ...(drawn.limit !== undefined && { limit: drawn.limit }),
              ...(drawn.order !== undefined && { order: drawn.order }),
              ...(drawn.after !== undefined && { after: ids[drawn.after] }),
              ...(drawn.before !== undefined && { before: ids[drawn.before] }),
            } as Params;
            const page = await listing.raw(client, params);
            assert.equal(page.object, 'list');
            const { data, first_id, last_id, has_more } = page;
            assert.deepEqual({ data: data.map(({ id }) => ({ id })), first_id, last_id, has_more }, expectedPage(ids, params, listing.defaults));
          }),
          { numRuns: 60 },
        );
      });

      it('auto-pagination visits every item once, in order, for random sizes and limits', async () => {
        const run = fc.record({
          n: fc.integer({ min: 0, max: 260 }),
          limit: fc.integer({ min: 1, max: 100 }),
          order: listing.ordered ? fc.constantFrom('asc' as const, 'desc' as const) : fc.constant(undefined),
        });
        const { client, openaiMock } = mockedClient();
        await fc.assert(
          fc.asyncProperty(run, async ({ n, limit, order }) => {
            openaiMock.reset();
            const ids = listing.seed(openaiMock.state, n);
            const seen = await listing.all(client, { limit, ...(order !== undefined && { order }) });
            const expected = (order ?? listing.defaults.order) === 'asc' ? ids : [...ids].reverse();
            assert.deepEqual(seen, expected);
          }),
          { numRuns: 25 },
        );
      });

      it('pages 0, 1, 20, 21 and 10,000 items with the default limit, both orders, after and before', async () => {
        const { client, openaiMock } = mockedClient();
        for (const n of [0, 1, 20, 21, 10_000]) {
          openaiMock.reset();
          const ids = listing.seed(openaiMock.state, n);
          for (const order of listing.ordered ? (['asc', 'desc'] as const) : [undefined]) {
            const base: Params = order === undefined ? {} : { order };
            const cursors: Params[] = [base];
            if (n > 0) {
              const middle = ids[Math.floor(n / 2)]!;
              cursors.push({ ...base, after: middle });
              if (listing.ordered) cursors.push({ ...base, before: middle }, { ...base, before: ids[n - 1]!, after: ids[0]! });
            }
            for (const params of cursors) {
              const page = await listing.raw(client, params);
              const { data, first_id, last_id, has_more } = page;
              assert.deepEqual(
                { data: data.map(({ id }) => ({ id })), first_id, last_id, has_more },
                expectedPage(ids, params, listing.defaults),
                `${listing.name} n=${n} ${JSON.stringify(params)}`,
              );
            }
          }
          if (n === 10_000) {
            const seen = await listing.all(client, { limit: 100 });
            assert.equal(seen.length, 10_000);
            assert.equal(new Set(seen).size, 10_000);
          }
        }
      });

      if (listing.ordered) {
        it('auto-pagination from a before cursor ends after the page before it, with no repeats', async () => {
          const { client, openaiMock } = mockedClient();
          const ids = listing.seed(openaiMock.state, 50);
          const seen = await listing.all(client, { order: 'asc', limit: 10, before: ids[35]! });
          assert.deepEqual(seen, ids.slice(25, 35));
        });
      }
    });
  }

  it('fileBatches.listFiles pages like the API over random batches', async () => {
    const run = fc.integer({ min: 1, max: 60 }).chain((n) => fc.tuple(fc.constant(n), paramsFor(n, listings[0]!)));
    const { client, openaiMock } = mockedClient();
    await fc.assert(
      fc.asyncProperty(run, async ([n, drawn]) => {
        openaiMock.reset();
        const ids = Array.from({ length: n }, (_, at) => openaiMock.state.files.put(file(`file-${pad(at)}`)).id);
        const store = await client.vectorStores.create({ name: 'batch' });
        const created = await client.vectorStores.fileBatches.create(store.id, { file_ids: ids });
        const params: Params = {
          ...(drawn.limit !== undefined && { limit: drawn.limit }),
          ...(drawn.order !== undefined && { order: drawn.order }),
          ...(drawn.after !== undefined && { after: ids[drawn.after] }),
          ...(drawn.before !== undefined && { before: ids[drawn.before] }),
        } as Params;
        const page = (await (await client.vectorStores.fileBatches.listFiles(created.id, { vector_store_id: store.id, ...params }).asResponse()).json()) as RawPage;
        const { data, first_id, last_id, has_more } = page;
        assert.deepEqual({ data: data.map(({ id }) => ({ id })), first_id, last_id, has_more }, expectedPage(ids, params, { order: 'desc', limit: 20 }));
        const all = await collect(client.vectorStores.fileBatches.listFiles(created.id, { vector_store_id: store.id, limit: 7 }));
        assert.deepEqual(all, [...ids].reverse());
      }),
      { numRuns: 30 },
    );
  });

  it('answers 400 for a limit out of range and an unknown cursor', async () => {
    const { client, openaiMock } = mockedClient();
    listings[0]!.seed(openaiMock.state, 3);
    await assert.rejects(client.vectorStores.list({ limit: 0 }), (error: { status?: number }) => error.status === 400);
    await assert.rejects(client.vectorStores.list({ limit: 101 }), (error: { status?: number }) => error.status === 400);
    await assert.rejects(client.vectorStores.list({ after: 'vs_unknown' }), (error: { status?: number }) => error.status === 400);
  });
});
