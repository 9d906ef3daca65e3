import type { Response as ResponseObject, ResponseItem } from 'openai/resources/responses/responses';
import { invalidRequest } from '../../errors.js';
import { nowSeconds } from '../../internal/clock.js';
import { newId } from '../../internal/ids.js';
import type { JsonObject } from '../../internal/merge.js';
import { countTokens, listParams, requireBody } from '../../internal/validate.js';
import type { StateStore } from '../../state/state-store.js';
import { eventStreamOfResponseEvents, pendingSnapshot, responseStreamEvents, type WireResponse } from '../../streaming/response-events.js';
import type { Behaviours, CallContext } from '../behaviour.js';
import { addItems } from '../conversations/conversations.js';
import { pendingResponses, pollsFor } from './background.js';
import { buildResponse } from './build.js';
import { resolveContext, responseNotFound, type StoredItem, tokensOf } from './items.js';
import { newItemId } from './output.js';
import { emitSettled } from '../../webhooks/delivery.js';

/** The stores keep responses in the SDK's type; the wire form lacks only the `output_text` the SDK derives. */
function keep(state: StateStore, response: WireResponse): void {
  state.responses.put(response as ResponseObject);
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

function create(call: CallContext): WireResponse | Response {
  const body = requireBody(call.body);
  if (body instanceof Response) return body;
  if (body['model'] === undefined && body['prompt'] === undefined) {
    return invalidRequest("Missing required parameter: 'model'.", 'model', 'missing_required_parameter');
  }
  if (body['background'] === true && body['store'] === false) {
    return invalidRequest('Background mode requires store=true.', 'background');
  }
  const context = resolveContext(call.state, body, { checkToolPairs: true });
  if (context instanceof Response) return context;
  const response = buildResponse(body, context, call.override);
  const store = body['store'] !== false;
  if (store) {
    const inputItems = call.state.responses.inputItems.of(response.id);
    for (const item of [...context.prior, ...context.input]) inputItems.put(item as unknown as ResponseItem);
  }
  appendToConversation(call.state, context.conversationId, context.input);
  // A background response polled by retrieve starts queued; a streamed one streams to its end at once.
  if (body['background'] === true && body['stream'] !== true) {
    const queued = pendingSnapshot(response, 'queued');
    keep(call.state, queued);
    pendingResponses(call.state).set(response.id, { polls: pollsFor(call.state), final: response });
    return queued;
  }
  settle(call.state, response, store);
  if (body['background'] === true) emitSettled(call.state, 'response', response.status, response.id);
  return response;
}

function stored(call: CallContext): { id: string; response: WireResponse | undefined } {
  const id = call.params['response_id'] ?? '';
  return { id, response: call.state.responses.get(id) };
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

function retrieve(call: CallContext): WireResponse | Response {
  const { id, response: found } = stored(call);
  if (!found) return responseNotFound(id);
  const streaming = call.query.get('stream') === 'true';
  // Streaming a response follows it to its end, as the API's stream does.
  advance(call.state, id, streaming);
  const response = call.complete(call.state.responses.get(id) as WireResponse);
  if (!streaming) return response;
  const after = Number(call.query.get('starting_after') ?? -1);
  const events = responseStreamEvents(response, { background: response.background === true });
  return eventStreamOfResponseEvents(events.filter((event) => event.sequence_number > after));
}

function cancel(call: CallContext): WireResponse | Response {
  const { id, response } = stored(call);
  if (!response) return responseNotFound(id);
  const pending = pendingResponses(call.state).get(id);
  if (pending) {
    pendingResponses(call.state).delete(id);
    const cancelled = pendingSnapshot(pending.final, 'cancelled');
    keep(call.state, cancelled);
    emitSettled(call.state, 'response', 'cancelled', id);
    return call.complete(cancelled);
  }
  if (response.status === 'cancelled') return call.complete(response);
  if (response.background !== true) return invalidRequest('Only responses created with background=true can be cancelled.', null);
  return invalidRequest(`Cannot cancel a ${response.status ?? 'completed'} response.`, null);
}

/** `client.responses.*`: create (streaming, background, chained, in conversations), retrieve, delete, cancel, compact. */
export const responseCoreRoutes: Behaviours = {
  'responses.create': {
    respond: create,
    stream(model, call) {
      const background = (call.body as JsonObject)['background'] === true;
      return eventStreamOfResponseEvents(responseStreamEvents(model as WireResponse, { background }));
    },
  },
  'responses.retrieve': { respond: retrieve },
  'responses.cancel': { respond: cancel },
  'responses.delete': {
    respond(call) {
      const { id, response } = stored(call);
      if (!response) return responseNotFound(id);
      call.state.responses.delete(id);
      pendingResponses(call.state).delete(id);
      return call.complete({ id, object: 'response', deleted: true });
    },
  },
  'responses.compact': {
    respond(call) {
      const body = requireBody(call.body, ['model']);
      if (body instanceof Response) return body;
      const context = resolveContext(call.state, body, { checkToolPairs: false });
      if (context instanceof Response) return context;
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
        output: [...userMessages, compaction],
        usage: {
          input_tokens: input,
          input_tokens_details: { cached_tokens: 0, cache_write_tokens: 0 },
          output_tokens: output,
          output_tokens_details: { reasoning_tokens: 0 },
          total_tokens: input + output,
        },
      });
    },
  },
  'responses.inputItems.list': {
    respond(call) {
      const { id, response } = stored(call);
      if (!response) return responseNotFound(id);
      return call.complete(call.state.responses.inputItems.of(id).list(listParams(call.query)));
    },
  },
  'responses.inputTokens.count': {
    respond(call) {
      const body = requireBody(call.body ?? {});
      if (body instanceof Response) return body;
      const context = resolveContext(call.state, body, { checkToolPairs: false });
      if (context instanceof Response) return context;
      const model = typeof body['model'] === 'string' ? body['model'] : undefined;
      const tokens = tokensOf([...context.prior, ...context.input], body['instructions'], model) + countTokens(body['tools'], model);
      return call.complete({ object: 'response.input_tokens', input_tokens: tokens });
    },
  },
};
