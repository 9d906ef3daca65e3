import type { RequestSchemaDocument } from './relaxations.js';
import type { Validator } from './validator.js';

// A conversation re-sends its whole history each turn (`messages`, `input`): checking every item again each turn
// makes a long conversation quadratic. An item's validity depends on the item alone (its array's schema has only
// an `items` schema, and at most `minItems: 1`), so an item that was part of a body the schema passed passes
// again: only the items not seen before are checked, each against the union branches its tag (`type`, `role`)
// can match, and the rest of the body with the field emptied.

type SchemaNode = Record<string, unknown>;

const isNode = (value: unknown): value is SchemaNode => typeof value === 'object' && value !== null && !Array.isArray(value);

/** The fields a conversation grows, in the order they are looked for. */
const growingFieldNames = ['messages', 'input'];

/** The document's id in the validator (refs into it from schemas compiled apart start with it). */
export const requestDocumentId = 'openai-requests';

/** A schema with its `$ref`s followed (the document's refs all point into `components.schemas`). */
function resolved(document: RequestSchemaDocument, node: unknown, depth = 0): SchemaNode | undefined {
  if (!isNode(node) || depth > 32) return undefined;
  const ref = node['$ref'];
  if (typeof ref !== 'string') return node;
  const name = ref.replace('#/components/schemas/', '');
  return Object.hasOwn(document.components.schemas, name) ? resolved(document, document.components.schemas[name], depth + 1) : undefined;
}

/** The schemas a body schema gives a property, through its `allOf`s (an `anyOf` or `oneOf` at the root: none). */
function propertySchemas(document: RequestSchemaDocument, root: unknown, field: string, found: unknown[] = [], depth = 0): unknown[] | undefined {
  const node = resolved(document, root);
  if (!node || depth > 16) return undefined;
  if (node['anyOf'] !== undefined || node['oneOf'] !== undefined || node['not'] !== undefined || node['if'] !== undefined) return undefined;
  const properties = node['properties'];
  if (isNode(properties) && Object.hasOwn(properties, field)) found.push(properties[field]);
  for (const part of Array.isArray(node['allOf']) ? node['allOf'] : []) {
    if (!propertySchemas(document, part, field, found, depth + 1)) return undefined;
  }
  return found;
}

/** Keywords an array schema may have for its items to be checked one by one. */
const itemwiseArrayKeys = new Set(['type', 'items', 'minItems', 'description', 'title']);

/** The array schemas a property schema may be, if a value of it that is an array is valid exactly when each item is. */
function arraySchemas(document: RequestSchemaDocument, schema: unknown, found: SchemaNode[], depth = 0): boolean {
  const node = resolved(document, schema);
  if (!node || depth > 8) return false;
  const branches = node['anyOf'] ?? node['oneOf'];
  if (Array.isArray(branches)) {
    if (Object.keys(node).some((key) => key !== 'anyOf' && key !== 'oneOf' && key !== 'description' && key !== 'title')) return false;
    return branches.every((branch) => arraySchemas(document, branch, found, depth + 1));
  }
  const type = node['type'];
  if (type === 'array') {
    const minItems = node['minItems'];
    if (!Object.keys(node).every((key) => itemwiseArrayKeys.has(key)) || !isNode(node['items'])) return false;
    if (minItems !== undefined && minItems !== 0 && minItems !== 1) return false;
    found.push(node);
    return true;
  }
  // A branch that cannot be an array (a string, null, ...) does not matter.
  return typeof type === 'string' || (Array.isArray(type) && !type.includes('array'));
}

/** The union branches an item schema is made of (nested `anyOf`s flattened), each a `$ref`; none if one is not. */
function leavesOf(document: RequestSchemaDocument, schema: unknown, found: string[] = [], depth = 0): string[] | undefined {
  if (!isNode(schema) || depth > 8) return undefined;
  const ref = schema['$ref'];
  const node = resolved(document, schema);
  if (!node) return undefined;
  const branches = node['anyOf'];
  const extra = (key: string): boolean => !['anyOf', 'discriminator', 'type', 'description', 'title', '$ref'].includes(key);
  if (Array.isArray(branches) && !Object.keys(node).some(extra) && (node['type'] === undefined || node['type'] === 'object')) {
    if (typeof ref === 'string' && Object.keys(schema).some(extra)) return undefined;
    for (const branch of branches) if (!leavesOf(document, branch, found, depth + 1)) return undefined;
    return found;
  }
  if (typeof ref !== 'string' || Object.keys(schema).some((key) => key !== '$ref' && key !== 'type')) return undefined;
  if (schema['type'] !== undefined && schema['type'] !== 'object') return undefined;
  found.push(ref);
  return found;
}

