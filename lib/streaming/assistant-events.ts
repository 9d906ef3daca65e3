import type { Message, MessageContentDelta, MessageDeltaEvent } from 'openai/resources/beta/threads/messages';
import type { Run } from 'openai/resources/beta/threads/runs/runs';
import type { RunStep, RunStepDeltaEvent, ToolCall, ToolCallDelta } from 'openai/resources/beta/threads/runs/steps';
import type { Thread } from 'openai/resources/beta/threads/threads';
import { type NamedEvent, namedEvent, splitText } from './sse.js';

// The `thread.*` server-sent events of an assistant run, in the order the API sends them and the SDK's
// `AssistantStream` accumulates them: a run step is created before its message, a message's content arrives
// as deltas after `thread.message.created`, and each step and message reaches a terminal event before the next.

/** `thread.created`, first event of `createAndRun` with `stream: true`. */
export function threadCreated(thread: Thread): NamedEvent {
  return namedEvent('thread.created', thread);
}

/** `thread.run.created`: the run as it was created. */
export function runCreated(run: Run): NamedEvent {
  return namedEvent('thread.run.created', run);
}

/** `thread.run.<status>`: the run entering its status (`queued`, `in_progress`, `requires_action`, `completed`, ...). */
export function runStatus(run: Run): NamedEvent {
  return namedEvent(`thread.run.${run.status}`, run);
}

/** `thread.run.step.created` then `thread.run.step.in_progress`: a step starting. */
export function stepStarted(step: RunStep): NamedEvent[] {
  return [namedEvent('thread.run.step.created', step), namedEvent('thread.run.step.in_progress', step)];
}

/** `thread.run.step.<status>`: a step reaching `completed`, `failed`, `cancelled` or `expired`. */
export function stepFinished(step: RunStep): NamedEvent {
  return namedEvent(`thread.run.step.${step.status}`, step);
}

/**
 * `thread.run.step.delta` events writing a tool-calls step's calls: each call's id, type and name first, then
 * its arguments (or code interpreter input) in pieces, as the SDK's `toolCallCreated` / `toolCallDelta` expect.
 */
export function toolCallDeltas(stepId: string, toolCalls: readonly ToolCall[]): NamedEvent[] {
  const delta = (call: ToolCallDelta): NamedEvent => {
    const data: RunStepDeltaEvent = {
      id: stepId,
      object: 'thread.run.step.delta',
      delta: { step_details: { type: 'tool_calls', tool_calls: [call] } },
    };
    return namedEvent('thread.run.step.delta', data);
  };
  const events: NamedEvent[] = [];
  toolCalls.forEach((call, index) => {
    if (call.type === 'function') {
      events.push(delta({ index, id: call.id, type: 'function', function: { name: call.function.name, arguments: '', output: call.function.output } }));
      for (const piece of splitText(call.function.arguments)) events.push(delta({ index, type: 'function', function: { arguments: piece } }));
    } else if (call.type === 'code_interpreter') {
      events.push(delta({ index, id: call.id, type: 'code_interpreter', code_interpreter: { input: '', outputs: [] } }));
      for (const piece of splitText(call.code_interpreter.input)) events.push(delta({ index, type: 'code_interpreter', code_interpreter: { input: piece } }));
    } else {
      events.push(delta({ index, id: call.id, type: 'file_search', file_search: call.file_search }));
    }
  });
  return events;
}

function contentDeltas(content: Message['content']): MessageContentDelta[] {
  const deltas: MessageContentDelta[] = [];
  content.forEach((block, index) => {
    if (block.type === 'text') {
      const pieces = splitText(block.text.value);
      (pieces.length ? pieces : ['']).forEach((value, at) => {
        deltas.push({ index, type: 'text', text: at === 0 ? { value, annotations: [] } : { value } });
      });
      if (block.text.annotations.length) {
        deltas.push({ index, type: 'text', text: { annotations: block.text.annotations.map((annotation, at) => ({ index: at, ...annotation })) } });
      }
    } else if (block.type === 'refusal') {
      deltas.push({ index, type: 'refusal', refusal: block.refusal });
    } else if (block.type === 'image_file') {
      deltas.push({ index, type: 'image_file', image_file: block.image_file });
    } else {
      deltas.push({ index, type: 'image_url', image_url: block.image_url });
    }
  });
  return deltas;
}

/**
 * A message written by a run: `thread.message.created` (in progress, no content yet), `in_progress`, its
 * content as `thread.message.delta` events (text in pieces), then `thread.message.completed` (or
 * `incomplete`) with the whole message.
 */
export function messageEvents(message: Message): NamedEvent[] {
  const started: Message = { ...message, status: 'in_progress', content: [], completed_at: null, incomplete_at: null, incomplete_details: null };
  const deltas = contentDeltas(message.content).map((content) => {
    const data: MessageDeltaEvent = { id: message.id, object: 'thread.message.delta', delta: { content: [content] } };
    return namedEvent('thread.message.delta', data);
  });
  const finished = message.status === 'incomplete' ? 'thread.message.incomplete' : 'thread.message.completed';
  return [
    namedEvent('thread.message.created', started),
    namedEvent('thread.message.in_progress', started),
    ...deltas,
    namedEvent(finished, message),
  ];
}

/** The `done` event closing every assistant stream. */
export function streamDone(): NamedEvent {
  return namedEvent('done', '[DONE]');
}
