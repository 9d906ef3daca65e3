/** What keeps bookkeeping: a `StateStore` (named by shape, so this file needs nothing of the store's). */
export interface BookkeepingHolder {
  bookkeeping<T>(key: BookkeepingKey<T>): T;
}

/**
 * Typed bookkeeping a resource keeps per state beside its objects (not an API object): a batch's progress, an
 * upload's part bytes, a search index. Call it with a state to get that state's copy, made on first use and
 * dropped by `state.clear()` (so `openaiMock.reset()` forgets it too).
 *
 * @example
 * const progress = bookkeeping('batches.progress', () => new Map<string, { retrieves: number }>());
 * progress(call.state).get(batchId);
 */
export interface Bookkeeping<T> {
  (state: BookkeepingHolder): T;
  /** What the bookkeeping is for, as given (for debugging). */
  readonly description: string;
}

/** Declares per-state bookkeeping (see {@link Bookkeeping}): one key per declaration, so two never collide. */
export function bookkeeping<T>(description: string, create: () => T): Bookkeeping<T> {
  const key = new BookkeepingKey(description, create);
  return Object.assign((state: BookkeepingHolder): T => state.bookkeeping(key), { description });
}

/** @internal The key a state keeps one bookkeeping under, and how to make it. */
export class BookkeepingKey<T> {
  constructor(
    readonly description: string,
    readonly create: () => T,
  ) {}
}
