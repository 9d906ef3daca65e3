// Retrieval end to end: upload documents, put them in a vector store, `search` it (the results come from the
// files' real content), then answer a Responses `file_search` tool call from the same store. The Responses
// route is given a function that runs the search through the client and builds the `file_search_call`
// item and the cited answer from what it finds.
import assert from 'node:assert/strict';
import OpenAI, { toFile } from 'openai';
import type { ResponseCreateParams, FileSearchTool } from 'openai/resources/responses/responses';
import { OpenAIMock, createMockFetch } from '../lib/index.js';

const handbook = {
  'returns.md': 'Returns: any item can be returned within 30 days of delivery for a full refund.',
  'shipping.md': 'Shipping: standard delivery takes 3 to 5 business days; express arrives the next day.',
};

describe('retrieval with file_search', () => {
  it('uploads, indexes, searches, and answers a file_search call from the store', async () => {
    const openaiMock = new OpenAIMock();
    const client = new OpenAI({ apiKey: 'sk-fake', fetch: createMockFetch(openaiMock) });

    const vectorStore = await client.vectorStores.create({ name: 'Handbook' });
    const batch = await client.vectorStores.fileBatches.uploadAndPoll(vectorStore.id, {
      files: await Promise.all(Object.entries(handbook).map(([name, text]) => toFile(Buffer.from(text), name))),
    });
    assert.equal(batch.file_counts.completed, 2);

    const results = await client.vectorStores.search(vectorStore.id, { query: 'How many days do I have to return an item?' });
    assert.equal(results.data[0]?.filename, 'returns.md');
    assert.match(results.data[0]?.content[0]?.text ?? '', /30 days/);

    openaiMock.responses.create.response = async ({ body }) => {
      const request = body as ResponseCreateParams;
      const tool = request.tools?.find((candidate): candidate is FileSearchTool => candidate.type === 'file_search');
      const query = String(request.input);
      const found = await client.vectorStores.search(tool?.vector_store_ids[0] ?? '', { query, max_num_results: tool?.max_num_results ?? 3 });
      const best = found.data[0];
      return {
        output: [
          {
            type: 'file_search_call',
            id: 'fs_1',
            status: 'completed',
            queries: [query],
            results: found.data.map((hit) => ({ file_id: hit.file_id, filename: hit.filename, score: hit.score, text: hit.content[0]?.text ?? '', attributes: hit.attributes })),
          },
          {
            type: 'message',
            id: 'msg_1',
            role: 'assistant',
            status: 'completed',
            content: [{
              type: 'output_text',
              text: best ? `You have 30 days. (${best.filename})` : 'I could not find that.',
              annotations: best ? [{ type: 'file_citation', file_id: best.file_id, filename: best.filename, index: 0 }] : [],
            }],
          },
        ],
      };
    };

    const response = await client.responses.create({
      model: 'gpt-4o',
      input: 'How many days do I have to return an item?',
      tools: [{ type: 'file_search', vector_store_ids: [vectorStore.id] }],
      include: ['file_search_call.results'],
    });

    const call = response.output.find((item) => item.type === 'file_search_call');
    assert.equal(call?.type, 'file_search_call');
    assert.equal(call?.results?.[0]?.filename, 'returns.md');
    assert.equal(response.output_text, 'You have 30 days. (returns.md)');
    assert.equal(openaiMock.vectorStores.search.calls.length, 2);
  });
});
