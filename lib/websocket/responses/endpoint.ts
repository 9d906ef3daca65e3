import type { WebSocket } from 'ws';
import type { OpenAIMock } from '../../engine/mock.js';
import { keyOfSubprotocol } from '../../engine/redact.js';
import { IncomingRequest } from '../../engine/incoming-call.js';
import type { Answer } from '../../internal/answer.js';
import { responseOf } from '../../internal/answer.js';
import { NamedEvent, StreamAbort, StreamDelay, StreamError, type StreamStep, eventStepsOf } from '../../streaming/sse.js';
import { newId } from '../../internal/ids.js';
import { complete } from '../../internal/merge.js';
import { behaviours } from '../../resources/index.js';
import { behaviourAnswer } from '../../resources/kit/behaviour-answer.js';
import type { CallContext } from '../../resources/behaviour.js';
import type { SocketConnection, SocketEndpoint } from '../connection.js';
import { readEventStream } from './event-stream-reader.js';
import { type SocketErrorEvent, socketError, socketErrorOfAnswer } from './socket-errors.js';

type JsonObject = Record<string, unknown>;

function isObject(value: unknown): value is JsonObject {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** Upgrade headers that belong to the socket, not to the request a `response.create` stands for. */
const socketHeaders = new Set(['host', 'connection', 'upgrade', 'sec-websocket-key', 'sec-websocket-version', 'sec-websocket-extensions', 'sec-websocket-protocol', 'content-length', 'transfer-encoding']);

const streamIdPattern = /^[A-Za-z0-9_.-]{1,256}$/;

/** Events that end a response: after one of them, the response is settled. */
const terminalTypes = new Set(['response.completed', 'response.incomplete', 'response.failed']);

/** A response this socket created, as steering sees it. */
interface SocketResponse {
  readonly id: string;
  /** The create request (its settings carry over to an automatic successor). */
  readonly body: JsonObject;
  readonly streamId: string | undefined;
  status: 'active' | 'settled';
  /** Steering input accepted while it ran, in order. */
  readonly steers: { readonly id: string; readonly input: unknown }[];
  /** Function calls it ended with (the client owes their output). */
  readonly openCalls: string[];
}

/**
 * Responses in WebSocket mode (`wss://api.openai.com/v1/responses`, the SDK's `ResponsesWS`): each
 * `response.create` is a call of `openaiMock.responses.create` (scripted, delayed and failed like any call),
 * answered with the events its stream gives, on the mock's state; `stream_id` lanes run side by side;
 * `generate: false` prepares a response without output; `response.steer` queues input for an active response.
 */
export const responsesEndpoint: SocketEndpoint = (connection) => {
  new ResponsesSocket(connection).listen();
};

class ResponsesSocket {
  readonly #socket: WebSocket;
  readonly #mock: OpenAIMock;
  readonly #headers: Headers;
  readonly #aborted = new AbortController();
  /** Each lane's queue: responses of one lane answer one after the other. */
  readonly #lanes = new Map<string, Promise<void>>();
  readonly #responses = new Map<string, SocketResponse>();
  #steerSequence = 0;

  constructor(connection: SocketConnection) {
    this.#socket = connection.socket;
    this.#mock = connection.openaiMock;
    this.#headers = new Headers();
    connection.headers.forEach((value, name) => {
      if (!socketHeaders.has(name)) this.#headers.set(name, value);
    });
    // A key sent as a subprotocol reaches the route as the header the HTTP API reads.
    const key = connection.protocols.map(keyOfSubprotocol).find((value) => value !== undefined);
    if (key !== undefined && !this.#headers.has('authorization')) this.#headers.set('authorization', `Bearer ${key}`);
  }

  listen(): void {
    this.#socket.on('message', (data, isBinary) => {
      if (isBinary) {
        this.#send(socketError(400, 'Binary messages are not supported: send each event as JSON text.', { code: 'invalid_message' }));
        return;
      }
      const text = Array.isArray(data) ? Buffer.concat(data).toString('utf8') : Buffer.isBuffer(data) ? data.toString('utf8') : Buffer.from(new Uint8Array(data)).toString('utf8');
      this.#receive(text);
    });
    this.#socket.once('close', () => this.#aborted.abort(new Error('The client closed the socket.')));
  }

  #send(event: object | string): void {
    if (this.#socket.readyState === this.#socket.OPEN) this.#socket.send(typeof event === 'string' ? event : JSON.stringify(event));
  }

  #receive(text: string): void {
    let event: unknown;
    try {
      event = JSON.parse(text) as unknown;
    } catch {
      this.#send(socketError(400, 'The message is not valid JSON: send each event as a JSON object.', { code: 'invalid_json' }));
      return;
    }
    if (!isObject(event) || typeof event['type'] !== 'string') {
      this.#send(socketError(400, "The event has no 'type': expected an object such as { \"type\": \"response.create\", ... }.", { code: 'invalid_event', param: 'type', eventId: isObject(event) ? event['event_id'] : undefined }));
      return;
    }
    if (event['type'] === 'response.create') this.#create(event);
    else if (event['type'] === 'response.steer') this.#steer(event);
    else {
      this.#send(socketError(400, `Unknown event type '${event['type']}': a Responses socket takes 'response.create' and 'response.steer'.`, {
        code: 'invalid_event_type',
        param: 'type',
        eventId: event['event_id'],
      }));
    }
  }

  #create(event: JsonObject): void {
    const { type: _type, stream_id: streamId, generate, event_id: eventId, stream: _stream, ...body } = event;
    if (streamId !== undefined && (typeof streamId !== 'string' || !streamIdPattern.test(streamId))) {
      this.#send(socketError(400, "Invalid 'stream_id': a string of 1 to 256 letters, digits, '_', '.' or '-'.", { code: 'invalid_value', param: 'stream_id', eventId }));
      return;
    }
    const lane = typeof streamId === 'string' ? streamId : undefined;
    if (body['background'] === true) {
      this.#send(socketError(400, 'Background mode is not supported over WebSocket: send the request over HTTP to run it in the background.', {
        code: 'unsupported_parameter',
        param: 'background',
        eventId,
        streamId: lane,
      }));
      return;
    }
    // Steering input queued for the response this one continues is prepended to its input.
    const previous = typeof body['previous_response_id'] === 'string' ? this.#responses.get(body['previous_response_id']) : undefined;
    if (previous && previous.steers.length > 0) {
      body['input'] = [...previous.steers.flatMap((steer) => asItems(steer.input)), ...asItems(body['input'])];
      previous.steers.length = 0;
    }
    this.#enqueue(lane ?? '', () => (generate === false ? this.#warmUp(body, lane) : this.#answer(body, lane)));
  }

  #enqueue(lane: string, run: () => Promise<void>): void {
    const before = this.#lanes.get(lane) ?? Promise.resolve();
    const next = before.then(run).catch((error: unknown) => {
      const message = error instanceof Error ? error.message : String(error);
      if (!this.#aborted.signal.aborted) this.#send(socketError(500, `openai-responses: the response failed inside the mock: ${message}`, { type: 'server_error', code: 'mock_error' }));
    });
    this.#lanes.set(lane, next);
    void next.then(() => {
      if (this.#lanes.get(lane) === next) this.#lanes.delete(lane);
    });
  }

  /**
   * One `response.create`: a call of the `responses.create` route (scripted, delayed, failed and recorded like an
   * HTTP call), its events sent as they come.
   */
  async #answer(body: JsonObject, lane: string | undefined): Promise<void> {
    if (this.#aborted.signal.aborted) return;
    const route = this.#mock.routes.get('responses.create');
    if (!route) throw new Error('the mock has no responses.create route');
    const headers = new Headers(this.#headers);
    headers.set('content-type', 'application/json');
    const url = `${this.#mock.baseURL}/responses`;
    const call = new IncomingRequest('POST', url, {}, new URLSearchParams(), headers, JSON.stringify({ ...body, stream: true }), 'application/json', this.#aborted.signal);
    let answer: Answer;
    try {
      answer = await route.answer(call);
    } catch (error) {
      if (this.#aborted.signal.aborted) return;
      throw error;
    }
    const steps = answer.status < 400 ? eventStepsOf(answer.body) : undefined;
    if (steps) await this.#sendSteps(steps, body, lane);
    else await this.#forward(responseOf(answer), body, lane);
  }

  /** Sends the mock's own event steps as messages (no server-sent-event text made or read on the way). */
  async #sendSteps(steps: readonly StreamStep[], body: JsonObject, lane: string | undefined): Promise<void> {
    let current: SocketResponse | undefined;
    for (const step of steps) {
      if (this.#aborted.signal.aborted) return;
      if (step instanceof StreamDelay) {
        await this.#pause(step.ms);
        continue;
      }
      if (step instanceof StreamAbort) {
        this.#socket.close(1011, step.reason.slice(0, 120));
        return;
      }
      if (step instanceof StreamError) {
        this.#send(socketError(500, step.error.message, { type: step.error.type ?? 'server_error', code: step.error.code ?? null, param: step.error.param ?? null, streamId: lane }));
        continue;
      }
      const data = step instanceof NamedEvent ? step.data : step;
      if (typeof data === 'string' || !isObject(data)) continue;
      current = this.#track(data, body, lane, current);
      this.#send(lane !== undefined ? { ...data, stream_id: lane } : data);
    }
    if (current?.status === 'settled') this.#afterSettled(current);
  }

  /** A pause of a scripted stream, cut short when the socket closes. */
  #pause(ms: number): Promise<void> {
    return new Promise((resolve) => {
      const done = (): void => {
        clearTimeout(timer);
        this.#aborted.signal.removeEventListener('abort', done);
        resolve();
      };
      const timer = setTimeout(done, ms);
      this.#aborted.signal.addEventListener('abort', done, { once: true });
    });
  }

  /** `generate: false`: the response is made and kept (a later turn may continue it) without output or a model call. */
  async #warmUp(body: JsonObject, lane: string | undefined): Promise<void> {
    const behaviour = behaviours['responses.create'];
    if (!behaviour) throw new Error('responses.create has no behaviour');
    const request = { ...body, stream: true };
    const override = { output: [] };
    const { baseURL } = this.#mock;
    const context: CallContext = {
      body: request,
      params: {},
      query: new URLSearchParams(),
      state: this.#mock.state,
      override,
      fetch: this.#mock.fetch,
      get request(): Request {
        return new Request(`${baseURL}/responses`, { method: 'POST', body: JSON.stringify(request) });
      },
      complete: (defaults, elements) => complete(defaults, override, elements),
    };
    const answer = await behaviourAnswer(behaviour, context);
    const steps = answer.status < 400 ? eventStepsOf(answer.body) : undefined;
    if (steps) await this.#sendSteps(steps, body, lane);
    else await this.#forward(responseOf(answer), body, lane);
  }

  /** Sends an answer's events (or its error) over the socket, with the lane's `stream_id`, and tracks the response. */
  async #forward(answer: Response, body: JsonObject, lane: string | undefined): Promise<void> {
    const contentType = answer.headers.get('content-type') ?? '';
    if (answer.status >= 400 || !answer.body) {
      this.#send(socketErrorOfAnswer(answer.status, await answer.text(), lane));
      return;
    }
    if (!contentType.startsWith('text/event-stream')) {
      // A test's own JSON answer: the response as one completed event.
      const response = JSON.parse(await answer.text()) as unknown;
      this.#send({ type: 'response.completed', sequence_number: 0, response, ...(lane !== undefined && { stream_id: lane }) });
      return;
    }
    let current: SocketResponse | undefined;
    try {
      await readEventStream(answer.body, ({ event, data }) => {
        const watched = lane !== undefined || event === 'error' || event === undefined || event.startsWith('response.created') || terminalTypes.has(event) || event === 'response.output_item.done';
        if (!watched) {
          this.#send(data);
          return;
        }
        let parsed: unknown;
        try {
          parsed = JSON.parse(data) as unknown;
        } catch {
          this.#send(data);
          return;
        }
        if (!isObject(parsed)) return;
        // A mid-stream error a test scripts (`streamError`) arrives as `{ error }`: sent in the socket's error shape.
        if (parsed['type'] === undefined && event === 'error') {
          this.#send(socketErrorOfAnswer(500, data, lane));
          return;
        }
        const value = parsed;
        current = this.#track(value, body, lane, current);
        this.#send(lane !== undefined ? { ...value, stream_id: lane } : value);
      });
    } catch (error) {
      if (this.#aborted.signal.aborted) return;
      // The stream was cut (abortStream): the socket drops as the connection would.
      const reason = error instanceof Error ? error.message : String(error);
      this.#socket.close(1011, reason.slice(0, 120));
      return;
    }
    if (current?.status === 'settled') this.#afterSettled(current);
  }

  /** Follows a response through its events: made active on `response.created`, settled on its terminal event. */
  #track(event: JsonObject, body: JsonObject, lane: string | undefined, current: SocketResponse | undefined): SocketResponse | undefined {
    const response = isObject(event['response']) ? event['response'] : undefined;
    if (event['type'] === 'response.created' && response && typeof response['id'] === 'string') {
      const made: SocketResponse = { id: response['id'], body, streamId: lane, status: 'active', steers: [], openCalls: [] };
      this.#responses.set(made.id, made);
      return made;
    }
    if (!current) return current;
    if (event['type'] === 'response.output_item.done' && isObject(event['item']) && event['item']['type'] === 'function_call' && typeof event['item']['call_id'] === 'string') {
      current.openCalls.push(event['item']['call_id']);
    }
    if (typeof event['type'] === 'string' && terminalTypes.has(event['type'])) current.status = 'settled';
    return current;
  }

  /** After a response settles with steering queued: a successor continues it, or the client is told what it owes first. */
  #afterSettled(response: SocketResponse): void {
    if (response.steers.length === 0) return;
    if (response.openCalls.length > 0) {
      for (const steer of response.steers) {
        this.#send({
          type: 'response.steer.pending',
          sequence_number: this.#steerSequence++,
          reason: 'waiting_for_required_input',
          required_input: response.openCalls.map((callId) => ({ type: 'function_call_output', call_id: callId })),
          steer: { id: steer.id, previous_response_id: response.id },
          ...(response.streamId !== undefined && { stream_id: response.streamId }),
        });
      }
      return;
    }
    const input = response.steers.flatMap((steer) => asItems(steer.input));
    response.steers.length = 0;
    const { input: _input, previous_response_id: _previous, conversation: _conversation, ...settings } = response.body;
    this.#enqueue(response.streamId ?? '', () => this.#answer({ ...settings, previous_response_id: response.id, input }, response.streamId));
  }

  #steer(event: JsonObject): void {
    const target = event['previous_response_id'];
    const input = event['input'];
    const steer = { input, previous_response_id: typeof target === 'string' ? target : '' };
    const fail = (code: string, message: string, response?: SocketResponse, id?: string): void => {
      this.#send({
        type: 'response.steer.failed',
        sequence_number: this.#steerSequence++,
        error: { type: 'invalid_request_error', code, message },
        steer: { ...steer, ...(id !== undefined && { id }) },
        ...(response?.streamId !== undefined && { stream_id: response.streamId }),
      });
    };
    if (event['stream_id'] !== undefined) return fail('invalid_input', "'response.steer' takes no 'stream_id': the target response's lane is used.");
    if (typeof target !== 'string' || !validSteerInput(input)) {
      return fail('invalid_input', "'response.steer' needs 'previous_response_id' and 'input': a string, or user messages.");
    }
    const response = this.#responses.get(target);
    if (!response) return fail('response_not_found', `Response '${target}' is not available on this connection.`);
    if (response.status === 'settled' && response.openCalls.length === 0) {
      return fail('response_already_completed', `Response '${target}' has completed and no longer accepts steering input.`, response);
    }
    const id = newId('steer_');
    response.steers.push({ id, input });
    this.#send({
      type: 'response.steer.accepted',
      sequence_number: this.#steerSequence++,
      steer: { id, previous_response_id: target },
      ...(response.streamId !== undefined && { stream_id: response.streamId }),
    });
    if (response.status === 'settled') this.#afterSettled(response);
  }
}

/** Steering input: a string, or a non-empty list of user messages (and tool outputs the client owes). */
function validSteerInput(input: unknown): boolean {
  if (typeof input === 'string') return input.length > 0;
  if (!Array.isArray(input) || input.length === 0) return false;
  return input.every((item) => isObject(item) && ((item['role'] === 'user' && (item['type'] === undefined || item['type'] === 'message')) || item['type'] === 'function_call_output'));
}

/** Input as a list of items (a string is one user message). */
function asItems(input: unknown): unknown[] {
  if (input === undefined || input === null) return [];
  if (typeof input === 'string') return [{ type: 'message', role: 'user', content: input }];
  return Array.isArray(input) ? input : [input];
}

export type { SocketErrorEvent };
