import type { Conversation } from 'openai/resources/conversations/conversations';
import type { ConversationItem } from 'openai/resources/conversations/items';
import { badRequest } from '../../errors/api-errors.js';
import { nowSeconds } from '../../internal/clock.js';
import { newId } from '../../internal/ids.js';
import { isPlainObject } from '../../internal/merge.js';
import type { StateStore } from '../../state/state-store.js';
import { type CallWith, defineBehaviours, deleteFrom, found, requiredBody } from '../kit/index.js';
import { normalizeItems, type StoredItem } from '../responses/items.js';

/** The most items one request may add to a conversation. */
const maxItemsPerRequest = 20;

/**
 * A request's `items` as conversation items (ids and statuses filled in); the API's 400 thrown for: not a list,
 * more than 20 items, or an item reference (a conversation takes items, not references).
 */
export function itemsToAdd(value: unknown): StoredItem[] {
  if (Array.isArray(value) && value.length > maxItemsPerRequest) {
    throw badRequest(`Invalid 'items': array too long. Expected an array with maximum length ${maxItemsPerRequest}, but got an array with length ${value.length} instead.`, 'items', 'array_above_max_length');
  }
  const items = normalizeItems(value, 'items');
  const reference = items.findIndex((item) => item.type === 'item_reference');
  if (reference !== -1) throw badRequest(`Invalid value for 'items[${reference}]': item references cannot be added to a conversation.`, `items[${reference}]`);
  return items;
}

/** Puts items into a conversation, in order. */
export function addItems(state: StateStore, conversationId: string, items: readonly StoredItem[]): void {
  const store = state.conversations.items.of(conversationId);
  for (const item of items) store.put(item as unknown as ConversationItem & { id: string });
}

/** The conversation a call names, or its 404 thrown. */
export function conversationOf(call: CallWith<{ conversation_id: string }>): Conversation {
  return found(call.state.conversations, 'conversation', call.params.conversation_id);
}

/** `client.conversations.create/retrieve/update/delete`. */
export const conversationCoreRoutes = defineBehaviours({
  'conversations.create': {
    respond(call) {
      const body = requiredBody(call, [], true);
      const items = itemsToAdd(body.items);
      const conversation = call.complete<Conversation>({
        id: newId('conv_'),
        object: 'conversation',
        created_at: nowSeconds(),
        metadata: isPlainObject(body.metadata) ? body.metadata : {},
      });
      call.state.conversations.put(conversation);
      addItems(call.state, conversation.id, items);
      return conversation;
    },
  },
  'conversations.retrieve': { respond: (call) => call.complete(conversationOf(call)) },
  'conversations.update': {
    respond(call) {
      const body = requiredBody(call, ['metadata']);
      const conversation = conversationOf(call);
      return call.state.conversations.put(call.complete({ ...conversation, metadata: body.metadata }));
    },
  },
  'conversations.delete': {
    respond(call) {
      const conversation = conversationOf(call);
      return deleteFrom(call, call.state.conversations, 'conversation', conversation.id, 'conversation.deleted');
    },
  },
});
