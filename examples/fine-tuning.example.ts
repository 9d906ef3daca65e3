// A fine-tuning pipeline under test: the training file is uploaded, the job is polled until it succeeds (one
// status step per retrieve, no waiting), and the fine-tuned model it made is then used for a chat completion.
import assert from 'node:assert/strict';
import OpenAI, { toFile } from 'openai';
import { OpenAIMock, createMockFetch } from '../lib/index.js';

async function fineTune(client: OpenAI, lines: object[]): Promise<string> {
  const file = await client.files.create({ file: await toFile(Buffer.from(lines.map((l) => JSON.stringify(l)).join('\n')), 'train.jsonl'), purpose: 'fine-tune' });
  let job = await client.fineTuning.jobs.create({ model: 'gpt-4o-mini', training_file: file.id, suffix: 'support' });
  while (job.status !== 'succeeded' && job.status !== 'failed' && job.status !== 'cancelled') job = await client.fineTuning.jobs.retrieve(job.id);
  if (job.status !== 'succeeded' || job.fine_tuned_model === null) throw new Error(`fine-tuning ${job.status}`);
  return job.fine_tuned_model;
}

describe('fine-tuning', () => {
  it('trains a model and answers with it', async () => {
    const openaiMock = new OpenAIMock();
    const client = new OpenAI({ apiKey: 'sk-fake', fetch: createMockFetch(openaiMock) });
    const model = await fineTune(client, [{ messages: [{ role: 'user', content: 'Hi' }, { role: 'assistant', content: 'Hello, how can I help?' }] }]);
    assert.match(model, /^ft:gpt-4o-mini:.*:support:/);
    assert.equal((await client.models.retrieve(model)).id, model);

    openaiMock.chat.completions.create.response = { choices: [{ message: { content: 'Hello, how can I help?' } }] };
    const completion = await client.chat.completions.create({ model, messages: [{ role: 'user', content: 'Hi' }] });
    assert.equal(completion.choices[0]?.message.content, 'Hello, how can I help?');
  });
});
