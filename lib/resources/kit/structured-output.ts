import { isPlainObject } from '../../internal/merge.js';
import { smallestInstance } from '../../internal/schema-instance.js';

/**
 * The text a model writes by default under a request's output format, or `undefined` for plain text: for a
 * `json_schema` format (chat `response_format: { type: 'json_schema', json_schema: { schema } }`, Responses
 * `text.format: { type: 'json_schema', schema }`, what the SDK's `zodResponseFormat` / `zodTextFormat` and the
 * Agents SDK's `outputType` send), the JSON of the schema's smallest valid instance; for `json_object`, `{}`.
 * The API never answers an empty string under a JSON format, and the SDK's `parse()` helpers (and the Agents
 * SDK) read the content as JSON.
 */
export function structuredOutputText(format: unknown): string | undefined {
  if (!isPlainObject(format)) return undefined;
  if (format['type'] === 'json_object') return '{}';
  if (format['type'] !== 'json_schema') return undefined;
  // Chat nests the schema under `json_schema`; the Responses API puts it on the format itself.
  const holder = isPlainObject(format['json_schema']) ? format['json_schema'] : format;
  const schema = holder['schema'];
  if (schema === undefined) return '{}';
  return JSON.stringify(smallestInstance(schema).value);
}
