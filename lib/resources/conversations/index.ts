import type { Behaviours } from '../behaviour.js';
import { conversationCoreRoutes } from './conversations.js';
import { conversationItemRoutes } from './items.js';

/** `client.conversations.*` and `client.conversations.items.*`. */
export const conversationRoutes: Behaviours = {
  ...conversationCoreRoutes,
  ...conversationItemRoutes,
};
