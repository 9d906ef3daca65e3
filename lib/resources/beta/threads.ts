import type { Thread } from 'openai/resources/beta/threads/threads';
import { noSuch } from '../../errors/api-errors.js';
import { nowSeconds } from '../../internal/clock.js';
import { newId } from '../../internal/ids.js';
import { isPlainObject, type JsonObject } from '../../internal/merge.js';
import { threadCreated } from '../../streaming/assistant-events.js';
import type { StateStore } from '../../state/state-store.js';
import { defineBehaviours, deleteFrom, requiredBody } from '../kit/index.js';
import { forgetRuns } from './run-lifecycle.js';
import { createRun, runWithEvents } from './runs.js';
import { checkMessage, type MessageInput, newMessage, threadOf } from './shared.js';
import { toolResourcesOf } from './tool-resources.js';

/**
 * A new thread from a request's fields (`threads.create`, or `thread` of `createAndRun`): its messages
 * checked then stored in order, its tool resources checked (inline vector stores created). `at` prefixes
 * the parameter names in errors. The thread is not stored: the caller completes and stores it.
 */
function newThread(state: StateStore, request: JsonObject, at: string): { thread: Thread; messages: MessageInput[] } {
  const given = request['messages'];
  const messages = Array.isArray(given) ? given.map((message, index) => checkMessage(state, message, `${at}messages[${index}]`)) : [];
  const toolResources = toolResourcesOf(state, request['tool_resources'], `${at}tool_resources`);
  const metadata = isPlainObject(request['metadata']) ? (request['metadata'] as Thread['metadata']) : {};
  const thread: Thread = { id: newId('thread_'), object: 'thread', created_at: nowSeconds(), metadata, tool_resources: toolResources };
  return { thread, messages };
}

function store(state: StateStore, thread: Thread, messages: readonly MessageInput[]): Thread {
  state.beta.threads.put(thread);
  for (const message of messages) state.beta.threads.messages.of(thread.id).put(newMessage(thread.id, message));
  return thread;
}

/** `client.beta.threads.*` (messages and runs apart): CRUD and `createAndRun`. */
export const threadRoutes = defineBehaviours({
  'beta.threads.create': {
    respond(call) {
      const made = newThread(call.state, requiredBody(call, [], true), '');
      return store(call.state, call.complete(made.thread), made.messages);
    },
  },
  'beta.threads.retrieve': { respond: (call) => call.complete(threadOf(call)) },
  'beta.threads.update': {
    respond(call) {
      const thread = threadOf(call);
      const body = requiredBody(call, [], true);
      const changes: JsonObject = {};
      if (body.metadata !== undefined) changes['metadata'] = body.metadata;
      if (body.tool_resources !== undefined) changes['tool_resources'] = toolResourcesOf(call.state, body.tool_resources, 'tool_resources');
      return call.state.beta.threads.put(call.complete({ ...thread, ...changes }));
    },
  },
  'beta.threads.delete': {
    respond(call) {
      const thread = threadOf(call);
      forgetRuns(call.state, call.state.beta.threads.runs.of(thread.id).values().map((run) => run.id));
      return deleteFrom(call, call.state.beta.threads, 'thread', thread.id, 'thread.deleted');
    },
  },
  'beta.threads.createAndRun': {
    respond(call) {
      const params = requiredBody(call, ['assistant_id']);
      // Checked before the thread is made, so a refused call leaves nothing behind.
      if (!call.state.beta.assistants.has(params.assistant_id) && call.override === undefined) {
        return noSuch('assistant', params.assistant_id, { param: 'assistant_id' });
      }
      const request: JsonObject = isPlainObject(params.thread) ? params.thread : {};
      const made = newThread(call.state, { ...request, tool_resources: request['tool_resources'] ?? params.tool_resources }, 'thread.');
      const thread = store(call.state, made.thread, made.messages);
      const { thread: _thread, tool_resources: _resources, ...run } = params;
      return runWithEvents(call, (events) => {
        events?.push(threadCreated(thread));
        return createRun(call, thread, run, events);
      });
    },
  },
});
