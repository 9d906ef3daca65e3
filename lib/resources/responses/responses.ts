import type { Response as ResponseObject, ResponseOutputItem } from 'openai/resources/responses/responses';
import type { RouteModel } from '../../catalog/route-types.js';
import { type Refusal, badRequest } from '../../errors/api-errors.js';
import { nowSeconds } from '../../internal/clock.js';
import { newId } from '../../internal/ids.js';
import { isPlainObject } from '../../internal/merge.js';
import { countTokens } from '../../internal/validate.js';
import type { StateStore } from '../../state/state-store.js';
import { pendingSnapshot, responseStreamEvents, type WireResponse } from '../../streaming/response-events.js';
import { namedEvent } from '../../streaming/sse.js';
import { type Call, type CallWith, type WithEvents, defineBehaviours, found, listPage, missingParameter, requiredBody, wantsStream, withEvents } from '../kit/index.js';
import { addItems } from '../conversations/conversations.js';
import { pendingResponses, pollsFor } from './background.js';
import { buildResponse } from './build.js';
import { contextTokens, indexItems, rememberInput, resolveContext, type StoredItem, storeInputItems, tokensOf } from './items.js';
import { newItemId } from './output.js';
import { responseUsage } from './usage.js';
import { emitSettled } from '../../webhooks/delivery.js';

/** The stores keep responses in the SDK's type; the wire form lacks only the `output_text` the SDK derives. */
function keep(state: StateStore, response: WireResponse): void {
  state.responses.put(response as ResponseObject);
  indexItems(state, response.id, response.output);
}

/** Appends items to the response's conversation, if it has one still stored. */
function appendToConversation(state: StateStore, conversationId: string | undefined, items: readonly object[]): void {
  if (conversationId !== undefined && state.conversations.has(conversationId)) addItems(state, conversationId, items as StoredItem[]);
}

/** A response reaches its final status: stored as such (unless `store: false`), its output added to its conversation. */
function settle(state: StateStore, response: WireResponse, store: boolean): void {
  if (store) keep(state, response);
  appendToConversation(state, response.conversation?.id ?? undefined, response.output);
}

/** A response as the route answers it: the SDK's type (the wire form lacks only the `output_text` the SDK derives). */
function asModel(response: WireResponse): ResponseObject {
  return response as ResponseObject;
}

/** A response with the events that stream it (from `after` on, when a stream resumes). */
function streamable(response: WireResponse, after = -1): WithEvents<ResponseObject> {
  return withEvents(asModel(response), () =>
    responseStreamEvents(response, { background: response.background === true })
      .filter((event) => event.sequence_number > after)
      .map((event) => namedEvent(event.type, event)),
  );
}

/**
 * Whether the mock makes the ids of every output item of a response built with this partial (no item the
 * partial gives carries an id of its own): none of them can then have the id of an item stored before.
 */
function outputIdsMinted(override: unknown): boolean {
  if (!isPlainObject(override) || !Object.hasOwn(override, 'output')) return true;
  const output = override['output'];
  return Array.isArray(output) && output.every((item) => isPlainObject(item) && !Object.hasOwn(item, 'id'));
}

function create(call: Call<'responses.create'>): WithEvents<ResponseObject> | Refusal {
  const body = requiredBody(call);
  if (body['model'] === undefined && body['prompt'] === undefined) {
    return missingParameter('model');
  }
  if (body['background'] === true && body['store'] === false) {
    return badRequest('Background mode requires store=true.', 'background');
  }
  const context = resolveContext(call.state, body, { checkToolPairs: true, sent: call.sent });
  const response = buildResponse(body, context, call.override);
  const store = body['store'] !== false;
  if (store) {
    storeInputItems(call.state, response.id, context, body['model'], outputIdsMinted(call.override));
  }
  if (context.conversationId !== undefined) appendToConversation(call.state, context.conversationId, context.input);
  // A background response polled by retrieve starts queued; a streamed one streams to its end at once.
  if (body['background'] === true && body['stream'] !== true) {
    const queued = pendingSnapshot(response, 'queued');
    keep(call.state, queued);
    pendingResponses(call.state).set(response.id, { polls: pollsFor(call.state), final: response });
    return streamable(queued);
  }
  settle(call.state, response, store);
  rememberInput(call.state, context);
  if (body['background'] === true) emitSettled(call.state, 'response', response.status, response.id);
  return streamable(response);
}

