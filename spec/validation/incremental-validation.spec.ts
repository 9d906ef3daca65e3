import assert from 'node:assert/strict';
import { Ajv2020, type ValidateFunction } from 'ajv/dist/2020.js';
import OpenAI from 'openai';
import { type RequestSchemaDocument, relaxed } from '../../lib/validation/relaxations.js';
import { requestSchemaText } from '../../lib/validation/request-schemas.js';
import { createMockFetch } from '../../lib/index.js';
import { mockedClient } from '../support/client.js';

// A conversation re-sends its history each turn, and the mock checks only the items it has not seen in a valid
// body before. These growing histories, with a bad item slipped in at earlier and later places, must get exactly
// the verdict a from-scratch check of the whole body gives (an independent validator built here from the same
// schemas), and a refusal must name the bad item's own index.

let fresh: { chat: ValidateFunction; responses: ValidateFunction } | undefined;

/** Validators compiled here, apart from the mock's: every body checked whole. */
function fromScratch(): { chat: ValidateFunction; responses: ValidateFunction } {
  if (fresh) return fresh;
  const document = relaxed(JSON.parse(requestSchemaText) as RequestSchemaDocument);
  const ajv = new Ajv2020({ strict: false, validateFormats: false, validateSchema: false, allErrors: false });
  ajv.addSchema(document, 'doc');
  const get = (operation: string): ValidateFunction => {
    const validate = ajv.getSchema(`doc#/operations/${operation}`);
    assert.ok(validate, operation);
    return validate;
  };
  fresh = { chat: get('createChatCompletion'), responses: get('createResponse') };
  return fresh;
}

/** A small deterministic generator, so a failure replays. */
function random(seed: number): () => number {
  let state = seed;
  return () => {
    state = (state * 1103515245 + 12345) % 2147483648;
    return state / 2147483648;
  };
}

/** What the mock said of a body: accepted, or the 400's param. */
async function verdict(send: () => Promise<unknown>): Promise<{ ok: true } | { ok: false; param: string | null | undefined }> {
  try {
    await send();
    return { ok: true };
  } catch (error) {
    if (error instanceof OpenAI.BadRequestError) return { ok: false, param: error.param };
    throw error;
  }
}

const badMessages: unknown[] = [
  { role: 'robot', content: 'beep' },
  { role: 'user', content: 42 },
  { role: 'tool', content: 'no call id' },
  { role: 'assistant', content: 'x', tool_calls: [{ id: 'call_1', type: 'function' }] },
];

const badItems: unknown[] = [
  { type: 'message', role: 'robot', content: 'beep' },
  { type: 'message', role: 'user', content: 42 },
  { type: 'function_call_output', output: 'no call id' },
  { type: 'item_reference' },
];

