import type { Message, MessageContent, MessageContentPartParam } from 'openai/resources/beta/threads/messages';
import type { Run } from 'openai/resources/beta/threads/runs/runs';
import type { Thread } from 'openai/resources/beta/threads/threads';
import { badRequest, noSuch } from '../../errors/api-errors.js';
import { nowSeconds } from '../../internal/clock.js';
import { newId } from '../../internal/ids.js';
import { isPlainObject } from '../../internal/merge.js';
import type { StateStore } from '../../state/state-store.js';
import { type CallWith, found, missingParameter } from '../kit/index.js';

/** The statuses a run never leaves. */
export const terminalStatuses: ReadonlySet<Run['status']> = new Set(['completed', 'failed', 'cancelled', 'expired', 'incomplete']);

/** Whether a run still holds its thread (the API allows one such run per thread). */
export function isActive(run: Run): boolean {
  return !terminalStatuses.has(run.status);
}

/** The thread named by the path, or the API's 404 thrown. */
export function threadOf(call: CallWith<{ thread_id: string }>): Thread {
  return found(call.state.beta.threads, 'thread', call.params.thread_id, { param: 'thread_id' });
}

/** The run named by the path, in the thread named by the path (a run of another thread is a 404), or the 404 thrown. */
export function runOf(call: CallWith<{ thread_id: string; run_id: string }>): Run {
  const thread = found(call.state.beta.threads, 'thread', call.params.thread_id, { param: 'thread_id' });
  return found(call.state.beta.threads.runs.of(thread.id), 'run', call.params.run_id, { param: 'run_id' });
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
 * `at` is the parameter path used in the error (`messages[0]`); a bad message is thrown as the API's refusal.
 */
export function checkMessage(state: StateStore, input: unknown, at: string): MessageInput {
  if (!isPlainObject(input)) throw badRequest(`Invalid type for '${at}': expected an object.`, at);
  const role = input['role'];
  if (role !== 'user' && role !== 'assistant') {
    throw badRequest(`Invalid value for '${at}.role': expected 'user' or 'assistant', got '${String(role)}'.`, `${at}.role`, 'invalid_value');
  }
  if (input['content'] === undefined || input['content'] === null) {
    throw missingParameter(`${at}.content`);
  }
  const attachments = input['attachments'];
  if (Array.isArray(attachments)) {
    for (const [index, attachment] of attachments.entries()) {
      const fileId: unknown = isPlainObject(attachment) ? attachment['file_id'] : undefined;
      if (typeof fileId === 'string' && !state.files.has(fileId)) throw noSuch('file', fileId, { param: `${at}.attachments[${index}].file_id` });
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
