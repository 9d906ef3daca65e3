import type { Message } from 'openai/resources/beta/threads/messages';
import { invalidRequest, notFound } from '../../errors.js';
import type { JsonObject } from '../../internal/merge.js';
import { listParams, requireBody } from '../../internal/validate.js';
import type { Behaviours, CallContext } from '../behaviour.js';
import { answerFound, checkMessage, deleted, isActive, newMessage, param, threadOf } from './shared.js';

function stored(call: CallContext): (Message & JsonObject) | Response {
  const thread = threadOf(call);
  if (thread instanceof Response) return thread;
  const id = param(call, 'message_id');
  // A message of another thread is not found here, as the API answers.
  const message = call.state.beta.threads.messages.of(thread.id).get(id);
  return message ? (message as Message & JsonObject) : notFound('message', id, 'message_id');
}

/** `client.beta.threads.messages.*`: CRUD and list (with the `run_id` filter), each within its thread. */
export const messageRoutes: Behaviours = {
  'beta.threads.messages.create': {
    respond(call) {
      const thread = threadOf(call);
      if (thread instanceof Response) return thread;
      const body = requireBody(call.body, ['role', 'content']);
      if (body instanceof Response) return body;
      const input = checkMessage(call.state, body, 'message');
      if (input instanceof Response) return input;
      const active = call.state.beta.threads.runs.of(thread.id).values().find(isActive);
      if (active) return invalidRequest(`Can't add messages to ${thread.id} while a run ${active.id} is active.`);
      return call.state.beta.threads.messages.of(thread.id).put(call.complete(newMessage(thread.id, input)));
    },
  },
  'beta.threads.messages.retrieve': {
    respond: (call) => answerFound(call, stored(call)),
  },
  'beta.threads.messages.update': {
    respond(call) {
      const message = stored(call);
      if (message instanceof Response) return message;
      const body = requireBody(call.body);
      if (body instanceof Response) return body;
      const updated = body['metadata'] === undefined ? message : { ...message, metadata: body['metadata'] as Message['metadata'] };
      return call.state.beta.threads.messages.of(message.thread_id).put(call.complete(updated));
    },
  },
  'beta.threads.messages.delete': {
    respond(call) {
      const message = stored(call);
      if (message instanceof Response) return message;
      call.state.beta.threads.messages.of(message.thread_id).delete(message.id);
      return deleted(call, message.id, 'thread.message.deleted');
    },
  },
  'beta.threads.messages.list': {
    respond(call) {
      const thread = threadOf(call);
      if (thread instanceof Response) return thread;
      const runId = call.query.get('run_id');
      const page = call.state.beta.threads.messages.of(thread.id).list(listParams(call.query), (message) => runId === null || message.run_id === runId);
      return call.complete(page);
    },
  },
};
