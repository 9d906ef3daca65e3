import assert from 'node:assert/strict';
import OpenAI from 'openai';
import { apiError } from '../../lib/index.js';
import { mockedClient } from '../support/client.js';

// Request bodies the API refuses get the API's 400, naming the parameter, and change nothing; a request can
// never make the mock build a billion of something or overflow its stack.

/** The SDK error a call raised, or a failure if it succeeded. */
async function refusal(call: Promise<unknown>): Promise<InstanceType<typeof OpenAI.APIError>> {
  try {
    await call;
  } catch (error) {
    if (error instanceof OpenAI.APIError) return error;
    throw error;
  }
  assert.fail('the request was accepted');
}

const messages = [{ role: 'user' as const, content: 'Hi' }];

describe('request validation', () => {
  describe('answers 400 in the API shape, naming the param', () => {
    it('n above 128 for chat completions and legacy completions', async () => {
      const { client } = mockedClient();
      const chat = await refusal(client.chat.completions.create({ model: 'gpt-4o', messages, n: 1e9 }));
      assert.ok(chat instanceof OpenAI.BadRequestError);
      assert.equal(chat.param, 'n');
      assert.equal(chat.code, 'integer_above_max_value');
      const legacy = await refusal(client.completions.create({ model: 'gpt-3.5-turbo-instruct', prompt: 'Hi', n: 1e9 }));
      assert.equal(legacy.status, 400);
      assert.equal(legacy.param, 'n');
    });

    it('embedding dimensions beyond the model, and an input that is no string or array', async () => {
      const { client } = mockedClient();
      const dimensions = await refusal(client.embeddings.create({ model: 'text-embedding-3-small', input: 'Hi', dimensions: 1e9 }));
      assert.equal(dimensions.status, 400);
      assert.equal(dimensions.param, 'dimensions');
      const input = await refusal(client.embeddings.create({ model: 'text-embedding-3-small', input: {} as unknown as string }));
      assert.equal(input.status, 400);
      assert.equal(input.param, 'input');
      assert.equal(input.code, 'invalid_type');
    });

    it('chat messages: an empty list, a missing field, an unknown role, a wrong content type', async () => {
      const { client } = mockedClient();
      const empty = await refusal(client.chat.completions.create({ model: 'gpt-4o', messages: [] }));
      assert.deepEqual([empty.status, empty.param, empty.code], [400, 'messages', 'empty_array']);
      const missing = await refusal(client.chat.completions.create({ model: 'gpt-4o' } as unknown as OpenAI.ChatCompletionCreateParamsNonStreaming));
      assert.deepEqual([missing.param, missing.code], ['messages', 'missing_required_parameter']);
      const role = await refusal(client.chat.completions.create({ model: 'gpt-4o', messages: [{ role: 'robot', content: 'Hi' }] as unknown as typeof messages }));
      assert.deepEqual([role.param, role.code], ['messages[0].role', 'invalid_value']);
      assert.match(role.message, /'robot'.*'user'/);
      const content = await refusal(client.chat.completions.create({ model: 'gpt-4o', messages: [{ role: 'user', content: 5 }] as unknown as typeof messages }));
      assert.deepEqual([content.param, content.code], ['messages[0].content', 'invalid_type']);
    });

    it('numbers out of range and values outside an enum', async () => {
      const { client } = mockedClient();
      const temperature = await refusal(client.responses.create({ model: 'gpt-4o', input: 'Hi', temperature: 7 }));
      assert.deepEqual([temperature.param, temperature.code], ['temperature', 'decimal_above_max_value']);
      const purpose = await refusal(client.vectorStores.create({ name: 'docs', chunking_strategy: { type: 'sideways' } as never }));
      assert.deepEqual([purpose.param, purpose.code], ['chunking_strategy.type', 'invalid_value']);
    });

    it('run additional_messages that are no list', async () => {
      const { client } = mockedClient();
      const thread = await client.beta.threads.create();
      const assistant = await client.beta.assistants.create({ model: 'gpt-4o' });
      const error = await refusal(client.beta.threads.runs.create(thread.id, { assistant_id: assistant.id, additional_messages: 5 as never }));
      assert.deepEqual([error.status, error.param, error.code], [400, 'additional_messages', 'invalid_type']);
      assert.equal((await client.beta.threads.runs.list(thread.id)).data.length, 0);
    });
  });

  describe('items of an unknown type are refused and stored nowhere', () => {
    const bogus = [{ type: 'telepathy', content: 'Hi' }] as never;

    it('conversations.create and conversations.items.create', async () => {
      const { client, openaiMock } = mockedClient();
      const created = await refusal(client.conversations.create({ items: bogus }));
      assert.deepEqual([created.status, created.param, created.code], [400, 'items[0].type', 'invalid_value']);
      assert.equal(openaiMock.state.conversations.values().length, 0);
      const conversation = await client.conversations.create({ items: [{ type: 'message', role: 'user', content: 'Hi' }] });
      const added = await refusal(client.conversations.items.create(conversation.id, { items: bogus }));
      assert.equal(added.param, 'items[0].type');
      const items = await client.conversations.items.list(conversation.id);
      assert.equal(items.data.length, 1);
    });

    it('responses.create input', async () => {
      const { client, openaiMock } = mockedClient();
      const error = await refusal(client.responses.create({ model: 'gpt-4o', input: bogus }));
      assert.deepEqual([error.status, error.param], [400, 'input[0].type']);
      assert.match(error.message, /'telepathy'.*'message'/);
      assert.equal(openaiMock.state.responses.values().length, 0);
    });
  });

  it('a body nested 10,000 levels deep answers 400, on any route', async () => {
    const { openaiMock } = mockedClient();
    const deep = '{"metadata":' + '{"a":'.repeat(10_000) + '1' + '}'.repeat(10_001);
    for (const path of ['/chat/completions', '/responses', '/vector_stores', '/fine_tuning/jobs']) {
      const response = await openaiMock.fetch(`https://api.openai.com/v1${path}`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: deep });
      assert.equal(response.status, 400, path);
      const { error } = (await response.json()) as { error: { type: string; message: string } };
      assert.equal(error.type, 'invalid_request_error');
    }
  });

  describe('strings longer than the API takes answer its string_above_max_length 400, and are kept nowhere', () => {
    const max = 10_485_760;

    it('on routes without a request schema (beta.agents.*), at any depth, whatever validateRequests says', async () => {
      for (const validateRequests of [true, false]) {
        const { client } = mockedClient({ validateRequests });
        const error = await refusal(client.beta.agents.environments.templates.create({ name: 'x'.repeat(max + 1) }));
        assert.deepEqual([error.status, error.code, error.param], [400, 'string_above_max_length', 'name']);
        assert.equal(error.message, `400 Invalid 'name': string too long. Expected a string with maximum length ${max}, but got a string with length ${max + 1} instead.`);
        const nested = await refusal(client.beta.agents.environments.templates.create({ env: { small: 'ok', HUGE: 'y'.repeat(max + 1) } }));
        assert.equal(nested.param, 'env.HUGE');
        assert.equal((await client.beta.agents.environments.templates.list()).data.length, 0);
      }
    });

    it('takes a string of exactly the maximum, counted in characters', async () => {
      const { client } = mockedClient();
      // An emoji is two UTF-16 units and one character: max characters, in max + 1 units.
      const template = await client.beta.agents.environments.templates.create({ name: `${'z'.repeat(max - 1)}\u{1F600}` });
      assert.equal(template.name?.length, max + 1);
    });

    it("keeps the spec's own maximum where it has one, larger or smaller", async () => {
      const { client } = mockedClient();
      // An input file sent as base64 may be longer than text (the spec's file_data maximum is larger).
      const fileData = `data:application/pdf;base64,${'A'.repeat(max + 4)}`;
      const response = await client.responses.create({ model: 'gpt-4o', input: [{ role: 'user', content: [{ type: 'input_file', filename: 'a.pdf', file_data: fileData }] }] });
      assert.equal(response.status, 'completed');
      const error = await refusal(client.chat.completions.create({ model: 'gpt-4o', messages: [{ role: 'user', content: 'w'.repeat(max + 1) }] }));
      assert.deepEqual([error.code, error.param], ['string_above_max_length', 'messages[0].content']);
    });
  });

  it('a valid request still gets the default answer', async () => {
    const { client } = mockedClient();
    const completion = await client.chat.completions.create({ model: 'gpt-4o', messages, n: 2 });
    assert.equal(completion.choices.length, 2);
  });

  describe('what the user set wins', () => {
    it('a Response, or a function that returns one, answers whatever the body', async () => {
      const { client, openaiMock } = mockedClient();
      openaiMock.chat.completions.create.response = apiError(418, 'teapot');
      assert.equal((await refusal(client.chat.completions.create({ model: 'gpt-4o', messages: [] }))).status, 418);
      openaiMock.chat.completions.create.response = () => 
        new Response(JSON.stringify({ id: 'x', object: 'chat.completion', created: 0, model: 'm', choices: [] }), { headers: { 'content-type': 'application/json' } });
      const answer = await client.chat.completions.create({ model: 'gpt-4o', messages: [] });
      assert.equal(answer.id, 'x');
    });

    it('a partial is completed from the default, so the body is checked first', async () => {
      const { client, openaiMock } = mockedClient();
      openaiMock.chat.completions.create.response = { choices: [{ message: { content: 'Hello' } }] };
      assert.equal((await refusal(client.chat.completions.create({ model: 'gpt-4o', messages: [] }))).param, 'messages');
    });

    it('validateRequests: false turns the check off; the caps that keep the process alive stay', async () => {
      const { client } = mockedClient({ validateRequests: false });
      const completion = await client.chat.completions.create({ model: 'gpt-4o', messages: [], temperature: 7 });
      assert.equal(completion.choices.length, 1);
      const error = await refusal(client.chat.completions.create({ model: 'gpt-4o', messages, n: 1e9 }));
      assert.deepEqual([error.status, error.param], [400, 'n']);
    });
  });
});
