/**
 * The model families the API serves, by how their ids begin: `gpt-` (gpt-3.5 to gpt-6, gpt-image, gpt-audio,
 * gpt-realtime, gpt-oss, ...), `chatgpt-`, the o-series (`o1`, `o3`, `o4-mini`, ...), `text-embedding-`,
 * `omni-moderation-` and `text-moderation-`, `dall-e-`, `whisper-`, `tts-`, `sora-`, `codex-`,
 * `computer-use-`, and the legacy `davinci-` and `babbage-` base models.
 */
const families = /^(gpt-|chatgpt-|o\d|text-embedding-|omni-moderation-|text-moderation-|dall-e-|whisper-|tts-|sora-|codex-|computer-use-|davinci-|babbage-)/;

/** Reasoning models: the o-series, gpt-5 and later (but their `-chat-latest` models), codex and computer use. */
const reasoning = /^(o\d|gpt-[5-9]|gpt-\d\d|codex-|computer-use-)/;

/** A fine-tuned model's base: `ft:gpt-4o-mini-2024-07-18:org:suffix:id` -> `gpt-4o-mini-2024-07-18`. */
export function fineTunedBase(model: string): string | undefined {
  if (!model.startsWith('ft:')) return undefined;
  return model.slice(3).split(':')[0];
}

/** Whether a model id is of a family the API serves (a fine-tuned model by its base). */
export function isKnownModelFamily(model: string): boolean {
  const base = fineTunedBase(model) ?? model;
  return families.test(base);
}

/** Whether a model reasons before it answers (and so can summarise its reasoning): see {@link isKnownModelFamily}. */
export function isReasoningModel(model: unknown): boolean {
  if (typeof model !== 'string') return false;
  const base = fineTunedBase(model) ?? model;
  return reasoning.test(base) && !base.includes('-chat');
}
