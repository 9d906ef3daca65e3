// The string literals the installed SDK's params types allow, walked with the TypeScript compiler API over
// node_modules/openai's .d.ts, each checked against the request schema the mock validates that route with (the
// relaxed document, as validation reads it). Used by spec/validation/sdk-literals.spec.ts.
import { fileURLToPath } from 'node:url';
import ts from 'typescript';
import { catalog } from '../../lib/catalog/catalog.js';
import { type RequestSchemaDocument, relaxed } from '../../lib/validation/relaxations.js';
import { requestOperations, requestSchemaText } from '../../lib/validation/request-schemas.js';

type SchemaNode = { readonly [keyword: string]: unknown };
/** A schema that may apply at a place of the body; `true` takes anything. */
type Candidate = SchemaNode | true;

/** One literal the SDK allows at one place of one route's body. */
export interface SdkLiteral {
  readonly route: string;
  readonly operation: string;
  /** Where in the body, as the API names a param (`tools[].type`, `metadata.*`). */
  readonly path: string;
  readonly value: string;
}

export interface LiteralCheck {
  /** The routes walked (those with a JSON body and a request schema). */
  readonly routes: number;
  /** Every literal checked, one per route, place and value. */
  readonly checked: readonly SdkLiteral[];
  /** The literals the schema refuses at their place. */
  readonly refused: readonly SdkLiteral[];
}

const isNode = (value: unknown): value is SchemaNode => typeof value === 'object' && value !== null && !Array.isArray(value);

/** The request schemas as validation reads them, with candidate lookups along a body's path. */
class Schemas {
  readonly #document: RequestSchemaDocument;

  constructor(withRelaxations: boolean) {
    const document = JSON.parse(requestSchemaText) as RequestSchemaDocument;
    this.#document = withRelaxations ? relaxed(document) : document;
  }

  operation(id: string): Candidate[] {
    return this.expand(this.#document.operations[id]);
  }

  #resolve(schema: unknown, seen = new Set<string>()): unknown {
    let current = schema;
    while (isNode(current) && typeof current['$ref'] === 'string' && !seen.has(current['$ref'])) {
      const ref = current['$ref'];
      seen.add(ref);
      const { $ref: _ref, ...rest } = current;
      const target = this.#document.components.schemas[ref.replace('#/components/schemas/', '')];
      current = Object.keys(rest).length === 0 ? target : { allOf: [target, rest] };
    }
    return current;
  }

  /** A schema as the plain schemas it may be: refs followed, unions split, `allOf` parts merged. */
  expand(schema: unknown, depth = 0): Candidate[] {
    const node = this.#resolve(schema);
    if (node === true || node === undefined || depth > 40) return [true];
    if (!isNode(node)) return [];
    const { anyOf, oneOf, allOf, ...own } = node;
    let result: Candidate[] = [own];
    if (Array.isArray(allOf)) {
      for (const part of allOf) {
        const expanded = this.expand(part, depth + 1);
        result = result.flatMap((base) => expanded.map((branch) => merge(base, branch)));
        if (result.length > 64) break;
      }
    }
    for (const union of [anyOf, oneOf]) {
      if (!Array.isArray(union)) continue;
      const branches = union.flatMap((branch) => this.expand(branch, depth + 1));
      result = result.flatMap((base) => branches.map((branch) => merge(base, branch)));
    }
    return result;
  }

  /** The schemas that may apply one step down: a property (`*` for any key) or `[]` for an array's items. */
  step(candidates: readonly Candidate[], segment: string): Candidate[] {
    if (candidates.some((candidate) => candidate === true)) return [true];
    const nodes = candidates as SchemaNode[];
    if (segment === '[]') {
      const withItems = nodes.filter((node) => node['items'] !== undefined);
      if (withItems.length === 0) return nodes.some((node) => node['type'] === undefined) ? [true] : [];
      return withItems.flatMap((node) => this.expand(node['items']));
    }
    const properties = (node: SchemaNode): Record<string, unknown> => (isNode(node['properties']) ? node['properties'] : {});
    const declaring = segment === '*' ? [] : nodes.filter((node) => Object.hasOwn(properties(node), segment));
    if (declaring.length > 0) return declaring.flatMap((node) => this.expand(properties(node)[segment]));
    const open = nodes.filter((node) => node['additionalProperties'] !== false);
    if (open.length === 0) return [];
    const typed = open.filter((node) => isNode(node['additionalProperties']));
    return typed.length === open.length ? typed.flatMap((node) => this.expand(node['additionalProperties'])) : [true];
  }
}

/** Two schemas that both apply, as one: properties and `required` joined, the other keywords of `b` winning. */
function merge(a: Candidate, b: Candidate): Candidate {
  if (a === true) return b;
  if (b === true) return a;
  const properties = { ...(isNode(a['properties']) ? a['properties'] : {}), ...(isNode(b['properties']) ? b['properties'] : {}) };
  return { ...a, ...b, properties };
}

/** Whether a schema (one candidate) takes the string `value`. */
function takes(candidate: Candidate, value: string): boolean {
  if (candidate === true) return true;
  const type = candidate['type'];
  if (type !== undefined && type !== 'string' && !(Array.isArray(type) && type.includes('string'))) return false;
  if (Array.isArray(candidate['enum']) && !candidate['enum'].includes(value)) return false;
  if ('const' in candidate && candidate['const'] !== value) return false;
  if (typeof candidate['pattern'] === 'string' && !new RegExp(candidate['pattern'], 'u').test(value)) return false;
  if (typeof candidate['maxLength'] === 'number' && value.length > candidate['maxLength']) return false;
  if (typeof candidate['minLength'] === 'number' && value.length < candidate['minLength']) return false;
  return true;
}

