import type { Conversation } from 'openai/resources/conversations/conversations';
import type { ConversationItem } from 'openai/resources/conversations/items';
import { type CallWith, defineBehaviours, found, listPage, requiredBody } from '../kit/index.js';
import { addItems, conversationOf, itemsToAdd } from './conversations.js';

/** The item a call names, in the conversation it names (conversation first), or the 404 of whichever is missing, thrown. */
function itemOf(call: CallWith<{ conversation_id: string; item_id: string }>): { conversation: Conversation; item: ConversationItem } {
  const conversation = conversationOf(call);
  return { conversation, item: found(call.state.conversations.items.of(conversation.id), 'conversation item', call.params.item_id) };
}

/**
 * `client.conversations.items.*`: create (up to 20 at once, answered as a list), list (newest first by default,
 * paged with `after` = the page's `last_id`, as `ConversationCursorPage` reads it), retrieve, delete (answers
 * the conversation).
 */
export const conversationItemRoutes = defineBehaviours({
  'conversations.items.create': {
    respond(call) {
      const body = requiredBody(call, ['items']);
      const conversation = conversationOf(call);
      const items = itemsToAdd(body.items);
      addItems(call.state, conversation.id, items);
      return call.complete({
        object: 'list',
        data: items as unknown as ConversationItem[],
        first_id: items[0]?.id ?? '',
        last_id: items[items.length - 1]?.id ?? '',
        has_more: false,
      });
    },
  },
  'conversations.items.list': {
    respond: (call) => listPage(call, call.state.conversations.items.of(conversationOf(call).id)),
  },
  'conversations.items.retrieve': { respond: (call) => call.complete(itemOf(call).item) },
  'conversations.items.delete': {
    respond(call) {
      const { conversation } = itemOf(call);
      call.state.conversations.items.of(conversation.id).delete(call.params.item_id);
      return call.complete(conversation);
    },
  },
});
