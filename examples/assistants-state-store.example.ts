// A state store shared by several tests (the Python library's state store fixture, ported): one
// `StateStore` built for the suite is handed to each test's mock, so what one test creates the next finds.
import assert from 'node:assert/strict';
import OpenAI from 'openai';
import { OpenAIMock, StateStore, createMockFetch } from '../lib/index.js';

describe('a state store shared by a suite', () => {
  const sharedState = new StateStore();
  let client: OpenAI;
  beforeEach(() => {
    const openaiMock = new OpenAIMock({ state: sharedState });
    client = new OpenAI({ apiKey: 'sk-fake123', fetch: createMockFetch(openaiMock) });
  });

  it('creates an assistant', async () => {
    await client.beta.assistants.create({ model: 'gpt-4o' });
  });

  it('finds it in the next test', async () => {
    const assistants = await client.beta.assistants.list();
    assert.equal(assistants.data.length, 1);
  });

  it('starts a test from a state built by hand', async () => {
    const state = new StateStore();
    state.beta.assistants.put({
      id: 'asst_seeded', object: 'assistant', created_at: 0, model: 'gpt-4o', name: 'Seeded',
      description: null, instructions: 'Be brief.', metadata: {}, tools: [],
    });
    const seeded = new OpenAI({ apiKey: 'sk-fake123', fetch: createMockFetch(new OpenAIMock({ state })) });
    const run = await seeded.beta.threads.createAndRunPoll({ assistant_id: 'asst_seeded' });
    assert.deepEqual([run.status, run.instructions], ['completed', 'Be brief.']);
    assert.equal(state.beta.threads.runs.of(run.thread_id).get(run.id)?.status, 'completed');
  });
});
