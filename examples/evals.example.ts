// An eval of a prompt: the mock samples each row through its own chat completions route (so the answers the test
// sets are what is graded), the run is polled to `completed`, and the failing rows are read from its output items.
import assert from 'node:assert/strict';
import OpenAI from 'openai';
import { OpenAIMock, createMockFetch } from '../lib/index.js';

describe('evals', () => {
  it('grades a model run and lists the failures', async () => {
    const openaiMock = new OpenAIMock();
    const client = new OpenAI({ apiKey: 'sk-fake', fetch: createMockFetch(openaiMock) });
    const capitals: Record<string, string> = { France: 'Paris', Japan: 'Kyoto' };
    openaiMock.chat.completions.create.response = ({ body }) => {
      const country = String(body.messages[0]?.content).replace('Capital of ', '').replace('?', '');
      return { choices: [{ message: { content: capitals[country] ?? '' } }] };
    };
    const evaluation = await client.evals.create({
      name: 'capitals',
      data_source_config: { type: 'custom', item_schema: { type: 'object', properties: { country: { type: 'string' }, capital: { type: 'string' } } } },
      testing_criteria: [{ type: 'string_check', name: 'exact', input: '{{sample.output_text}}', reference: '{{item.capital}}', operation: 'eq' }],
    });
    let run = await client.evals.runs.create(evaluation.id, {
      data_source: {
        type: 'completions',
        model: 'gpt-4o-mini',
        input_messages: { type: 'template', template: [{ role: 'user', content: 'Capital of {{item.country}}?' }] },
        source: { type: 'file_content', content: [{ item: { country: 'France', capital: 'Paris' } }, { item: { country: 'Japan', capital: 'Tokyo' } }] },
      },
    });
    while (run.status !== 'completed') run = await client.evals.runs.retrieve(run.id, { eval_id: evaluation.id });
    assert.deepEqual(run.result_counts, { total: 2, passed: 1, failed: 1, errored: 0 });
    const failures = await client.evals.runs.outputItems.list(run.id, { eval_id: evaluation.id, status: 'fail' });
    assert.deepEqual(failures.data.map((item) => [item.datasource_item['country'], item.sample.output[0]?.content]), [['Japan', 'Kyoto']]);
  });
});
