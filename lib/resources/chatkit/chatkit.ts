import type { ChatKitThread, ChatSession, ThreadDeleteResponse } from 'openai/resources/beta/chatkit/threads';
import { nowSeconds } from '../../internal/clock.js';
import { newId } from '../../internal/ids.js';
import { isPlainObject, type JsonObject } from '../../internal/merge.js';
import type { CallWith } from '../behaviour.js';
import { defineBehaviours, found, listPage, missingParameter, requiredBody } from '../kit/index.js';

function object(value: unknown): JsonObject {
  return isPlainObject(value) ? value : {};
}

function session(body: JsonObject): ChatSession {
  const workflow = object(body['workflow']);
  if (typeof workflow['id'] !== 'string') throw missingParameter('workflow.id');
  const config = object(body['chatkit_configuration']);
  const titling = object(config['automatic_thread_titling']);
  const upload = object(config['file_upload']);
  const history = object(config['history']);
  const seconds = object(body['expires_after'])['seconds'];
  const perMinute = object(body['rate_limits'])['max_requests_per_1_minute'];
  const limit = typeof perMinute === 'number' ? perMinute : 10;
  return {
    id: newId('cksess_'),
    object: 'chatkit.session',
    status: 'active',
    user: String(body['user']),
    client_secret: newId('ek_', 32),
    expires_at: nowSeconds() + (typeof seconds === 'number' ? seconds : 600),
    max_requests_per_1_minute: limit,
    rate_limits: { max_requests_per_1_minute: limit },
    workflow: {
      id: workflow['id'],
      version: typeof workflow['version'] === 'string' ? workflow['version'] : null,
      state_variables: isPlainObject(workflow['state_variables']) ? (workflow['state_variables'] as Record<string, string | number | boolean>) : null,
      tracing: { enabled: object(workflow['tracing'])['enabled'] !== false },
    },
    chatkit_configuration: {
      automatic_thread_titling: { enabled: titling['enabled'] !== false },
      file_upload: {
        enabled: upload['enabled'] === true,
        max_file_size: typeof upload['max_file_size'] === 'number' ? upload['max_file_size'] : 512,
        max_files: typeof upload['max_files'] === 'number' ? upload['max_files'] : 10,
      },
      history: { enabled: history['enabled'] !== false, recent_threads: typeof history['recent_threads'] === 'number' ? history['recent_threads'] : null },
    },
  };
}

function threadOf(call: CallWith<{ thread_id: string }>): ChatKitThread {
  return found(call.state.beta.chatkit.threads, 'chatkit thread', call.params.thread_id, { param: 'thread_id' });
}

/**
 * `client.beta.chatkit.*`: sessions (an `ek_` client secret for the ChatKit front end; `cancel` ends one) and the
 * threads users have had, with their items. The API makes threads as users chat: a test puts them in
 * `state.beta.chatkit.threads` (and their items in `.items.of(threadId)`).
 */
export const chatkitRoutes = defineBehaviours({
  'beta.chatkit.sessions.create': {
    respond(call) {
      const body = requiredBody(call, ['user', 'workflow']);
      return call.state.beta.chatkit.sessions.put(call.complete(session(body)));
    },
  },
  'beta.chatkit.sessions.cancel': {
    respond(call) {
      const current = found(call.state.beta.chatkit.sessions, 'chatkit session', call.params.session_id, { param: 'session_id' });
      return call.complete(call.state.beta.chatkit.sessions.put({ ...current, status: 'cancelled' }));
    },
  },
  'beta.chatkit.threads.retrieve': { respond: (call) => call.complete(threadOf(call)) },
  'beta.chatkit.threads.list': {
    respond(call) {
      const user = call.query.get('user');
      return listPage(call, call.state.beta.chatkit.threads, user === null ? {} : { filter: (thread) => thread.user === user });
    },
  },
  'beta.chatkit.threads.delete': {
    respond(call) {
      const thread = threadOf(call);
      call.state.beta.chatkit.threads.delete(thread.id);
      return call.complete<ThreadDeleteResponse>({ id: thread.id, object: 'chatkit.thread.deleted', deleted: true });
    },
  },
  'beta.chatkit.threads.listItems': { respond: (call) => listPage(call, call.state.beta.chatkit.threads.items.of(threadOf(call).id)) },
});
