import { Refusal } from '../../errors/api-errors.js';
import { type Answer, jsonAnswer } from '../../internal/answer.js';
import { newRequestId } from '../../internal/ids.js';
import { isPlainObject } from '../../internal/merge.js';
import { type MaybePromise, isPromise } from '../../internal/maybe-promise.js';
import { ListParamsError } from '../../state/resource-store.js';
import { eventStreamAnswer } from '../../streaming/sse.js';
import type { Behaviour, CallContext } from '../behaviour.js';
import { BinaryBody, EventsOnly, NoContent, WithEvents } from './outcome.js';

/**
 * Whether a call asks for a stream: `stream: true` in its body (a multipart form's `stream` field `'true'`: image
 * edits, transcriptions), `stream_format: 'sse'` (speech), or `?stream=true` (`responses.retrieve`).
 */
export function wantsStream(call: CallContext): boolean {
  const { body } = call;
  if (isPlainObject(body) && (body['stream'] === true || body['stream_format'] === 'sse')) return true;
  if (body instanceof FormData && body.get('stream') === 'true') return true;
  return call.query.get('stream') === 'true';
}

/** The answer of a refusal, in the API's error shape. */
export function refusalAnswer(refusal: Refusal): Answer {
  const answer = jsonAnswer(refusal.body(), refusal.status);
  if (refusal.headers) Object.assign(answer.headers, refusal.headers);
  return answer;
}

/** A thrown refusal (or a refused list parameter) as its answer; anything else is thrown on (a crash: a 500). */
function refused(error: unknown): Answer {
  if (error instanceof Refusal) return refusalAnswer(error);
  if (error instanceof ListParamsError) return refusalAnswer(new Refusal(400, error.message, { param: error.param }));
  throw error;
}

/** The one converter from what a behaviour gave to the answer the route sends. */
function answerOfOutcome(outcome: unknown, behaviour: Behaviour, call: CallContext): Answer {
  if (outcome instanceof Refusal) return refusalAnswer(outcome);
  if (outcome instanceof WithEvents) {
    if (wantsStream(call)) return eventStreamAnswer(outcome.events());
    // The model may itself be a binary body (speech audio, a transcript as text).
    if (outcome.model instanceof BinaryBody) return answerOfOutcome(outcome.model, behaviour, call);
    return modelAnswer(outcome.model, behaviour);
  }
  if (outcome instanceof EventsOnly) return eventStreamAnswer(outcome.events());
  if (outcome instanceof BinaryBody) {
    return {
      status: 200,
      headers: { 'content-type': outcome.contentType, 'x-request-id': newRequestId(), ...outcome.headers },
      body: outcome.bytes.slice(),
    };
  }
  if (outcome instanceof NoContent) return { status: 204, headers: { 'x-request-id': newRequestId() }, body: null };
  return modelAnswer(outcome, behaviour);
}

function modelAnswer(model: unknown, behaviour: Behaviour): Answer {
  const answer = jsonAnswer(model);
  if (behaviour.poll) answer.headers['openai-poll-after-ms'] = '0';
  return answer;
}

/**
 * What a behaviour answers one call with: its outcome (the model, a refusal returned or thrown, the model with
 * its events or the events alone, a binary body, no content) made into the answer, now or once the behaviour's
 * promise settles. Only here does a behaviour's outcome become JSON or server-sent events.
 */
export function behaviourAnswer(behaviour: Behaviour, call: CallContext): MaybePromise<Answer> {
  let outcome: unknown;
  try {
    outcome = behaviour.respond(call);
  } catch (error) {
    return refused(error);
  }
  if (isPromise(outcome)) return outcome.then((settled) => answerOfOutcome(settled, behaviour, call), refused);
  return answerOfOutcome(outcome, behaviour, call);
}
