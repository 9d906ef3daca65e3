import { hasTool, hasToolResult, lastUserMessageContains, modelIs, type RequestPredicate } from '../scripting/predicates.js';
import { JsonFormError, objectAt, onlyKeys, stringAt } from './json-form-error.js';

/**
 * A text to look for in JSON: a string (contained, case-sensitive) or `{ regex, flags? }` (a regular
 * expression, `flags` as in JavaScript: `"i"` for any case).
 *
 * @example
 * const anyCase: JsonTextPattern = { regex: 'weather|forecast', flags: 'i' };
 */
export type JsonTextPattern = string | { regex: string; flags?: string };

/**
 * The predicates of a `when` rule by name, as JSON: the library's own predicates (`lastUserMessageContains`,
 * `modelIs`, `hasTool`, `hasToolResult`). A rule holds when every predicate it names holds.
 *
 * @example
 * const weatherOnMini: JsonPredicates = { lastUserMessageContains: 'weather', modelIs: { regex: '^gpt-4o-mini' } };
 */
export interface JsonPredicates {
  /** The last user message contains this text (chat `messages`, Responses `input`, a run's thread). */
  lastUserMessageContains?: JsonTextPattern;
  /** The request asks for this model: the name exactly, or a `{ regex }`. */
  modelIs?: JsonTextPattern;
  /** The request declares a function tool of this name. */
  hasTool?: string;
  /** The request sends a tool result: `true` for any, or the result of this call id. */
  hasToolResult?: true | string;
}

/** The names a predicates form takes. */
export const predicateNames = ['lastUserMessageContains', 'modelIs', 'hasTool', 'hasToolResult'] as const;

function patternAt(value: unknown, param: string): string | RegExp {
  if (typeof value === 'string') return value;
  const form = objectAt(value, param, 'a string, or { regex, flags? }');
  onlyKeys(form, param, ['regex', 'flags']);
  const source = stringAt(form['regex'], `${param}.regex`);
  const flags = form['flags'] === undefined ? '' : stringAt(form['flags'], `${param}.flags`);
  if (/[gy]/.test(flags)) throw new JsonFormError(`${param}.flags`, 'takes no g or y flag (a predicate tests each request once, from the start).');
  try {
    return new RegExp(source, flags);
  } catch (error) {
    throw new JsonFormError(`${param}.regex`, `is not a regular expression: ${error instanceof Error ? error.message : String(error)}`);
  }
}

/**
 * Reads a predicates form (see {@link JsonPredicates}) into one predicate that holds when all of them do.
 * Throws a {@link JsonFormError} naming the field that is wrong.
 *
 * @example
 * const predicate = predicateFromJson({ lastUserMessageContains: 'weather' }, 'when');
 */
export function predicateFromJson(value: unknown, param: string): RequestPredicate {
  const form = objectAt(value, param, `predicates by name: ${predicateNames.join(', ')}`);
  onlyKeys(form, param, predicateNames);
  const predicates: RequestPredicate[] = [];
  for (const [name, argument] of Object.entries(form)) {
    const at = `${param}.${name}`;
    if (name === 'lastUserMessageContains') predicates.push(lastUserMessageContains(patternAt(argument, at)));
    else if (name === 'modelIs') predicates.push(modelIs(patternAt(argument, at)));
    else if (name === 'hasTool') predicates.push(hasTool(stringAt(argument, at)));
    else if (name === 'hasToolResult') {
      if (argument !== true && typeof argument !== 'string') throw new JsonFormError(at, 'must be true (any tool result) or a tool call id.');
      predicates.push(hasToolResult(argument === true ? undefined : argument));
    }
  }
  if (predicates.length === 0) throw new JsonFormError(param, `names no predicate; name one or more of ${predicateNames.join(', ')}.`);
  return (input) => predicates.every((predicate) => predicate(input));
}
