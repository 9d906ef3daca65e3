import assert from 'node:assert/strict';
import OpenAI from 'openai';
import { mockedClient } from '../support/client.js';

describe('embeddings.create', () => {
  it('answers one embedding per input, decoded by the SDK from its default base64', async () => {
    const { client, openaiMock } = mockedClient();
    const answer = await client.embeddings.create({ model: 'text-embedding-3-small', input: ['first', 'second'] });
    assert.equal(answer.data.length, 2);
    assert.equal(answer.data[0]?.embedding.length, 1536);
    assert.equal(openaiMock.embeddings.create.calls[0]?.body && (openaiMock.embeddings.create.calls[0].body as { encoding_format: string }).encoding_format, 'base64');
    const norm = Math.hypot(...(answer.data[0]?.embedding ?? []));
    assert.ok(Math.abs(norm - 1) < 1e-3, 'a unit vector');
  });

  it('honours dimensions and floats, and is deterministic for the same input', async () => {
    const { client } = mockedClient();
    const one = await client.embeddings.create({ model: 'text-embedding-3-large', input: 'same', dimensions: 64, encoding_format: 'float' });
    const two = await client.embeddings.create({ model: 'text-embedding-3-large', input: 'same', dimensions: 64, encoding_format: 'float' });
    const other = await client.embeddings.create({ model: 'text-embedding-3-large', input: 'different', dimensions: 64, encoding_format: 'float' });
    assert.equal(one.data[0]?.embedding.length, 64);
    assert.deepEqual(one.data[0]?.embedding, two.data[0]?.embedding);
    assert.notDeepEqual(one.data[0]?.embedding, other.data[0]?.embedding);
  });

  it('answers the embedding the user sets, in base64 when the SDK asks so', async () => {
    const { client, openaiMock } = mockedClient();
    openaiMock.embeddings.create.response = { data: [{ embedding: [0.5, -0.25, 1] }] };
    const answer = await client.embeddings.create({ model: 'text-embedding-3-small', input: 'x' });
    assert.deepEqual(answer.data[0]?.embedding, [0.5, -0.25, 1]);
  });

  it('rejects an empty input in the API shape', async () => {
    const { client } = mockedClient();
    await assert.rejects(client.embeddings.create({ model: 'text-embedding-3-small', input: '' }), OpenAI.BadRequestError);
  });
});

describe('moderations.create', () => {
  it('answers one result per input with every category present', async () => {
    const { client } = mockedClient();
    const answer = await client.moderations.create({ input: ['a', 'b', 'c'] });
    assert.match(answer.id, /^modr-/);
    assert.equal(answer.model, 'omni-moderation-latest');
    assert.equal(answer.results.length, 3);
    const result = answer.results[0];
    assert.equal(result?.flagged, false);
    for (const category of ['harassment', 'hate', 'self-harm', 'sexual/minors', 'violence/graphic', 'illicit']) {
      assert.equal((result?.categories as unknown as Record<string, boolean>)[category], false, category);
    }
  });

  it('flags what the user sets', async () => {
    const { client, openaiMock } = mockedClient();
    openaiMock.moderations.create.response = { results: [{ flagged: true, categories: { violence: true } }] };
    const answer = await client.moderations.create({ input: 'text' });
    assert.equal(answer.results[0]?.flagged, true);
    assert.equal(answer.results[0]?.categories.violence, true);
    assert.equal(answer.results[0]?.categories.hate, false);
  });
});

describe('models', () => {
  it('lists, retrieves and deletes the seeded models; unknown ids are 404', async () => {
    const { client } = mockedClient();
    const ids = [];
    for await (const model of client.models.list()) ids.push(model.id);
    assert.ok(ids.includes('gpt-4o') && ids.includes('text-embedding-3-small'));
    assert.equal((await client.models.retrieve('gpt-4o')).id, 'gpt-4o');
    await assert.rejects(client.models.retrieve('gpt-unknown'), (error: unknown) => error instanceof OpenAI.NotFoundError && error.code === 'model_not_found');
    assert.equal((await client.models.delete('gpt-4o')).deleted, true);
    await assert.rejects(client.models.retrieve('gpt-4o'), OpenAI.NotFoundError);
  });
});

describe('completions.create (legacy)', () => {
  it('answers a text completion, streaming too', async () => {
    const { client, openaiMock } = mockedClient();
    openaiMock.completions.create.response = { choices: [{ text: 'Once upon a time' }] };
    const completion = await client.completions.create({ model: 'gpt-3.5-turbo-instruct', prompt: 'Tell a story' });
    assert.match(completion.id, /^cmpl-/);
    assert.equal(completion.choices[0]?.text, 'Once upon a time');
    const stream = await client.completions.create({ model: 'gpt-3.5-turbo-instruct', prompt: 'Tell a story', stream: true });
    let text = '';
    for await (const chunk of stream) text += chunk.choices[0]?.text ?? '';
    assert.equal(text, 'Once upon a time');
  });
});
