// Background mode: the response is created queued and the app polls retrieve until it settles (no real waiting).
import assert from 'node:assert/strict';
import OpenAI from 'openai';
import { createMockFetch, lifecycle, OpenAIMock, responseOutput } from '../lib/index.js';

describe('Responses API: background polling', () => {
  it('moves from queued through in_progress to completed across retrieves', async () => {
    const openaiMock = new OpenAIMock();
    Object.assign(lifecycle(openaiMock).responses.background, { queued: 1, inProgress: 2 });
    openaiMock.responses.create.response = { output: [responseOutput.text('A very long novel about otters in space.')] };
    const client = new OpenAI({ apiKey: 'sk-fake', fetch: createMockFetch(openaiMock) });

    let response = await client.responses.create({ model: 'gpt-4.1', input: 'Write a long novel.', background: true });
    const seen = [response.status];
    while (response.status === 'queued' || response.status === 'in_progress') {
      response = await client.responses.retrieve(response.id);
      seen.push(response.status);
    }

    assert.deepEqual(seen, ['queued', 'queued', 'in_progress', 'in_progress', 'completed']);
    assert.equal(response.output_text, 'A very long novel about otters in space.');
  });
});
