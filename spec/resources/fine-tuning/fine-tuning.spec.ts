import assert from 'node:assert/strict';
import OpenAI, { toFile } from 'openai';
import { createMockFetch, lifecycle } from '../../../lib/index.js';
import { mockedClient } from '../../support/client.js';

const lines = [
  { messages: [{ role: 'user', content: 'Hi' }, { role: 'assistant', content: 'Hello!' }] },
  { messages: [{ role: 'user', content: 'Bye' }, { role: 'assistant', content: 'Goodbye!' }] },
];

async function trainingFile(client: OpenAI, purpose: 'fine-tune' | 'batch' = 'fine-tune') {
  const text = lines.map((line) => JSON.stringify(line)).join('\n') + '\n';
  return client.files.create({ file: await toFile(Buffer.from(text), 'train.jsonl'), purpose });
}

describe('fine-tuning', () => {
  it('moves validating_files -> queued -> running -> succeeded, one step per retrieve, and makes a model', async () => {
    const { client } = mockedClient();
    const file = await trainingFile(client);
    const job = await client.fineTuning.jobs.create({ model: 'gpt-4o-mini', training_file: file.id, suffix: 'greeter' });
    assert.match(job.id, /^ftjob-/);
    assert.equal(job.object, 'fine_tuning.job');
    assert.equal(job.status, 'validating_files');
    assert.equal(job.fine_tuned_model, null);
    const seen: string[] = [];
    for (let i = 0; i < 4; i++) seen.push((await client.fineTuning.jobs.retrieve(job.id)).status);
    assert.deepEqual(seen, ['queued', 'running', 'succeeded', 'succeeded']);
    const done = await client.fineTuning.jobs.retrieve(job.id);
    assert.match(done.fine_tuned_model ?? '', /^ft:gpt-4o-mini:[^:]+:greeter:\w+$/);
    assert.equal(done.hyperparameters.n_epochs, 3);
    assert.ok(done.finished_at !== null && done.trained_tokens !== null && done.trained_tokens > 0);
    const model = await client.models.retrieve(done.fine_tuned_model ?? '');
    assert.equal(model.owned_by, done.organization_id);
    const ids = [];
    for await (const m of client.models.list()) ids.push(m.id);
    assert.ok(ids.includes(done.fine_tuned_model ?? ''));
    const [resultFile] = done.result_files;
    assert.match(await (await client.files.content(resultFile ?? '')).text(), /^step,train_loss/);
  });

  it('logs events and keeps one checkpoint per epoch, newest first', async () => {
    const { client, openaiMock } = mockedClient();
    lifecycle(openaiMock).fineTuning.retrievesPerStep = 0;
    const file = await trainingFile(client);
    const job = await client.fineTuning.jobs.create({ model: 'gpt-4o-mini', training_file: file.id, hyperparameters: { n_epochs: 2 } });
    assert.equal(job.status, 'succeeded');
    const events = [];
    for await (const event of client.fineTuning.jobs.listEvents(job.id)) events.push(event);
    assert.ok(events.every((event) => event.object === 'fine_tuning.job.event' && event.id.startsWith('ftevent-')));
    assert.equal(events.at(-1)?.message, `Created fine-tuning job: ${job.id}`);
    assert.equal(events[0]?.message, 'The job has successfully completed');
    const page = await client.fineTuning.jobs.checkpoints.list(job.id, { limit: 1 });
    assert.equal(page.data.length, 1);
    assert.equal(page.has_more, true);
    const checkpoints = [];
    for await (const checkpoint of client.fineTuning.jobs.checkpoints.list(job.id)) checkpoints.push(checkpoint);
    assert.deepEqual(checkpoints.map((c) => c.step_number), [4, 2]);
    assert.equal(checkpoints[0]?.fine_tuned_model_checkpoint, job.fine_tuned_model);
    assert.match(checkpoints[1]?.fine_tuned_model_checkpoint ?? '', /:ckpt-step-2$/);
  });

  it('pauses, resumes and cancels; a finished job cannot be cancelled', async () => {
    const { client } = mockedClient();
    const file = await trainingFile(client);
    const job = await client.fineTuning.jobs.create({ model: 'gpt-4o-mini', training_file: file.id });
    await assert.rejects(client.fineTuning.jobs.pause(job.id), OpenAI.BadRequestError);
    await client.fineTuning.jobs.retrieve(job.id);
    assert.equal((await client.fineTuning.jobs.retrieve(job.id)).status, 'running');
    await client.fineTuning.jobs.pause(job.id);
    assert.equal((await client.fineTuning.jobs.retrieve(job.id)).status, 'running');
    assert.equal((await client.fineTuning.jobs.retrieve(job.id)).status, 'running');
    await client.fineTuning.jobs.resume(job.id);
    await assert.rejects(client.fineTuning.jobs.resume(job.id), OpenAI.BadRequestError);
    const cancelled = await client.fineTuning.jobs.cancel(job.id);
    assert.equal(cancelled.status, 'cancelled');
    assert.equal((await client.fineTuning.jobs.retrieve(job.id)).status, 'cancelled');
    await assert.rejects(client.fineTuning.jobs.cancel(job.id), OpenAI.BadRequestError);
  });

  it('lists jobs by metadata, and refuses unknown jobs and files that are not for fine-tuning', async () => {
    const { client } = mockedClient();
    const file = await trainingFile(client);
    await client.fineTuning.jobs.create({ model: 'gpt-4o-mini', training_file: file.id, metadata: { team: 'a' } });
    const b = await client.fineTuning.jobs.create({ model: 'gpt-4o-mini', training_file: file.id, metadata: { team: 'b' } });
    const page = await client.fineTuning.jobs.list({ metadata: { team: 'b' } });
    assert.deepEqual(page.data.map((job) => job.id), [b.id]);
    await assert.rejects(client.fineTuning.jobs.retrieve('ftjob-missing'), OpenAI.NotFoundError);
    await assert.rejects(client.fineTuning.jobs.create({ model: 'gpt-4o-mini', training_file: 'file-missing' }), OpenAI.NotFoundError);
    const batchFile = await trainingFile(client, 'batch');
    await assert.rejects(client.fineTuning.jobs.create({ model: 'gpt-4o-mini', training_file: batchFile.id }), OpenAI.BadRequestError);
  });

  it('grants checkpoint permissions to projects, lists and deletes them (an admin key sends them)', async () => {
    const { openaiMock } = mockedClient();
    const client = new OpenAI({ apiKey: 'sk-fake', adminAPIKey: 'sk-admin-fake', fetch: createMockFetch(openaiMock) });
    lifecycle(openaiMock).fineTuning.retrievesPerStep = 0;
    const file = await trainingFile(client);
    const job = await client.fineTuning.jobs.create({ model: 'gpt-4o-mini', training_file: file.id });
    const checkpoint = job.fine_tuned_model ?? '';
    const created = await client.fineTuning.checkpoints.permissions.create(checkpoint, { project_ids: ['proj_a', 'proj_b'] });
    assert.deepEqual(created.getPaginatedItems().map((p) => p.project_id), ['proj_a', 'proj_b']);
    const listed = await client.fineTuning.checkpoints.permissions.list(checkpoint, { project_id: 'proj_b' });
    assert.deepEqual(listed.data.map((p) => p.project_id), ['proj_b']);
    const id = listed.data[0]?.id ?? '';
    assert.match(id, /^cp_/);
    const deleted = await client.fineTuning.checkpoints.permissions.delete(id, { fine_tuned_model_checkpoint: checkpoint });
    assert.deepEqual(deleted, { id, object: 'checkpoint.permission', deleted: true });
    const left = await client.fineTuning.checkpoints.permissions.retrieve(checkpoint);
    assert.deepEqual(left.data.map((p) => p.project_id), ['proj_a']);
    await assert.rejects(
      client.fineTuning.checkpoints.permissions.list('ft:unknown'),
      (error) => error instanceof OpenAI.NotFoundError && error.code === 'model_not_found' && error.param === 'fine_tuned_model_checkpoint'
        && error.message === "404 Fine-tuned model checkpoint 'ft:unknown' not found.",
    );
  });

  it('runs and validates graders', async () => {
    const { client } = mockedClient();
    const grader = { type: 'string_check' as const, name: 'exact', input: '{{sample.output_text}}', reference: '{{item.answer}}', operation: 'eq' as const };
    const pass = await client.fineTuning.alpha.graders.run({ grader, model_sample: 'Paris', item: { answer: 'Paris' } });
    const fail = await client.fineTuning.alpha.graders.run({ grader, model_sample: 'Lyon', item: { answer: 'Paris' } });
    assert.deepEqual([pass.reward, fail.reward], [1, 0]);
    assert.equal(pass.metadata.name, 'exact');
    const similar = await client.fineTuning.alpha.graders.run({
      grader: { type: 'text_similarity', name: 'sim', input: '{{sample.output_text}}', reference: 'the capital is Paris', evaluation_metric: 'fuzzy_match' },
      model_sample: 'the capital is Lyon',
    });
    assert.ok(similar.reward > 0.5 && similar.reward < 1);
    assert.deepEqual(await client.fineTuning.alpha.graders.validate({ grader }), { grader });
    await assert.rejects(
      client.fineTuning.alpha.graders.validate({ grader: { type: 'string_check', name: 'x', input: 'a' } as unknown as typeof grader }),
      OpenAI.BadRequestError,
    );
  });
});
