import type { Ajv, ValidateFunction } from 'ajv';
import type { Ajv2019 } from 'ajv/dist/2019.js';
import type { Ajv2020 } from 'ajv/dist/2020.js';
import { packageRequire } from './package-require.js';
import { isPlainObject, type JsonObject } from './merge.js';
import { shortestMatch } from './pattern-instance.js';

/** A sub-schema could give no instance (a `false` schema, a recursion too deep, an enum with no values). */
const none: unique symbol = Symbol('no instance');
type Generated = unknown;

/** How many times one `$ref` may be open on the way down before a branch is given up (a recursive schema's bound). */
const maxRefVisits = 1;
/** How deep the walk goes at all. */
const maxDepth = 48;
/**
 * How much one walk may write (sub-schemas visited, array items, string characters): a schema asking for a
 * billion items, or branches that fail only at their leaves, ends the walk instead of hanging the mock.
 */
const budget = 20_000;

/**
 * How much of a schema one walk compiles to check instances against, in characters of JSON (each sub-schema
 * checked is compiled on its own); past it, branches are taken unchecked.
 */
const compileBudget = 50_000;

/** Thrown when a walk spends its {@link budget}. */
class OverBudget extends Error {}

/** A value for each string `format` the API's structured outputs take (and the common others), valid and plain. */
const formatSamples: Readonly<Record<string, string>> = {
  'date-time': '1970-01-01T00:00:00Z',
  date: '1970-01-01',
  time: '00:00:00Z',
  duration: 'P0D',
  email: 'user@example.com',
  'idn-email': 'user@example.com',
  hostname: 'example.com',
  'idn-hostname': 'example.com',
  ipv4: '0.0.0.0',
  ipv6: '::',
  uuid: '00000000-0000-0000-0000-000000000000',
  uri: 'https://example.com',
  'uri-reference': 'https://example.com',
  iri: 'https://example.com',
  'iri-reference': 'https://example.com',
  'uri-template': 'https://example.com',
  'json-pointer': '',
  'relative-json-pointer': '0',
  regex: '.*',
};