/** The SDK side: the compiler's view of every route's body type. */
class SdkBodies {
  readonly #checker: ts.TypeChecker;
  readonly #routeTypes: ts.Type;

  constructor() {
    const file = fileURLToPath(new URL('../../lib/catalog/route-types.ts', import.meta.url));
    const config = ts.getParsedCommandLineOfConfigFile(fileURLToPath(new URL('../../tsconfig.json', import.meta.url)), {}, { ...ts.sys, onUnRecoverableConfigFileDiagnostic: () => undefined });
    // Only what the body types need: the SDK's declarations and the platform's (no @types packages).
    const program = ts.createProgram([file], { ...(config?.options ?? {}), noEmit: true, types: [] });
    this.#checker = program.getTypeChecker();
    const source = program.getSourceFile(file);
    const declaration = source?.statements.find((statement): statement is ts.InterfaceDeclaration => ts.isInterfaceDeclaration(statement) && statement.name.text === 'RouteTypes');
    if (!declaration) throw new Error('RouteTypes not found in lib/catalog/route-types.ts');
    this.#routeTypes = this.#checker.getTypeAtLocation(declaration);
  }

  get checker(): ts.TypeChecker {
    return this.#checker;
  }

  /** The body type of a route, or undefined (no body, multipart). */
  body(route: string): ts.Type | undefined {
    const entry = this.#routeTypes.getProperty(route);
    const declaration = entry?.valueDeclaration ?? entry?.declarations?.[0];
    if (!entry || !declaration) return undefined;
    const body = this.#checker.getTypeOfSymbolAtLocation(entry, declaration).getProperty('body');
    if (!body) return undefined;
    const type = this.#checker.getTypeOfSymbolAtLocation(body, declaration);
    const name = this.#checker.typeToString(type);
    return name === 'undefined' || name === 'FormData' ? undefined : type;
  }
}

let bodies: SdkBodies | undefined;

/**
 * Walks the literal unions of every route's body type against its request schema: the schemas as validation
 * reads them (with the relaxations), or as the spec has them (`withRelaxations: false`, to see what they fix).
 */
export function checkSdkLiterals(withRelaxations = true): LiteralCheck {
  const schemas = new Schemas(withRelaxations);
  bodies ??= new SdkBodies();
  const sdk = bodies;
  const checker = sdk.checker;
  const checked: SdkLiteral[] = [];
  const refused: SdkLiteral[] = [];
  let routes = 0;

  for (const entry of catalog) {
    const operation = requestOperations[`${entry.method} ${entry.path.replace(/:[A-Za-z_]\w*/g, '{}')}`];
    if (operation === undefined) continue;
    const body = sdk.body(entry.name);
    if (!body) continue;
    routes += 1;
    const seen = new Set<string>();
    const record = (path: string, value: string, candidates: readonly Candidate[]): void => {
      const key = `${path} ${value}`;
      if (seen.has(key)) return;
      seen.add(key);
      const literal = { route: entry.name, operation, path, value };
      checked.push(literal);
      if (!candidates.some((candidate) => takes(candidate, value))) refused.push(literal);
    };

    const walk = (type: ts.Type, path: string, candidates: readonly Candidate[], stack: readonly ts.Type[]): void => {
      if (stack.includes(type) || stack.length > 30) return;
      const inner = [...stack, type];
      if (type.isUnion()) {
        for (const member of type.types) walk(member, path, candidates, inner);
        return;
      }
      if (type.isStringLiteral()) return record(path, type.value, candidates);
      if (type.flags & (ts.TypeFlags.StringLike | ts.TypeFlags.NumberLike | ts.TypeFlags.BooleanLike | ts.TypeFlags.BigIntLike | ts.TypeFlags.ESSymbolLike | ts.TypeFlags.Null | ts.TypeFlags.Undefined | ts.TypeFlags.Void | ts.TypeFlags.Any | ts.TypeFlags.Unknown | ts.TypeFlags.Never)) return;
      if (type.isIntersection()) {
        for (const member of type.types) walk(member, path, candidates, inner);
        return;
      }
      if (checker.isArrayType(type) || checker.isTupleType(type)) {
        const element = checker.getTypeArguments(type as ts.TypeReference)[0];
        if (element) walk(element, `${path}[]`, schemas.step(candidates, '[]'), inner);
        return;
      }
      if (!(type.flags & ts.TypeFlags.Object) || type.getCallSignatures().length > 0) return;
      const symbol = type.getSymbol();
      // Values the SDK uploads or builds (files, blobs, dates) are no JSON with literals.
      if (symbol && ['Blob', 'File', 'Date', 'FormData', 'ReadableStream', 'Response', 'Uint8Array', 'ArrayBuffer'].includes(symbol.getName())) return;
      // An object member of a union: only the schemas its `type` tag takes (all, when none does).
      const tag = type.getProperty('type');
      let scoped = candidates;
      if (tag && !candidates.includes(true)) {
        const tagType = checker.getTypeOfSymbol(tag);
        if (tagType.isStringLiteral()) {
          const value = tagType.value;
          const matching = candidates.filter((candidate) => schemas.step([candidate], 'type').some((schema) => schema !== true && takes(schema, value)));
          if (matching.length > 0) scoped = matching;
        }
      }
      for (const property of type.getProperties()) {
        const name = property.getName();
        walk(checker.getNonNullableType(checker.getTypeOfSymbol(property)), path ? `${path}.${name}` : name, schemas.step(scoped, name), inner);
      }
      const index = type.getStringIndexType();
      if (index) walk(checker.getNonNullableType(index), path ? `${path}.*` : '*', schemas.step(scoped, '*'), inner);
    };

    walk(checker.getNonNullableType(body), '', schemas.operation(operation), []);
  }
  return { routes, checked, refused };
}
