import assert from 'node:assert/strict';
import { brotliDecompressSync } from 'node:zlib';
import { compiledValidators } from '../../lib/validation/compiled-validators.js';
import { requestDocumentId } from '../../lib/validation/itemwise.js';
import { PrecompiledValidators } from '../../lib/validation/precompiled.js';
import { type RequestSchemaDocument, relaxed } from '../../lib/validation/relaxations.js';
import { requestAjv } from '../../lib/validation/request-ajv.js';
import { requestSchemaText } from '../../lib/validation/request-schemas.js';
import { codeOf, compiledGroups, precompiledOperations } from '../../scripts/request-validators.js';

// The validators of chat and Responses bodies are compiled ahead of time (lib/validation/compiled-validators.ts):
// the committed code must be what the schemas and their relaxations compile to today, and must accept and refuse
// exactly what ajv compiling at runtime does, with the same errors.

type Json = null | boolean | number | string | Json[] | { [key: string]: Json };

const chatBodies: Json[] = [
  { model: 'gpt-4o', messages: [{ role: 'user', content: 'Hello!' }] },
  {
    model: 'gpt-4o-mini',
    messages: [
      { role: 'system', content: 'You are terse.' },
      { role: 'developer', content: [{ type: 'text', text: 'Be brief.' }] },
      { role: 'user', content: [{ type: 'text', text: 'What is this?' }, { type: 'image_url', image_url: { url: 'https://example.com/a.png', detail: 'high' } }] },
      { role: 'assistant', content: null, tool_calls: [{ id: 'call_1', type: 'function', function: { name: 'get_weather', arguments: '{"city":"Paris"}' } }] },
      { role: 'tool', tool_call_id: 'call_1', content: 'Sunny' },
      { role: 'function', name: 'old', content: 'legacy' },
      { role: 'user', content: [{ type: 'input_audio', input_audio: { data: 'AAAA', format: 'wav' } }, { type: 'file', file: { file_id: 'file-1' } }] },
    ],
    tools: [{ type: 'function', function: { name: 'get_weather', description: 'Weather', parameters: { type: 'object', properties: { city: { type: 'string' } } }, strict: true } }],
    tool_choice: { type: 'function', function: { name: 'get_weather' } },
    temperature: 0.2,
    top_p: 0.9,
    max_completion_tokens: 100,
    n: 2,
    stop: ['\n'],
    stream: true,
    stream_options: { include_usage: true },
    response_format: { type: 'json_schema', json_schema: { name: 'answer', schema: { type: 'object' }, strict: true } },
    logit_bias: { '50256': -100 },
    metadata: { suite: 'cold-start' },
    reasoning_effort: 'low',
    seed: 7,
    user: 'user-1',
    modalities: ['text', 'audio'],
    audio: { voice: 'alloy', format: 'mp3' },
  },
];

const responseBodies: Json[] = [
  { model: 'gpt-4o', input: 'Hello!' },
  {
    model: 'gpt-4.1',
    instructions: 'Be brief.',
    input: [
      { role: 'user', content: 'Weather in Paris?' },
      { type: 'message', role: 'user', content: [{ type: 'input_text', text: 'and this' }, { type: 'input_image', image_url: 'https://example.com/a.png', detail: 'auto' }] },
      { type: 'function_call', call_id: 'call_1', name: 'get_weather', arguments: '{"city":"Paris"}' },
      { type: 'function_call_output', call_id: 'call_1', output: 'Sunny' },
      { type: 'message', role: 'assistant', id: 'msg_1', status: 'completed', content: [{ type: 'output_text', text: 'Sunny.', annotations: [] }] },
      { type: 'item_reference', id: 'msg_0' },
      { type: 'reasoning', id: 'rs_1', summary: [{ type: 'summary_text', text: 'thought' }] },
    ],
    tools: [
      { type: 'function', name: 'get_weather', parameters: { type: 'object', properties: {} }, strict: true },
      { type: 'web_search_preview' },
      { type: 'file_search', vector_store_ids: ['vs_1'] },
    ],
    tool_choice: 'auto',
    text: { format: { type: 'json_schema', name: 'answer', schema: { type: 'object' }, strict: true } },
    reasoning: { effort: 'medium', summary: 'auto' },
    max_output_tokens: 256,
    previous_response_id: 'resp_1',
    store: true,
    stream: false,
    temperature: 1,
    metadata: { a: 'b' },
    include: ['reasoning.encrypted_content'],
    truncation: 'auto',
    parallel_tool_calls: true,
  },
];

/** Every body with one change: each value dropped, swapped for another type, or a string for an unknown one. */
function variants(body: Json): Json[] {
  const out: Json[] = [body];
  const swaps: Json[] = [null, 1, 'unknown-value', true, [], {}];
  const walk = (node: Json, rebuild: (value: Json | undefined) => Json): void => {
    for (const swap of swaps) out.push(rebuild(swap));
    out.push(rebuild(undefined));
    if (Array.isArray(node)) {
      node.forEach((item, index) =>
        walk(item, (value) => rebuild(value === undefined ? node.filter((_, at) => at !== index) : node.map((other, at) => (at === index ? value : other)))),
      );
    } else if (typeof node === 'object' && node !== null) {
      for (const [key, item] of Object.entries(node)) {
        walk(item, (value) => {
          const copy = { ...node };
          if (value === undefined) delete copy[key];
          else copy[key] = value;
          return rebuild(copy);
        });
      }
    }
  };
  walk(body, (value) => value ?? null);
  return out;
}

