// Embeddings, moderations and models answer without any setup: deterministic vectors, clean moderation
// results, the current model ids.
import assert from 'node:assert/strict';
import OpenAI from 'openai';
import { OpenAIMock, createMockFetch } from '../lib/index.js';

describe('embeddings, moderations, models', () => {
  const openaiMock = new OpenAIMock();
  const client = new OpenAI({ apiKey: 'sk-fake', fetch: createMockFetch(openaiMock) });

  it('embeds each input, the same input always the same way', async () => {
    const { data } = await client.embeddings.create({ model: 'text-embedding-3-small', input: ['cat', 'dog', 'cat'], dimensions: 256 });
    assert.equal(data.length, 3);
    assert.equal(data[0]?.embedding.length, 256);
    assert.deepEqual(data[0]?.embedding, data[2]?.embedding);
  });

  it('moderates: nothing flagged unless the test says so', async () => {
    const clean = await client.moderations.create({ model: 'omni-moderation-latest', input: 'I like tea' });
    assert.equal(clean.results[0]?.flagged, false);
    openaiMock.moderations.create.response = { results: [{ flagged: true, categories: { harassment: true } }] };
    const flagged = await client.moderations.create({ input: 'something rude' });
    assert.equal(flagged.results[0]?.categories.harassment, true);
  });

  it('lists and retrieves models', async () => {
    const models = await client.models.list();
    assert.ok(models.data.some((model) => model.id === 'gpt-4o-mini'));
    await assert.rejects(client.models.retrieve('gpt-does-not-exist'), OpenAI.NotFoundError);
  });
});
