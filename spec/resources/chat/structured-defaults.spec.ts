import assert from 'node:assert/strict';
import { Ajv } from 'ajv';
import type OpenAI from 'openai';
import { zodFunction, zodResponseFormat } from 'openai/helpers/zod';
import { z } from 'zod';
import { mockedClient } from '../../support/client.js';

const request = { model: 'gpt-4o', messages: [{ role: 'user' as const, content: 'Hello!' }] };

/** The content the mock answers, with nothing scripted, under a strict json_schema. */
async function contentUnder(schema: Record<string, unknown>): Promise<unknown> {
  const { client } = mockedClient();
  const completion = await client.chat.completions.create({
    ...request,
    response_format: { type: 'json_schema', json_schema: { name: 'answer', strict: true, schema } },
  });
  return JSON.parse(completion.choices[0]?.message.content ?? 'not JSON');
}

/** Whether ajv (draft 2020 syntax read by the draft-07 class, as most schemas are written) accepts `value`. */
function validates(schema: Record<string, unknown>, value: unknown): boolean {
  return new Ajv({ strict: false, validateFormats: false }).validate(schema, value) === true;
}

describe('chat.completions.create defaults under an output format', () => {
  const cases: { name: string; schema: Record<string, unknown>; expected: unknown }[] = [
    {
      name: 'required properties only, in declaration order; empty strings, 0, false, []',
      schema: {
        type: 'object',
        properties: { title: { type: 'string' }, count: { type: 'integer' }, done: { type: 'boolean' }, tags: { type: 'array', items: { type: 'string' } }, note: { type: 'string' } },
        required: ['title', 'count', 'done', 'tags'],
        additionalProperties: false,
      },
      expected: { title: '', count: 0, done: false, tags: [] },
    },
    {
      name: 'the first enum value and the const',
      schema: { type: 'object', properties: { unit: { type: 'string', enum: ['celsius', 'fahrenheit'] }, kind: { const: 'reading' } }, required: ['unit', 'kind'] },
      expected: { unit: 'celsius', kind: 'reading' },
    },
    {
      name: 'minItems met, each item its own smallest instance',
      schema: { type: 'object', properties: { steps: { type: 'array', minItems: 2, items: { type: 'object', properties: { n: { type: 'number', minimum: 1 } }, required: ['n'] } } }, required: ['steps'] },
      expected: { steps: [{ n: 1 }, { n: 1 }] },
    },
    {
      name: 'the first anyOf branch that validates (an object branch refused by a sibling keyword gives way)',
      schema: {
        type: 'object',
        properties: { value: { anyOf: [{ type: 'string', minLength: 3, maxLength: 2 }, { type: 'number', exclusiveMinimum: 0, multipleOf: 5 }, { type: 'null' }] } },
        required: ['value'],
      },
      expected: { value: 5 },
    },
    {
      name: "$defs followed, recursion bounded by the recursive branch's alternative",
      schema: {
        type: 'object',
        properties: { list: { $ref: '#/$defs/node' } },
        required: ['list'],
        $defs: { node: { type: 'object', properties: { value: { type: 'string' }, next: { anyOf: [{ $ref: '#/$defs/node' }, { type: 'null' }] } }, required: ['value', 'next'] } },
      },
      expected: { list: { value: '', next: null } },
    },
    {
      name: 'strings only as long as pattern, format or minLength need',
      schema: {
        type: 'object',
        properties: {
          code: { type: 'string', pattern: '^[A-Z]{3}-\\d{2}$' },
          when: { type: 'string', format: 'date-time' },
          day: { type: 'string', format: 'date' },
          email: { type: 'string', format: 'email' },
          id: { type: 'string', format: 'uuid' },
          name: { type: 'string', minLength: 2 },
          plain: { type: 'string' },
        },
        required: ['code', 'when', 'day', 'email', 'id', 'name', 'plain'],
      },
      expected: { code: 'AAA-00', when: '1970-01-01T00:00:00Z', day: '1970-01-01', email: 'user@example.com', id: '00000000-0000-0000-0000-000000000000', name: 'aa', plain: '' },
    },
    {
      name: 'nullable types take their first type; integers the bound nearest 0',
      schema: { type: 'object', properties: { maybe: { type: ['string', 'null'] }, below: { type: 'integer', maximum: -3 } }, required: ['maybe', 'below'] },
      expected: { maybe: '', below: -3 },
    },
  ];
  for (const { name, schema, expected } of cases) {
    it(`writes the smallest valid instance: ${name}`, async () => {
      const content = await contentUnder(schema);
      assert.deepEqual(content, expected);
      assert.ok(validates(schema, content), 'the instance validates against the schema');
    });
  }

  it('answers {} under json_object, and plain text stays empty', async () => {
    const { client } = mockedClient();
    const json = await client.chat.completions.create({ ...request, response_format: { type: 'json_object' } });
    assert.equal(json.choices[0]?.message.content, '{}');
    const text = await client.chat.completions.create({ ...request, response_format: { type: 'text' } });
    assert.equal(text.choices[0]?.message.content, '');
  });

  it("gives the SDK's parse() a message.parsed it accepts, streamed too, and the user's content still wins", async () => {
    const { client, openaiMock } = mockedClient();
    const Event = z.object({ name: z.string(), date: z.string(), attendees: z.array(z.string()), kind: z.enum(['meeting', 'party']), notes: z.string().nullable() });
    const response_format = zodResponseFormat(Event, 'event');
    const parsed = await client.chat.completions.parse({ ...request, response_format });
    assert.deepEqual(parsed.choices[0]?.message.parsed, { name: '', date: '', attendees: [], kind: 'meeting', notes: '' });
    const stream = client.chat.completions.stream({ ...request, response_format });
    const final = await stream.finalChatCompletion();
    assert.deepEqual(final.choices[0]?.message.parsed, { name: '', date: '', attendees: [], kind: 'meeting', notes: '' });
    openaiMock.chat.completions.create.response = { choices: [{ message: { content: JSON.stringify({ name: 'Fair', date: 'Fri', attendees: ['Al'], kind: 'party', notes: null }) } }] };
    const scripted = await client.chat.completions.parse({ ...request, response_format });
    assert.equal(scripted.choices[0]?.message.parsed?.name, 'Fair');
  });

  it('gives every choice the instance when n > 1', async () => {
    const { client } = mockedClient();
    const completion = await client.chat.completions.create({ ...request, n: 2, response_format: zodResponseFormat(z.object({ ok: z.boolean() }), 'ok') });
    assert.deepEqual(completion.choices.map((choice) => choice.message.content), ['{"ok":false}', '{"ok":false}']);
  });
});

