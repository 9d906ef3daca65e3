import type { Thread, ThreadCreateAndRunParams } from 'openai/resources/beta/threads/threads';
import { notFound } from '../../errors.js';
import { nowSeconds } from '../../internal/clock.js';
import { newId } from '../../internal/ids.js';
import { isPlainObject, type JsonObject } from '../../internal/merge.js';
import { requireBody } from '../../internal/validate.js';
import { threadCreated } from '../../streaming/assistant-events.js';
import type { StateStore } from '../../state/state-store.js';
import type { Behaviours } from '../behaviour.js';
import { forgetRuns } from './run-lifecycle.js';
import { createRun, runBehaviour } from './runs.js';
import { answerFound, bodyOf, checkMessage, deleted, type MessageInput, newMessage, param, threadOf } from './shared.js';
import { toolResourcesOf } from './tool-resources.js';

/**
 * A new thread from a request's fields (`threads.create`, or `thread` of `createAndRun`): its messages
 * checked then stored in order, its tool resources checked (inline vector stores created). `at` prefixes
 * the parameter names in errors. The thread is not stored: the caller completes and stores it.
 */
function newThread(state: StateStore, request: JsonObject, at: string): { thread: Thread; messages: MessageInput[] } | Response {
  const given = request['messages'];
  const messages: MessageInput[] = [];
  if (Array.isArray(given)) {
    for (const [index, message] of given.entries()) {
      const checked = checkMessage(state, message, `${at}messages[${index}]`);
      if (checked instanceof Response) return checked;
      messages.push(checked);
    }
  }
  const toolResources = toolResourcesOf(state, request['tool_resources'], `${at}tool_resources`);
  if (toolResources instanceof Response) return toolResources;
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
export const threadRoutes: Behaviours = {
  'beta.threads.create': {
    respond(call) {
      const made = newThread(call.state, bodyOf(call), '');
      if (made instanceof Response) return made;
      return store(call.state, call.complete(made.thread), made.messages);
    },
  },
  'beta.threads.retrieve': {
    respond: (call) => answerFound(call, threadOf(call)),
  },
  'beta.threads.update': {
    respond(call) {
      const thread = threadOf(call);
      if (thread instanceof Response) return thread;
      const body = bodyOf(call);
      const changes: JsonObject = {};
      if (body['metadata'] !== undefined) changes['metadata'] = body['metadata'];
      if (body['tool_resources'] !== undefined) {
        const toolResources = toolResourcesOf(call.state, body['tool_resources'], 'tool_resources');
        if (toolResources instanceof Response) return toolResources;
        changes['tool_resources'] = toolResources;
      }
      return call.state.beta.threads.put(call.complete({ ...thread, ...changes }));
    },
  },
  'beta.threads.delete': {
    respond(call) {
      const id = param(call, 'thread_id');
      const thread = threadOf(call);
      if (thread instanceof Response) return thread;
      forgetRuns(call.state, call.state.beta.threads.runs.of(id).values().map((run) => run.id));
      call.state.beta.threads.delete(id);
      return deleted(call, id, 'thread.deleted');
    },
  },
  'beta.threads.createAndRun': runBehaviour((call, events) => {
    const body = requireBody(call.body, ['assistant_id']);
    if (body instanceof Response) return body;
    const params = body as unknown as ThreadCreateAndRunParams & JsonObject;
    // Checked before the thread is made, so a refused call leaves nothing behind.
    if (!call.state.beta.assistants.has(params.assistant_id) && call.override === undefined) return notFound('assistant', params.assistant_id, 'assistant_id');
    const request = isPlainObject(params.thread) ? params.thread : {};
    const made = newThread(call.state, { ...request, tool_resources: request['tool_resources'] ?? params.tool_resources }, 'thread.');
    if (made instanceof Response) return made;
    const thread = store(call.state, made.thread, made.messages);
    events?.push(threadCreated(thread));
    const { thread: _thread, tool_resources: _resources, ...run } = params;
    return createRun(call, thread, run, events);
  }),
};
