import { defineBehaviours, found, listPage } from '../kit/index.js';
import { runOf } from './shared.js';

/** `client.beta.threads.runs.steps.*`: the steps a run recorded (message creation, tool calls), within their run. */
export const runStepRoutes = defineBehaviours({
  'beta.threads.runs.steps.list': {
    respond: (call) => listPage(call, call.state.beta.threads.runs.steps.of(runOf(call).id)),
  },
  'beta.threads.runs.steps.retrieve': {
    respond(call) {
      const steps = call.state.beta.threads.runs.steps.of(runOf(call).id);
      return call.complete(found(steps, 'run step', call.params.step_id, { param: 'step_id' }));
    },
  },
});
