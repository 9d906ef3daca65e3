import type { Moderation, ModerationCreateParams, ModerationCreateResponse } from 'openai/resources/moderations';
import { newId } from '../internal/ids.js';
import { type JsonObject } from '../internal/merge.js';
import { defineBehaviours, requiredBody } from './kit/index.js';

/** Every category the API scores. */
export const moderationCategories = [
  'harassment', 'harassment/threatening', 'hate', 'hate/threatening', 'illicit', 'illicit/violent', 'self-harm',
  'self-harm/instructions', 'self-harm/intent', 'sexual', 'sexual/minors', 'violence', 'violence/graphic',
] as const;

/** A result that flags nothing: every category present, false, scored 0. */
export function cleanResult(): JsonObject {
  const of = <T>(value: T): Record<string, T> => Object.fromEntries(moderationCategories.map((name) => [name, value]));
  return {
    flagged: false,
    categories: of(false),
    category_scores: of(0),
    category_applied_input_types: of<Moderation['category_applied_input_types'][keyof Moderation['category_applied_input_types']]>(['text']),
  };
}

function inputCount(input: ModerationCreateParams['input']): number {
  if (typeof input === 'string') return 1;
  if (input.length > 0 && typeof input[0] === 'object') return 1; // one multimodal input
  return input.length;
}

/** `client.moderations.create`: one result per input, every category present. */
export const moderationRoutes = defineBehaviours({
  'moderations.create': {
    respond(call) {
      const params = requiredBody(call, ['input']);
      return call.complete<ModerationCreateResponse & JsonObject>(
        {
          id: newId('modr-'),
          model: params.model ?? 'omni-moderation-latest',
          results: Array.from({ length: inputCount(params.input) }, cleanResult) as unknown as Moderation[],
        },
        { 'results[]': cleanResult },
      );
    },
  },
});
