import assert from 'node:assert/strict';
import OpenAI, { toFile } from 'openai';
import { apiError, lifecycle } from '../../../lib/index.js';
import { mockedClient } from '../../support/client.js';

interface OutputLine {
  id: string;
  custom_id: string;
  response: { status_code: number; request_id: string; body: Record<string, unknown> } | null;
  error: unknown;
}

function chatLine(customId: string, content: string, model = 'gpt-4o-mini'): string {
  return JSON.stringify({ custom_id: customId, method: 'POST', url: '/v1/chat/completions', body: { model, messages: [{ role: 'user', content }] } });
}

async function inputFile(client: OpenAI, lines: string[]) {
  return client.files.create({ file: await toFile(Buffer.from(lines.join('\n') + '\n'), 'input.jsonl'), purpose: 'batch' });
}

async function readJsonl(client: OpenAI, fileId: string): Promise<OutputLine[]> {
  const text = await (await client.files.content(fileId)).text();
  return text.trim().split('\n').map((line) => JSON.parse(line) as OutputLine);
}

describe('batches', () => {
  it('moves validating -> in_progress -> finalizing -> completed, one step per retrieve', async () => {
    const { client } = mockedClient();
    const input = await inputFile(client, [chatLine('a', 'Hi'), chatLine('b', 'Ho')]);
    const batch = await client.batches.create({ input_file_id: input.id, endpoint: '/v1/chat/completions', completion_window: '24h' });
    assert.match(batch.id, /^batch_/);
    assert.equal(batch.object, 'batch');
    assert.equal(batch.status, 'validating');
    assert.equal(batch.expires_at, batch.created_at + 86_400);
    const seen = [];
    for (let i = 0; i < 4; i++) {
      const current = await client.batches.retrieve(batch.id);
      seen.push([current.status, current.request_counts?.completed, current.request_counts?.total]);
    }
    assert.deepEqual(seen, [
      ['in_progress', 0, 2],
      ['finalizing', 2, 2],
      ['completed', 2, 2],
      ['completed', 2, 2],
    ]);
    const done = await client.batches.retrieve(batch.id);
    assert.ok(done.in_progress_at && done.finalizing_at && done.completed_at);
    assert.equal(done.model, 'gpt-4o-mini');
    assert.equal(done.error_file_id, undefined);
  });

  it('runs every line through this mock, so the response set on chat.completions.create answers it', async () => {
    const { client, openaiMock } = mockedClient();
    openaiMock.chat.completions.create.response = ({ body }) => {
      const messages = (body as OpenAI.ChatCompletionCreateParams).messages;
      return { choices: [{ message: { content: `echo: ${String(messages[0]?.content)}` } }] };
    };
    const input = await inputFile(client, [chatLine('first', 'one'), chatLine('second', 'two')]);
    lifecycle(openaiMock).batches.retrievesPerStep = 0;
    const batch = await client.batches.create({ input_file_id: input.id, endpoint: '/v1/chat/completions', completion_window: '24h' });
    assert.equal(batch.status, 'completed');
    assert.equal(openaiMock.chat.completions.create.calls.length, 2);
    const output = await client.files.retrieve(batch.output_file_id!);
    assert.equal(output.purpose, 'batch_output');
    assert.equal(output.filename, `${batch.id}_output.jsonl`);
    const lines = await readJsonl(client, output.id);
    assert.deepEqual(lines.map((line) => line.custom_id), ['first', 'second']);
    for (const line of lines) {
      assert.match(line.id, /^batch_req_/);
      assert.equal(line.error, null);
      assert.equal(line.response?.status_code, 200);
      assert.match(line.response?.request_id ?? '', /^req_/);
    }
    const contents = lines.map((line) => (line.response?.body as unknown as OpenAI.ChatCompletion).choices[0]?.message.content);
    assert.deepEqual(contents, ['echo: one', 'echo: two']);
    assert.ok((batch.usage?.input_tokens ?? 0) > 0);
    assert.equal(batch.usage?.total_tokens, (batch.usage?.input_tokens ?? 0) + (batch.usage?.output_tokens ?? 0));
  });

  it('writes requests the route answers with an error to the error file, counted as failed', async () => {
    const { client, openaiMock } = mockedClient();
    openaiMock.chat.completions.create.response = ({ body }) => {
      const content = (body as OpenAI.ChatCompletionCreateParams).messages[0]?.content;
      return content === 'bad' ? apiError(400, 'This request was refused.', { code: 'refused' }) : { choices: [{ message: { content: 'ok' } }] };
    };
    lifecycle(openaiMock).batches.retrievesPerStep = 0;
    const input = await inputFile(client, [chatLine('a', 'good'), chatLine('b', 'bad'), chatLine('c', 'good')]);
    const batch = await client.batches.create({ input_file_id: input.id, endpoint: '/v1/chat/completions', completion_window: '24h' });
    assert.deepEqual(batch.request_counts, { total: 3, completed: 2, failed: 1 });
    const errors = await readJsonl(client, batch.error_file_id!);
    assert.equal(errors.length, 1);
    assert.equal(errors[0]?.custom_id, 'b');
    assert.equal(errors[0]?.response?.status_code, 400);
    assert.deepEqual((errors[0]?.response?.body as { error: { code: string } }).error.code, 'refused');
    assert.deepEqual((await readJsonl(client, batch.output_file_id!)).map((line) => line.custom_id), ['a', 'c']);
  });

  it('runs embeddings and Responses batches too', async () => {
    const { client, openaiMock } = mockedClient();
    lifecycle(openaiMock).batches.retrievesPerStep = 0;
    const embeddingInput = await inputFile(client, [
      JSON.stringify({ custom_id: 'e1', method: 'POST', url: '/v1/embeddings', body: { model: 'text-embedding-3-small', input: 'hello', dimensions: 8 } }),
    ]);
    const embeddings = await client.batches.create({ input_file_id: embeddingInput.id, endpoint: '/v1/embeddings', completion_window: '24h' });
    const [line] = await readJsonl(client, embeddings.output_file_id!);
    assert.equal(((line?.response?.body as unknown as OpenAI.CreateEmbeddingResponse).data[0]?.embedding ?? []).length, 8);

    openaiMock.responses.create.response = { output: [{ type: 'message', id: 'msg_1', role: 'assistant', status: 'completed', content: [{ type: 'output_text', text: 'from the batch', annotations: [] }] }] };
    const responsesInput = await inputFile(client, [
      JSON.stringify({ custom_id: 'r1', method: 'POST', url: '/v1/responses', body: { model: 'gpt-4o', input: 'Hi' } }),
    ]);
    const responses = await client.batches.create({ input_file_id: responsesInput.id, endpoint: '/v1/responses', completion_window: '24h' });
    assert.equal(responses.status, 'completed');
    const [answer] = await readJsonl(client, responses.output_file_id!);
    const output = (answer?.response?.body as unknown as OpenAI.Responses.Response).output;
    assert.equal(JSON.stringify(output).includes('from the batch'), true);
    assert.equal(openaiMock.responses.create.calls.length, 1);
  });

  it('fails a batch whose input file is invalid, with the errors and their lines', async () => {
    const { client } = mockedClient();
    const input = await inputFile(client, [chatLine('a', 'x'), 'not json', chatLine('a', 'duplicate'), JSON.stringify({ custom_id: 'd', method: 'POST', url: '/v1/embeddings', body: {} })]);
    const batch = await client.batches.create({ input_file_id: input.id, endpoint: '/v1/chat/completions', completion_window: '24h' });
    const failed = await client.batches.retrieve(batch.id);
    assert.equal(failed.status, 'failed');
    assert.ok(failed.failed_at);
    assert.deepEqual(
      failed.errors?.data?.map((error) => [error.code, error.line]),
      [['invalid_json_line', 2], ['duplicate_custom_id', 3], ['invalid_url', 4]],
    );
    assert.equal((await client.batches.retrieve(batch.id)).status, 'failed');
  });

  it('fails an empty input file and one that mixes models', async () => {
    const { client, openaiMock } = mockedClient();
    lifecycle(openaiMock).batches.retrievesPerStep = 0;
    const empty = await inputFile(client, []);
    const first = await client.batches.create({ input_file_id: empty.id, endpoint: '/v1/chat/completions', completion_window: '24h' });
    assert.equal(first.errors?.data?.[0]?.code, 'empty_file');
    const mixed = await inputFile(client, [chatLine('a', 'x', 'gpt-4o'), chatLine('b', 'y', 'gpt-4o-mini')]);
    const second = await client.batches.create({ input_file_id: mixed.id, endpoint: '/v1/chat/completions', completion_window: '24h' });
    assert.equal(second.status, 'failed');
    assert.equal(second.errors?.data?.[0]?.code, 'mismatched_model');
  });

  it('refuses a missing input file (404), a file of another purpose, an unknown endpoint or window (400)', async () => {
    const { client } = mockedClient();
    await assert.rejects(
      client.batches.create({ input_file_id: 'file-missing', endpoint: '/v1/chat/completions', completion_window: '24h' }),
      OpenAI.NotFoundError,
    );
    const notBatch = await client.files.create({ file: await toFile(Buffer.from(chatLine('a', 'x')), 'in.jsonl'), purpose: 'user_data' });
    await assert.rejects(
      client.batches.create({ input_file_id: notBatch.id, endpoint: '/v1/chat/completions', completion_window: '24h' }),
      (error: unknown) => error instanceof OpenAI.BadRequestError && error.param === 'input_file_id',
    );
    const input = await inputFile(client, [chatLine('a', 'x')]);
    await assert.rejects(
      client.batches.create({ input_file_id: input.id, endpoint: '/v1/nope' as '/v1/embeddings', completion_window: '24h' }),
      OpenAI.BadRequestError,
    );
    await assert.rejects(
      client.batches.create({ input_file_id: input.id, endpoint: '/v1/chat/completions', completion_window: '48h' as '24h' }),
      OpenAI.BadRequestError,
    );
    assert.equal((await client.batches.list()).data.length, 0);
  });

  it('cancels a batch: cancelling, then cancelled on the next retrieve; a finished batch cannot be cancelled', async () => {
    const { client, openaiMock } = mockedClient();
    const input = await inputFile(client, [chatLine('a', 'x')]);
    const batch = await client.batches.create({ input_file_id: input.id, endpoint: '/v1/chat/completions', completion_window: '24h' });
    const cancelling = await client.batches.cancel(batch.id);
    assert.equal(cancelling.status, 'cancelling');
    assert.ok(cancelling.cancelling_at);
    const cancelled = await client.batches.retrieve(batch.id);
    assert.equal(cancelled.status, 'cancelled');
    assert.ok(cancelled.cancelled_at);
    assert.equal(openaiMock.chat.completions.create.calls.length, 0);
    await assert.rejects(client.batches.cancel('batch_missing'), OpenAI.NotFoundError);

    lifecycle(openaiMock).batches.retrievesPerStep = 0;
    const done = await client.batches.create({ input_file_id: input.id, endpoint: '/v1/chat/completions', completion_window: '24h' });
    await assert.rejects(client.batches.cancel(done.id), OpenAI.BadRequestError);
  });

  it('takes retrievesPerStep retrieves per status step', async () => {
    const { client, openaiMock } = mockedClient();
    lifecycle(openaiMock).batches.retrievesPerStep = 2;
    const input = await inputFile(client, [chatLine('a', 'x')]);
    const batch = await client.batches.create({ input_file_id: input.id, endpoint: '/v1/chat/completions', completion_window: '24h' });
    const statuses = [];
    for (let i = 0; i < 6; i++) statuses.push((await client.batches.retrieve(batch.id)).status);
    assert.deepEqual(statuses, ['validating', 'in_progress', 'in_progress', 'finalizing', 'finalizing', 'completed']);
    openaiMock.reset();
    assert.equal(lifecycle(openaiMock).batches.retrievesPerStep, 1);
  });

  it('lists batches newest first, pages with after, and answers 404 for an unknown id', async () => {
    const { client } = mockedClient();
    const input = await inputFile(client, [chatLine('a', 'x')]);
    const ids: string[] = [];
    for (let i = 0; i < 3; i++) {
      ids.push((await client.batches.create({ input_file_id: input.id, endpoint: '/v1/chat/completions', completion_window: '24h', metadata: { n: String(i) } })).id);
    }
    const page = await client.batches.list({ limit: 2 });
    assert.deepEqual(page.data.map((batch) => batch.id), [ids[2], ids[1]]);
    assert.equal(page.has_more, true);
    assert.deepEqual((await client.batches.list({ after: ids[1]! })).data.map((batch) => batch.id), [ids[0]]);
    assert.equal(page.data[0]?.metadata?.['n'], '2');
    await assert.rejects(client.batches.retrieve('batch_missing'), OpenAI.NotFoundError);
  });

  it('moves one step per retrieve even when retrieves arrive together', async () => {
    const { client } = mockedClient();
    const input = await inputFile(client, [chatLine('a', 'x'), chatLine('b', 'y')]);
    const batch = await client.batches.create({ input_file_id: input.id, endpoint: '/v1/chat/completions', completion_window: '24h' });
    const statuses = await Promise.all([1, 2, 3].map(() => client.batches.retrieve(batch.id).then((b) => b.status)));
    assert.deepEqual([...statuses].sort(), ['completed', 'finalizing', 'in_progress']);
  });
});
