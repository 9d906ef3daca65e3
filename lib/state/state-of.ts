import type { StateStore } from './state-store.js';

/**
 * The state a mock (or anything holding one) keeps, or the `StateStore` itself: what helpers that take
 * `openaiMock` or a shared store (`lifecycle`, `runScript`, `deliverWebhooks`, ...) act on. It asks for a
 * `state` property rather than `instanceof StateStore`, so a store made by the other copy of the package
 * (its CommonJS build beside its ES module build) is taken too.
 */
export function stateOf(target: { readonly state: StateStore } | StateStore): StateStore {
  return 'state' in target ? target.state : target;
}
