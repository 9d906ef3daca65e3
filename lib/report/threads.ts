import type { ReportedCall } from './collect.js';
import type { CallView } from './conversation.js';

/** One call of a thread, with what its request repeats of the previous call (hidden, said so). */
export interface ThreadCall {
  readonly call: ReportedCall;
  readonly view: CallView;
  /** Indexes in `view.sent` of the entries the previous call of the thread already showed. */
  readonly repeated: ReadonlySet<number>;
}

/** A conversation: calls chained by `previous_response_id`, a conversation, an assistants thread, or a history that grows. */
export interface Thread {
  /** From 1, in the order threads began. */
  readonly number: number;
  /** Why its calls belong together: `previous_response_id`, `conversation conv_...`, `thread thread_...`, `growing history`. */
  readonly how: Set<string>;
  readonly calls: ThreadCall[];
}

/** The calls that are turns of a conversation (and begin a thread of their own when nothing links them). */
const conversational = /^(chat\.completions\.create|responses\.create|beta\.responses\.create|completions\.create|beta\.threads\.(create|createAndRun|runs\.create|messages\.create)|conversations\.create|realtime\.)/;

function keyOfAnswer(id: string): string {
  if (id.startsWith('thread_')) return `thread:${id}`;
  if (id.startsWith('conv_')) return `conversation:${id}`;
  return `response:${id}`;
}

/** Whether `shorter` (a previous call's history) starts `longer`. */
function startsWith(longer: readonly string[], shorter: readonly string[]): boolean {
  if (shorter.length === 0 || shorter.length > longer.length) return false;
  for (let index = 0; index < shorter.length; index += 1) if (longer[index] !== shorter[index]) return false;
  return true;
}

/**
 * Puts the calls into threads: Responses chained by `previous_response_id` or sharing a conversation, calls on one
 * assistants thread, and chat or Responses calls whose history extends an earlier call's (a tool loop, an agent's
 * run, a chat). The calls left (a file uploaded, a model listed) are returned apart, in order.
 */
export function threadCalls(calls: readonly { call: ReportedCall; view: CallView }[]): { threads: Thread[]; others: ThreadCall[] } {
  const threads: Thread[] = [];
  const others: ThreadCall[] = [];
  const byKey = new Map<string, Thread>();
  const lastWithHistory: { thread: Thread; view: CallView; route: string }[] = [];
  for (const { call, view } of calls) {
    const { links } = view;
    let thread: Thread | undefined;
    let how: string | undefined;
    let previous: CallView | undefined;
    if (links.previousResponse !== undefined) {
      thread = byKey.get(`response:${links.previousResponse}`);
      how = 'previous_response_id';
    }
    if (!thread && links.conversation !== undefined) {
      thread = byKey.get(`conversation:${links.conversation}`);
      how = `conversation ${links.conversation}`;
    }
    if (!thread && links.thread !== undefined) {
      thread = byKey.get(`thread:${links.thread}`);
      how = `thread ${links.thread}`;
    }
    if (!thread && links.response !== undefined) {
      thread = byKey.get(`response:${links.response}`);
      how = 'response id';
    }
    if (!thread && view.history.length > 0) {
      for (let index = lastWithHistory.length - 1; index >= 0; index -= 1) {
        const candidate = lastWithHistory[index];
        if (candidate && candidate.route === call.route && startsWith(view.history, candidate.view.history)) {
          thread = candidate.thread;
          previous = candidate.view;
          how = 'growing history';
          break;
        }
      }
    }
    if (!thread && (conversational.test(call.route) || links.conversation !== undefined || links.thread !== undefined)) {
      thread = { number: threads.length + 1, how: new Set(), calls: [] };
      threads.push(thread);
      how = undefined;
      if (links.conversation !== undefined) byKey.set(`conversation:${links.conversation}`, thread);
      if (links.thread !== undefined) byKey.set(`thread:${links.thread}`, thread);
    }
    const repeated = new Set<number>();
    if (previous) {
      const offset = view.sent.length - view.history.length;
      const previousOffset = previous.sent.length - previous.history.length;
      for (let index = 0; index < previous.history.length; index += 1) repeated.add(offset + index);
      // Instructions (a Responses call's) the previous call sent alike are not shown again either.
      if (offset > 0 && offset === previousOffset && JSON.stringify(view.sent.slice(0, offset)) === JSON.stringify(previous.sent.slice(0, previousOffset))) {
        for (let index = 0; index < offset; index += 1) repeated.add(index);
      }
    }
    const entry: ThreadCall = { call, view, repeated };
    if (!thread) {
      others.push(entry);
      continue;
    }
    if (how !== undefined) thread.how.add(how);
    thread.calls.push(entry);
    if (view.answerId !== undefined) byKey.set(keyOfAnswer(view.answerId), thread);
    if (view.history.length > 0) lastWithHistory.push({ thread, view, route: call.route });
  }
  return { threads, others };
}
