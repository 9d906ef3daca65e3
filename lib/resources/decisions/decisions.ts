import type { ContentProvenanceCheck } from 'openai/resources/content-provenance-checks';
import type { Decision } from 'openai/resources/decisions';
import { nowSeconds } from '../../internal/clock.js';
import { RequestFields } from '../../internal/request-fields.js';
import { isPlainObject, type JsonObject } from '../../internal/merge.js';
import { countTokens } from '../../internal/validate.js';
import { badRequest, defineBehaviours, found, missingParameter, requiredBody } from '../kit/index.js';
import { responseUsage } from '../responses/usage.js';

type Answer = Decision['answers'][number];

/** An even-handed answer to one question: a predicate at 0.5, the first choice, the middle score, each with uniform probabilities. */
function answerOf(question: JsonObject, at: number): Answer {
  const name = typeof question['name'] === 'string' ? question['name'] : null;
  switch (question['type']) {
    case 'predicate':
      return { type: 'predicate', name, probability: 0.5 };
    case 'choice': {
      const choices = (Array.isArray(question['choices']) ? question['choices'] : []).filter(isPlainObject);
      if (choices.length === 0) throw badRequest(`Invalid 'questions[${at}].choices': expected at least one choice.`, `questions[${at}].choices`, 'invalid_value');
      const share = 1 / choices.length;
      const values = choices.map((choice) => choice['value'] as string | boolean);
      return { type: 'choice', name, choice: values[0] ?? '', confidence: share, probabilities: values.map((value) => ({ value, probability: share })) };
    }
    case 'score': {
      const levels = (Array.isArray(question['levels']) ? question['levels'] : []).filter(isPlainObject);
      if (levels.length === 0) throw badRequest(`Invalid 'questions[${at}].levels': expected at least one level.`, `questions[${at}].levels`, 'invalid_value');
      const share = 1 / levels.length;
      return {
        type: 'score',
        name,
        score: (levels.length - 1) / 2,
        confidence: share,
        probabilities: levels.map((level, value) => ({ label: String(level['label']), value, probability: share })),
      };
    }
    default:
      throw badRequest(`Invalid 'questions[${at}].type': '${String(question['type'])}'. Supported values are: 'predicate', 'choice', 'score'.`, `questions[${at}].type`, 'invalid_value');
  }
}

/**
 * `client.decisions.create`, `client.contentProvenanceChecks.create` and `client.safety.*`: decisions answer each
 * question even-handedly (set the answers you need); provenance checks find no C2PA manifest or SynthID mark;
 * safety cases and alerts are found in `state.safety`, where a test puts them.
 */
export const decisionRoutes = defineBehaviours({
  'decisions.create': {
    respond(call) {
      const body = requiredBody(call, ['model', 'input', 'questions']);
      const questions = Array.isArray(body.questions) ? body.questions : [];
      if (questions.length === 0) throw badRequest("Invalid 'questions': expected at least one question.", 'questions', 'invalid_value');
      const answers = questions.map((question, at) => answerOf(isPlainObject(question) ? question : {}, at));
      const input = countTokens(body.input) + countTokens(questions);
      const output = answers.length;
      return call.complete<Decision>({
        model: String(body.model),
        answers,
        usage: responseUsage(input, output),
      });
    },
  },
  'contentProvenanceChecks.create': {
    respond(call) {
      if (!new RequestFields(call.body).file('file')) throw missingParameter('file');
      return call.complete<ContentProvenanceCheck>({
        object: 'content_provenance_check',
        created_at: nowSeconds(),
        results: [
          { type: 'c2pa', outcome: 'not_detected', validation_state: 'not_present', issuer: null, model: null, generated_at: null },
          { type: 'synthid', outcome: 'not_detected', model: null, generated_at: null },
        ],
      });
    },
  },
  'safety.cases.retrieve': { respond: (call) => call.complete(found(call.state.safety.cases, 'safety case', call.params.id, { param: 'id' })) },
  'safety.alerts.retrieve': { respond: (call) => call.complete(found(call.state.safety.alerts, 'safety alert', call.params.id, { param: 'id' })) },
});
