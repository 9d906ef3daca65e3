// Where OpenAI's spec is stricter than the live API (the fixture's README lists them): before an answer is
// checked, what the API really sends in these places is rewritten into what the spec accepts, in a copy. Each
// quirk is one function, applied only where its comment says, and counted, so the run's summary tells how
// often each was needed.
import { isObject } from './spec-document.js';

/** What a quirk sees: the operation, the request body, and whether the value is one event of a stream. */
export interface QuirkContext {
  readonly operationId: string;
  readonly requestBody: unknown;
  readonly streamed: boolean;
}

type Value = unknown;

interface Quirk {
  readonly name: string;
  /** Rewrites `value` in place; true when it changed something. */
  readonly apply: (value: Value, context: QuirkContext) => boolean;
}

const unfinished = new Set(['queued', 'in_progress', 'cancelled']);

/** Drops `usage: null` from a Response object that has not finished. */
function dropUnfinishedUsage(response: unknown): boolean {
  if (!isObject(response) || response.object !== 'response' || response.usage !== null) return false;
  if (typeof response.status !== 'string' || !unfinished.has(response.status)) return false;
  delete response.usage;
  return true;
}

const quirks: readonly Quirk[] = [
  {
    // Embeddings asked with `encoding_format: 'base64'` (the SDK asks so by default and decodes the answer)
    // carry each vector as a base64 string of float32s; the spec only describes the array of numbers.
    name: 'embeddings: base64 vectors are strings',
    apply(value, { operationId }) {
      if (operationId !== 'createEmbedding' || !isObject(value) || !Array.isArray(value.data)) return false;
      let changed = false;
      for (const item of value.data) {
        if (isObject(item) && typeof item.embedding === 'string') {
          item.embedding = [];
          changed = true;
        }
      }
      return changed;
    },
  },
  {
    // An empty list page has no first or last item: the API sends `first_id: null` / `last_id: null`, where
    // most list schemas type them as a required string.
    name: 'lists: an empty page has null first_id / last_id',
    apply(value) {
      if (!isObject(value) || value.object !== 'list' || !Array.isArray(value.data) || value.data.length > 0) return false;
      let changed = false;
      for (const key of ['first_id', 'last_id']) {
        if (key in value && value[key] === null) {
          value[key] = '';
          changed = true;
        }
      }
      return changed;
    },
  },
  {
    // Legacy completion stream chunks carry `finish_reason: null` until the last, and `usage: null` (the
    // spec reuses the non-streamed `CreateCompletionResponse`, where both are set). The chat chunk schema of
    // this version already allows both nulls.
    name: 'completion chunks: null finish_reason / usage before the last',
    apply(value, { operationId, streamed }) {
      if (operationId !== 'createCompletion' || !streamed || !isObject(value)) return false;
      let changed = false;
      if (value.usage === null) {
        delete value.usage;
        changed = true;
      }
      for (const choice of Array.isArray(value.choices) ? value.choices : []) {
        if (isObject(choice) && choice.finish_reason === null) {
          choice.finish_reason = 'stop';
          changed = true;
        }
      }
      return changed;
    },
  },
  {
    // A response that has not finished (queued, in progress, cancelled) carries `usage: null`; the spec's
    // `usage` is an object when present. Applies to a Response answered as JSON and to the `response` of a
    // stream event (`response.created`, `response.in_progress`, `response.queued`).
    name: 'responses: usage is null until the response finishes',
    apply(value) {
      if (dropUnfinishedUsage(value)) return true;
      return isObject(value) && dropUnfinishedUsage(value.response);
    },
  },
  {
    // A stored chat completion's messages list includes the messages the user sent (user, system, developer,
    // tool), not only the assistant's: the spec types every item as the assistant's `ChatCompletionResponseMessage`.
    // The user's messages are left out of the check (they are what the test sent); the assistant's are checked.
    name: "stored chat completions: messages include the user's",
    apply(value, { operationId }) {
      if (operationId !== 'getChatCompletionMessages' || !isObject(value) || !Array.isArray(value.data)) return false;
      const before = value.data.length;
      value.data = value.data.filter((message) => !isObject(message) || message.role === 'assistant' || message.role === undefined);
      return value.data.length !== before;
    },
  },
  {
    // An eval run that has not failed, and an output item's sample that did not, carry `error: null`; the spec
    // (and the SDK's type) make `error` a required `EvalApiError` object. Applies to eval runs (one or a page)
    // and to output items (one or a page).
    name: 'evals: error is null on runs and samples that did not fail',
    apply(value) {
      const objects = isObject(value) && Array.isArray(value.data) ? value.data : [value];
      let changed = false;
      for (const object of objects) {
        if (!isObject(object)) continue;
        if (object.object === 'eval.run' && object.error === null) {
          object.error = { code: '', message: '' };
          changed = true;
        }
        if (object.object === 'eval.run.output_item' && isObject(object.sample) && object.sample.error === null) {
          object.sample.error = { code: '', message: '' };
          changed = true;
        }
      }
      return changed;
    },
  },
];

/** How often each quirk was needed in this process. */
export const quirkUses = new Map<string, number>(quirks.map((quirk) => [quirk.name, 0]));

/** Applies every quirk to `value` (a fresh copy the caller owns). */
export function allowQuirks(value: Value, context: QuirkContext): void {
  for (const quirk of quirks) {
    if (quirk.apply(value, context)) quirkUses.set(quirk.name, (quirkUses.get(quirk.name) ?? 0) + 1);
  }
}
