import type { Route } from '../engine/route.js';
import { answerFromJson } from './json-answers.js';
import { JsonFormError, onlyKeys } from './json-form-error.js';
import { predicateFromJson } from './json-predicates.js';

/**
 * Reads where the answer of `PUT /__openai-responses/routes/{name}` goes, as in process: with `when`
 * (predicates by name) it is a rule (`route.when(predicate, answer)`); with `once: true` it is the next answer of
 * the sequence (`route.once(answer)`); otherwise it is the route's `response`. Returns the change, made only
 * once every field was read (a {@link JsonFormError} names the first one that is wrong, and nothing changes).
 *
 * @example
 * routeAnswerFromJson(route, { when: { lastUserMessageContains: 'weather' }, reply: { text: 'Sunny.' } })();
 */
export function routeAnswerFromJson(route: Route<unknown, unknown, unknown>, settings: Readonly<Record<string, unknown>>): () => void {
  onlyKeys(settings, '', ['response', 'raw', 'stream', 'reply', 'when', 'once', 'responses', 'latency', 'failures']);
  const read = answerFromJson(settings, route, '');
  const { when, once } = settings;
  if (once !== undefined && typeof once !== 'boolean') throw new JsonFormError('once', 'must be true (the answer is for the next call only) or false.');
  if (when !== undefined && once === true) throw new JsonFormError('once', 'cannot go with when: a rule answers every call it holds for.');
  const predicate = when === undefined ? undefined : predicateFromJson(when, 'when');
  if (read === 'absent') {
    if (predicate !== undefined || once === true) throw new JsonFormError(predicate ? 'when' : 'once', 'needs an answer beside it: response (null for the default), raw, stream or reply.');
    return () => undefined;
  }
  const { answer } = read;
  if (predicate !== undefined) return () => void route.when(predicate, answer);
  if (once === true) return () => void route.once(answer);
  return () => {
    route.response = answer;
  };
}
