// The Live API's server events as JSON schemas, made from the installed SDK's types: OpenAI's OpenAPI document has
// no Live event schemas, so the conformance hook checks what a Live socket sends against the `ServerEvent` union of
// `openai/resources/live/live` (its `.d.ts`), walked with the TypeScript compiler API the first time a Live event is
// checked. Each event is checked against the member of its `type`; its own fields must be the ones its type
// declares (an unknown field is a violation: the types are the only description there is).
import { dirname, join } from 'node:path';
import { createRequire } from 'node:module';
import { Ajv2020, type ErrorObject, type ValidateFunction } from 'ajv/dist/2020.js';
import ts from 'typescript';

/** A JSON schema, as made here. */
export type JsonSchema = { readonly [keyword: string]: unknown };

/** How deep a type is followed (the Responses types under a delegation nest deeply; past this, anything goes). */
const maxDepth = 40;

/** Converts TypeScript types to JSON schemas. */
class TypeToSchema {
  readonly #active = new Set<ts.Type>();
  /** Each object type's schema, made once (the Responses types recur under many fields). */
  readonly #made = new Map<ts.Type, JsonSchema>();

  constructor(private readonly checker: ts.TypeChecker) {}

  convert(type: ts.Type, depth = 0): JsonSchema {
    const { checker } = this;
    const flags = type.flags;
    if (depth > maxDepth || flags & (ts.TypeFlags.Any | ts.TypeFlags.Unknown)) return {};
    if (flags & ts.TypeFlags.StringLiteral) return { const: (type as ts.StringLiteralType).value };
    if (flags & ts.TypeFlags.NumberLiteral) return { const: (type as ts.NumberLiteralType).value };
    if (flags & ts.TypeFlags.BooleanLiteral) return { const: (type as unknown as { intrinsicName: string }).intrinsicName === 'true' };
    if (flags & ts.TypeFlags.String) return { type: 'string' };
    if (flags & ts.TypeFlags.Number) return { type: 'number' };
    if (flags & ts.TypeFlags.Boolean) return { type: 'boolean' };
    if (flags & ts.TypeFlags.Null) return { type: 'null' };
    if (type.isUnion()) {
      const members = type.types.filter((member) => !(member.flags & ts.TypeFlags.Undefined));
      const booleans = members.filter((member) => member.flags & ts.TypeFlags.BooleanLiteral);
      const rest = members.filter((member) => !(member.flags & ts.TypeFlags.BooleanLiteral));
      const schemas = rest.map((member) => this.convert(member, depth + 1));
      if (booleans.length === 2) schemas.push({ type: 'boolean' });
      else for (const member of booleans) schemas.push(this.convert(member, depth + 1));
      return schemas.length === 1 ? (schemas[0] ?? {}) : { anyOf: schemas };
    }
    if (type.isIntersection()) {
      // `(string & {})`: a string the SDK names no literal for.
      if (type.types.some((member) => member.flags & ts.TypeFlags.String)) return { type: 'string' };
      return { allOf: type.types.map((member) => this.convert(member, depth + 1)) };
    }
    if (checker.isArrayType(type) || checker.isTupleType(type)) {
      const [item] = checker.getTypeArguments(type as ts.TypeReference);
      return { type: 'array', ...(item && !checker.isTupleType(type) && { items: this.convert(item, depth + 1) }) };
    }
    if (flags & ts.TypeFlags.Object) {
      const made = this.#made.get(type);
      if (made) return made;
      // A type met again inside itself (a recursive type) takes anything there.
      if (this.#active.has(type)) return {};
      this.#active.add(type);
      try {
        const schema = this.#object(type, depth);
        this.#made.set(type, schema);
        return schema;
      } finally {
        this.#active.delete(type);
      }
    }
    return {};
  }

  #object(type: ts.Type, depth: number): JsonSchema {
    const { checker } = this;
    if (type.getCallSignatures().length > 0) return {};
    const properties: Record<string, JsonSchema> = {};
    const required: string[] = [];
    for (const property of checker.getPropertiesOfType(type)) {
      const declaration = property.valueDeclaration ?? property.declarations?.[0];
      const propertyType = declaration ? checker.getTypeOfSymbolAtLocation(property, declaration) : checker.getTypeOfSymbol(property);
      properties[property.name] = this.convert(propertyType, depth + 1);
      if (!(property.flags & ts.SymbolFlags.Optional)) required.push(property.name);
    }
    const index = checker.getIndexInfoOfType(type, ts.IndexKind.String);
    return {
      type: 'object',
      properties,
      ...(required.length > 0 && { required }),
      additionalProperties: index ? this.convert(index.type, depth + 1) : false,
    };
  }
}

