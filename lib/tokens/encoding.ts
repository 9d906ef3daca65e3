/** The tokenizers the API's models use. */
export type EncodingName = 'o200k_base' | 'cl100k_base';

/** Model families on `cl100k_base`; every other model (gpt-4o, gpt-4.1, gpt-5, o-series, newer) is on `o200k_base`. */
const cl100kModels = /^(gpt-4(?![o.\d])|gpt-4-|gpt-3\.5|gpt-35|text-embedding-|davinci-002|babbage-002)/;

/**
 * The encoding a model counts tokens with: `cl100k_base` for gpt-4 and gpt-4-turbo, gpt-3.5, the embeddings
 * models and the legacy completion models; `o200k_base` for gpt-4o, gpt-4.1, gpt-4.5, gpt-5, the o-series and any
 * model not known (the current families). A fine-tuned model (`ft:gpt-4o-mini:org::id`) counts as its base, and an
 * Azure deployment name as what it is named after.
 *
 * @example
 * encodingForModel('gpt-4o-mini'); // 'o200k_base'
 * encodingForModel('gpt-3.5-turbo'); // 'cl100k_base'
 */
export function encodingForModel(model: string | undefined): EncodingName {
  if (model === undefined) return 'o200k_base';
  const base = model.startsWith('ft:') ? model.slice(3) : model;
  return cl100kModels.test(base) ? 'cl100k_base' : 'o200k_base';
}
