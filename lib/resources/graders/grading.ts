import type { GraderRunResponse } from 'openai/resources/fine-tuning/alpha/graders';
import { isPlainObject, type JsonObject } from '../../internal/merge.js';

/** What a grader reads: the data item and the model's sample (`{{item.x}}`, `{{sample.output_text}}`). */
export interface GradingContext {
  readonly item: unknown;
  readonly sample: { readonly output_text: string; readonly output_json?: unknown };
}

/** The sample a grader reads for a model's output: its text, and its JSON when the text is JSON (`{{sample.output_json.x}}`). */
export function sampleOf(text: string): GradingContext['sample'] {
  try {
    return { output_text: text, output_json: JSON.parse(text) as unknown };
  } catch {
    return { output_text: text, output_json: undefined };
  }
}

/** One grader's outcome: its score (0 to 1 for checks), and what went wrong reading it, if anything. */
export interface Grade {
  readonly score: number;
  readonly name: string;
  readonly type: string;
  readonly error?: 'invalid_variable_error' | 'formula_parse_error';
}

function lookup(context: GradingContext, path: string): unknown {
  let value: unknown = context;
  for (const key of path.split('.')) value = isPlainObject(value) ? value[key] : undefined;
  return value;
}

/** A grader's template with its `{{ path }}` references filled from the item and the sample. */
export function render(template: unknown, context: GradingContext): string {
  return String(template ?? '').replace(/\{\{\s*([\w.]+)\s*\}\}/g, (_, path: string) => {
    const value = lookup(context, path);
    if (value === undefined || value === null) return '';
    return typeof value === 'string' ? value : JSON.stringify(value);
  });
}

function words(text: string): string[] {
  return text.toLowerCase().match(/[\p{L}\p{N}]+/gu) ?? [];
}

/** Word-overlap F1 of two texts: 1 when they have the same words, 0 when none in common. */
function similarity(left: string, right: string): number {
  const a = words(left);
  const b = words(right);
  if (a.length === 0 && b.length === 0) return 1;
  const counts = new Map<string, number>();
  for (const word of b) counts.set(word, (counts.get(word) ?? 0) + 1);
  let common = 0;
  for (const word of a) {
    const left = counts.get(word) ?? 0;
    if (left > 0) {
      common += 1;
      counts.set(word, left - 1);
    }
  }
  return common === 0 ? 0 : (2 * common) / (a.length + b.length);
}

function stringCheck(grader: JsonObject, context: GradingContext): number {
  const input = render(grader['input'], context);
  const reference = render(grader['reference'], context);
  switch (grader['operation']) {
    case 'eq': return input === reference ? 1 : 0;
    case 'ne': return input !== reference ? 1 : 0;
    case 'like': return input.includes(reference) ? 1 : 0;
    case 'ilike': return input.toLowerCase().includes(reference.toLowerCase()) ? 1 : 0;
    default: return 0;
  }
}

/**
 * Grades one sample. `string_check` and `text_similarity` are computed (similarity as word-overlap F1, for
 * every metric); graders the mock cannot run (`python`, `score_model`, `label_model`) pass with the top
 * score of their range; `multi` evaluates `calculate_output` over its graders' scores by name.
 */
export function grade(grader: unknown, context: GradingContext): Grade {
  const spec = isPlainObject(grader) ? grader : {};
  const type = String(spec['type'] ?? '');
  const name = String(spec['name'] ?? type);
  switch (type) {
    case 'string_check': return { name, type, score: stringCheck(spec, context) };
    case 'text_similarity': return { name, type, score: similarity(render(spec['input'], context), render(spec['reference'], context)) };
    case 'score_model': {
      const range = Array.isArray(spec['range']) ? spec['range'] : [0, 1];
      return { name, type, score: typeof range[1] === 'number' ? range[1] : 1 };
    }
    case 'multi': return multi(spec, context, name);
    default: return { name, type, score: 1 };
  }
}

function multi(spec: JsonObject, context: GradingContext, name: string): Grade {
  const graders = isPlainObject(spec['graders']) ? spec['graders'] : {};
  // The SDK types `graders` as one grader; the API takes graders by name. Both are read.
  const named: [string, unknown][] = typeof graders['type'] === 'string' ? [[String(graders['name'] ?? 'grader'), graders]] : Object.entries(graders);
  const scores = new Map(named.map(([key, sub]) => [key, grade(sub, context).score]));
  const formula = String(spec['calculate_output'] ?? '');
  const expression = formula.replace(/[A-Za-z_][\w]*/g, (word) => (scores.has(word) ? String(scores.get(word)) : word));
  if (!/^[\d\s.+\-*/()]+$/.test(expression)) return { name, type: 'multi', score: 0, error: 'formula_parse_error' };
  const score = Number(Function(`"use strict"; return (${expression});`)());
  return Number.isFinite(score) ? { name, type: 'multi', score } : { name, type: 'multi', score: 0, error: 'formula_parse_error' };
}

/** The `graders.run` answer for a grade. */
export function runResponse(result: Grade): GraderRunResponse {
  return {
    reward: result.score,
    metadata: {
      name: result.name,
      type: result.type,
      errors: {
        formula_parse_error: result.error === 'formula_parse_error',
        invalid_variable_error: result.error === 'invalid_variable_error',
        model_grader_parse_error: false,
        model_grader_refusal_error: false,
        model_grader_server_error: false,
        model_grader_server_error_details: null,
        other_error: false,
        python_grader_runtime_error: false,
        python_grader_runtime_error_details: null,
        python_grader_server_error: false,
        python_grader_server_error_type: null,
        sample_parse_error: false,
        truncated_observation_error: false,
        unresponsive_reward_error: false,
      },
      execution_time: 0,
      scores: { [result.name]: result.score },
      token_usage: null,
      sampled_model_name: null,
    },
    sub_rewards: {},
    model_grader_token_usage_per_model: {},
  };
}

/** The grader types the API knows. */
export const graderTypes: readonly string[] = ['string_check', 'text_similarity', 'python', 'score_model', 'label_model', 'multi'];
