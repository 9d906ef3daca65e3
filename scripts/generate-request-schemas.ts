/**
 * Regenerates `lib/validation/request-schemas.ts` from OpenAI's OpenAPI spec: for every operation that takes a
 * JSON body, its body schema, plus every component schema those bodies reference (directly or through other
 * components), rewritten into plain JSON Schema 2020-12 so ajv reads it as the spec meant it:
 * - `nullable: true` becomes a `null` type (or an `anyOf` with `{ type: 'null' }` where the schema has no type);
 * - a boolean `exclusiveMinimum` / `exclusiveMaximum` (OpenAPI 3.0) becomes the 2020-12 number form;
 * - `oneOf` becomes `anyOf`: the spec's unions overlap where the API takes the first branch that fits (a
 *   Responses input `{ role: 'user', content: [...] }` is both an `EasyInputMessage` and an `InputMessage`, which
 *   a strict `oneOf` refuses, though the API and every client take it);
 * - what validation never reads (`format`, `default`, `deprecated`, `x-*`) is dropped to keep the file small.
 *
 * Usage: `npx tsx scripts/generate-request-schemas.ts <path to openai-openapi json>`, then `npm run generate`
 * (the validators compiled ahead of time from these schemas, `scripts/generate-request-validators.ts`). The spec is OpenAI's,
 * MIT licensed; the generated file carries its copyright and permission notice.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';

type Json = null | boolean | number | string | Json[] | { [key: string]: Json };
type JsonObject = { [key: string]: Json };

const specPath = process.argv[2];
if (!specPath) throw new Error('Usage: tsx scripts/generate-request-schemas.ts <openapi.json>');
const spec = JSON.parse(readFileSync(specPath, 'utf8')) as JsonObject;
const license = readFileSync(path.join(path.dirname(specPath), 'LICENSE'), 'utf8').trim();
const info = spec.info as JsonObject;
const components = (spec.components as JsonObject).schemas as Record<string, JsonObject>;

const isObject = (value: Json | undefined): value is JsonObject => typeof value === 'object' && value !== null && !Array.isArray(value);
const dropped = new Set(['format', 'default', 'deprecated', 'example', 'examples', 'title', 'description']);

/** One schema rewritten for JSON Schema 2020-12 (see the header). */
function rewrite(schema: Json): Json {
  if (Array.isArray(schema)) return schema.map(rewrite);
  if (!isObject(schema)) return schema;
  const out: JsonObject = {};
  for (const [key, value] of Object.entries(schema)) {
    if (dropped.has(key) || key.startsWith('x-') || key === 'nullable') continue;
    // `properties` maps names to schemas: rewrite each schema, keep every name (a property may be called `format`).
    if (key === 'properties' && isObject(value)) {
      out[key] = Object.fromEntries(Object.entries(value).map(([name, property]) => [name, rewrite(property)]));
      continue;
    }
    if (key === 'enum' || key === 'const' || key === 'required') {
      out[key] = value;
      continue;
    }
    out[key === 'oneOf' ? 'anyOf' : key] = rewrite(value);
  }
  for (const [bound, limit] of [['exclusiveMinimum', 'minimum'], ['exclusiveMaximum', 'maximum']] as const) {
    if (typeof out[bound] !== 'boolean') continue;
    if (out[bound] === true && typeof out[limit] === 'number') out[bound] = out[limit];
    else delete out[bound];
    if (out[bound] !== undefined) delete out[limit];
  }
  if (schema.nullable !== true) return out;
  if (Array.isArray(out.enum) && !out.enum.includes(null)) out.enum = [...out.enum, null];
  if (typeof out.type === 'string') return { ...out, type: [out.type, 'null'] };
  if (Array.isArray(out.type)) return out.type.includes('null') ? out : { ...out, type: [...out.type, 'null'] };
  return { anyOf: [out, { type: 'null' }] };
}

/** The component names a schema references, directly or through other components. */
function referenced(schema: Json, into: Set<string>): Set<string> {
  if (Array.isArray(schema)) for (const item of schema) referenced(item, into);
  else if (isObject(schema)) {
    for (const [key, value] of Object.entries(schema)) {
      if (key === '$ref' && typeof value === 'string') {
        const name = value.replace('#/components/schemas/', '');
        if (!into.has(name) && components[name]) {
          into.add(name);
          referenced(components[name], into);
        }
      } else referenced(value, into);
    }
  }
  return into;
}

const operations: JsonObject = {};
const routes: Record<string, string> = {};
const needed = new Set<string>();
for (const [pathPattern, item] of Object.entries(spec.paths as JsonObject)) {
  if (!isObject(item)) continue;
  for (const [method, operation] of Object.entries(item)) {
    if (!isObject(operation) || typeof operation.operationId !== 'string') continue;
    const body = ((operation.requestBody as JsonObject | undefined)?.content as JsonObject | undefined)?.['application/json'];
    if (!isObject(body) || !isObject(body.schema)) continue;
    operations[operation.operationId] = rewrite(body.schema);
    routes[`${method.toUpperCase()} ${pathPattern.replace(/\{[^}]+\}/g, '{}')}`] = operation.operationId;
    referenced(body.schema, needed);
  }
}
const document = {
  operations,
  components: { schemas: Object.fromEntries([...needed].sort().map((name) => [name, rewrite(components[name] ?? {})])) },
};

const lines = [
  '/*! The request schemas below are derived from OpenAI\'s OpenAPI spec',
  ` * (openai/openai-openapi, version ${String(info.version)}), under this license:`,
  ...license.split('\n').map((line) => ` *${line ? ' ' + line : ''}`),
  ' */',
  '// Generated by scripts/generate-request-schemas.ts. Do not edit by hand.',
  '',
  '/** Request bodies by route (`METHOD /path/{}`, path parameters as `{}`): the operation whose schema validates them. */',
  `export const requestOperations: Readonly<Record<string, string>> = ${JSON.stringify(routes, null, 2)};`,
  '',
  '/**',
  ' * The operations\' body schemas and the components they reference, as JSON text (`{ operations, components }`),',
  ' * parsed on the first request that is validated.',
  ' */',
  `export const requestSchemaText: string = ${JSON.stringify(JSON.stringify(document))};`,
  '',
];
writeFileSync(new URL('../lib/validation/request-schemas.ts', import.meta.url), lines.join('\n'));
console.log(`${Object.keys(operations).length} operations, ${needed.size} components`);
