import type { Ajv2020 } from 'ajv/dist/2020.js';
import { type Refusal, badRequest } from '../errors/api-errors.js';
import { Explainer, paramOf } from './explain.js';
import type { RepeatedItems } from '../internal/items-prefix.js';
import { type GrowingField, type Leaf, growingFieldOf, requestDocumentId } from './itemwise.js';
import { PrecompiledValidators } from './precompiled.js';
import { type RequestSchemaDocument, relaxed } from './relaxations.js';
import { requestAjv } from './request-ajv.js';
import { requestSchemaDocument } from './request-document.js';
import { requestOperations } from './request-schemas.js';
import { FlatBodies, flatKeys, freeStringFields } from './free-strings.js';
import { maxStringLength, stringAboveCeiling } from './string-ceiling.js';
import type { Validator } from './validator.js';

/** Bodies nested deeper than this are refused before anything walks them (a walk that deep would overflow the stack). */
export const maxBodyDepth = 256;

const documentId = requestDocumentId;

/**
 * The request schemas, each part parsed when first read (see `request-document.ts`): `new OpenAIMock()` costs
 * nothing of this, and a body passed by a validator compiled ahead of time reads few parts. The operations compiled
 * ahead of time (`compiled-validators.ts`) are linked from their generated code; the others are compiled by ajv
 * the first time they are asked for.
 */
class RequestSchemas {
  readonly #document: RequestSchemaDocument;
  #ajv: Ajv2020 | undefined;
  readonly #precompiled = new PrecompiledValidators();
  readonly #validators = new Map<string, Validator>();
  readonly #explainer: Explainer;

