// The request schemas are parsed part by part, as they are read (lib/validation/request-document.ts): the document
// must be exactly the one parsing the whole text gives, and the index of parts must be what the text gives today.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { type RequestSchemaDocument, relaxed } from '../../lib/validation/relaxations.js';
import { requestSchemaDocument } from '../../lib/validation/request-document.js';
import { requestSchemaText } from '../../lib/validation/request-schemas.js';
import { requestSchemaPartsModule } from '../../scripts/request-schema-parts.js';

describe('the request schemas, parsed part by part', () => {
  it('index each part where the text has it (run `npm run generate` if not)', () => {
    const committed = readFileSync(new URL('../../lib/validation/request-schema-parts.ts', import.meta.url), 'utf8');
    assert.equal(committed, requestSchemaPartsModule());
  });

  it('are the document parsing the whole text gives, relaxed or not', () => {
    const whole = JSON.parse(requestSchemaText) as RequestSchemaDocument;
    assert.deepEqual(requestSchemaDocument(), whole);
    assert.deepEqual(Object.keys(requestSchemaDocument().components.schemas), Object.keys(whole.components.schemas));
    assert.deepEqual(relaxed(requestSchemaDocument()), relaxed(JSON.parse(requestSchemaText) as RequestSchemaDocument));
    assert.notDeepEqual(relaxed(requestSchemaDocument()), whole);
  });

  it('parse a part once: each read gives the same object, and changes to it stay', () => {
    const document = requestSchemaDocument();
    const schemas = document.components.schemas;
    const first = schemas['CreateResponse'] as Record<string, unknown>;
    assert.equal(schemas['CreateResponse'], first);
    first['marked'] = true;
    assert.equal((schemas['CreateResponse'] as Record<string, unknown>)['marked'], true);
    schemas['CreateResponse'] = { replaced: true };
    assert.deepEqual(schemas['CreateResponse'], { replaced: true });
    // A fresh document parses afresh.
    assert.equal((requestSchemaDocument().components.schemas['CreateResponse'] as Record<string, unknown>)['marked'], undefined);
    assert.ok(Object.hasOwn(schemas, 'InputItem') && !Object.hasOwn(schemas, 'NoSuchSchema'));
    assert.deepEqual(document.operations['createResponse'], { $ref: '#/components/schemas/CreateResponse' });
  });
});
