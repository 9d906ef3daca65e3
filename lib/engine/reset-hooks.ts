/**
 * What else `openaiMock.reset()` clears: logs kept beside a mock by other parts of the library (the WebSocket
 * socket log) register here, so the mock clears them without importing them.
 */
const hooks = new WeakMap<object, Set<() => void>>();

/**
 * Runs `clear` each time `owner` (a mock) is reset.
 *
 * @example
 * onMockReset(openaiMock, () => (log.length = 0));
 */
export function onMockReset(owner: object, clear: () => void): void {
  let set = hooks.get(owner);
  if (!set) hooks.set(owner, (set = new Set()));
  set.add(clear);
}

/**
 * Runs the hooks registered for `owner` (`openaiMock.reset()` calls it).
 *
 * @example
 * runMockResetHooks(openaiMock);
 */
export function runMockResetHooks(owner: object): void {
  for (const clear of hooks.get(owner) ?? []) clear();
}
