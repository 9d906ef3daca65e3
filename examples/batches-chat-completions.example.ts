// A batch of 100 chat completions: the input file is uploaded, the batch is polled to `completed` (one status
// step per retrieve, no waiting), and the output file is read back and parsed. Each line is answered by the
// same mock's `chat.completions.create` route, so the response set there flows into the batch.
import assert from 'node:assert/strict';
import OpenAI, { toFile } from 'openai';
import { OpenAIMock, createMockFetch } from '../lib/index.js';

interface BatchOutputLine {
  id: string;
  custom_id: string;
  response: { status_code: number; request_id: string; body: OpenAI.ChatCompletion };
  error: null;
}

describe('batches', () => {
  it('runs a batch of 100 chat completions and parses its output file', async () => {
    const openaiMock = new OpenAIMock();
    const client = new OpenAI({ apiKey: 'sk-fake', fetch: createMockFetch(openaiMock) });
    openaiMock.chat.completions.create.response = ({ body }) => {
      const question = String((body as OpenAI.ChatCompletionCreateParams).messages.at(-1)?.content);
      return { choices: [{ message: { content: `Answer to: ${question}` } }] };
    };

    const requests = Array.from({ length: 100 }, (_, i) => ({
      custom_id: `request-${i}`,
      method: 'POST',
      url: '/v1/chat/completions',
      body: { model: 'gpt-4o-mini', messages: [{ role: 'user', content: `Question ${i}?` }] },
    }));
    const input = await client.files.create({
      file: await toFile(Buffer.from(requests.map((request) => JSON.stringify(request)).join('\n')), 'requests.jsonl'),
      purpose: 'batch',
    });

    let batch = await client.batches.create({ input_file_id: input.id, endpoint: '/v1/chat/completions', completion_window: '24h' });
    const statuses = [batch.status];
    while (!['completed', 'failed', 'expired', 'cancelled'].includes(batch.status)) {
      batch = await client.batches.retrieve(batch.id);
      statuses.push(batch.status);
    }

    assert.deepEqual(statuses, ['validating', 'in_progress', 'finalizing', 'completed']);
    assert.deepEqual(batch.request_counts, { total: 100, completed: 100, failed: 0 });
    assert.equal(openaiMock.chat.completions.create.calls.length, 100);

    const output = await client.files.content(batch.output_file_id!);
    const lines = (await output.text()).trim().split('\n').map((line) => JSON.parse(line) as BatchOutputLine);
    assert.equal(lines.length, 100);
    const answers = new Map(lines.map((line) => [line.custom_id, line.response.body.choices[0]?.message.content]));
    assert.equal(answers.get('request-0'), 'Answer to: Question 0?');
    assert.equal(answers.get('request-99'), 'Answer to: Question 99?');
    assert.ok(lines.every((line) => line.response.status_code === 200 && line.error === null));
  });
});
