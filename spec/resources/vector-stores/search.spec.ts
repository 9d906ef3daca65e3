import assert from 'node:assert/strict';
import OpenAI, { toFile } from 'openai';
import { lifecycle } from '../../../lib/index.js';
import { mockedClient } from '../../support/client.js';

const documents = {
  'returns.md': 'Our return policy: you can return any item within 30 days for a full refund. Refunds go to the original card.',
  'shipping.md': 'Shipping takes 3 to 5 business days. Express shipping arrives the next day.',
  'warranty.md': 'The warranty covers defects for two years. A return under warranty needs the receipt.',
};

async function storeWithDocuments(client: OpenAI, attributes: Record<string, Record<string, string | number | boolean>> = {}) {
  const store = await client.vectorStores.create({ name: 'Help center' });
  const ids: Record<string, string> = {};
  for (const [name, text] of Object.entries(documents)) {
    const file = await client.files.create({ file: await toFile(Buffer.from(text), name), purpose: 'assistants' });
    await client.vectorStores.files.createAndPoll(store.id, { file_id: file.id, attributes: attributes[name] ?? null });
    ids[name] = file.id;
  }
  return { store, ids };
}

describe('vectorStores.search', () => {
  it('answers from the stored files\' content: chunks holding the query\'s words, best first', async () => {
    const { client } = mockedClient();
    const { store, ids } = await storeWithDocuments(client);
    const page = await client.vectorStores.search(store.id, { query: 'What is the return policy?' });
    assert.deepEqual(page.data.map((hit) => hit.filename), ['returns.md', 'warranty.md']);
    const [best, next] = page.data;
    assert.equal(best?.file_id, ids['returns.md']);
    assert.deepEqual(best?.content, [{ type: 'text', text: documents['returns.md'] }]);
    assert.ok((best?.score ?? 0) > (next?.score ?? 1));
    assert.ok((best?.score ?? 0) <= 1 && (next?.score ?? 0) > 0);
    const raw = await openaiPage(client, store.id, 'What is the return policy?');
    assert.deepEqual(raw.search_query, ['What is the return policy?']);
    assert.equal(raw.object, 'vector_store.search_results.page');
    assert.equal(raw.has_more, false);
  });

  it('scores deterministically and finds nothing for words no file holds', async () => {
    const { client } = mockedClient();
    const { store } = await storeWithDocuments(client);
    const first = await client.vectorStores.search(store.id, { query: ['express', 'shipping'] });
    const second = await client.vectorStores.search(store.id, { query: ['express', 'shipping'] });
    assert.deepEqual(first.data, second.data);
    assert.deepEqual(first.data.map((hit) => hit.filename), ['shipping.md']);
    assert.deepEqual((await client.vectorStores.search(store.id, { query: 'quantum chromodynamics' })).data, []);
  });

  it('honours max_num_results and score_threshold, and refuses max_num_results outside 1..50', async () => {
    const { client } = mockedClient();
    const { store } = await storeWithDocuments(client);
    const one = await client.vectorStores.search(store.id, { query: 'return warranty shipping', max_num_results: 1 });
    assert.equal(one.data.length, 1);
    const all = await client.vectorStores.search(store.id, { query: 'return warranty shipping' });
    assert.equal(all.data.length, 3);
    const threshold = all.data[0]!.score;
    assert.ok(threshold > all.data[2]!.score);
    const strong = await client.vectorStores.search(store.id, { query: 'return warranty shipping', ranking_options: { score_threshold: threshold } });
    assert.ok(strong.data.length >= 1 && strong.data.length < 3);
    assert.ok(strong.data.every((hit) => hit.score >= threshold));
    await assert.rejects(client.vectorStores.search(store.id, { query: 'x', max_num_results: 0 }), OpenAI.BadRequestError);
    await assert.rejects(client.vectorStores.search(store.id, { query: 'x', max_num_results: 51 }), OpenAI.BadRequestError);
  });

  it('filters by file attributes: comparisons and compound filters', async () => {
    const { client } = mockedClient();
    const { store } = await storeWithDocuments(client, {
      'returns.md': { topic: 'returns', year: 2024, public: true },
      'shipping.md': { topic: 'shipping', year: 2025, public: true },
      'warranty.md': { topic: 'returns', year: 2023, public: false },
    });
    const query = 'return shipping warranty days';
    const names = async (filters: NonNullable<OpenAI.VectorStoreSearchParams['filters']>) =>
      (await client.vectorStores.search(store.id, { query, filters })).data.map((hit) => hit.filename).sort();
    assert.deepEqual(await names({ type: 'eq', key: 'topic', value: 'returns' }), ['returns.md', 'warranty.md']);
    assert.deepEqual(await names({ type: 'ne', key: 'topic', value: 'returns' }), ['shipping.md']);
    assert.deepEqual(await names({ type: 'gte', key: 'year', value: 2024 }), ['returns.md', 'shipping.md']);
    assert.deepEqual(await names({ type: 'lt', key: 'year', value: 2024 }), ['warranty.md']);
    assert.deepEqual(await names({ type: 'in', key: 'year', value: [2023, 2025] }), ['shipping.md', 'warranty.md']);
    assert.deepEqual(await names({ type: 'nin', key: 'topic', value: ['shipping'] }), ['returns.md', 'warranty.md']);
    assert.deepEqual(
      await names({ type: 'and', filters: [{ type: 'eq', key: 'topic', value: 'returns' }, { type: 'eq', key: 'public', value: true }] }),
      ['returns.md'],
    );
    assert.deepEqual(
      await names({ type: 'or', filters: [{ type: 'eq', key: 'year', value: 2023 }, { type: 'eq', key: 'year', value: 2025 }] }),
      ['shipping.md', 'warranty.md'],
    );
    await assert.rejects(
      client.vectorStores.search(store.id, { query, filters: { type: 'in', key: 'year', value: 2023 } }),
      OpenAI.BadRequestError,
    );
  });

  it('searches completed files only, and follows files as they come and go', async () => {
    const { client, openaiMock } = mockedClient();
    const { store, ids } = await storeWithDocuments(client);
    lifecycle(openaiMock).vectorStoreFiles.readsToComplete = 2;
    const extra = await client.files.create({ file: await toFile(Buffer.from('A brand new return form.'), 'form.txt'), purpose: 'assistants' });
    await client.vectorStores.files.create(store.id, { file_id: extra.id });
    const during = await client.vectorStores.search(store.id, { query: 'return form' });
    assert.ok(!during.data.some((hit) => hit.file_id === extra.id), 'still in_progress after one read');
    const after = await client.vectorStores.search(store.id, { query: 'return form' });
    assert.equal(after.data[0]?.file_id, extra.id);
    await client.files.delete(ids['returns.md']!);
    const gone = await client.vectorStores.search(store.id, { query: 'refund' });
    assert.deepEqual(gone.data, []);
  });

  it('returns one result per matching chunk under a small static chunking strategy', async () => {
    const { client } = mockedClient();
    const store = await client.vectorStores.create({ name: 'chunks' });
    const words = Array.from({ length: 400 }, (_, at) => (at % 100 === 50 ? 'needle' : `word${at}`)).join(' ');
    const file = await client.files.create({ file: await toFile(Buffer.from(words), 'long.txt'), purpose: 'assistants' });
    await client.vectorStores.files.createAndPoll(store.id, {
      file_id: file.id,
      chunking_strategy: { type: 'static', static: { max_chunk_size_tokens: 100, chunk_overlap_tokens: 0 } },
    });
    const page = await client.vectorStores.search(store.id, { query: 'needle', max_num_results: 50 });
    assert.equal(page.data.length, 4);
    for (const hit of page.data) {
      const text = hit.content[0]?.text ?? '';
      assert.ok(text.includes('needle'));
      assert.ok(text.length <= 400);
    }
  });
});

/** The raw page body, as the API sends it. */
async function openaiPage(client: OpenAI, storeId: string, query: string): Promise<{ object: string; search_query: string[]; has_more: boolean }> {
  const response = await client.vectorStores.search(storeId, { query }).asResponse();
  return (await response.json()) as { object: string; search_query: string[]; has_more: boolean };
}
