import { type ItemsPrefix, type RepeatedItems, itemsPrefixOf, repeatedItems, textAt } from '../internal/items-prefix.js';
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

/** Keywords of a body schema by which leaving a property out could change the verdict beyond the property itself. */
const readsPresence = ['required', 'minProperties', 'dependentRequired', 'dependentSchemas', 'dependencies', 'unevaluatedProperties'];

/**
 * Whether a body may leave `field` out with no other effect: no schema of the body (through its `allOf`s) requires
 * it or reads which properties are present.
 */
function fieldOptional(document: RequestSchemaDocument, root: unknown, field: string, depth = 0): boolean {
  const node = resolved(document, root);
  if (!node || depth > 16) return false;
  for (const keyword of readsPresence) {
    const value = node[keyword];
    if (value === undefined) continue;
    if (keyword !== 'required' || !Array.isArray(value) || value.includes(field)) return false;
  }
  return (Array.isArray(node['allOf']) ? node['allOf'] : []).every((part) => fieldOptional(document, part, field, depth + 1));
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
function leavesOf(document: RequestSchemaDocument, schema: unknown, found: (string | SchemaNode)[] = [], depth = 0): (string | SchemaNode)[] | undefined {
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
  // A branch written in place (not a `$ref`): a plain object schema.
  if (typeof ref !== 'string' && schema['type'] === 'object' && !['anyOf', 'oneOf', 'allOf', 'not', 'if'].some((key) => key in schema)) {
    found.push(schema);
    return found;
  }
  if (typeof ref !== 'string' || Object.keys(schema).some((key) => key !== '$ref' && key !== 'type')) return undefined;
  if (schema['type'] !== undefined && schema['type'] !== 'object') return undefined;
  found.push(ref);
  return found;
}

/** A schema of the document, to compile apart from it: its `$ref`s (`#/components/...`) made to name the document. */
function standalone(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(standalone);
  if (!isNode(value)) return value;
  const copy: SchemaNode = {};
  for (const [key, inner] of Object.entries(value)) copy[key] = key === '$ref' && typeof inner === 'string' && inner.startsWith('#') ? `${requestDocumentId}${inner}` : standalone(inner);
  return copy;
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
export interface Leaf {
  /** The branch's component (`#/components/schemas/...`), when it is one (its validator may be compiled ahead of time). */
  readonly ref: string | undefined;
  /** The branch, as a schema to compile apart from the document. */
  readonly schema: object;
  readonly values: Set<string> | undefined;
  /** Whether an item of this branch must have the tag (false when the branch is not a plain object schema). */
  readonly tagRequired: boolean;
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
    /** Whether the body may leave the field out, nothing else reading it: the rest of a body is then checked without it. */
    readonly optional: boolean,
    /** The property that tags an item's kind (`type`, `role`), with the branches each value can match. */
    readonly tag: { readonly property: string; readonly leaves: readonly Leaf[] } | undefined,
    /** A check that a value matches one of the given branches. */
    readonly branches: (leaves: readonly Leaf[]) => Validator,
  ) {}

  /** A validator of items tagged `value`: the union of the branches that can take that tag; null when none can. */
  #checkOf(value: string): Validator | null {
    let check = this.#byTag.get(value);
    if (check === undefined) {
      const leaves = this.tag?.leaves.filter((leaf) => leaf.values === undefined || leaf.values.has(value)) ?? [];
      check = leaves.length === 0 ? null : this.branches(leaves);
      this.#byTag.set(value, check);
    }
    return check;
  }

  /**
   * A validator of items without the tag: the union of the branches that do not require it (the others refuse such
   * an item); null when none can take one.
   */
  #untaggedCheck(): Validator | null {
    if (this.#untagged === undefined) {
      const leaves = this.tag?.leaves.filter((leaf) => !leaf.tagRequired) ?? [];
      this.#untagged = leaves.length === 0 ? null : this.branches(leaves);
    }
    return this.#untagged;
  }

  #untagged: Validator | null | undefined;

  /**
   * The items of `body`'s field that are the last valid body's (see {@link repeatedItems}), when `sent`, its JSON
   * text, starts with that body's text up to the end of its field's items: those items were checked, at the
   * same place in a body as deep, and are not read again.
   */
  repeated(body: unknown, sent: unknown): RepeatedItems | undefined {
    if (typeof sent !== 'string' || !isNode(body)) return undefined;
    const items = body[this.field];
    return Array.isArray(items) ? repeatedItems(this.#prefix, sent, items) : undefined;
  }

  /**
   * Whether `body` is valid, checking only the items of the field not seen in a valid body before: each tagged
   * one against the branches its tag can match, the others with the rest of the body (the field holding just
   * them, or its first item when it must not be empty). True when every check passes (the new items are then
   * remembered); false when the field is not a list or a check fails (the caller then checks the whole body, so
   * a refusal reads exactly as without this). `sent`, the body's JSON text, and `repeated`, what
   * {@link GrowingField.repeated} found in it: the items the last valid body had are not read again, and when
   * every other item was checked on its own, a body whose text outside the field's list is the last one's passes
   * without the rest of it read again (that check reads nothing else).
   */
  validates(body: unknown, validate: Validator, sent?: unknown, repeated?: RepeatedItems): boolean {
    if (!isNode(body)) return false;
    const items = body[this.field];
    if (!Array.isArray(items) || items.length === 0) return false;
    const start = repeated?.count ?? 0;
    const rest: unknown[] = [];
    const texts: string[] = [];
    const fresh: string[] = [];
    for (let at = start; at < items.length; at++) {
      const item: unknown = items[at];
      const text = JSON.stringify(item);
      texts.push(text);
      if (this.#seen.has(text)) continue;
      fresh.push(text);
      const tag = this.tag && isNode(item) ? item[this.tag.property] : undefined;
      const untagged = this.tag !== undefined && isNode(item) && !Object.hasOwn(item, this.tag.property);
      const check = typeof tag === 'string' ? this.#checkOf(tag) : untagged ? this.#untaggedCheck() : null;
      if (!check) rest.push(item);
      else if (!check(item)) return false;
    }
    const text = typeof sent === 'string' ? sent : undefined;
    const same = rest.length === 0 && repeated !== undefined && text !== undefined && this.#sameOutside(text, repeated.end);
    if (!same && !validate(this.#restOf(body, rest, items))) return false;
    for (const seen of fresh) this.#remember(seen);
    const prefix = text === undefined ? undefined : itemsPrefixOf(text, this.field, start, texts, this.#prefix);
    this.#prefix = prefix;
    if (prefix === undefined || text === undefined || rest.length > 0) this.#outside = undefined;
    else if (!same) this.#outside = { before: text.slice(0, prefix.keyAt), after: text.slice(prefix.text.length + 1) };
    return true;
  }

  /**
   * The last valid body's text before its field's key and after its field's list, when the check of the rest of
   * it read no item: a body with the same text there has the same other fields, and passes that check too.
   */
  #outside: { readonly before: string; readonly after: string } | undefined;

  /** Whether `text`, whose field's list closes at `end`, reads as {@link GrowingField.#outside} outside the field. */
  #sameOutside(text: string, end: number): boolean {
    const outside = this.#outside;
    if (outside === undefined || this.#prefix?.keyAt !== outside.before.length) return false;
    return text.length - end - 1 === outside.after.length && textAt(text, outside.before, 0) && textAt(text, outside.after, end + 1);
  }

  /**
   * The last valid body's text up to the end of its field's last item (`text`), with the number of items and the
   * last one's JSON text: a client re-sending a growing history sends the same text again, then more items.
   */
  #prefix: ItemsPrefix | undefined;

  /**
   * The body the whole-body check reads: the field holding only the items not checked on their own; without the
   * field when none is left and the body may leave it out (an item costs that check far more than the rest of a
   * body), else holding its first item when it must not be empty.
   */
  #restOf(body: SchemaNode, rest: unknown[], items: readonly unknown[]): SchemaNode {
    if (rest.length > 0) return { ...body, [this.field]: rest };
    if (this.optional) {
      const { [this.field]: _left, ...others } = body;
      return others;
    }
    return { ...body, [this.field]: this.nonEmpty ? [items[0]] : [] };
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
export function growingFieldOf(document: RequestSchemaDocument, operationId: string, branches: (leaves: readonly Leaf[]) => Validator): GrowingField | undefined {
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
        const leaf = typeof ref === 'string' ? resolved(document, { $ref: ref }) : ref;
        const simple = leaf && leaf['anyOf'] === undefined && leaf['oneOf'] === undefined && leaf['allOf'] === undefined;
        const properties = simple ? leaf['properties'] : undefined;
        const required = simple ? leaf['required'] : undefined;
        return {
          ref: typeof ref === 'string' ? ref : undefined,
          schema: typeof ref === 'string' ? { $ref: `${requestDocumentId}${ref}` } : (standalone(ref) as object),
          values: isNode(properties) ? tagValues(properties[property]) : undefined,
          tagRequired: Array.isArray(required) && required.includes(property),
        };
      }),
    };
    return new GrowingField(field, nonEmpty, fieldOptional(document, document.operations[operationId], field), tag, branches);
  }
  return undefined;
}
