/** Why the API refuses a body: its error's `message`, `param` (`messages[0].role`, `null` for the whole body) and `code`. */
export interface Refusal {
  readonly message: string;
  readonly param: string | null;
  readonly code: string | null;
}

type Schema = boolean | { readonly [keyword: string]: unknown };
type SchemaObject = Exclude<Schema, boolean>;
type Path = readonly (string | number)[];

const isObject = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

/** A path as the API names a parameter: `input[0].content[1].type`. */
export function paramOf(path: Path): string | null {
  let param = '';
  for (const part of path) param += typeof part === 'number' ? `[${part}]` : param ? `.${part}` : part;
  return param || null;
}

function typeOf(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'array';
  if (typeof value === 'number') return Number.isInteger(value) ? 'integer' : 'number';
  return typeof value;
}

function fitsType(value: unknown, type: string): boolean {
  const actual = typeOf(value);
  return actual === type || (type === 'number' && actual === 'integer');
}

const article: Record<string, string> = {
  string: 'a string',
  integer: 'an integer',
  number: 'a number',
  boolean: 'a boolean',
  object: 'an object',
  array: 'an array',
  null: 'null',
};

function describeValue(value: unknown): string {
  const type = typeOf(value);
  return type === 'number' ? 'a decimal' : (article[type] ?? type);
}

function quoted(value: unknown): string {
  return typeof value === 'string' ? `'${value}'` : JSON.stringify(value) ?? String(value);
}

function listOf(items: readonly string[]): string {
  if (items.length <= 1) return items[0] ?? '';
  return items.length === 2 ? `${items[0]} or ${items[1]}` : `${items.slice(0, -1).join(', ')}, or ${items.at(-1)}`;
}

/**
 * Explains why a body does not match a schema, in the API's words: the refusal on the path a reader would look
 * at first. Unions (`anyOf` / `oneOf`) are read as the API reads them: the branch whose tag (`type`, `role`, the
 * spec's discriminator) the value carries is the one explained; a tag no branch takes is itself the error.
 * Only asked once ajv has found the body invalid, so its cost does not matter; results are memoised per run.
 */
export class Explainer {
  readonly #memo = new Map<SchemaObject, WeakMap<object, Refusal | null>>();
  /** Refusals of a union tag no branch takes: weaker evidence than a branch that fit its tags and failed deeper. */
  readonly #tagRefusals = new WeakSet<Refusal>();

  /** `resolve`: the schema a local `$ref` (`#/components/schemas/X`) points to. */
  constructor(private readonly resolve: (ref: string) => Schema) {}

  /** The refusal for `value` against `schema`, or `undefined` when this walk finds nothing wrong. */
  explain(schema: Schema, value: unknown, path: Path = []): Refusal | undefined {
    if (schema === true) return undefined;
    if (schema === false) return { message: `Unrecognized request argument supplied: ${paramOf(path)}`, param: paramOf(path), code: 'unknown_parameter' };
    if (typeof value !== 'object' || value === null) return this.#explainNow(schema, value, path) ?? undefined;
    let byValue = this.#memo.get(schema);
    if (!byValue) this.#memo.set(schema, (byValue = new WeakMap()));
    const known = byValue.get(value);
    if (known !== undefined) return known ?? undefined;
    const found = this.#explainNow(schema, value, path);
    byValue.set(value, found ?? null);
    return found ?? undefined;
  }