describe('request validation of a growing history', () => {
  it('Chat: each turn, with or without a bad message at any place, gets the verdict of a check of the whole body', async () => {
    const { client } = mockedClient();
    const { chat } = fromScratch();
    const next = random(19);
    const messages: OpenAI.Chat.ChatCompletionMessageParam[] = [{ role: 'system', content: 'You are terse.' }];
    for (let turn = 0; turn < 40; turn++) {
      messages.push({ role: 'user', content: `Question ${turn}${'?'.repeat(turn % 3)}` });
      // Now and then a body with a bad message at a random place; then the history itself.
      if (turn % 3 === 1) {
        const at = Math.floor(next() * (messages.length + 1));
        const bad = badMessages[turn % badMessages.length];
        const body = { model: 'gpt-4o', messages: [...messages.slice(0, at), bad, ...messages.slice(at)] };
        const said = await verdict(() => client.chat.completions.create(body as unknown as OpenAI.Chat.ChatCompletionCreateParamsNonStreaming));
        assert.equal(said.ok, chat(body), JSON.stringify(bad));
        assert.ok(!said.ok && typeof said.param === 'string' && said.param.startsWith(`messages[${at}]`), `${JSON.stringify(said)} for a bad message at ${at}`);
      }
      const body = { model: 'gpt-4o', messages };
      assert.equal(chat(body), true);
      const completion = await client.chat.completions.create(body);
      messages.push({ role: 'assistant', content: completion.choices[0]?.message.content ?? '' });
    }
  });

  it('Responses: each turn, with or without a bad item at any place, gets the verdict of a check of the whole body', async () => {
    const { client } = mockedClient();
    const { responses } = fromScratch();
    const next = random(7);
    const input: OpenAI.Responses.ResponseInputItem[] = [];
    let refusedNone = 0;
    for (let turn = 0; turn < 30; turn++) {
      input.push({ role: 'user', content: [{ type: 'input_text', text: `Step ${turn}` }] });
      if (turn % 4 === 2) {
        input.push({ type: 'function_call', call_id: `call_${turn}`, name: 'lookup', arguments: `{"step":${turn}}` });
        input.push({ type: 'function_call_output', call_id: `call_${turn}`, output: `result ${turn}` });
      }
      if (turn % 3 === 1) {
        const at = Math.floor(next() * (input.length + 1));
        const bad = badItems[turn % badItems.length];
        const body = { model: 'gpt-4o', input: [...input.slice(0, at), bad, ...input.slice(at)] };
        const said = await verdict(() => client.responses.create(body as unknown as OpenAI.Responses.ResponseCreateParamsNonStreaming));
        assert.equal(said.ok, responses(body), JSON.stringify(bad));
        if (!said.ok) assert.ok(typeof said.param === 'string' && said.param.startsWith(`input[${at}]`), `${JSON.stringify(said)} for a bad item at ${at}`);
        else refusedNone += 1;
      }
      const body = { model: 'gpt-4o', input };
      assert.equal(responses(body), true);
      const response = await client.responses.create(body);
      for (const item of response.output) if (item.id) input.push({ type: 'item_reference', id: item.id });
    }
    // Some items that look bad are within the schema (the API's own checks refuse them later): most are not.
    assert.ok(refusedNone < 5, `${refusedNone} of 10 bad items passed`);
  });

  it('an item refused once is refused again, and one accepted in a valid body is accepted at any place later', async () => {
    const { client } = mockedClient();
    const bad = { role: 'user', content: 42 } as unknown as OpenAI.Chat.ChatCompletionMessageParam;
    const good: OpenAI.Chat.ChatCompletionMessageParam = { role: 'user', content: 'Fine.' };
    for (let round = 0; round < 3; round++) {
      await assert.rejects(client.chat.completions.create({ model: 'gpt-4o', messages: [good, bad] }), OpenAI.BadRequestError);
      await assert.rejects(client.chat.completions.create({ model: 'gpt-4o', messages: [bad, good] }), OpenAI.BadRequestError);
    }
    const completion = await client.chat.completions.create({ model: 'gpt-4o', messages: [good, good, { role: 'assistant', content: 'Ok.' }, good] });
    assert.equal(completion.object, 'chat.completion');
    // A body valid item by item but refused as a whole (no messages at all) is still refused.
    await assert.rejects(client.chat.completions.create({ model: 'gpt-4o', messages: [] }), OpenAI.BadRequestError);
  });
  it('a previous_response_id chain: a flat body like the last valid one but for its strings gets the verdict of a check of the whole body', async () => {
    const { client } = mockedClient();
    const { responses } = fromScratch();
    let previous: string | undefined;
    for (let turn = 0; turn < 6; turn++) {
      const base: Record<string, unknown> = { model: 'gpt-4o', input: `Turn ${turn}`, instructions: `Be brief ${turn}.`, temperature: 0.5, truncation: 'disabled', service_tier: 'auto', tool_choice: 'auto', ...(previous !== undefined && { previous_response_id: previous }) };
      // Each differs from the last valid body in one field: a string for a string (any string passes there, or
      // not), another type, a number out of range, a field added or left out.
      const variants: Record<string, unknown>[] = [
        { ...base, input: 42 },
        { ...base, instructions: 7 },
        { ...base, previous_response_id: 7 },
        { ...base, model: 42 },
        { ...base, temperature: 'hot' },
        { ...base, temperature: 7 },
        { ...base, truncation: 'sideways' },
        { ...base, max_output_tokens: 3 },
        { ...base, store: 'yes' },
        { ...base, service_tier: 'fastest' },
        { ...base, tool_choice: 'sometimes' },
        { ...base, input: `Turn ${turn}, said again.` },
        { ...base, instructions: `Be brief, ${turn}.` },
      ];
      for (const body of variants) {
        const said = await verdict(() => client.responses.create(body as unknown as OpenAI.Responses.ResponseCreateParamsNonStreaming));
        assert.equal(said.ok, responses(body), JSON.stringify(body));
      }
      assert.equal(responses(base), true);
      previous = (await client.responses.create(base as unknown as OpenAI.Responses.ResponseCreateParamsNonStreaming)).id;
    }
  });
  it('a body whose text starts as the last valid one did is still checked past that text: new items, spaces, a field set twice', async () => {
    const { openaiMock } = mockedClient();
    const fetch = createMockFetch(openaiMock);
    const post = async (text: string): Promise<number> =>
      (await fetch('https://api.openai.com/v1/responses', { method: 'POST', headers: { 'content-type': 'application/json' }, body: text })).status;
    const history: unknown[] = [];
    for (let turn = 0; turn < 5; turn++) {
      history.push({ role: 'user', content: `Turn ${turn}` });
      assert.equal(await post(JSON.stringify({ model: 'gpt-4o', input: history })), 200);
    }
    const sent = JSON.stringify({ model: 'gpt-4o', input: history });
    const valid = sent.slice(0, -2);
    // The same text, then a bad item: refused.
    assert.equal(await post(`${valid},{"role":"robot","content":"beep"}]}`), 400);
    // The same text, then the field again, holding a bad item: refused.
    assert.equal(await post(`${valid}],"input":[{"role":"user","content":42}]}`), 400);
    // The same items written with spaces: accepted; with a bad one at the end: refused.
    assert.equal(await post(JSON.stringify({ model: 'gpt-4o', input: history }, null, 1)), 200);
    assert.equal(await post(JSON.stringify({ model: 'gpt-4o', input: [...history, { role: 'user', content: 42 }] }, null, 1)), 400);
    // And the valid text again, then a good item: accepted.
    assert.equal(await post(`${valid},{"role":"user","content":"Fine."}]}`), 200);
    // The history sent again, the rest of the body changed: the rest is checked again.
    const grown = `${valid},{"role":"user","content":"Fine."},{"role":"user","content":"More."}`;
    assert.equal(await post(`${grown}],"temperature":7}`), 400);
    assert.equal(await post(`${grown}],"temperature":0.5}`), 200);
    assert.equal(await post(`${grown},{"role":"user","content":"Again."}],"temperature":"hot"}`), 400);
    assert.equal(await post(`${grown},{"role":"user","content":"Again."}],"temperature":0.5}`), 200);
    // The history sent again, then an item nested too deep: refused as such.
    const deep = `${'{"a":'.repeat(300)}1${'}'.repeat(300)}`;
    const refusal = await fetch('https://api.openai.com/v1/responses', { method: 'POST', headers: { 'content-type': 'application/json' }, body: `${grown},{"role":"user","content":[{"type":"input_text","text":"x","extra":${deep}}]}],"temperature":0.5}` });
    assert.equal(refusal.status, 400);
    assert.match(((await refusal.json()) as { error: { message: string } }).error.message, /nests deeper than 256 levels/);
    // The history sent again, then the field set again with a bad item among the same ones: refused.
    const again = `${grown},{"role":"user","content":"Again."}],"temperature":0.5,"input":${JSON.stringify([...history, { role: 'user', content: 42 }, { role: 'user', content: 'Fine.' }])}}`;
    assert.equal(await post(again), 400);
  });
});
