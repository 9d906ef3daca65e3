import type { GraderValidateResponse } from 'openai/resources/fine-tuning/alpha/graders';
import { invalidRequest } from '../../errors.js';
import { isPlainObject, type JsonObject } from '../../internal/merge.js';
import { requireBody } from '../../internal/validate.js';
import type { Behaviours } from '../behaviour.js';
import { grade, graderTypes, runResponse } from '../graders/grading.js';

const requiredFields: Readonly<Record<string, readonly string[]>> = {
  string_check: ['name', 'input', 'reference', 'operation'],
  text_similarity: ['name', 'input', 'reference', 'evaluation_metric'],
  python: ['name', 'source'],
  score_model: ['name', 'model', 'input'],
  label_model: ['name', 'model', 'input', 'labels', 'passing_labels'],
  multi: ['name', 'graders', 'calculate_output'],
};

/** The 400 for a grader the API would refuse, or `undefined` for a valid one. */
function invalidGrader(grader: unknown): Response | undefined {
  if (!isPlainObject(grader)) return invalidRequest("Invalid 'grader': expected an object.", 'grader', 'invalid_type');
  const type = String(grader['type']);
  const fields = requiredFields[type];
  if (!fields) {
    return invalidRequest(`Invalid 'grader.type': '${type}'. Supported values are: ${graderTypes.map((t) => `'${t}'`).join(', ')}.`, 'grader.type', 'invalid_value');
  }
  const missing = fields.find((field) => grader[field] === undefined || grader[field] === null);
  if (missing) return invalidRequest(`Missing required parameter: 'grader.${missing}'.`, `grader.${missing}`, 'missing_required_parameter');
  return undefined;
}

function parsed(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}

function graderOf(body: JsonObject | Response): JsonObject | Response {
  if (body instanceof Response) return body;
  return invalidGrader(body['grader']) ?? body;
}

/**
 * `client.fineTuning.alpha.graders.*`: `validate` checks a grader's type and fields and echoes it; `run`
 * grades `model_sample` against `item` (see `grade` for what each grader type computes).
 */
export const graderRoutes: Behaviours = {
  'fineTuning.alpha.graders.validate': {
    respond(call) {
      const body = graderOf(requireBody(call.body, ['grader']));
      if (body instanceof Response) return body;
      return call.complete<GraderValidateResponse>({ grader: body['grader'] as NonNullable<GraderValidateResponse['grader']> });
    },
  },
  'fineTuning.alpha.graders.run': {
    respond(call) {
      const body = graderOf(requireBody(call.body, ['grader', 'model_sample']));
      if (body instanceof Response) return body;
      const sample = String(body['model_sample']);
      const result = grade(body['grader'], { item: body['item'] ?? {}, sample: { output_text: sample, output_json: parsed(sample) } });
      return call.complete(runResponse(result));
    },
  },
};
