import { isPlainObject } from '../../internal/merge.js';
import { badRequest, defineBehaviours, requiredBody } from '../kit/index.js';
import { grade, graderTypes, runResponse, sampleOf } from '../graders/grading.js';

const requiredFields: Readonly<Record<string, readonly string[]>> = {
  string_check: ['name', 'input', 'reference', 'operation'],
  text_similarity: ['name', 'input', 'reference', 'evaluation_metric'],
  python: ['name', 'source'],
  score_model: ['name', 'model', 'input'],
  label_model: ['name', 'model', 'input', 'labels', 'passing_labels'],
  multi: ['name', 'graders', 'calculate_output'],
};

/** Checks a grader as the API does: its 400 thrown for an unknown type or a missing field. */
function checkGrader(grader: unknown): void {
  if (!isPlainObject(grader)) throw badRequest("Invalid 'grader': expected an object.", 'grader', 'invalid_type');
  const type = String(grader['type']);
  const fields = requiredFields[type];
  if (!fields) {
    throw badRequest(`Invalid 'grader.type': '${type}'. Supported values are: ${graderTypes.map((t) => `'${t}'`).join(', ')}.`, 'grader.type', 'invalid_value');
  }
  const missing = fields.find((field) => grader[field] === undefined || grader[field] === null);
  if (missing) throw badRequest(`Missing required parameter: 'grader.${missing}'.`, `grader.${missing}`, 'missing_required_parameter');
}

/**
 * `client.fineTuning.alpha.graders.*`: `validate` checks a grader's type and fields and echoes it; `run`
 * grades `model_sample` against `item` (see `grade` for what each grader type computes).
 */
export const graderRoutes = defineBehaviours({
  'fineTuning.alpha.graders.validate': {
    respond(call) {
      const body = requiredBody(call, ['grader']);
      checkGrader(body.grader);
      return call.complete({ grader: body.grader });
    },
  },
  'fineTuning.alpha.graders.run': {
    respond(call) {
      const body = requiredBody(call, ['grader', 'model_sample']);
      checkGrader(body.grader);
      const sample = String(body.model_sample);
      const result = grade(body.grader, { item: body.item ?? {}, sample: sampleOf(sample) });
      return call.complete(runResponse(result));
    },
  },
});
