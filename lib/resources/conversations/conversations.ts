import type { Conversation } from 'openai/resources/conversations/conversations';
import type { ConversationItem } from 'openai/resources/conversations/items';
import { invalidRequest } from '../../errors.js';
import { nowSeconds } from '../../internal/clock.js';
import { newId } from '../../internal/ids.js';
import { isPlainObject, type JsonObject } from '../../internal/merge.js';
import { requireBody } from '../../internal/validate.js';
import type { StateStore } from '../../state/state-store.js';
import type { Behaviour, Behaviours, CallContext } from '../behaviour.js';
import { conversationNotFound, normalizeItems, type StoredItem } from '../responses/items.js';

/** The most items one request may add to a conversation. */
const maxItemsPerRequest = 20;

/**
 * A request's `items` as conversation items (ids and statuses filled in), or the API's 400: not a list, more
 * than 20 items, or an item reference (a conversation takes items, not references).
 */
export function itemsToAdd(value: unknown): StoredItem[] | Response {
  if (Array.isArray(value) && value.length > maxItemsPerRequest) {
    return invalidRequest(`Invalid 'items': array too long. Expected an array with maximum length ${maxItemsPerRequest}, but got an array with length ${value.length} instead.`, 'items', 'array_above_max_length');
  }
  const items = normalizeItems(value, 'items');
  if (items instanceof Response) return items;
  const reference = items.findIndex((item) => item.type === 'item_reference');
  if (reference !== -1) return invalidRequest(`Invalid value for 'items[${reference}]': item references cannot be added to a conversation.`, `items[${reference}]`);
  return items;
}

/** Puts items into a conversation, in order. */
export function addItems(state: StateStore, conversationId: string, items: readonly StoredItem[]): void {
  const store = state.conversations.items.of(conversationId);
  for (const item of items) store.put(item as unknown as ConversationItem & { id: string });
}

/** The conversation a call names, or its 404. */
export function conversationOf(call: CallContext): Conversation | Response {
  const id = call.params['conversation_id'] ?? '';
  return call.state.conversations.get(id) ?? conversationNotFound(id);
}

const conversationCreate: Behaviour = {
  respond(call) {
    const body = requireBody(call.body ?? {});
    if (body instanceof Response) return body;
    const items = itemsToAdd(body['items']);
    if (items instanceof Response) return items;
    const conversation = call.complete<Conversation>({
      id: newId('conv_'),
      object: 'conversation',
      created_at: nowSeconds(),
      metadata: isPlainObject(body['metadata']) ? body['metadata'] : {},
    });
    call.state.conversations.put(conversation);
    addItems(call.state, conversation.id, items);
    return conversation;
  },
};

/** `client.conversations.create/retrieve/update/delete`. */
export const conversationCoreRoutes: Behaviours = {
  'conversations.create': conversationCreate,
  'conversations.retrieve': {
    respond(call) {
      const conversation = conversationOf(call);
      return conversation instanceof Response ? conversation : call.complete(conversation);
    },
  },
  'conversations.update': {
    respond(call) {
      const body = requireBody(call.body, ['metadata']);
      if (body instanceof Response) return body;
      const conversation = conversationOf(call);
      if (conversation instanceof Response) return conversation;
      const metadata = body['metadata'] as JsonObject;
      return call.state.conversations.put(call.complete({ ...conversation, metadata }));
    },
  },
  'conversations.delete': {
    respond(call) {
      const conversation = conversationOf(call);
      if (conversation instanceof Response) return conversation;
      call.state.conversations.delete(conversation.id);
      return call.complete({ id: conversation.id, object: 'conversation.deleted', deleted: true });
    },
  },
};
