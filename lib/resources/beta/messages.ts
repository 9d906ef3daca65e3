import type { Message } from 'openai/resources/beta/threads/messages';
import { badRequest } from '../../errors/api-errors.js';
import { type CallWith, defineBehaviours, deleteFrom, found, listPage, requiredBody } from '../kit/index.js';
import { checkMessage, isActive, newMessage, threadOf } from './shared.js';

/** The message named by the path, within the thread named by the path (a message of another thread is a 404). */
function stored(call: CallWith<{ thread_id: string; message_id: string }>): Message {
  const thread = threadOf(call);
  return found(call.state.beta.threads.messages.of(thread.id), 'message', call.params.message_id, { param: 'message_id' });
}

/** `client.beta.threads.messages.*`: CRUD and list (with the `run_id` filter), each within its thread. */
export const messageRoutes = defineBehaviours({
  'beta.threads.messages.create': {
    respond(call) {
      const thread = threadOf(call);
      const input = checkMessage(call.state, requiredBody(call, ['role', 'content']), 'message');
      const active = call.state.beta.threads.runs.of(thread.id).values().find(isActive);
      if (active) return badRequest(`Can't add messages to ${thread.id} while a run ${active.id} is active.`);
      return call.state.beta.threads.messages.of(thread.id).put(call.complete(newMessage(thread.id, input)));
    },
  },
  'beta.threads.messages.retrieve': { respond: (call) => call.complete(stored(call)) },
  'beta.threads.messages.update': {
    respond(call) {
      const message = stored(call);
      const body = requiredBody(call);
      const updated = body.metadata === undefined ? message : { ...message, metadata: body.metadata };
      return call.state.beta.threads.messages.of(message.thread_id).put(call.complete(updated));
    },
  },
  'beta.threads.messages.delete': {
    respond(call) {
      const message = stored(call);
      return deleteFrom(call, call.state.beta.threads.messages.of(message.thread_id), 'message', message.id, 'thread.message.deleted');
    },
  },
  'beta.threads.messages.list': {
    respond(call) {
      const thread = threadOf(call);
      const runId = call.query.get('run_id');
      return listPage(call, call.state.beta.threads.messages.of(thread.id), { filter: (message) => runId === null || message.run_id === runId });
    },
  },
});