describe('chat.completions.create defaults when a tool call is required', () => {
  const weather: OpenAI.Chat.ChatCompletionTool = {
    type: 'function',
    function: {
      name: 'get_weather',
      strict: true,
      parameters: { type: 'object', properties: { city: { type: 'string' }, unit: { type: 'string', enum: ['c', 'f'] } }, required: ['city', 'unit'], additionalProperties: false },
    },
  };
  const time: OpenAI.Chat.ChatCompletionTool = { type: 'function', function: { name: 'get_time' } };

  it("calls the first tool under 'required', with the smallest arguments its schema takes", async () => {
    const { client } = mockedClient();
    const completion = await client.chat.completions.create({ ...request, tools: [weather, time], tool_choice: 'required' });
    const choice = completion.choices[0];
    assert.equal(choice?.finish_reason, 'tool_calls');
    assert.equal(choice?.message.content, null);
    const [call] = choice?.message.tool_calls ?? [];
    assert.ok(call?.type === 'function');
    assert.match(call.id, /^call_/);
    assert.equal(call.function.name, 'get_weather');
    assert.deepEqual(JSON.parse(call.function.arguments), { city: '', unit: 'c' });
  });

  it('calls the named function (no parameters: {}), streamed as the non-streamed answer', async () => {
    const { client } = mockedClient();
    const named = { ...request, tools: [weather, time], tool_choice: { type: 'function' as const, function: { name: 'get_time' } } };
    const completion = await client.chat.completions.create(named);
    const [call] = completion.choices[0]?.message.tool_calls ?? [];
    assert.ok(call?.type === 'function');
    assert.equal(call.function.name, 'get_time');
    assert.equal(call.function.arguments, '{}');
    const final = await client.chat.completions.stream(named).finalChatCompletion();
    const [streamed] = final.choices[0]?.message.tool_calls ?? [];
    assert.ok(streamed?.type === 'function');
    assert.equal(streamed.function.name, 'get_time');
    assert.equal(final.choices[0]?.finish_reason, 'tool_calls');
  });

  it("runs the SDK's runTools() helper to its end with a forced zod function, and a text reply set by the test wins", async () => {
    const { client, openaiMock } = mockedClient();
    const seen: unknown[] = [];
    const lookup = zodFunction({ name: 'lookup', parameters: z.object({ query: z.string(), limit: z.number().int().min(1) }), function: (args) => {
      seen.push(args);
      return 'found';
    } });
    const runner = client.chat.completions.runTools({ ...request, tools: [lookup], tool_choice: { type: 'function', function: { name: 'lookup' } } });
    const content = await runner.finalContent();
    // A forced single function ends the helper's loop once it has run, as against the API.
    assert.deepEqual(seen, [{ query: '', limit: 1 }]);
    assert.equal(content, null);
    assert.equal(openaiMock.chat.completions.create.calls.length, 1);
    openaiMock.chat.completions.create.response = { choices: [{ message: { content: 'I will not call it.' } }] };
    const text = await client.chat.completions.create({ ...request, tools: [weather], tool_choice: 'required' });
    assert.equal(text.choices[0]?.message.content, 'I will not call it.');
    assert.equal(text.choices[0]?.message.tool_calls, undefined);
  });

  it('calls the first allowed tool in required mode, and a custom tool with its regex grammar matched', async () => {
    const { client } = mockedClient();
    const allowed = await client.chat.completions.create({
      ...request,
      tools: [weather, time],
      tool_choice: { type: 'allowed_tools', allowed_tools: { mode: 'required', tools: [{ type: 'function', function: { name: 'get_time' } }] } },
    });
    const [first] = allowed.choices[0]?.message.tool_calls ?? [];
    assert.ok(first?.type === 'function' && first.function.name === 'get_time');
    const custom = await client.chat.completions.create({
      ...request,
      tools: [{ type: 'custom', custom: { name: 'sku', format: { type: 'grammar', grammar: { syntax: 'regex', definition: '^SKU-\\d{4}$' } } } }],
      tool_choice: 'required',
    });
    const [sku] = custom.choices[0]?.message.tool_calls ?? [];
    assert.ok(sku?.type === 'custom');
    assert.equal(sku.custom.name, 'sku');
    assert.equal(sku.custom.input, 'SKU-0000');
  });

  it('answers text under auto, as before', async () => {
    const { client } = mockedClient();
    const completion = await client.chat.completions.create({ ...request, tools: [weather] });
    assert.equal(completion.choices[0]?.message.content, '');
    assert.equal(completion.choices[0]?.message.tool_calls, undefined);
  });

  it('makes the legacy function call forced by function_call: { name }, and streams its name and arguments', async () => {
    const { client } = mockedClient();
    const legacy = {
      ...request,
      functions: [{ name: 'get_weather', parameters: { type: 'object', properties: { city: { type: 'string', minLength: 1 } }, required: ['city'] } }],
      function_call: { name: 'get_weather' },
    };
    const completion = await client.chat.completions.create(legacy);
    assert.equal(completion.choices[0]?.finish_reason, 'function_call');
    assert.deepEqual(completion.choices[0]?.message.function_call, { name: 'get_weather', arguments: '{"city":"a"}' });
    const stream = await client.chat.completions.create({ ...legacy, stream: true });
    let name = '';
    let args = '';
    let finish: string | null | undefined;
    for await (const chunk of stream) {
      const choice = chunk.choices[0];
      name += choice?.delta.function_call?.name ?? '';
      args += choice?.delta.function_call?.arguments ?? '';
      finish = choice?.finish_reason ?? finish;
    }
    assert.deepEqual({ name, args, finish }, { name: 'get_weather', args: '{"city":"a"}', finish: 'function_call' });
  });
});
