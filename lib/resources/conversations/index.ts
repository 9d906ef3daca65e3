import type { Behaviours } from '../behaviour.js';

/** `client.conversations.*`. */
export const conversationRoutes: Behaviours = {};