describe('request validators compiled ahead of time', function () {
  this.timeout(120_000);

  it('are what the request schemas and their relaxations compile to (run `npm run generate` if not)', () => {
    const fresh = compiledGroups();
    assert.deepEqual(Object.keys(compiledValidators.groups), precompiledOperations);
    for (const [operationId, group] of Object.entries(fresh.groups)) {
      const committed = compiledValidators.groups[operationId];
      assert.ok(committed, operationId);
      const entries = Object.entries(compiledValidators.entries).filter(([, [owner]]) => owner === operationId).map(([path, [, name]]) => [path, name]);
      assert.deepEqual(entries, Object.entries(group.entries), `${operationId}: entries`);
      assert.deepEqual(committed.pieces.map(([name, , , , uses]) => [name, uses]), group.pieces.map((piece) => [piece.name, piece.uses.join(' ')]), `${operationId}: pieces`);
      const blocks = committed.blocks.map((block) => brotliDecompressSync(Buffer.from(block, 'base64')));
      assert.ok(Buffer.concat(blocks).equals(codeOf(group)), `${operationId}: code`);
      // Each block holds whole pieces, one after another, in order.
      let [at, offset] = [0, 0];
      for (const [name, block, start, end] of committed.pieces) {
        if (block !== at) {
          assert.equal(offset, blocks[at]?.length, name);
          [at, offset] = [at + 1, 0];
        }
        assert.deepEqual([block, start], [at, offset], name);
        offset = end;
      }
      assert.equal(at, blocks.length - 1);
      assert.equal(offset, blocks[at]?.length);
    }
  });

  it('accept and refuse exactly as ajv compiling at runtime does, with the same errors', () => {
    const document = relaxed(JSON.parse(requestSchemaText) as RequestSchemaDocument);
    const ajv = requestAjv(document);
    const precompiled = new PrecompiledValidators();
    const checked = { accepted: 0, refused: 0 };
    const compare = (path: string, value: Json): void => {
      const generated = precompiled.validator(path);
      const runtime = ajv.getSchema(`${requestDocumentId}#/${path}`);
      assert.ok(generated && runtime, path);
      const verdict = generated(value);
      assert.equal(verdict, runtime(value), `${path}: ${JSON.stringify(value)}`);
      if (verdict) checked.accepted += 1;
      else {
        checked.refused += 1;
        assert.deepEqual(generated.errors, runtime.errors, `${path}: ${JSON.stringify(value)}`);
      }
    };
    const leaves = Object.keys(compiledValidators.entries).filter((path) => path.startsWith('components/'));
    for (const [operationId, bodies, field] of [['createChatCompletion', chatBodies, 'messages'], ['createResponse', responseBodies, 'input']] as const) {
      for (const body of bodies) {
        for (const variant of variants(body)) {
          compare(`operations/${operationId}`, variant);
          const items = typeof variant === 'object' && variant !== null && !Array.isArray(variant) ? variant[field] : undefined;
          for (const item of Array.isArray(items) ? items : []) for (const leaf of leaves) if (compiledValidators.entries[leaf]?.[0] === operationId) compare(leaf, item);
        }
      }
    }
    // Both verdicts, many times over.
    assert.ok(checked.accepted > 100 && checked.refused > 1000, JSON.stringify(checked));
  });

  it('count a string\'s length in characters (ajv\'s ucs2length, copied in) as ajv at runtime does', () => {
    const document = relaxed(JSON.parse(requestSchemaText) as RequestSchemaDocument);
    const runtime = requestAjv(document).getSchema(`${requestDocumentId}#/operations/createResponse`);
    const generated = new PrecompiledValidators().validator('operations/createResponse');
    assert.ok(runtime && generated);
    // call_id has maxLength 64: an emoji is two UTF-16 units but one character.
    for (const [callId, valid] of [['x'.repeat(64), true], ['x'.repeat(65), false], ['\u{1F600}'.repeat(64), true], ['\u{1F600}'.repeat(65), false], ['\ud83d'.repeat(65), false]] as const) {
      const body = { model: 'gpt-4o', input: [{ type: 'function_call_output', call_id: callId, output: 'ok' }] };
      assert.equal(generated(body), valid, callId);
      assert.equal(runtime(body), valid, callId);
      if (!valid) assert.deepEqual(generated.errors, runtime.errors);
    }
  });

  it('give one validator per schema, and none for an operation compiled at runtime', () => {
    const precompiled = new PrecompiledValidators();
    const validate = precompiled.validator('operations/createChatCompletion');
    assert.ok(validate);
    assert.equal(validate({ model: 'gpt-4o', messages: [{ role: 'user', content: 'Hi' }] }), true);
    assert.equal(validate({ model: 'gpt-4o', messages: 'Hi' }), false);
    assert.equal(validate.errors?.[0]?.instancePath, '/messages');
    assert.equal(precompiled.validator('operations/createChatCompletion'), validate);
    assert.equal(precompiled.validator('operations/createEmbedding'), undefined);
  });
});
