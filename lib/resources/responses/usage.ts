import type { ResponseUsage } from 'openai/resources/responses/responses';

/**
 * The `usage` object of the Responses family (a response, a compaction, a decision) from its token counts:
 * nothing cached, nothing written to the cache.
 */
export function responseUsage(input: number, output: number, reasoning = 0): ResponseUsage {
  return {
    input_tokens: input,
    input_tokens_details: { cached_tokens: 0, cache_write_tokens: 0 },
    output_tokens: output,
    output_tokens_details: { reasoning_tokens: reasoning },
    total_tokens: input + output,
  };
}
