import { notFound } from '../../errors.js';
import { listParams } from '../../internal/validate.js';
import type { Behaviours } from '../behaviour.js';
import { answerFound, param, runOf } from './shared.js';

/** `client.beta.threads.runs.steps.*`: the steps a run recorded (message creation, tool calls), within their run. */
export const runStepRoutes: Behaviours = {
  'beta.threads.runs.steps.list': {
    respond(call) {
      const run = runOf(call);
      if (run instanceof Response) return run;
      return call.complete(call.state.beta.threads.runs.steps.of(run.id).list(listParams(call.query)));
    },
  },
  'beta.threads.runs.steps.retrieve': {
    respond(call) {
      const run = runOf(call);
      if (run instanceof Response) return run;
      const id = param(call, 'step_id');
      return answerFound(call, call.state.beta.threads.runs.steps.of(run.id).get(id) ?? notFound('run step', id, 'step_id'));
    },
  },
};
