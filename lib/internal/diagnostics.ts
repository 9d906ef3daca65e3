import diagnosticsChannel from 'node:diagnostics_channel';
import type { Answer } from './answer.js';

/**
 * The name of the channel every answer of every mock is published on. Channels are global by name, so a
 * subscriber sees the answers of any copy of the library in the process (built, from source, under Jest's VM).
 */
export const ANSWER_CHANNEL = 'openai-responses:answer';

/** What is published for each answer: the route that answered, the call and the answer as the client gets it. */
export interface AnswerMessage {
  /** The route: its client method name (`chat.completions.create`), method and path pattern (`/threads/:thread_id`). */
  readonly route: { readonly name: string; readonly method: string; readonly path: string };
  /** The request as the client sent it. */
  readonly request: Request;
  /** The parsed request body (JSON, `FormData`, text or `undefined`). */
  readonly body: unknown;
  /** The answer: status, headers and a body (a function makes a fresh stream per reader). */
  readonly answer: Answer;
}

const channel = diagnosticsChannel.channel(ANSWER_CHANNEL);

/**
 * Publishes an answer on {@link ANSWER_CHANNEL}; costs one check when nobody subscribes (the message is made
 * only for a subscriber). The project's own test suite subscribes to validate every answer against OpenAI's
 * published schemas.
 */
export function publishAnswer(route: AnswerMessage['route'], call: { readonly request: Request; readonly body: unknown }, answer: Answer): void {
  if (!channel.hasSubscribers) return;
  channel.publish({
    route,
    get request() {
      return call.request;
    },
    get body() {
      return call.body;
    },
    answer,
  } satisfies AnswerMessage);
}

/** The channel every message a mock sends over a WebSocket is published on (for the suite's conformance check). */
export const SOCKET_EVENT_CHANNEL = 'openai-responses:socket-event';

/** What is published for each message the mock sends over a WebSocket. */
export interface SocketEventMessage {
  /** The endpoint's path below the base URL (`/responses`, `/realtime`): it names the events' schema. */
  readonly path: string;
  /** The message as sent: JSON text (or bytes, for a binary frame). */
  readonly data: string | Uint8Array;
}

const socketChannel = diagnosticsChannel.channel(SOCKET_EVENT_CHANNEL);

/** Whether anyone listens for socket messages (checked once per socket, so an unwatched socket costs nothing). */
export function socketEventsWatched(): boolean {
  return socketChannel.hasSubscribers;
}

/** Publishes one message a mock sent over a WebSocket on {@link SOCKET_EVENT_CHANNEL}. */
export function publishSocketEvent(path: string, data: string | Uint8Array): void {
  if (socketChannel.hasSubscribers) socketChannel.publish({ path, data } satisfies SocketEventMessage);
}
