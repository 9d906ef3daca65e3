// OpenAI's OpenAPI document (spec/fixtures/openapi), read as JSON Schema 2020-12 for ajv, each schema compiled
// once per process, when first needed.
import { readFileSync } from 'node:fs';
import { performance } from 'node:perf_hooks';
import { Ajv2020, type ErrorObject, type ValidateFunction } from 'ajv/dist/2020.js';

const documentUrl = new URL('../../fixtures/openapi/openai-openapi.schemas.json', import.meta.url);
const documentId = 'https://openai-openapi.local/openapi.json';

type Json = null | boolean | number | string | Json[] | { [key: string]: Json };
type JsonObject = { [key: string]: Json };

function isObject(value: unknown): value is JsonObject {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/**
 * Rewrites the OpenAPI 3.0 dialect still used inside the 3.1 document into plain 2020-12, at every depth:
 * - `nullable: true` becomes "this schema, or null" (OpenAPI 3.0's meaning, whatever the schema's other keywords);
 * - boolean `exclusiveMinimum` / `exclusiveMaximum` (3.0: "the `minimum` / `maximum` is exclusive") become the
 *   2020-12 numeric form;
 * - `$recursiveRef: '#'` (2019-09, used by the two compound filters) becomes a `$ref` to the schema that holds
 *   the `$recursiveAnchor`;
 * - `oneOf` is read as `anyOf`: the document's unions are tagged by a `type` / `role` property (its
 *   `discriminator`, an OpenAPI annotation ajv cannot use here), and most variants allow extra properties, so a
 *   well-formed value can match two variants and "exactly one" would reject it for the spec's own looseness;
 * - `discriminator` is dropped (annotation only).
 * Unknown keywords of the document (`x-oai-*`, `optional`, `min_items`) are left to ajv's non-strict mode, which ignores them.
 */
function toJsonSchema(node: Json, recursiveTarget: string | undefined): Json {
  if (Array.isArray(node)) return node.map((item) => toJsonSchema(item, recursiveTarget));
  if (!isObject(node)) return node;
  const out: JsonObject = {};
  for (const [key, value] of Object.entries(node)) {
    if (key === 'nullable' || key === 'discriminator' || key === '$recursiveAnchor') continue;
    if (key === '$recursiveRef' && value === '#' && recursiveTarget) {
      out.$ref = recursiveTarget;
      continue;
    }
    if ((key === 'exclusiveMinimum' || key === 'exclusiveMaximum') && typeof value === 'boolean') continue;
    const target = key === 'oneOf' ? 'anyOf' : key;
    out[target] = toJsonSchema(value, recursiveTarget);
  }
  if (node.exclusiveMinimum === true && typeof node.minimum === 'number') {
    out.exclusiveMinimum = node.minimum;
    delete out.minimum;
  }
  if (node.exclusiveMaximum === true && typeof node.maximum === 'number') {
    out.exclusiveMaximum = node.maximum;
    delete out.maximum;
  }
  if (node.nullable === true) return { anyOf: [out, { type: 'null' }] };
  return out;
}

/** Escapes one JSON pointer token. */
export function pointerToken(token: string): string {
  return token.replaceAll('~', '~0').replaceAll('/', '~1');
}

interface OpenApiDocument {
  paths: Record<string, Record<string, JsonObject>>;
  components: { schemas: Record<string, Json> };
}

let loaded: OpenApiDocument | undefined;
let ajv: Ajv2020 | undefined;
const compiled = new Map<string, ValidateFunction>();
let compileMilliseconds = 0;

/** The document as read from the fixture, normalised (see {@link toJsonSchema}); read once. */
export function openApiDocument(): OpenApiDocument {
  if (loaded) return loaded;
  const raw = JSON.parse(readFileSync(documentUrl, 'utf8')) as { paths: Json; components: { schemas: Record<string, Json> } };
  const schemas: Record<string, Json> = {};
  for (const [name, schema] of Object.entries(raw.components.schemas)) {
    const recursive = isObject(schema) && schema.$recursiveAnchor === true ? `#/components/schemas/${pointerToken(name)}` : undefined;
    schemas[name] = toJsonSchema(schema, recursive);
  }
  loaded = { paths: toJsonSchema(raw.paths, undefined) as OpenApiDocument['paths'], components: { schemas } };
  return loaded;
}

/**
 * The validator of the schema at a JSON pointer of the document (`#/components/schemas/Response`), compiled on
 * first use and kept for the rest of the process.
 */
export function validatorAt(pointer: string): ValidateFunction {
  let validate = compiled.get(pointer);
  if (validate) return validate;
  if (!ajv) {
    // The document is trusted test data: not validated against the meta-schema (most of a second saved);
    // generated code is not optimised (compiling the Response union takes half the time, checking the same).
    ajv = new Ajv2020({ strict: false, validateFormats: false, validateSchema: false, allErrors: false, code: { optimize: false } });
    ajv.addSchema({ $id: documentId, ...openApiDocument() } as unknown as object);
  }
  const started = performance.now();
  const found = ajv.getSchema(`${documentId}${pointer}`);
  compileMilliseconds += performance.now() - started;
  if (!found) throw new Error(`No schema at ${pointer} in OpenAI's spec`);
  validate = found;
  compiled.set(pointer, validate);
  return validate;
}

function resolve(pointer: string): Json | undefined {
  let node: Json | undefined = openApiDocument() as unknown as Json;
  for (const token of pointer.replace(/^#\//, '').split('/')) {
    if (!isObject(node)) return undefined;
    node = node[token.replaceAll('~1', '/').replaceAll('~0', '~')];
  }
  return isObject(node) && typeof node.$ref === 'string' && Object.keys(node).length === 1 ? resolve(node.$ref) : node;
}

function tagValues(schema: Json | undefined, tag: string): Json[] {
  if (!isObject(schema) || !isObject(schema.properties)) return [];
  const property = schema.properties[tag];
  if (!isObject(property)) return [];
  if (Array.isArray(property.enum)) return property.enum;
  return 'const' in property && property.const !== undefined ? [property.const] : [];
}

const variants = new Map<string, Map<Json, string>>();

/**
 * For a union of tagged variants (the stream event unions: every variant a `$ref` with its own `type`, or `event`
 * for Assistants events), the pointer of the variant the value's tag names, so that a violation is reported
 * against the variant the value meant rather than against the first of eighty; the union itself otherwise.
 */
export function variantOf(pointer: string, value: unknown): string {
  if (!isObject(value)) return pointer;
  let byTag = variants.get(pointer);
  if (!byTag) {
    byTag = new Map();
    const union = resolve(pointer);
    for (const branch of isObject(union) && Array.isArray(union.anyOf) ? union.anyOf : []) {
      if (!isObject(branch) || typeof branch.$ref !== 'string') continue;
      const target = resolve(branch.$ref);
      // A nested union (RunStreamEvent inside AssistantStreamEvent): its inline variants, by their own tags.
      const inner = isObject(target) && Array.isArray(target.anyOf) ? target.anyOf : [target];
      inner.forEach((variant, index) => {
        const at = inner.length === 1 ? branch.$ref as string : `${branch.$ref as string}/anyOf/${index}`;
        for (const tag of ['type', 'event']) for (const tagValue of tagValues(variant, tag)) byTag?.set(`${tag}:${String(tagValue)}`, at);
      });
    }
    variants.set(pointer, byTag);
  }
  for (const tag of ['type', 'event']) {
    const found = byTag.get(`${tag}:${String(value[tag])}`);
    if (found) return found;
  }
  return pointer;
}

/** How many schemas were compiled so far, in how many milliseconds (for the run's summary). */
export function compileCost(): { schemas: number; milliseconds: number } {
  return { schemas: compiled.size, milliseconds: Math.round(compileMilliseconds) };
}

export type { ErrorObject, Json, JsonObject };
export { isObject };
