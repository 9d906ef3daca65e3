import type { Completion } from 'openai/resources/completions';
import { nowSeconds } from '../internal/clock.js';
import { newId } from '../internal/ids.js';
import { isPlainObject, type JsonObject } from '../internal/merge.js';
import { countTokens } from '../internal/validate.js';
import { type StreamStep, splitText } from '../streaming/sse.js';
import { boundedCount } from '../validation/bounded-count.js';
import { defineBehaviours, requiredBody, withEvents } from './kit/index.js';

function defaultChoice(index: number): JsonObject {
  return { index, text: '', logprobs: null, finish_reason: 'stop' };
}

/**
 * The stream of a completion: each chunk is the completion with one choice holding a piece of its text; the
 * finish reason comes with the last, empty piece, as the API streams it.
 */
function chunksOf(completion: Completion): StreamStep[] {
  const { usage: _usage, choices, ...head } = completion;
  const chunks: StreamStep[] = [];
  for (const choice of choices) {
    for (const text of splitText(choice.text)) chunks.push({ ...head, choices: [{ ...choice, text, finish_reason: null }] });
    chunks.push({ ...head, choices: [{ ...choice, text: '' }] });
  }
  return [...chunks, '[DONE]'];
}

/** `client.completions.create` (the legacy text completions), streaming too. */
export const completionRoutes = defineBehaviours({
  'completions.create': {
    respond(call) {
      const params = requiredBody(call, ['model', 'prompt']);
      const prompts = Array.isArray(params.prompt) && typeof params.prompt[0] !== 'number' ? params.prompt.length : 1;
      // The API takes at most 128 choices per prompt (the request schema says so too; this holds with validation off).
      const n = boundedCount(params.n, 'n', 128, 1);
      const count = n * prompts;
      const completion = call.complete<Completion & JsonObject>(
        {
          id: newId('cmpl-'),
          object: 'text_completion',
          created: nowSeconds(),
          model: params.model,
          system_fingerprint: 'fp_mock',
          choices: Array.from({ length: count }, (_, index) => defaultChoice(index)) as unknown as Completion['choices'],
        },
        { 'choices[]': defaultChoice },
      );
      if (!isPlainObject(call.override) || call.override['usage'] === undefined) {
        const prompt = countTokens(params.prompt, params.model);
        const output = completion.choices.reduce((sum, choice) => sum + countTokens(choice.text, params.model), 0);
        completion.usage = { prompt_tokens: prompt, completion_tokens: output, total_tokens: prompt + output };
      }
      return withEvents(completion, () => chunksOf(completion));
    },
  },
});
