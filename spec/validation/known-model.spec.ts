import assert from 'node:assert/strict';
import OpenAI, { AzureOpenAI, NotFoundError } from 'openai';
import { OpenAIMock, createMockFetch } from '../../lib/index.js';
import { mockedClient } from '../support/client.js';

const messages = [{ role: 'user' as const, content: 'Hi' }];

/** The 404 a call answers, checked to be the API's `model_not_found` for `model`. */
async function refusedModel(call: Promise<unknown>, model: string): Promise<void> {
  await assert.rejects(call, (error: unknown) => {
    assert.ok(error instanceof NotFoundError, `a NotFoundError, not ${String(error)}`);
    assert.equal(error.status, 404);
    assert.equal(error.code, 'model_not_found');
    assert.equal(error.type, 'invalid_request_error');
    assert.equal(error.param, null);
    assert.equal(error.message, `404 The model \`${model}\` does not exist or you do not have access to it.`);
    return true;
  });
}

describe('requests naming a model', () => {
  it('answer 404 model_not_found for a model the API does not serve, on every route that takes one, changing nothing', async () => {
    const { client, openaiMock } = mockedClient({}, { maxRetries: 0 });
    await refusedModel(client.completions.create({ model: 'unknown-model', prompt: 'Say hi' }), 'unknown-model');
    await refusedModel(client.chat.completions.create({ model: 'gtp-4o', messages, store: true }), 'gtp-4o');
    await refusedModel(client.responses.create({ model: 'gpt4o', input: 'Hi' }), 'gpt4o');
    await refusedModel(client.embeddings.create({ model: 'text-embeding-3-small', input: 'Hi' }), 'text-embeding-3-small');
    await refusedModel(client.images.generate({ model: 'dalle-3', prompt: 'A cat' }), 'dalle-3');
    await refusedModel(client.audio.transcriptions.create({ model: 'whisper', file: new File(['RIFF'], 'a.wav', { type: 'audio/wav' }) }), 'whisper');
    await refusedModel(client.beta.assistants.create({ model: 'assistant-model' }), 'assistant-model');
    assert.equal(openaiMock.state.responses.values().length, 0);
    assert.equal(openaiMock.state.chat.completions.values().length, 0);
    assert.equal(openaiMock.state.beta.assistants.values().length, 0);
    assert.equal(openaiMock.completions.create.calls[0]?.response.status, 404);
  });

  it('accept the API families (snapshots and new ids too), models in state.models, and fine-tuned ids of a known base', async () => {
    const { client, openaiMock } = mockedClient({}, { maxRetries: 0 });
    for (const model of ['gpt-4o', 'gpt-4o-2024-08-06', 'gpt-5.4-mini', 'o3-pro', 'chatgpt-4o-latest', 'gpt-3.5-turbo-instruct']) {
      const completion = await client.chat.completions.create({ model, messages });
      assert.equal(completion.model, model);
    }
    await client.completions.create({ model: 'davinci-002', prompt: 'Hi' });
    await client.chat.completions.create({ model: 'ft:gpt-4o-mini-2024-07-18:acme:support:abc123', messages });
    await refusedModel(client.chat.completions.create({ model: 'ft:my-base:acme::abc', messages }), 'ft:my-base:acme::abc');
    openaiMock.state.models.put({ id: 'my-base', object: 'model', created: 0, owned_by: 'acme' });
    openaiMock.state.models.put({ id: 'acme-router', object: 'model', created: 0, owned_by: 'acme' });
    await client.chat.completions.create({ model: 'ft:my-base:acme::abc', messages });
    const routed = await client.responses.create({ model: 'acme-router', input: 'Hi' });
    assert.equal(routed.model, 'acme-router');
  });

  it("accept a fine-tune's model once its job succeeded", async () => {
    const { client } = mockedClient();
    const file = await client.files.create({ file: new File(['{"messages":[]}\n'], 'train.jsonl'), purpose: 'fine-tune' });
    const job = await client.fineTuning.jobs.create({ model: 'gpt-4o-mini-2024-07-18', training_file: file.id });
    let done = job;
    while (done.status !== 'succeeded') done = await client.fineTuning.jobs.retrieve(job.id);
    const completion = await client.chat.completions.create({ model: done.fine_tuned_model ?? '', messages });
    assert.equal(completion.model, done.fine_tuned_model);
  });

  it('accept any id with acceptAnyModel (or validateRequests: false), and Azure deployment names always', async () => {
    const { client } = mockedClient({ acceptAnyModel: true });
    const completion = await client.completions.create({ model: 'unknown-model', prompt: 'Say hi' });
    assert.equal(completion.model, 'unknown-model');
    const unchecked = mockedClient({ validateRequests: false });
    await unchecked.client.responses.create({ model: 'local-llama', input: 'Hi' });
    const openaiMock = new OpenAIMock();
    const azure = new AzureOpenAI({ apiKey: 'azure-key', endpoint: 'https://acme.openai.azure.com', apiVersion: '2024-10-21', fetch: createMockFetch(openaiMock) });
    const deployed = await azure.chat.completions.create({ model: 'prod-chat', messages });
    assert.equal(deployed.model, 'prod-chat');
    const v1 = new OpenAI({ apiKey: 'azure-key', baseURL: 'https://acme.openai.azure.com/openai/v1', fetch: createMockFetch(openaiMock) });
    await v1.responses.create({ model: 'prod-responses', input: 'Hi' });
  });

  it("refuse it under a partial the test set (the API would), but answer the test's own Response", async () => {
    const { client, openaiMock } = mockedClient({}, { maxRetries: 0 });
    openaiMock.chat.completions.create.response = { choices: [{ message: { content: 'Hello' } }] };
    await refusedModel(client.chat.completions.create({ model: 'typo-model', messages }), 'typo-model');
    openaiMock.chat.completions.create.response = () => new Response(JSON.stringify({ id: 'x', object: 'chat.completion', created: 0, model: 'typo-model', choices: [] }), { headers: { 'content-type': 'application/json' } });
    const answered = await client.chat.completions.create({ model: 'typo-model', messages });
    assert.equal(answered.id, 'x');
  });
});
