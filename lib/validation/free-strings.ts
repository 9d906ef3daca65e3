import type { RequestSchemaDocument } from './relaxations.js';

// A `previous_response_id` chain sends a flat body each turn (a model, a new string `input`, the previous
// response's id): nothing in it is a list to check item by item, and the text is new each time. A body that
// differs from the last one its schema passed only by strings in fields where any string passes is passed too;
// which fields those are is read from the schema itself.

/** Keywords that say nothing of what passes (ajv reads none of them as a check). */
const annotations = new Set(['description', 'title', 'deprecated', 'default', 'example', 'examples', 'readOnly', 'writeOnly']);
/** Keywords an object schema may use at the top of a body for {@link freeStringFields}: each top-level field is then checked on its own. */
const objectKeywords = new Set(['type', 'properties', 'required', 'allOf', '$ref', 'additionalProperties', ...annotations]);

/** A schema with its `$ref` (to a component) followed, if it is only a reference. */
function resolved(document: RequestSchemaDocument, schema: unknown): Record<string, unknown> | undefined {
  let current = schema;
  for (let hops = 0; hops < 16; hops++) {
    if (typeof current !== 'object' || current === null) return undefined;
    const ref = (current as Record<string, unknown>)['$ref'];
    if (typeof ref !== 'string') return current as Record<string, unknown>;
    if (Object.keys(current).some((key) => key !== '$ref' && !annotations.has(key))) return undefined;
    const name = ref.replace('#/components/schemas/', '');
    current = Object.hasOwn(document.components.schemas, name) ? document.components.schemas[name] : undefined;
  }
  return undefined;
}

/** Whether a schema's own keywords are only `allowed` ones and annotations (`x-` extensions included). */
function onlyKeywords(schema: Record<string, unknown>, allowed: readonly string[]): boolean {
  return Object.keys(schema).every((key) => allowed.includes(key) || annotations.has(key) || key.startsWith('x-'));
}

/** Whether every string passes `schema` (and a value of another type is not what makes it pass a union wrongly). */
function takesAnyString(document: RequestSchemaDocument, schema: unknown): boolean {
  const node = resolved(document, schema);
  if (node === undefined) return false;
  if (node['type'] === 'string') return onlyKeywords(node, ['type']);
  const anyOf = node['anyOf'];
  if (Array.isArray(anyOf) && onlyKeywords(node, ['anyOf'])) return anyOf.some((branch) => takesAnyString(document, branch));
  const oneOf = node['oneOf'];
  if (Array.isArray(oneOf) && onlyKeywords(node, ['oneOf'])) {
    // Exactly one branch may take a string: every other one names a type that is not a string.
    const strings = oneOf.filter((branch) => takesAnyString(document, branch)).length;
    const others = oneOf.filter((branch) => {
      const other = resolved(document, branch);
      return other !== undefined && typeof other['type'] === 'string' && other['type'] !== 'string';
    }).length;
    return strings === 1 && others === oneOf.length - 1;
  }
  return false;
}

/**
 * The top-level fields of a body schema that take any string (`input`, `previous_response_id`, `instructions` of
 * `responses.create`): the fields every schema of the body's `allOf` that names them lets take any string. Empty
 * when the schema says more of its body than properties and required fields (conditions, `not`, unions at the
 * top, ...): then nothing is taken as known.
 */
export function freeStringFields(document: RequestSchemaDocument, operation: unknown): ReadonlySet<string> {
  const verdicts = new Map<string, boolean>();
  const pending: unknown[] = [operation];
  let depth = 0;
  while (pending.length > 0) {
    if (++depth > 64) return new Set();
    const node = resolved(document, pending.pop());
    if (node === undefined || !onlyKeywords(node, [...objectKeywords])) return new Set();
    if (node['type'] !== undefined && node['type'] !== 'object') return new Set();
    const allOf = node['allOf'];
    if (allOf !== undefined) {
      if (!Array.isArray(allOf)) return new Set();
      pending.push(...allOf);
    }
    const properties = node['properties'];
    if (typeof properties === 'object' && properties !== null) {
      for (const [key, schema] of Object.entries(properties)) verdicts.set(key, (verdicts.get(key) ?? true) && takesAnyString(document, schema));
    }
  }
  return new Set([...verdicts].filter(([, free]) => free).map(([key]) => key));
}

/** The body's keys, if its top-level values are all primitives (no object, no list). */
export function flatKeys(body: unknown): string[] | undefined {
  if (typeof body !== 'object' || body === null || Array.isArray(body)) return undefined;
  const keys = Object.keys(body);
  for (const key of keys) {
    const value = (body as Record<string, unknown>)[key];
    if (typeof value === 'object' && value !== null) return undefined;
  }
  return keys;
}

/**
 * By route, the last body its schema passed whose top-level values are all primitives, and its operation: a body
 * that differs from it only by the strings of fields that take any string passes too (a chain's next turn).
 */
export class FlatBodies {
  readonly #last = new Map<string, { readonly body: Record<string, unknown>; readonly keys: readonly string[]; readonly operationId: string }>();

  /** Keeps `body` (flat, with these keys, passed by its operation's schema) as the route's last. */
  remember(route: string, body: Record<string, unknown>, keys: readonly string[], operationId: string): void {
    this.#last.set(route, { body: { ...body }, keys, operationId });
  }

  forget(route: string): void {
    this.#last.delete(route);
  }

  /**
   * Whether `body` (flat, with these keys) differs from the route's last only by the strings of fields that take
   * any string (`schemas.freeStrings`, asked only then: not on a process's first call, which has no body before it).
   */
  sameButFreeStrings(route: string, body: Record<string, unknown>, keys: readonly string[], schemas: { freeStrings(operationId: string): ReadonlySet<string> } | undefined): boolean {
    const last = this.#last.get(route);
    if (last === undefined || last.keys.length !== keys.length) return false;
    for (let at = 0; at < keys.length; at++) {
      const key = keys[at] as string;
      if (!Object.hasOwn(last.body, key)) return false;
      const before = last.body[key];
      const now = body[key];
      if (Object.is(before, now)) continue;
      if (typeof before === 'string' && typeof now === 'string' && schemas?.freeStrings(last.operationId).has(key)) continue;
      return false;
    }
    return true;
  }
}
