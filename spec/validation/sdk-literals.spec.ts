import assert from 'node:assert/strict';
import OpenAI from 'openai';
import { type SdkLiteral, checkSdkLiterals } from '../support/sdk-literals.js';
import { mockedClient } from '../support/client.js';
import { exemptFromConformance } from '../support/conformance/exemptions.js';

// Validation must never refuse what the installed SDK's types allow. The request schemas come from the OpenAPI
// spec (2.3.0), older than the SDK: every string literal of every route's params type (its body, walked with the
// TypeScript compiler over node_modules/openai) is checked against the schema validation applies at that place.
// A literal refused there fails this spec, to be relaxed in lib/validation/relaxations.ts, once, with its reason.

const show = (literals: readonly SdkLiteral[]): string => literals.map(({ route, path, value }) => `  ${route}: ${path} '${value}'`).join('\n');

describe("the request schemas take every literal the SDK's params types allow", function () {
  this.timeout(120_000);

  it('refuse none, on any route with a request schema', () => {
    const { routes, checked, refused } = checkSdkLiterals();
    assert.ok(routes > 80, `walked ${routes} routes`);
    assert.ok(checked.length > 4000, `checked ${checked.length} literals`);
    assert.ok(checked.some((literal) => literal.route === 'uploads.create' && literal.path === 'purpose' && literal.value === 'user_data'));
    assert.equal(refused.length, 0, `The request schemas refuse ${refused.length} literal(s) the SDK allows; relax them in lib/validation/relaxations.ts:\n${show(refused)}`);
  });

  it('finds what the spec alone refuses (the check can fail): what the relaxations fix', () => {
    const { refused } = checkSdkLiterals(false);
    const found = new Set(refused.map(({ route, path, value }) => `${route} ${path} ${value}`));
    for (const expected of ['uploads.create purpose user_data', 'responses.create tools[].quality xhigh', 'responses.create input[].type configuration_update', 'chat.completions.create messages[].content[].image_url.detail original']) {
      assert.ok(found.has(expected), `${expected} is refused by the spec alone`);
    }
  });

  it('so the client gets the answer for literals the spec predates', async () => {
    const { client } = mockedClient();
    const upload = await client.uploads.create({ purpose: 'user_data', filename: 'notes.txt', bytes: 5, mime_type: 'text/plain' });
    assert.equal(upload.purpose, 'user_data');
    const evalsUpload = await client.uploads.create({ purpose: 'evals', filename: 'rows.jsonl', bytes: 5, mime_type: 'application/jsonl' });
    assert.equal(evalsUpload.status, 'pending');
    const completion = await client.chat.completions.create({
      model: 'gpt-4o',
      messages: [{ role: 'user', content: [{ type: 'image_url', image_url: { url: 'https://example.com/cat.png', detail: 'original' } }] }],
    });
    assert.equal(completion.object, 'chat.completion');
    exemptFromConformance("the Response echoes its image_generation tool, with output_format 'svg' and quality 'xhigh' that the SDK (7.60) allows and the answer schema (2.3.0) predates", ['responses.create']);
    const response = await client.responses.create({
      model: 'gpt-4.1',
      input: 'Draw a cat',
      tools: [{ type: 'image_generation', output_format: 'svg', quality: 'xhigh' }],
      prompt_cache_options: { ttl: '12h' },
    });
    assert.equal(response.status, 'completed');
    await assert.rejects(client.uploads.create({ purpose: 'nonsense' as 'batch', filename: 'x', bytes: 1, mime_type: 'text/plain' }), OpenAI.BadRequestError);
  });
});