/** The string values a property schema allows (`enum`, `const`, a union of those and null), or undefined for any. */
function tagValues(schema: unknown): Set<string> | undefined {
  if (!isNode(schema)) return undefined;
  if (Array.isArray(schema['enum']) && schema['enum'].every((value) => typeof value === 'string')) return new Set(schema['enum'] as string[]);
  if (typeof schema['const'] === 'string') return new Set([schema['const']]);
  const branches = schema['anyOf'];
  if (!Array.isArray(branches)) return undefined;
  const values = new Set<string>();
  for (const branch of branches) {
    if (isNode(branch) && branch['type'] === 'null' && Object.keys(branch).length === 1) continue;
    const some = tagValues(branch);
    if (!some) return undefined;
    for (const value of some) values.add(value);
  }
  return values;
}

/** One union branch of an item: its ref and the tag values it can take (undefined: every value). */
interface Leaf {
  readonly ref: string;
  readonly values: Set<string> | undefined;
}

/**
 * How an operation's growing field (`messages`, `input`) is checked item by item, and the memo of the items (as
 * JSON text) that were part of a body the schema passed.
 */
export class GrowingField {
  readonly #byTag = new Map<string, Validator | null>();
  readonly #seen = new Set<string>();
  #seenText = 0;

  constructor(
    /** The field: `messages`, `input`. */
    readonly field: string,
    /** Whether the field must hold at least one item. */
    readonly nonEmpty: boolean,
    /** The property that tags an item's kind (`type`, `role`), with the branches each value can match. */
    readonly tag: { readonly property: string; readonly leaves: readonly Leaf[] } | undefined,
    /** A check that a value matches one of the given components (`#/components/schemas/...`). */
    readonly branches: (refs: readonly string[]) => Validator,
  ) {}

  /** A validator of items tagged `value`: the union of the branches that can take that tag; null when none can. */
  #checkOf(value: string): Validator | null {
    let check = this.#byTag.get(value);
    if (check === undefined) {
      const leaves = this.tag?.leaves.filter((leaf) => leaf.values === undefined || leaf.values.has(value)) ?? [];
      check = leaves.length === 0 ? null : this.branches(leaves.map((leaf) => leaf.ref));
      this.#byTag.set(value, check);
    }
    return check;
  }

  /**
   * Whether `body` is valid, checking only the items of the field not seen in a valid body before: each tagged
   * one against the branches its tag can match, the others with the rest of the body (the field holding just
   * them, or its first item when it must not be empty). True when every check passes (the new items are then
   * remembered); false when the field is not a list or a check fails (the caller then checks the whole body, so
   * a refusal reads exactly as without this).
   */
  validates(body: unknown, validate: Validator): boolean {
    if (!isNode(body)) return false;
    const items = body[this.field];
    if (!Array.isArray(items) || items.length === 0) return false;
    const rest: unknown[] = [];
    const fresh: string[] = [];
    for (const item of items) {
      const text = JSON.stringify(item);
      if (this.#seen.has(text)) continue;
      fresh.push(text);
      const tag = this.tag && isNode(item) ? item[this.tag.property] : undefined;
      const check = typeof tag === 'string' ? this.#checkOf(tag) : null;
      if (!check) rest.push(item);
      else if (!check(item)) return false;
    }
    const held = rest.length > 0 ? rest : this.nonEmpty ? [items[0]] : [];
    if (!validate({ ...body, [this.field]: held })) return false;
    for (const text of fresh) this.#remember(text);
    return true;
  }

  #remember(text: string): void {
    if (this.#seenText + text.length > maxSeenText) {
      this.#seen.clear();
      this.#seenText = 0;
    }
    this.#seen.add(text);
    this.#seenText += text.length;
  }
}

/** How much item text an operation remembers before it starts afresh. */
const maxSeenText = 32 * 1024 * 1024;

/**
 * The growing field of an operation, when its schema lets its items be checked one by one: every array the
 * field may be has only an `items` schema (and at most `minItems: 1`), the same for every such array.
 */
export function growingFieldOf(document: RequestSchemaDocument, operationId: string, branches: (refs: readonly string[]) => Validator): GrowingField | undefined {
  for (const field of growingFieldNames) {
    const properties = propertySchemas(document, document.operations[operationId], field);
    if (!properties || properties.length === 0) continue;
    const arrays: SchemaNode[] = [];
    if (!properties.every((schema) => arraySchemas(document, schema, arrays)) || arrays.length === 0) continue;
    const itemSchemas = new Set(arrays.map((array) => JSON.stringify(array['items'])));
    if (itemSchemas.size !== 1) continue;
    const nonEmpty = arrays.some((array) => array['minItems'] === 1);
    const items = arrays[0]?.['items'];
    const discriminator = resolved(document, items)?.['discriminator'];
    const property = isNode(discriminator) && typeof discriminator['propertyName'] === 'string' ? discriminator['propertyName'] : 'type';
    const refs = leavesOf(document, items);
    const tag = refs && {
      property,
      leaves: refs.map((ref) => {
        const leaf = resolved(document, { $ref: ref });
        const simple = leaf && leaf['anyOf'] === undefined && leaf['oneOf'] === undefined && leaf['allOf'] === undefined;
        const properties = simple ? leaf['properties'] : undefined;
        return { ref, values: isNode(properties) ? tagValues(properties[property]) : undefined };
      }),
    };
    return new GrowingField(field, nonEmpty, tag, branches);
  }
  return undefined;
}