/** The stored response a call names, or its 404 thrown. */
function stored(call: CallWith<{ response_id: string }>): WireResponse {
  return found(call.state.responses, 'response', call.params.response_id);
}

/** One retrieve's worth of progress for a background response: its next poll status, or settled. */
function advance(state: StateStore, id: string, toTheEnd: boolean): void {
  const pending = pendingResponses(state).get(id);
  if (!pending) return;
  const next = toTheEnd ? undefined : pending.polls.shift();
  if (next !== undefined) {
    keep(state, pendingSnapshot(pending.final, next));
    return;
  }
  pendingResponses(state).delete(id);
  settle(state, pending.final, true);
  emitSettled(state, 'response', pending.final.status, id);
}

function retrieve(call: Call<'responses.retrieve'>): WithEvents<ResponseObject> {
  const { id } = stored(call);
  // Streaming a response follows it to its end, as the API's stream does.
  advance(call.state, id, wantsStream(call));
  const response = call.complete(stored(call));
  return streamable(response, Number(call.query.get('starting_after') ?? -1));
}

function cancel(call: Call<'responses.cancel'>): ResponseObject | Refusal {
  const response = stored(call);
  const id = response.id;
  const pending = pendingResponses(call.state).get(id);
  if (pending) {
    pendingResponses(call.state).delete(id);
    const cancelled = pendingSnapshot(pending.final, 'cancelled');
    keep(call.state, cancelled);
    emitSettled(call.state, 'response', 'cancelled', id);
    return asModel(call.complete(cancelled));
  }
  if (response.status === 'cancelled') return asModel(call.complete(response));
  if (response.background !== true) return badRequest('Only responses created with background=true can be cancelled.');
  return badRequest(`Cannot cancel a ${response.status ?? 'completed'} response.`);
}

/** `client.responses.*`: create (streaming, background, chained, in conversations), retrieve, delete, cancel, compact. */
export const responseCoreRoutes = defineBehaviours({
  'responses.create': { respond: create },
  'responses.retrieve': { respond: retrieve },
  'responses.cancel': { respond: cancel },
  'responses.delete': {
    respond(call) {
      const { id } = stored(call);
      pendingResponses(call.state).delete(id);
      call.state.responses.delete(id);
      // The SDK's `responses.delete` reads no body; the API answers this object.
      return call.complete({ id, object: 'response', deleted: true }) as unknown as RouteModel<'responses.delete'>;
    },
  },
  'responses.compact': {
    respond(call) {
      const body = requiredBody(call, ['model']);
      const context = resolveContext(call.state, body, { checkToolPairs: false });
      const items = [...context.prior, ...context.input];
      const userMessages = items.filter((item) => item.type === 'message' && item['role'] === 'user');
      const compaction: StoredItem = {
        id: newItemId('compaction'),
        type: 'compaction',
        encrypted_content: Buffer.from(JSON.stringify(items)).toString('base64'),
      };
      const model = typeof body['model'] === 'string' ? body['model'] : undefined;
      const input = tokensOf(items, body['instructions'], model);
      const output = countTokens(compaction['encrypted_content'], model);
      return call.complete({
        id: newId('resp_'),
        object: 'response.compaction',
        created_at: nowSeconds(),
        output: [...userMessages, compaction] as unknown as ResponseOutputItem[],
        usage: responseUsage(input, output),
      });
    },
  },
  'responses.inputItems.list': {
    respond: (call) => listPage(call, call.state.responses.inputItems.of(stored(call).id)),
  },
  'responses.inputTokens.count': {
    respond(call) {
      const body = requiredBody(call, [], true);
      const context = resolveContext(call.state, body, { checkToolPairs: false });
      const model = typeof body['model'] === 'string' ? body['model'] : undefined;
      const tokens = contextTokens(context, body['instructions'], model) + countTokens(body['tools'], model);
      return call.complete({ object: 'response.input_tokens', input_tokens: tokens });
    },
  },
});
