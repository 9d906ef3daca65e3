import assert from 'node:assert/strict';
import { toFile } from 'openai';
import { normalizeBody, promptSnapshot, reply } from '../../../lib/index.js';
import { mockedClient } from '../../support/client.js';

describe('promptSnapshot', () => {
  it('numbers the ids the API made by first appearance, so one id reads the same everywhere', async () => {
    const { client, openaiMock } = mockedClient();
    openaiMock.responses.create.responses = [reply.toolCall('lookup', { q: 'x' })];
    const first = await client.responses.create({ model: 'gpt-4.1', input: 'Look it up' });
    const call = first.output[0];
    assert.ok(call?.type === 'function_call');
    await client.responses.create({
      model: 'gpt-4.1', previous_response_id: first.id,
      input: [{ type: 'function_call_output', call_id: call.call_id, output: 'found' }, { type: 'function_call_output', call_id: call.call_id, output: 'again' }],
    });

    assert.deepEqual(promptSnapshot(openaiMock.responses.create), {
      model: 'gpt-4.1',
      previous_response_id: '<resp_1>',
      input: [
        { type: 'function_call_output', call_id: '<call_1>', output: 'found' },
        { type: 'function_call_output', call_id: '<call_1>', output: 'again' },
      ],
    });
    assert.deepEqual(promptSnapshot(openaiMock.responses.create, 0), { model: 'gpt-4.1', input: 'Look it up' });
    assert.deepEqual(promptSnapshot(openaiMock.responses.create.calls[0]!), { model: 'gpt-4.1', input: 'Look it up' });
  });

  it('keeps words that only look like ids, and what the user named', async () => {
    const { client, openaiMock } = mockedClient();
    await client.chat.completions.create({ model: 'gpt-4o', messages: [{ role: 'user', content: 'call_me maybe, resp_onsive' }], metadata: { run: 'run_x' } });
    const file = await client.files.create({ file: await toFile(Buffer.from('notes'), 'notes.txt'), purpose: 'assistants' });
    const thread = await client.beta.threads.create();
    await client.beta.threads.messages.create(thread.id, { role: 'user', content: 'Hi', attachments: [{ file_id: file.id, tools: [] }] });

    assert.deepEqual(promptSnapshot(openaiMock.chat.completions.create), {
      model: 'gpt-4o', messages: [{ role: 'user', content: 'call_me maybe, resp_onsive' }], metadata: { run: 'run_x' },
    });
    assert.deepEqual(promptSnapshot(openaiMock.beta.threads.messages.create), { role: 'user', content: 'Hi', attachments: [{ file_id: '<file_1>', tools: [] }] });
  });

  it('replaces the numbers of time fields, and only those', () => {
    assert.deepEqual(
      normalizeBody({ created: 1_700_000_000, metadata: { expires_at: 1_700_000_600, count: 3 }, expires_after: { anchor: 'created_at', seconds: 3600 } }),
      { created: '<time>', metadata: { expires_at: '<time>', count: 3 }, expires_after: { anchor: 'created_at', seconds: 3600 } },
    );
  });

  it('shows a multipart body as its fields, files by name and size', async () => {
    const { client, openaiMock } = mockedClient();
    await client.files.create({ file: await toFile(Buffer.from('{"a":1}\n'), 'data.jsonl'), purpose: 'batch' });

    assert.deepEqual(promptSnapshot(openaiMock.files.create), { file: '<file data.jsonl, 8 bytes>', purpose: 'batch' });
  });

  it('says so when the route has no call there', () => {
    const { openaiMock } = mockedClient();
    assert.throws(() => promptSnapshot(openaiMock.chat.completions.create), /no call at index -1 \(the route has 0 calls\)/);
  });
});
