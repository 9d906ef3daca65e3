import type { Completion, CompletionCreateParams } from 'openai/resources/completions';
import { nowSeconds } from '../internal/clock.js';
import { newId } from '../internal/ids.js';
import { isPlainObject, type JsonObject } from '../internal/merge.js';
import { countTokens, requireBody } from '../internal/validate.js';
import { eventStream, splitText } from '../streaming/sse.js';
import type { Behaviours } from './behaviour.js';

function defaultChoice(index: number): JsonObject {
  return { index, text: '', logprobs: null, finish_reason: 'stop' };
}

/** `client.completions.create` (the legacy text completions), streaming too. */
export const completionRoutes: Behaviours = {
  'completions.create': {
    respond(call) {
      const body = requireBody(call.body, ['model', 'prompt']);
      if (body instanceof Response) return body;
      const params = body as unknown as CompletionCreateParams;
      const prompts = Array.isArray(params.prompt) && typeof params.prompt[0] !== 'number' ? params.prompt.length : 1;
      const count = (params.n ?? 1) * prompts;
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
      return completion;
    },
    stream(model) {
      // Each chunk is the completion with one choice holding a piece of its text; the finish reason comes
      // with the last, empty piece, as the API streams it.
      const { usage: _usage, choices, ...head } = model as Completion;
      const chunks: object[] = [];
      for (const choice of choices) {
        for (const text of splitText(choice.text)) chunks.push({ ...head, choices: [{ ...choice, text, finish_reason: null }] });
        chunks.push({ ...head, choices: [{ ...choice, text: '' }] });
      }
      return eventStream([...chunks, '[DONE]']);
    },
  },
};