/** The schema of each Live server event, by its `type` (a type some members share has each of them, any of which may match). */
export function liveServerEventSchemas(): Map<string, JsonSchema> {
  schemas ??= makeSchemas();
  return schemas;
}

let schemas: Map<string, JsonSchema> | undefined;

/** Walks the SDK's `ServerEvent` union (a few seconds: the compiler reads the SDK's types the Live types import). */
function makeSchemas(): Map<string, JsonSchema> {
  const require = createRequire(import.meta.url);
  // The SDK's entry resolves through its `exports`; its types sit beside it.
  const file = join(dirname(require.resolve('openai')), 'resources', 'live', 'live.d.ts');
  const program = ts.createProgram([file], { strict: true, noEmit: true, skipLibCheck: true, types: [] });
  const checker = program.getTypeChecker();
  const source = program.getSourceFile(file);
  const module = source && checker.getSymbolAtLocation(source);
  const alias = module && checker.getExportsOfModule(module).find((symbol) => symbol.name === 'ServerEvent' && symbol.flags & ts.SymbolFlags.TypeAlias);
  if (!alias) throw new Error(`No ServerEvent type in ${file}`);
  const union = checker.getDeclaredTypeOfSymbol(alias);
  if (!union.isUnion()) throw new Error('ServerEvent is not a union');
  const converter = new TypeToSchema(checker);
  const byType = new Map<string, JsonSchema[]>();
  for (const member of union.types) {
    const schema = converter.convert(member);
    const properties = schema['properties'] as Record<string, JsonSchema> | undefined;
    const name = properties?.['type']?.['const'];
    if (typeof name !== 'string') throw new Error(`A Live server event without a literal type: ${checker.typeToString(member)}`);
    byType.set(name, [...(byType.get(name) ?? []), schema]);
  }
  return new Map([...byType].map(([name, schemas]) => [name, schemas.length === 1 ? (schemas[0] ?? {}) : { anyOf: schemas }]));
}

let validators: Map<string, ValidateFunction> | undefined;

function validatorsByType(): Map<string, ValidateFunction> {
  if (!validators) {
    const ajv = new Ajv2020({ strict: false, allErrors: false });
    validators = new Map([...liveServerEventSchemas()].map(([name, schema]) => [name, ajv.compile(schema)]));
  }
  return validators;
}

function describe(error: ErrorObject): { field: string; message: string } {
  const params = error.params as Record<string, unknown>;
  if (error.keyword === 'additionalProperties') return { field: `${error.instancePath}/${String(params['additionalProperty'])}`, message: "is not a field of the SDK's Live types" };
  if (error.keyword === 'required') return { field: `${error.instancePath}/${String(params['missingProperty'])}`, message: 'is required and missing' };
  return { field: error.instancePath, message: `${error.message ?? 'does not match'} (schema ${error.schemaPath})` };
}

/** Checks one Live server event against the SDK's types: undefined when it matches, else where it does not. */
export function checkLiveEvent(value: unknown): { field: string; message: string } | undefined {
  const type = typeof value === 'object' && value !== null && 'type' in value ? (value as { type: unknown }).type : undefined;
  const check = typeof type === 'string' ? validatorsByType().get(type) : undefined;
  if (!check) return { field: '/type', message: `${JSON.stringify(type)} is not the type of any event of the SDK's Live ServerEvent` };
  if (check(value)) return undefined;
  const [error] = check.errors ?? [];
  return error ? describe(error) : { field: '', message: 'does not match' };
}
