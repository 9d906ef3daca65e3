import { apiError } from '../../errors.js';
import { requireBody, listParams } from '../../internal/validate.js';
import type { Behaviours, CallContext } from '../behaviour.js';
import { addItems, conversationOf, itemsToAdd } from './conversations.js';

function itemNotFound(id: string): Response {
  return apiError(404, `Item with id '${id}' not found.`, { param: null });
}

/** The item a call names (conversation first), or the 404 of whichever is missing. */
function itemOf(call: CallContext): { conversationId: string; itemId: string } | Response {
  const conversation = conversationOf(call);
  if (conversation instanceof Response) return conversation;
  const itemId = call.params['item_id'] ?? '';
  if (!call.state.conversations.items.of(conversation.id).has(itemId)) return itemNotFound(itemId);
  return { conversationId: conversation.id, itemId };
}

/**
 * `client.conversations.items.*`: create (up to 20 at once, answered as a list), list (newest first by default,
 * paged with `after` = the page's `last_id`, as `ConversationCursorPage` reads it), retrieve, delete (answers
 * the conversation).
 */
export const conversationItemRoutes: Behaviours = {
  'conversations.items.create': {
    respond(call) {
      const body = requireBody(call.body, ['items']);
      if (body instanceof Response) return body;
      const conversation = conversationOf(call);
      if (conversation instanceof Response) return conversation;
      const items = itemsToAdd(body['items']);
      if (items instanceof Response) return items;
      addItems(call.state, conversation.id, items);
      return call.complete({
        object: 'list',
        data: items,
        first_id: items[0]?.id ?? null,
        last_id: items[items.length - 1]?.id ?? null,
        has_more: false,
      });
    },
  },
  'conversations.items.list': {
    respond(call) {
      const conversation = conversationOf(call);
      if (conversation instanceof Response) return conversation;
      return call.complete(call.state.conversations.items.of(conversation.id).list(listParams(call.query)));
    },
  },
  'conversations.items.retrieve': {
    respond(call) {
      const found = itemOf(call);
      if (found instanceof Response) return found;
      const item = call.state.conversations.items.of(found.conversationId).get(found.itemId);
      return item ? call.complete(item) : itemNotFound(found.itemId);
    },
  },
  'conversations.items.delete': {
    respond(call) {
      const found = itemOf(call);
      if (found instanceof Response) return found;
      call.state.conversations.items.of(found.conversationId).delete(found.itemId);
      const conversation = conversationOf(call);
      return conversation instanceof Response ? conversation : call.complete(conversation);
    },
  },
};
