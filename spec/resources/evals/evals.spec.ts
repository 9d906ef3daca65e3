import assert from 'node:assert/strict';
import OpenAI, { toFile } from 'openai';
import { lifecycle } from '../../../lib/index.js';
import { mockedClient } from '../../support/client.js';

const exact = { type: 'string_check' as const, name: 'exact', input: '{{sample.output_text}}', reference: '{{item.answer}}', operation: 'eq' as const };

async function capitalsEval(client: OpenAI) {
  return client.evals.create({
    name: 'capitals',
    data_source_config: { type: 'custom', item_schema: { type: 'object', properties: { question: { type: 'string' }, answer: { type: 'string' } } }, include_sample_schema: true },
    testing_criteria: [exact],
  });
}

describe('evals', () => {
  it("keeps a label grader's short-form messages as the API shows them, and refuses a role no model reads", async () => {
    const { openaiMock, client } = mockedClient();
    const grader = { type: 'label_model' as const, name: 'tone', model: 'gpt-4o-mini', labels: ['polite', 'rude'], passing_labels: ['polite'] };
    const created = await client.evals.create({
      data_source_config: { type: 'custom', item_schema: { type: 'object' } },
      testing_criteria: [{ ...grader, input: [{ role: 'developer', content: 'Label the tone.' }, { role: 'user', content: '{{item.text}}' }] }],
    });
    assert.deepEqual(created.testing_criteria[0], { ...grader, input: [{ role: 'developer', content: 'Label the tone.' }, { role: 'user', content: '{{item.text}}' }] });
    assert.deepEqual((await client.evals.list()).data.map((e) => e.id), [created.id]);
    // The SDK types a short-form role as any string; the API takes the four a model reads.
    const refused = await client.evals.create({
      data_source_config: { type: 'custom', item_schema: { type: 'object' } },
      testing_criteria: [{ ...grader, input: [{ role: 'role', content: 'content' }] }],
    }).catch((error: unknown) => error);
    assert.ok(refused instanceof OpenAI.BadRequestError);
    assert.equal(refused.param, 'testing_criteria[0].input[0].role');
    assert.equal(openaiMock.state.evals.list().data.length, 1);
  });

  it('keeps evals: create, retrieve, update, list, delete', async () => {
    const { client } = mockedClient();
    const evaluation = await capitalsEval(client);
    assert.match(evaluation.id, /^eval_/);
    assert.equal(evaluation.object, 'eval');
    assert.deepEqual(evaluation.data_source_config.schema['required'], ['item', 'sample']);
    const updated = await client.evals.update(evaluation.id, { name: 'capitals v2', metadata: { team: 'geo' } });
    assert.deepEqual([updated.name, updated.metadata], ['capitals v2', { team: 'geo' }]);
    assert.equal((await client.evals.retrieve(evaluation.id)).name, 'capitals v2');
    assert.deepEqual((await client.evals.list()).data.map((e) => e.id), [evaluation.id]);
    assert.deepEqual(await client.evals.delete(evaluation.id), { eval_id: evaluation.id, object: 'eval.deleted', deleted: true });
    await assert.rejects(client.evals.retrieve(evaluation.id), OpenAI.NotFoundError);
  });

  it('keeps what a partial set on evals.update answered, as it keeps a create\'s', async () => {
    const { openaiMock, client } = mockedClient();
    const evaluation = await capitalsEval(client);
    openaiMock.evals.update.response = { metadata: { reviewed: 'yes' } };
    await client.evals.update(evaluation.id, { name: 'capitals v2' });
    const kept = await client.evals.retrieve(evaluation.id);
    assert.deepEqual([kept.name, kept.metadata], ['capitals v2', { reviewed: 'yes' }]);
  });

  it('moves a run queued -> in_progress -> completed and grades each JSONL row', async () => {
    const { client } = mockedClient();
    const evaluation = await capitalsEval(client);
    const run = await client.evals.runs.create(evaluation.id, {
      name: 'given samples',
      data_source: {
        type: 'jsonl',
        source: {
          type: 'file_content',
          content: [
            { item: { question: 'France?', answer: 'Paris' }, sample: { output_text: 'Paris' } },
            { item: { question: 'Italy?', answer: 'Rome' }, sample: { output_text: 'Milan' } },
          ],
        },
      },
    });
    assert.match(run.id, /^evalrun_/);
    assert.equal(run.status, 'queued');
    const statuses = [];
    for (let i = 0; i < 3; i++) statuses.push((await client.evals.runs.retrieve(run.id, { eval_id: evaluation.id })).status);
    assert.deepEqual(statuses, ['in_progress', 'completed', 'completed']);
    const done = await client.evals.runs.retrieve(run.id, { eval_id: evaluation.id });
    assert.deepEqual(done.result_counts, { total: 2, passed: 1, failed: 1, errored: 0 });
    assert.deepEqual(done.per_testing_criteria_results, [{ testing_criteria: 'exact', passed: 1, failed: 1 }]);
    const failed = await client.evals.runs.outputItems.list(run.id, { eval_id: evaluation.id, status: 'fail' });
    assert.deepEqual(failed.data.map((item) => item.datasource_item['answer']), ['Rome']);
    const item = failed.data[0];
    assert.ok(item);
    assert.match(item.id, /^outputitem_/);
    assert.equal(item.results[0]?.passed, false);
    assert.deepEqual(await client.evals.runs.outputItems.retrieve(item.id, { eval_id: evaluation.id, run_id: run.id }), item);
  });

  it('samples model runs through the mock: what the test sets on chat.completions.create is graded', async () => {
    const { client, openaiMock } = mockedClient();
    lifecycle(openaiMock).evals.retrievesPerStep = 0;
    openaiMock.chat.completions.create.response = ({ body }) => ({
      choices: [{ message: { content: String(body.messages[0]?.content).includes('France') ? 'Paris' : 'no idea' } }],
    });
    const evaluation = await capitalsEval(client);
    const lines = [{ item: { question: 'Capital of France?', answer: 'Paris' } }, { item: { question: 'Capital of Peru?', answer: 'Lima' } }];
    const file = await client.files.create({ file: await toFile(Buffer.from(lines.map((l) => JSON.stringify(l)).join('\n')), 'rows.jsonl'), purpose: 'user_data' });
    const run = await client.evals.runs.create(evaluation.id, {
      data_source: {
        type: 'completions',
        model: 'gpt-4o-mini',
        input_messages: { type: 'template', template: [{ role: 'user', content: '{{item.question}}' }] },
        source: { type: 'file_id', id: file.id },
      },
    });
    assert.equal(run.status, 'completed');
    assert.deepEqual(run.result_counts, { total: 2, passed: 1, failed: 1, errored: 0 });
    assert.equal(run.per_model_usage[0]?.invocation_count, 2);
    assert.equal(openaiMock.chat.completions.create.calls.length, 2);
    const items = [];
    for await (const item of client.evals.runs.outputItems.list(run.id, { eval_id: evaluation.id })) items.push(item);
    assert.deepEqual(items.map((i) => i.sample.output[0]?.content), ['Paris', 'no idea']);
    assert.deepEqual(items[0]?.sample.input, [{ role: 'user', content: 'Capital of France?' }]);
  });

  it('cancels unfinished runs, lists by status, deletes, and answers 404s', async () => {
    const { client } = mockedClient();
    const evaluation = await capitalsEval(client);
    const source = { type: 'file_content' as const, content: [{ item: { answer: 'x' }, sample: { output_text: 'x' } }] };
    const run = await client.evals.runs.create(evaluation.id, { data_source: { type: 'jsonl', source } });
    const cancelled = await client.evals.runs.cancel(run.id, { eval_id: evaluation.id });
    assert.equal(cancelled.status, 'canceled');
    await assert.rejects(client.evals.runs.cancel(run.id, { eval_id: evaluation.id }), OpenAI.BadRequestError);
    const other = await client.evals.runs.create(evaluation.id, { data_source: { type: 'jsonl', source } });
    assert.deepEqual((await client.evals.runs.list(evaluation.id, { status: 'canceled' })).data.map((r) => r.id), [run.id]);
    assert.deepEqual(await client.evals.runs.delete(other.id, { eval_id: evaluation.id }), { run_id: other.id, object: 'eval.run.deleted', deleted: true });
    await assert.rejects(client.evals.runs.retrieve(other.id, { eval_id: evaluation.id }), OpenAI.NotFoundError);
    await assert.rejects(client.evals.runs.create('eval_missing', { data_source: { type: 'jsonl', source } }), OpenAI.NotFoundError);
  });
});