/** One token of a JSON pointer, escaped as ajv reads pointers in a schema's URI fragment. */
function pointerToken(token: string | number): string {
  return encodeURIComponent(String(token).replace(/~/g, '~0').replace(/\//g, '~1'));
}

/** A schema's keywords as an object (`true` is `{}`); `undefined` for `false` or anything not a schema. */
function keywordsOf(schema: unknown): JsonObject | undefined {
  if (schema === true) return {};
  return isPlainObject(schema) ? schema : undefined;
}

function numberOf(value: unknown): number | undefined {
  return typeof value === 'number' && Number.isFinite(value) ? value : undefined;
}

/** The smallest number of `type` within a schema's bounds: 0 when allowed, else the bound nearest to it. */
function smallestNumber(schema: JsonObject, integer: boolean): number {
  const step = numberOf(schema['multipleOf']);
  let low = numberOf(schema['minimum']);
  let high = numberOf(schema['maximum']);
  let lowOpen = false;
  let highOpen = false;
  const exclusiveLow = schema['exclusiveMinimum'];
  const exclusiveHigh = schema['exclusiveMaximum'];
  if (typeof exclusiveLow === 'number' && (low === undefined || exclusiveLow >= low)) [low, lowOpen] = [exclusiveLow, true];
  else if (exclusiveLow === true) lowOpen = true;
  if (typeof exclusiveHigh === 'number' && (high === undefined || exclusiveHigh <= high)) [high, highOpen] = [exclusiveHigh, true];
  else if (exclusiveHigh === true) highOpen = true;
  const unit = step ?? (integer ? 1 : undefined);
  const fits = (value: number): boolean =>
    (low === undefined || (lowOpen ? value > low : value >= low)) && (high === undefined || (highOpen ? value < high : value <= high));
  if (fits(0)) return 0;
  if (low !== undefined && !(lowOpen ? 0 > low : 0 >= low)) {
    if (unit === undefined) return lowOpen ? (high === undefined || low + 1 < high ? low + 1 : (low + high) / 2) : low;
    let value = Math.ceil(low / unit) * unit;
    if (!fits(value)) value += unit;
    return value;
  }
  if (high !== undefined) {
    if (unit === undefined) return highOpen ? (low === undefined || high - 1 > low ? high - 1 : (low + high) / 2) : high;
    let value = Math.floor(high / unit) * unit;
    if (!fits(value)) value -= unit;
    return value;
  }
  return 0;
}

/** The type a schema without `type` describes, by the keywords it uses. */
function impliedType(schema: JsonObject): string | undefined {
  if ('properties' in schema || 'required' in schema || 'additionalProperties' in schema || 'minProperties' in schema) return 'object';
  if ('items' in schema || 'prefixItems' in schema || 'minItems' in schema || 'contains' in schema) return 'array';
  if ('pattern' in schema || 'minLength' in schema || 'format' in schema) return 'string';
  if ('minimum' in schema || 'maximum' in schema || 'exclusiveMinimum' in schema || 'exclusiveMaximum' in schema || 'multipleOf' in schema) return 'number';
  return undefined;
}

/** A validator for the compiled root schema and any schema inside it, by JSON pointer. */
class Checker {
  readonly #ajv: Ajv | Ajv2019 | Ajv2020 | undefined;
  readonly #validators = new Map<string, ValidateFunction | undefined>();
  readonly #root: unknown;
  #compiled = 0;
  static readonly #id = 'openai-responses:structured-output';

  constructor(root: unknown, length: number) {
    this.#root = root;
    this.#compiled = length;
    // A schema longer than the budget is walked unchecked: compiling it would cost more than a call should.
    if (length > compileBudget) {
      this.#ajv = undefined;
      return;
    }
    const draft = isPlainObject(root) && typeof root['$schema'] === 'string' ? root['$schema'] : '';
    const options = { strict: false, validateFormats: false, validateSchema: false, allErrors: false, code: { optimize: false } } as const;
    try {
      // ajv is loaded when a schema is first compiled, not when the library is imported (a third of its import).
      const load = packageRequire();
      const ajv = draft.includes('2020-12')
        ? new (load('ajv/dist/2020') as typeof import('ajv/dist/2020.js')).Ajv2020(options)
        : draft.includes('2019-09')
          ? new (load('ajv/dist/2019') as typeof import('ajv/dist/2019.js')).Ajv2019(options)
          : new (load('ajv') as typeof import('ajv')).Ajv(options);
      const { $id: _id, $schema: _schema, ...rest } = isPlainObject(root) ? root : { anyOf: [root] };
      ajv.addSchema({ ...rest, $id: Checker.#id });
      this.#ajv = ajv;
    } catch {
      this.#ajv = undefined;
    }
  }

  /** The length (as JSON) of the sub-schema at a pointer. */
  #sizeAt(pointer: string): number {
    let node: unknown = this.#root;
    for (const raw of pointer.split('/').slice(1)) {
      const token = decodeURIComponent(raw).replace(/~1/g, '/').replace(/~0/g, '~');
      node = Array.isArray(node) ? node[Number(token)] : isPlainObject(node) ? node[token] : undefined;
    }
    return JSON.stringify(node ?? null).length;
  }

  /** Whether `value` is valid against the schema at `pointer` (true when the schema cannot be compiled: nothing to check by). */
  valid(pointer: string, value: unknown): boolean {
    if (!this.#ajv) return true;
    if (!this.#validators.has(pointer)) {
      this.#compiled += pointer === '' ? 0 : this.#sizeAt(pointer);
      if (this.#compiled > compileBudget) return true;
      let validate: ValidateFunction | undefined;
      try {
        validate = this.#ajv.getSchema(`${Checker.#id}#${pointer}`);
      } catch {
        validate = undefined;
      }
      this.#validators.set(pointer, validate);
    }
    const validate = this.#validators.get(pointer);
    return validate === undefined ? true : validate(value) === true;
  }
}

/** The walk over one schema: each sub-schema with its JSON pointer (so its instance can be checked in place). */
class InstanceWriter {
  readonly #open = new Map<string, number>();
  #spent = 0;

  /**
   * `checked`: each branch (an `anyOf` branch, a `type` of a list) is checked against the schema holding it before
   * it is taken; unchecked, the first branch that writes is taken (one compile for the whole walk, checked after).
   */
  constructor(
    private readonly root: unknown,
    private readonly checker: Checker,
    private readonly checked: boolean,
  ) {}

  #valid(pointer: string, value: unknown): boolean {
    return !this.checked || this.checker.valid(pointer, value);
  }

  /** The schema a local `$ref` (`#`, `#/$defs/x`, `#/definitions/x`) points at, with its pointer. */
  #resolve(ref: string): { schema: unknown; pointer: string } | undefined {
    if (!ref.startsWith('#')) return undefined;
    const pointer = ref.slice(1);
    let node: unknown = this.root;
    for (const raw of pointer.split('/').slice(1)) {
      const token = decodeURIComponent(raw).replace(/~1/g, '/').replace(/~0/g, '~');
      if (Array.isArray(node)) node = node[Number(token)];
      else if (isPlainObject(node) && Object.hasOwn(node, token)) node = node[token];
      else return undefined;
    }
    return { schema: node, pointer };
  }

  /** Spends `amount` of the walk's budget; over it, the walk ends. */
  spend(amount: number): void {
    this.#spent += amount;
    if (this.#spent > budget) throw new OverBudget('The schema asks for more than the mock writes.');
  }

  write(schema: unknown, pointer: string, depth: number): Generated | typeof none {
    this.spend(1);
    const keywords = keywordsOf(schema);
    if (!keywords || depth > maxDepth) return none;
    const ref = keywords['$ref'];
    if (typeof ref === 'string') {
      const target = this.#resolve(ref);
      const visits = this.#open.get(ref) ?? 0;
      if (!target || visits >= maxRefVisits) return none;
      this.#open.set(ref, visits + 1);
      try {
        const value = this.write(target.schema, target.pointer, depth + 1);
        // Keywords beside the `$ref` apply too: the instance must pass the schema that holds both.
        return value !== none && this.#valid(pointer, value) ? value : Object.keys(keywords).length > 1 ? this.#written(keywords, pointer, depth) : value;
      } finally {
        this.#open.set(ref, visits);
      }
    }
    return this.#written(keywords, pointer, depth);
  }

  #written(schema: JsonObject, pointer: string, depth: number): Generated | typeof none {
    if ('const' in schema) return schema['const'];
    if (Array.isArray(schema['enum'])) return schema['enum'].length > 0 ? schema['enum'][0] : none;
    for (const keyword of ['anyOf', 'oneOf'] as const) {
      const branches = schema[keyword];
      if (!Array.isArray(branches)) continue;
      let fallback: Generated | typeof none = none;
      for (const [at, branch] of branches.entries()) {
        const value = this.write(branch, `${pointer}/${keyword}/${at}`, depth + 1);
        if (value === none) continue;
        if (this.#valid(pointer, value)) return value;
        if (fallback === none) fallback = value;
      }
      return fallback;
    }
    if (Array.isArray(schema['allOf'])) {
      for (const [at, part] of schema['allOf'].entries()) {
        const value = this.write(part, `${pointer}/allOf/${at}`, depth + 1);
        if (value !== none && this.#valid(pointer, value)) return value;
      }
      const merged = this.#mergedAllOf(schema);
      return merged === undefined ? none : this.#typed(merged, pointer, depth);
    }
    return this.#typed(schema, pointer, depth);
  }

  /** An `allOf`'s parts (and the schema around them) as one schema: properties merged, required joined. */
  #mergedAllOf(schema: JsonObject): JsonObject | undefined {
    const { allOf, ...outer } = schema;
    const merged: JsonObject = { ...outer };
    for (const part of Array.isArray(allOf) ? allOf : []) {
      let keywords = keywordsOf(part);
      if (keywords && typeof keywords['$ref'] === 'string') keywords = keywordsOf(this.#resolve(keywords['$ref'])?.schema);
      if (!keywords) return undefined;
      for (const [key, value] of Object.entries(keywords)) {
        if (key === 'properties' && isPlainObject(value)) merged['properties'] = { ...(isPlainObject(merged['properties']) ? merged['properties'] : {}), ...value };
        else if (key === 'required' && Array.isArray(value)) merged['required'] = [...new Set([...(Array.isArray(merged['required']) ? merged['required'] : []), ...value])];
        else merged[key] = value;
      }
    }
    return merged;
  }

  #typed(schema: JsonObject, pointer: string, depth: number): Generated | typeof none {
    const declared = schema['type'];
    const types = Array.isArray(declared) ? declared.filter((type): type is string => typeof type === 'string') : typeof declared === 'string' ? [declared] : [];
    if (types.length === 0) {
      const implied = impliedType(schema);
      return implied === undefined ? null : this.#ofType(schema, implied, pointer, depth);
    }
    let fallback: Generated | typeof none = none;
    for (const type of types) {
      const value = this.#ofType(schema, type, pointer, depth);
      if (value === none) continue;
      if (types.length === 1 || this.#valid(pointer, value)) return value;
      if (fallback === none) fallback = value;
    }
    return fallback;
  }

  #ofType(schema: JsonObject, type: string, pointer: string, depth: number): Generated | typeof none {
    switch (type) {
      case 'object':
        return this.#object(schema, pointer, depth);
      case 'array':
        return this.#array(schema, pointer, depth);
      case 'string':
        this.spend(numberOf(schema['minLength']) ?? 0);
        return smallestString(schema);
      case 'integer':
        return smallestNumber(schema, true);
      case 'number':
        return smallestNumber(schema, false);
      case 'boolean':
        return false;
      case 'null':
        return null;
      default:
        return none;
    }
  }

  /** The schema of property `name`: its own, a matching `patternProperties` one, or `additionalProperties`, with its pointer. */
  #propertySchema(schema: JsonObject, name: string, pointer: string): [unknown, string] {
    const properties = isPlainObject(schema['properties']) ? schema['properties'] : {};
    if (Object.hasOwn(properties, name)) return [properties[name], `${pointer}/properties/${pointerToken(name)}`];
    const patterns = isPlainObject(schema['patternProperties']) ? schema['patternProperties'] : {};
    for (const [pattern, sub] of Object.entries(patterns)) {
      try {
        if (new RegExp(pattern, 'u').test(name)) return [sub, `${pointer}/patternProperties/${pointerToken(pattern)}`];
      } catch {
        // A pattern JavaScript cannot read matches nothing here.
      }
    }
    if ('additionalProperties' in schema) return [schema['additionalProperties'], `${pointer}/additionalProperties`];
    return [true, pointer];
  }

  #object(schema: JsonObject, pointer: string, depth: number): Generated | typeof none {
    const properties = isPlainObject(schema['properties']) ? Object.keys(schema['properties']) : [];
    const required = new Set(Array.isArray(schema['required']) ? schema['required'].filter((name): name is string => typeof name === 'string') : []);
    const dependent = isPlainObject(schema['dependentRequired']) ? schema['dependentRequired'] : {};
    // Required names in the order the properties are declared (the order the API writes them in), then the rest.
    const names = [...properties.filter((name) => required.has(name)), ...[...required].filter((name) => !properties.includes(name))];
    const minProperties = numberOf(schema['minProperties']) ?? 0;
    this.spend(names.length);
    for (const name of properties) if (names.length < minProperties && !names.includes(name)) names.push(name);
    const value: JsonObject = {};
    for (let at = 0; at < names.length; at++) {
      const name = names[at] ?? '';
      const [sub, subPointer] = this.#propertySchema(schema, name, pointer);
      const written = this.write(sub, subPointer, depth + 1);
      if (written === none) return none;
      value[name] = written;
      const needs = dependent[name];
      if (Array.isArray(needs)) for (const other of needs) if (typeof other === 'string' && !names.includes(other)) names.push(other);
    }
    return value;
  }

  #array(schema: JsonObject, pointer: string, depth: number): Generated | typeof none {
    const prefix = Array.isArray(schema['prefixItems']) ? schema['prefixItems'] : Array.isArray(schema['items']) ? schema['items'] : [];
    const prefixKeyword = Array.isArray(schema['prefixItems']) ? 'prefixItems' : 'items';
    const rest = Array.isArray(schema['items']) ? ('additionalItems' in schema ? schema['additionalItems'] : true) : ('items' in schema ? schema['items'] : true);
    const restPointer = Array.isArray(schema['items']) ? `${pointer}/additionalItems` : `${pointer}/items`;
    const value: unknown[] = [];
    const contains = schema['contains'];
    const minContains = numberOf(schema['minContains']) ?? 1;
    if (contains !== undefined && prefix.length === 0) {
      this.spend(minContains);
    for (let at = 0; at < minContains; at++) {
        const written = this.write(contains, `${pointer}/contains`, depth + 1);
        if (written === none) return none;
        value.push(written);
      }
    }
    const count = Math.max(numberOf(schema['minItems']) ?? 0, value.length);
    this.spend(count);
    for (let at = value.length; at < count; at++) {
      const [sub, subPointer] = at < prefix.length ? [prefix[at], `${pointer}/${prefixKeyword}/${at}`] : [rest, restPointer];
      const written = this.write(sub, subPointer, depth + 1);
      if (written === none) return none;
      value.push(written);
    }
    return value;
  }
}

/** The shortest string a schema takes: empty unless `format`, `pattern` or `minLength` asks for more. */
function smallestString(schema: JsonObject): string | typeof none {
  const minLength = numberOf(schema['minLength']) ?? 0;
  const pattern = typeof schema['pattern'] === 'string' ? schema['pattern'] : undefined;
  const format = typeof schema['format'] === 'string' ? formatSamples[schema['format']] : undefined;
  const matches = (text: string): boolean => {
    if (pattern === undefined) return true;
    try {
      return new RegExp(pattern, 'u').test(text);
    } catch {
      return true;
    }
  };
  if (format !== undefined && format.length >= minLength && matches(format)) return format;
  if (pattern !== undefined) return shortestMatch(pattern, minLength) ?? 'a'.repeat(minLength);
  return 'a'.repeat(minLength);
}

/** Instances already written, by the schema's JSON text: a suite sends the same schema call after call. */
const written = new Map<string, { value: unknown; valid: boolean }>();
const remembered = 256;

/**
 * The smallest instance of a JSON Schema, as a model under a strict structured-output schema would write when
 * it has nothing to say: required properties only (in declaration order), the first `enum` value or the
 * `const`, arrays at `minItems`, the first `anyOf` branch (and first `type`) whose instance validates, `$ref`s
 * followed (`$defs`, `definitions`, `#`) with recursion bounded (a branch that recurses too deep gives way to
 * the next), numbers 0 or the bound nearest to it, `false`, `null`, and strings empty unless `format`, `pattern`
 * or `minLength` needs more. `valid` says whether ajv accepts it against the whole schema. A schema that asks
 * for more than the mock writes (a million items) gives `null`, not valid.
 *
 * @example
 * smallestInstance({ type: 'object', properties: { name: { type: 'string' }, tags: { type: 'array', items: { type: 'string' }, minItems: 1 } }, required: ['name', 'tags'] });
 * // { value: { name: '', tags: [''] }, valid: true }
 */
export function smallestInstance(schema: unknown): { value: unknown; valid: boolean } {
  let key: string | undefined;
  try {
    key = JSON.stringify(schema);
  } catch {
    key = undefined;
  }
  const known = key === undefined ? undefined : written.get(key);
  if (known) return { value: structuredClone(known.value), valid: known.valid };
  const checker = new Checker(schema, key?.length ?? Infinity);
  const walk = (checked: boolean): unknown => {
    try {
      return new InstanceWriter(schema, checker, checked).write(schema, '', 0);
    } catch (error) {
      if (!(error instanceof OverBudget) && !(error instanceof RangeError)) throw error;
      return none;
    }
  };
  // The first branches usually make a valid instance: only when they do not is each branch checked as it is taken.
  let value = walk(false);
  if (value === none || !checker.valid('', value)) value = walk(true);
  const result = value === none ? { value: null, valid: false } : { value, valid: checker.valid('', value) };
  if (key !== undefined) {
    if (written.size >= remembered) written.delete(written.keys().next().value ?? '');
    written.set(key, result);
  }
  return { value: structuredClone(result.value), valid: result.valid };
}