  #deref(schema: Schema): Schema {
    let current = schema;
    for (let hops = 0; isObject(current) && typeof current.$ref === 'string' && Object.keys(current).length === 1 && hops < 64; hops += 1) {
      current = this.resolve(current.$ref);
    }
    return current;
  }

  #explainNow(schema: SchemaObject, value: unknown, path: Path): Refusal | undefined {
    const param = paramOf(path);
    if (typeof schema.$ref === 'string') {
      const found = this.explain(this.resolve(schema.$ref), value, path);
      if (found) return found;
    }
    const types = typeof schema.type === 'string' ? [schema.type] : Array.isArray(schema.type) ? (schema.type as string[]) : undefined;
    if (types && !types.some((type) => fitsType(value, type))) {
      const expected = types.filter((type) => type !== 'null').map((type) => article[type] ?? type);
      return {
        message: `Invalid type for '${param}': expected ${expected.length > 1 ? 'one of ' : ''}${listOf(expected)}, but got ${describeValue(value)} instead.`,
        param,
        code: 'invalid_type',
      };
    }
    const allowed = Array.isArray(schema.enum) ? (schema.enum as unknown[]) : 'const' in schema ? [schema.const] : undefined;
    if (allowed && !allowed.some((option) => option === value || JSON.stringify(option) === JSON.stringify(value))) {
      const options = allowed.filter((option) => option !== null).map(quoted);
      return { message: `Invalid value: ${quoted(value)}. Supported values are: ${listOf(options)}.`, param, code: 'invalid_value' };
    }
    const found =
      (typeof value === 'number' && this.#number(schema, value, path)) ||
      (typeof value === 'string' && this.#string(schema, value, path)) ||
      (Array.isArray(value) && this.#array(schema, value, path)) ||
      (isObject(value) && this.#object(schema, value, path)) ||
      undefined;
    if (found) return found;
    for (const part of Array.isArray(schema.allOf) ? (schema.allOf as Schema[]) : []) {
      const inPart = this.explain(part, value, path);
      if (inPart) return inPart;
    }
    for (const keyword of ['anyOf', 'oneOf'] as const) {
      const branches = schema[keyword];
      if (Array.isArray(branches)) {
        const inUnion = this.#union(schema, branches as Schema[], value, path);
        if (inUnion) return inUnion;
      }
    }
    return undefined;
  }

  #number(schema: SchemaObject, value: number, path: Path): Refusal | undefined {
    const param = paramOf(path);
    const declared = Array.isArray(schema.type) ? schema.type : [schema.type];
    const kind = declared.includes('integer') ? 'integer' : 'decimal';
    const above = (limit: number, inclusive: boolean): Refusal => ({
      message: `Invalid '${param}': ${kind} above maximum value. Expected a value ${inclusive ? '<=' : '<'} ${limit}, but got ${value} instead.`,
      param,
      code: `${kind}_above_max_value`,
    });
    const below = (limit: number, inclusive: boolean): Refusal => ({
      message: `Invalid '${param}': ${kind} below minimum value. Expected a value ${inclusive ? '>=' : '>'} ${limit}, but got ${value} instead.`,
      param,
      code: `${kind}_below_min_value`,
    });
    const { minimum, maximum, exclusiveMinimum, exclusiveMaximum } = schema;
    if (typeof maximum === 'number' && value > maximum) return above(maximum, true);
    if (typeof exclusiveMaximum === 'number' && value >= exclusiveMaximum) return above(exclusiveMaximum, false);
    if (typeof minimum === 'number' && value < minimum) return below(minimum, true);
    if (typeof exclusiveMinimum === 'number' && value <= exclusiveMinimum) return below(exclusiveMinimum, false);
    return undefined;
  }

  #string(schema: SchemaObject, value: string, path: Path): Refusal | undefined {
    const param = paramOf(path);
    const length = [...value].length;
    if (typeof schema.maxLength === 'number' && length > schema.maxLength) {
      return {
        message: `Invalid '${param}': string too long. Expected a string with maximum length ${schema.maxLength}, but got a string with length ${length} instead.`,
        param,
        code: 'string_above_max_length',
      };
    }
    if (typeof schema.minLength === 'number' && length < schema.minLength) {
      return {
        message: `Invalid '${param}': string too short. Expected a string with minimum length ${schema.minLength}, but got a string with length ${length} instead.`,
        param,
        code: 'string_below_min_length',
      };
    }
    if (typeof schema.pattern === 'string' && !new RegExp(schema.pattern, 'u').test(value)) {
      return { message: `Invalid '${param}': string does not match pattern. Expected a string that matches the pattern '${schema.pattern}'.`, param, code: 'invalid_value' };
    }
    return undefined;
  }

  #array(schema: SchemaObject, value: readonly unknown[], path: Path): Refusal | undefined {
    const param = paramOf(path);
    if (typeof schema.minItems === 'number' && value.length < schema.minItems) {
      return value.length === 0
        ? { message: `Invalid '${param}': empty array. Expected an array with minimum length ${schema.minItems}, but got an empty array instead.`, param, code: 'empty_array' }
        : {
            message: `Invalid '${param}': array too short. Expected an array with minimum length ${schema.minItems}, but got an array with length ${value.length} instead.`,
            param,
            code: 'array_below_min_length',
          };
    }
    if (typeof schema.maxItems === 'number' && value.length > schema.maxItems) {
      return {
        message: `Invalid '${param}': array too long. Expected an array with maximum length ${schema.maxItems}, but got an array with length ${value.length} instead.`,
        param,
        code: 'array_above_max_length',
      };
    }
    const prefix = Array.isArray(schema.prefixItems) ? (schema.prefixItems as Schema[]) : [];
    for (const [index, item] of value.entries()) {
      const itemSchema = prefix[index] ?? (schema.items as Schema | undefined);
      const found = itemSchema === undefined ? undefined : this.explain(itemSchema, item, [...path, index]);
      if (found) return found;
    }
    return undefined;
  }

  #object(schema: SchemaObject, value: Record<string, unknown>, path: Path): Refusal | undefined {
    for (const name of Array.isArray(schema.required) ? (schema.required as string[]) : []) {
      if (!Object.hasOwn(value, name)) {
        const param = paramOf([...path, name]);
        return { message: `Missing required parameter: '${param}'.`, param, code: 'missing_required_parameter' };
      }
    }
    const properties = isObject(schema.properties) ? (schema.properties as Record<string, Schema>) : {};
    for (const [name, item] of Object.entries(value)) {
      const propertySchema = Object.hasOwn(properties, name) ? properties[name] : (schema.additionalProperties as Schema | undefined);
      const found = propertySchema === undefined ? undefined : this.explain(propertySchema, item, [...path, name]);
      if (found) return found;
    }
    return undefined;
  }

  /** The tags a branch tells itself apart by: properties with a `const` or an `enum`, with the values they take. */
  #tagsOf(branch: Schema, tagName: string | undefined): Map<string, readonly unknown[]> {
    const tags = new Map<string, readonly unknown[]>();
    const visit = (schema: Schema, depth: number): void => {
      const resolved = this.#deref(schema);
      if (!isObject(resolved) || depth > 8) return;
      if (typeof resolved.$ref === 'string') visit(this.resolve(resolved.$ref), depth + 1);
      for (const part of Array.isArray(resolved.allOf) ? (resolved.allOf as Schema[]) : []) visit(part, depth + 1);
      // A nested union's tags are its branches' tags together: `Item` takes every item `type`.
      for (const inner of Array.isArray(resolved.anyOf) ? (resolved.anyOf as Schema[]) : []) {
        for (const [name, values] of this.#tagsOf(inner, tagName)) tags.set(name, [...new Set([...(tags.get(name) ?? []), ...values])]);
      }
      const properties = isObject(resolved.properties) ? (resolved.properties as Record<string, Schema>) : {};
      for (const [name, property] of Object.entries(properties)) {
        if (tagName !== undefined && name !== tagName) continue;
        const target = this.#deref(property);
        if (!isObject(target)) continue;
        const values = Array.isArray(target.enum) ? (target.enum as unknown[]) : 'const' in target ? [target.const] : undefined;
        if (values) tags.set(name, [...new Set([...(tags.get(name) ?? []), ...values])]);
      }
    };
    visit(branch, 0);
    return tags;
  }

  #union(schema: SchemaObject, branches: readonly Schema[], value: unknown, path: Path): Refusal | undefined {
    const refusals = branches.map((branch) => this.explain(branch, value, path));
    if (refusals.some((refusal) => refusal === undefined)) return undefined;
    const typed = branches.map((branch, index) => ({ branch, refusal: refusals[index] as Refusal, types: this.#typesOf(branch) }));
    const fitting = typed.filter(({ types }) => types === undefined || types.some((type) => fitsType(value, type)));
    if (fitting.length === 0) {
      const param = paramOf(path);
      const expected = [...new Set(typed.flatMap(({ types }) => types ?? []))].filter((type) => type !== 'null').map((type) => article[type] ?? type);
      return { message: `Invalid type for '${param}': expected one of ${listOf(expected)}, but got ${describeValue(value)} instead.`, param, code: 'invalid_type' };
    }
    if (isObject(value)) {
      const discriminator = isObject(schema.discriminator) && typeof schema.discriminator.propertyName === 'string' ? schema.discriminator.propertyName : undefined;
      const tagged = fitting.map((candidate) => ({ ...candidate, tags: this.#tagsOf(candidate.branch, discriminator) }));
      const matches = (tags: Map<string, readonly unknown[]>): boolean => [...tags].every(([name, values]) => !Object.hasOwn(value, name) || values.includes(value[name]));
      const carried = tagged.filter(({ tags }) => matches(tags) && [...tags.keys()].some((name) => Object.hasOwn(value, name)));
      // A tag the value carries that no branch takes is the error, with every value the branches take.
      const tagNames = [...new Set(tagged.flatMap(({ tags }) => [...tags.keys()]))].filter((key) => Object.hasOwn(value, key));
      const unknownTag = carried.length > 0 ? undefined : tagNames.find((key) => !tagged.some(({ tags }) => tags.get(key)?.includes(value[key])));
      if (unknownTag !== undefined) {
        const options = [...new Set(tagged.flatMap(({ tags }) => tags.get(unknownTag) ?? []))].filter((option) => option !== null);
        const param = paramOf([...path, unknownTag]);
        const refusal = { message: `Invalid value: ${quoted(value[unknownTag])}. Supported values are: ${listOf(options.map(quoted))}.`, param, code: 'invalid_value' };
        this.#tagRefusals.add(refusal);
        return refusal;
      }
      const chosen = carried.length > 0 ? carried : tagged.filter(({ tags }) => matches(tags));
      return this.#best((chosen.length > 0 ? chosen : tagged).map(({ refusal }) => refusal));
    }
    return this.#best(fitting.map(({ refusal }) => refusal));
  }

  /** The most precise of the branches' reasons: the deepest in the body, a failed union tag only on a tie. */
  #best(refusals: readonly Refusal[]): Refusal | undefined {
    const rank = (refusal: Refusal): number => (refusal.param ?? '').split(/[.[]/).length * 2 + (this.#tagRefusals.has(refusal) ? 0 : 1);
    return refusals.reduce<Refusal | undefined>((best, refusal) => (best === undefined || rank(refusal) > rank(best) ? refusal : best), undefined);
  }

  /** The JSON types a branch admits, or `undefined` when it says nothing about its type. */
  #typesOf(branch: Schema, depth = 0): string[] | undefined {
    const resolved = this.#deref(branch);
    if (!isObject(resolved) || depth > 8) return undefined;
    if (typeof resolved.type === 'string') return [resolved.type];
    if (Array.isArray(resolved.type)) return resolved.type as string[];
    if (typeof resolved.$ref === 'string') return this.#typesOf(this.resolve(resolved.$ref), depth + 1);
    for (const keyword of ['anyOf', 'oneOf'] as const) {
      const branches = resolved[keyword];
      if (!Array.isArray(branches)) continue;
      const all = (branches as Schema[]).map((inner) => this.#typesOf(inner, depth + 1));
      return all.some((types) => types === undefined) ? undefined : [...new Set(all.flat() as string[])];
    }
    for (const part of Array.isArray(resolved.allOf) ? (resolved.allOf as Schema[]) : []) {
      const types = this.#typesOf(part, depth + 1);
      if (types) return types;
    }
    if ('const' in resolved) return [typeOf(resolved.const)];
    if (resolved.properties !== undefined || resolved.required !== undefined) return ['object'];
    return undefined;
  }
}
