import { isPlainObject } from '../../internal/merge.js';

/**
 * Arguments that satisfy a function's JSON schema, for a call the model is made to make (`tool_choice:
 * 'required'`): each required property filled by its type (the first `enum` value, `''`, `0`, `false`, `[]`, or
 * an object filled the same way).
 */
export function sampleArguments(schema: unknown): unknown {
  if (!isPlainObject(schema)) return {};
  if (Array.isArray(schema['enum']) && schema['enum'].length > 0) return schema['enum'][0];
  if ('const' in schema) return schema['const'];
  const type = Array.isArray(schema['type']) ? schema['type'][0] : schema['type'];
  switch (type) {
    case 'string':
      return '';
    case 'number':
    case 'integer':
      return typeof schema['minimum'] === 'number' ? schema['minimum'] : 0;
    case 'boolean':
      return false;
    case 'array':
      return [];
    case 'null':
      return null;
    default: {
      const properties = isPlainObject(schema['properties']) ? schema['properties'] : {};
      const required = Array.isArray(schema['required']) ? schema['required'].filter((key): key is string => typeof key === 'string') : [];
      return Object.fromEntries(required.map((key) => [key, sampleArguments(properties[key])]));
    }
  }
}
