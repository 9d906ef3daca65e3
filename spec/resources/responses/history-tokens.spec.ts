import assert from 'node:assert/strict';
import type OpenAI from 'openai';
import { responseOutput } from '../../../lib/index.js';
import { mockedClient } from '../../support/client.js';

// Token counts are kept per item and, along a previous_response_id chain, per response, so a long conversation
// is not counted again each turn. Each turn's usage must still be what a count from scratch gives: the same
// history sent whole, to a fresh mock that has seen none of it, counted by responses.inputTokens.count.

const models = ['gpt-4o', 'gpt-4o', 'gpt-4', 'gpt-4o-mini', 'gpt-3.5-turbo'];

async function countedFromScratch(history: readonly OpenAI.Responses.ResponseInputItem[], model: string, instructions?: string): Promise<number> {
  const { client } = mockedClient();
  const counted = await client.responses.inputTokens.count({ model, input: [...history], ...(instructions !== undefined && { instructions }) });
  return counted.input_tokens;
}

/** An earlier answer's items, as a history sends them back whole. */
const asInput = (output: readonly OpenAI.Responses.ResponseOutputItem[]): OpenAI.Responses.ResponseInputItem[] => output as unknown as OpenAI.Responses.ResponseInputItem[];

describe('token counts of a growing history', () => {
  it('a previous_response_id chain counts each turn as the whole history counted from scratch, across models and encodings', async () => {
    const { client } = mockedClient();
    const history: OpenAI.Responses.ResponseInputItem[] = [];
    let previous: string | undefined;
    for (let turn = 0; turn < 24; turn++) {
      const model = models[turn % models.length] ?? 'gpt-4o';
      const said: OpenAI.Responses.ResponseInputItem = { role: 'user', content: `Turn ${turn}: ${'more words '.repeat(turn % 5)}naïve café ✓` };
      const instructions = turn % 4 === 0 ? 'Answer in one word.' : undefined;
      const response = await client.responses.create({ model, input: [said], ...(previous !== undefined && { previous_response_id: previous }), ...(instructions !== undefined && { instructions }) });
      history.push(said);
      assert.equal(response.usage?.input_tokens, await countedFromScratch(history, model, instructions), `turn ${turn} (${model})`);
      history.push(...asInput(response.output));
      previous = response.id;
    }
  });

  it('a history of item_references counts each turn as the same items sent whole', async () => {
    const { client } = mockedClient();
    const sent: OpenAI.Responses.ResponseInputItem[] = [];
    const whole: OpenAI.Responses.ResponseInputItem[] = [];
    for (let turn = 0; turn < 16; turn++) {
      const model = models[turn % models.length] ?? 'gpt-4o';
      const said: OpenAI.Responses.ResponseInputItem = { role: 'user', content: `Question ${turn}, ${'again '.repeat(turn % 3)}please.` };
      sent.push(said);
      whole.push(said);
      const response = await client.responses.create({ model, input: sent });
      assert.equal(response.usage?.input_tokens, await countedFromScratch(whole, model), `turn ${turn} (${model})`);
      for (const item of response.output) if (item.id) sent.push({ type: 'item_reference', id: item.id });
      whole.push(...asInput(response.output));
    }
  });

  it('a chain nobody lists until its end: each turn counted as the items its listing then shows, an answer with an id of its own included', async () => {
    const { client, openaiMock } = mockedClient();
    let turn = 0;
    openaiMock.responses.create.response = () => (turn === 4 ? { output: [responseOutput.text(`Answer ${turn}`, { id: 'msg_own' })] } : { output_text: `Answer ${turn}` });
    const responses: OpenAI.Responses.Response[] = [];
    let previous: string | undefined;
    for (; turn < 24; turn++) {
      const model = models[turn % models.length] ?? 'gpt-4o';
      const response = await client.responses.create({ model, input: `Turn ${turn}: ${'more words '.repeat(turn % 4)}`, ...(previous !== undefined && { previous_response_id: previous }) });
      responses.push(response);
      previous = response.id;
    }
    for (const [at, response] of responses.entries()) {
      const listed = await client.responses.inputItems.list(response.id, { order: 'asc', limit: 100 });
      assert.equal(listed.data.length, at * 2 + 1, `response ${at}`);
      const history = listed.data as unknown as OpenAI.Responses.ResponseInputItem[];
      assert.equal(response.usage?.input_tokens, await countedFromScratch(history, response.model), `response ${at}`);
    }
  });

  it('a chain thousands of responses deep lists the items of its newest response, the earliest among them', async () => {
    const { client } = mockedClient();
    let previous: string | undefined;
    const depth = 4000;
    for (let turn = 0; turn < depth; turn++) {
      previous = (await client.responses.create({ model: 'gpt-4o', input: `Turn ${turn}`, ...(previous !== undefined && { previous_response_id: previous }) })).id;
    }
    const newest = await client.responses.inputItems.list(previous ?? '', { limit: 3 });
    assert.deepEqual(newest.data.map((item) => item.type === 'message' && item.content[0]?.type === 'input_text' && item.content[0].text), [`Turn ${depth - 1}`, false, `Turn ${depth - 2}`]);
    assert.equal(newest.has_more, true);
    const oldest = await client.responses.inputItems.list(previous ?? '', { order: 'asc', limit: 1 });
    assert.deepEqual(oldest.data.map((item) => item.type === 'message' && item.content[0]?.type === 'input_text' && item.content[0].text), ['Turn 0']);
  });

  it('the input items of each response of a chain are its whole history, and a deleted link does not change the others', async () => {
    const { client } = mockedClient();
    const ids: string[] = [];
    let previous: string | undefined;
    for (let turn = 0; turn < 6; turn++) {
      const response = await client.responses.create({ model: 'gpt-4o', input: `Turn ${turn}`, ...(previous !== undefined && { previous_response_id: previous }) });
      ids.push(response.id);
      previous = response.id;
    }
    await client.responses.delete(ids[2] ?? '');
    for (const [turn, id] of ids.entries()) {
      if (turn === 2) continue;
      const items = await client.responses.inputItems.list(id, { order: 'asc', limit: 100 });
      // Each turn's own message, and before it each earlier turn's message and answer.
      assert.equal(items.data.length, turn * 2 + 1, `response ${turn}`);
      const texts = items.data.filter((item) => item.type === 'message' && item.role === 'user').map((item) => (item.type === 'message' && item.content[0]?.type === 'input_text' ? item.content[0].text : ''));
      assert.deepEqual(texts, Array.from({ length: turn + 1 }, (_, i) => `Turn ${i}`));
    }
  });
});