  constructor() {
    this.#document = relaxed(requestSchemaDocument());
    const schemas = this.#document.components.schemas;
    this.#explainer = new Explainer((ref) => {
      const name = ref.replace('#/components/schemas/', '');
      const schema = Object.hasOwn(schemas, name) ? schemas[name] : undefined;
      return typeof schema === 'object' && schema !== null ? (schema as Record<string, unknown>) : true;
    });
  }

  /** The runtime compiler, made when an operation (or union of components) with no generated code is first asked for. */
  get #compiler(): Ajv2020 {
    this.#ajv ??= requestAjv(this.#document);
    return this.#ajv;
  }

  /** A check that a value matches one of the given branches: their generated validators, else ajv's `anyOf`. */
  #branches(leaves: readonly Leaf[]): Validator {
    const generated = leaves.map((leaf) => (leaf.ref === undefined ? undefined : this.#precompiled.validator(leaf.ref.replace(/^#\//, ''))));
    const all = generated.filter((check) => check !== undefined);
    if (all.length === leaves.length) return all.length === 1 && all[0] ? all[0] : (value: unknown) => all.some((check) => check(value));
    return this.#compiler.compile({ anyOf: leaves.map((leaf) => leaf.schema) });
  }

  /** How an operation's growing field is checked item by item, if it can be (see {@link GrowingField}). */
  growingField(operationId: string): GrowingField | undefined {
    let field = this.#growingFields.get(operationId);
    if (field === undefined) {
      field = growingFieldOf(this.#document, operationId, (leaves) => this.#branches(leaves)) ?? null;
      this.#growingFields.set(operationId, field);
    }
    return field ?? undefined;
  }

  readonly #growingFields = new Map<string, GrowingField | null>();

  /**
   * The top-level fields of an operation's body that take any string (`input`, `previous_response_id`,
   * `instructions` of `responses.create`): a body that differs from one its schema passed only by such strings
   * passes too. Empty when the operation's schema says more of its body than properties and required fields
   * (conditions, `not`, unions at the top, ...): then nothing is taken as known.
   */
  freeStrings(operationId: string): ReadonlySet<string> {
    let found = this.#freeStrings.get(operationId);
    if (found === undefined) {
      found = freeStringFields(this.#document, this.#document.operations[operationId]);
      this.#freeStrings.set(operationId, found);
    }
    return found;
  }

  readonly #freeStrings = new Map<string, ReadonlySet<string>>();

  /** The validator of an operation: its generated code, else compiled the first time it is asked for. */
  validator(operationId: string): Validator | undefined {
    let validate = this.#validators.get(operationId);
    if (!validate) {
      validate = this.#precompiled.validator(`operations/${operationId}`) ?? this.#compiler.getSchema(`${documentId}#/operations/${operationId}`);
      if (!validate) return undefined;
      this.#validators.set(operationId, validate);
    }
    return validate;
  }

  /**
   * The longest string an operation takes anywhere: the largest `maxLength` in its schema (followed through its
   * components), or {@link maxStringLength} when that is larger. Files sent as base64 (`file_data`) may be longer.
   */
  stringCeiling(operationId: string): number {
    let ceiling = this.#ceilings.get(operationId);
    if (ceiling !== undefined) return ceiling;
    ceiling = maxStringLength;
    const seen = new Set<unknown>();
    const pending: unknown[] = [this.#document.operations[operationId]];
    while (pending.length > 0) {
      const node = pending.pop();
      if (typeof node !== 'object' || node === null || seen.has(node)) continue;
      seen.add(node);
      for (const [keyword, value] of Object.entries(node)) {
        if (keyword === 'maxLength' && typeof value === 'number') ceiling = Math.max(ceiling, value);
        else if (keyword === '$ref' && typeof value === 'string') pending.push(this.#document.components.schemas[value.replace('#/components/schemas/', '')]);
        else pending.push(value);
      }
    }
    this.#ceilings.set(operationId, ceiling);
    return ceiling;
  }

  readonly #ceilings = new Map<string, number>();

  explain(operationId: string, body: unknown, validate: Validator): Refusal {
    const schema = this.#document.operations[operationId];
    const refusal = typeof schema === 'object' && schema !== null ? this.#explainer.explain(schema as Record<string, unknown>, body) : undefined;
    if (refusal) return badRequest(refusal.message, refusal.param, refusal.code);
    // ajv and the explainer disagree (a keyword the explainer does not read): say what ajv found.
    const [error] = validate.errors ?? [];
    const path = (error?.instancePath ?? '').split('/').slice(1).map((part) => (/^\d+$/.test(part) ? Number(part) : part.replace(/~1/g, '/').replace(/~0/g, '~')));
    const param = paramOf(path);
    return badRequest(`Invalid '${param ?? 'body'}': ${error?.message ?? 'does not match the API reference'}.`, param, 'invalid_value');
  }
}

let schemas: RequestSchemas | undefined;

/**
 * By route, the last body its schema passed whose top-level values are all strings, numbers, booleans or null
 * (a `previous_response_id` chain's turn: a model, a new string `input`, the previous response's id).
 */
const validFlatBodies = new FlatBodies();

/** The operation a route's requests are validated by, by its method and path pattern (`/threads/:thread_id`). */
function operationOf(method: string, path: string): string | undefined {
  const route = `${method} ${path}`;
  if (operations.has(route)) return operations.get(route);
  const key = `${method} ${path.replace(/\?.*$/, '').replace(/:[A-Za-z_]\w*/g, '{}')}`;
  const operationId = Object.hasOwn(requestOperations, key) ? requestOperations[key] : undefined;
  operations.set(route, operationId);
  return operationId;
}

/** Each route's operation, once looked up (a route's method and pattern never change). */
const operations = new Map<string, string | undefined>();

/**
 * How deep a value nests, counted without recursion (so a 10k-deep body cannot overflow this walk). `skip`: a list
 * at the value's top level whose first `count` items are not walked (they were walked in a body as deep, at the
 * same place).
 */
function depthOf(value: unknown, limit: number, skip?: { readonly list: unknown; readonly count: number }): number {
  let deepest = 0;
  const pending: [unknown, number][] = [[value, 1]];
  while (pending.length > 0) {
    const [current, depth] = pending.pop() as [unknown, number];
    if (typeof current !== 'object' || current === null) continue;
    deepest = Math.max(deepest, depth);
    if (deepest > limit) return deepest;
    if (depth === 2 && skip !== undefined && current === skip.list && Array.isArray(current)) {
      for (let at = skip.count; at < current.length; at++) {
        const child: unknown = current[at];
        if (typeof child === 'object' && child !== null) pending.push([child, depth + 1]);
      }
      continue;
    }
    for (const child of Object.values(current)) if (typeof child === 'object' && child !== null) pending.push([child, depth + 1]);
  }
  return deepest;
}

/**
 * The 400 the API answers for a request body its reference refuses (a refusal, which the route answers in the
 * API's error shape), or `undefined` when the body is fine.
 * With `checkSchemas`, bodies are checked against the request schema of the route's operation in OpenAI's
 * OpenAPI spec (wrong types, missing required fields, out-of-range numbers, unknown enum values and union tags);
 * the error names the `param` as the API does (`messages`, `input[0].type`). Multipart bodies and routes the spec
 * gives no JSON body are not checked. On every route, checked or not: bodies nested deeper than
 * {@link maxBodyDepth} levels are refused (no walk of such a body can overflow the stack), and so is a string
 * longer than {@link maxStringLength} characters (or the operation's largest `maxLength`, where the spec allows
 * longer), with the API's `string_above_max_length`: no request makes the mock keep strings of any length. `sent` is the body as sent: a suite sends
 * the same body call after call, to mock after mock, so the last text a route's schema passed passes again unread.
 */
export function validateRequest(method: string, path: string, request: { readonly body: unknown; readonly sent: unknown }, checkSchemas: boolean): Refusal | undefined {
  const { sent, body } = request;
  const route = `${method} ${path}`;
  if (typeof sent === 'string' && sent === validBodies.get(route)) return undefined;
  // A flat body (no object, no list in it: nothing nests, so nothing is too deep) like the last one passed but for
  // strings where any string passes: only the length of its strings is left to check.
  const keys = checkSchemas && typeof sent === 'string' ? flatKeys(body) : undefined;
  if (keys !== undefined && typeof sent === 'string' && sent.length <= maxStringLength && validFlatBodies.sameButFreeStrings(route, body as Record<string, unknown>, keys, schemas)) return undefined;
  const refusal = check(method, path, body, sent, checkSchemas);
  if (refusal === undefined && checkSchemas && typeof sent === 'string') {
    validBodies.set(route, sent);
    const operationId = keys === undefined ? undefined : operationOf(method, path);
    if (keys !== undefined && operationId !== undefined && schemas !== undefined) {
      validFlatBodies.remember(route, body as Record<string, unknown>, keys, operationId);
    } else validFlatBodies.forget(route);
  }
  return refusal;
}

/** By route (method and path pattern), the last request body (as sent) its request schema passed. */
const validBodies = new Map<string, string>();

function check(method: string, path: string, body: unknown, sent: unknown, checkSchemas: boolean): Refusal | undefined {
  if (body instanceof FormData) return undefined;
  const operationId = checkSchemas ? operationOf(method, path) : undefined;
  // A conversation's history sent again: the items the last valid body had are not walked again.
  let growing: GrowingField | undefined;
  let repeated: RepeatedItems | undefined;
  if (operationId !== undefined && typeof body === 'object' && body !== null) {
    schemas ??= new RequestSchemas();
    growing = schemas.growingField(operationId);
    repeated = growing?.repeated(body, sent);
  }
  if (typeof body === 'object' && body !== null) {
    const skip = repeated && growing ? { list: (body as Record<string, unknown>)[growing.field], count: repeated.count } : undefined;
    if (depthOf(body, maxBodyDepth, skip) > maxBodyDepth) return badRequest(`The request body nests deeper than ${maxBodyDepth} levels.`, null, 'invalid_value');
  }
  // No string in a JSON text is longer than the text: only a body longer than the ceiling is walked for one.
  if (typeof sent === 'string' && sent.length > maxStringLength && typeof body !== 'string') {
    const known = operationOf(method, path);
    let ceiling = maxStringLength;
    if (known !== undefined) {
      schemas ??= new RequestSchemas();
      ceiling = schemas.stringCeiling(known);
    }
    const tooLong = stringAboveCeiling(body, ceiling);
    if (tooLong) return tooLong;
  }
  if (operationId === undefined) return undefined;
  if (typeof body === 'string') {
    return badRequest("We could not parse the JSON body of your request. (HINT: This likely means you aren't using your HTTP library correctly. The OpenAI API expects a JSON payload.)");
  }
  schemas ??= new RequestSchemas();
  const validate = schemas.validator(operationId);
  if (!validate) return undefined;
  const value = body === undefined ? {} : body;
  if (growing && growing.validates(value, validate, sent, repeated)) return undefined;
  if (validate(value)) return undefined;
  return schemas.explain(operationId, value, validate);
}
