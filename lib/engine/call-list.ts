import { type CallRecord, keptHeadersKey, unreadHeadersKey } from './call-record.js';
import type { MockCall } from './mock-call.js';

/** How many calls may keep their client's headers unread (a few kilobytes each) before they are read. */
const unreadBound = 500;

/**
 * The calls a whole mock answered, in the order it answered them, across routes (`openaiMock.calls`). It keeps
 * the newest `keep` (all when `undefined`, none at 0), as each route keeps its own. Adding a call is O(1): the
 * calls dropped by the bound are cut off the front only when the list is read, or when as many have piled up as
 * are kept.
 */
export class CallList {
  #calls: MockCall[] = [];
  /** How many calls at the front are dropped but not yet cut off. */
  #dropped = 0;
  /**
   * Calls whose headers are still the client's, unread (a record reads them when a test first looks): read in
   * one go once this many piled up, so a long run without `reset()` keeps slim records, and a test that resets
   * the mock between tests (or never reads a call's headers) never pays for reading them.
   */
  #unread: CallRecord<unknown, unknown>[] = [];

  constructor(private readonly keep: number | undefined) {}

  /** Adds a call a route answered (a route's record names its route, so it is the `MockCall` of that name). */
  add(call: CallRecord<unknown, unknown>): void {
    if (call[unreadHeadersKey]) {
      this.#unread.push(call);
      if (this.#unread.length >= unreadBound) this.#readHeaders();
    }
    const keep = this.keep;
    if (keep === 0) return;
    this.#calls.push(call as unknown as MockCall);
    if (keep === undefined || this.#calls.length - this.#dropped <= keep) return;
    this.#dropped += 1;
    if (this.#dropped >= keep) this.#compact();
  }

  /** The kept calls, oldest first. */
  get calls(): readonly MockCall[] {
    if (this.#dropped > 0) this.#compact();
    return this.#calls;
  }

  clear(): void {
    this.#calls = [];
    this.#dropped = 0;
    this.#unread = [];
  }

  #readHeaders(): void {
    for (const call of this.#unread) call[keptHeadersKey]();
    this.#unread = [];
  }

  #compact(): void {
    this.#calls.splice(0, this.#dropped);
    this.#dropped = 0;
  }
}
