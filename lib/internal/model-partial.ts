import type { PartialDeep } from 'type-fest';

/**
 * A partial model: every field optional at every depth, arrays included (`PartialDeep` of the SDK's type).
 * The route completes it with its default.
 *
 * @example
 * const partial: ModelPartial<OpenAI.Chat.ChatCompletion> = { choices: [{ message: { content: 'Hi' } }] };
 * openaiMock.chat.completions.create.response = partial;
 */
export type ModelPartial<Model> = PartialDeep<Model, { recurseIntoArrays: true }>;
