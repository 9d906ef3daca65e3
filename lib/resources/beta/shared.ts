import type { Message, MessageContent, MessageContentPartParam } from 'openai/resources/beta/threads/messages';
import type { Run } from 'openai/resources/beta/threads/runs/runs';
import type { Thread } from 'openai/resources/beta/threads/threads';
import { invalidRequest, notFound } from '../../errors.js';
import { nowSeconds } from '../../internal/clock.js';
import { newId } from '../../internal/ids.js';
import { isPlainObject, type JsonObject } from '../../internal/merge.js';
import type { StateStore } from '../../state/state-store.js';
import type { CallContext } from '../behaviour.js';

/** The statuses a run never leaves. */
export const terminalStatuses: ReadonlySet<Run['status']> = new Set(['completed', 'failed', 'cancelled', 'expired', 'incomplete']);

/** Whether a run still holds its thread (the API allows one such run per thread). */
export function isActive(run: Run): boolean {
  return !terminalStatuses.has(run.status);
}

/** A path parameter of the call ('' when absent). */
export function param(call: CallContext, name: string): string {
  return call.params[name] ?? '';
}

/** The thread named by the path, or the API's 404. */
export function threadOf(call: CallContext): Thread | Response {
  const id = param(call, 'thread_id');
  return call.state.beta.threads.get(id) ?? notFound('thread', id, 'thread_id');
}

/** The run named by the path, in the thread named by the path (a run of another thread is a 404). */
export function runOf(call: CallContext): Run | Response {
  const thread = threadOf(call);
  if (thread instanceof Response) return thread;
  const id = param(call, 'run_id');
  return call.state.beta.threads.runs.of(thread.id).get(id) ?? notFound('run', id, 'run_id');
}

/** A message's content as the API stores it: a string becomes one text block, text parts gain annotations. */
export function contentOf(content: unknown): MessageContent[] {
  if (typeof content === 'string') return [textBlock(content)];
  if (!Array.isArray(content)) return [];
  return (content as MessageContentPartParam[]).map((part) =>
    part.type === 'text' ? textBlock(part.text) : part,
  );
}

/** A text content block with no annotations. */
export function textBlock(value: string): MessageContent {
  return { type: 'text', text: { value, annotations: [] } };
}

/** The fields of a message a request gives (`messages.create`, a thread's `messages`, `additional_messages`). */
export interface MessageInput {
  role: 'user' | 'assistant';
  content: unknown;
  attachments?: Message['attachments'] | undefined;
  metadata?: Message['metadata'] | undefined;
}

/**
 * Checks a message a request gives: a role the API knows, content, and attachments naming stored files.
 * `at` is the parameter path used in the error (`messages[0]`).
 */
export function checkMessage(state: StateStore, input: unknown, at: string): MessageInput | Response {
  if (!isPlainObject(input)) return invalidRequest(`Invalid type for '${at}': expected an object.`, at);
  const role = input['role'];
  if (role !== 'user' && role !== 'assistant') {
    return invalidRequest(`Invalid value for '${at}.role': expected 'user' or 'assistant', got '${String(role)}'.`, `${at}.role`, 'invalid_value');
  }
  if (input['content'] === undefined || input['content'] === null) {
    return invalidRequest(`Missing required parameter: '${at}.content'.`, `${at}.content`, 'missing_required_parameter');
  }
  const attachments = input['attachments'];
  if (Array.isArray(attachments)) {
    for (const [index, attachment] of attachments.entries()) {
      const fileId: unknown = isPlainObject(attachment) ? attachment['file_id'] : undefined;
      if (typeof fileId === 'string' && !state.files.has(fileId)) return notFound('file', fileId, `${at}.attachments[${index}].file_id`);
    }
  }
  return input as unknown as MessageInput;
}

/** A new message of a thread, as the API makes it from a request's fields (not stored). */
export function newMessage(threadId: string, input: MessageInput): Message {
  return {
    id: newId('msg_'),
    object: 'thread.message',
    created_at: nowSeconds(),
    thread_id: threadId,
    role: input.role,
    content: contentOf(input.content),
    assistant_id: null,
    run_id: null,
    attachments: input.attachments ?? [],
    metadata: input.metadata ?? {},
    status: 'completed',
    completed_at: null,
    incomplete_at: null,
    incomplete_details: null,
  };
}

/** What a retrieve answers: the stored object completed with the user's partial, or the 404 found instead. */
export function answerFound<T extends object>(call: CallContext, found: T | Response): T | Response {
  return found instanceof Response ? found : (call.complete(found) as T);
}

/** A `*.deleted` answer. */
export function deleted(call: CallContext, id: string, object: string): JsonObject {
  return call.complete({ id, object, deleted: true });
}

/** The body as an object (an empty one for a request without a body). */
export function bodyOf(call: CallContext): JsonObject {
  return isPlainObject(call.body) ? call.body : {};
}
