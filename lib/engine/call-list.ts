import type { RouteCall } from './call-record.js';
import type { MockCall } from './mock-call.js';

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

  constructor(private readonly keep: number | undefined) {}

  /** Adds a call a route answered (a route's record names its route, so it is the `MockCall` of that name). */
  add(call: RouteCall<unknown, unknown>): void {
    const keep = this.keep;
    if (keep === 0) return;
    this.#calls.push(call as MockCall);
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
  }

  #compact(): void {
    this.#calls.splice(0, this.#dropped);
    this.#dropped = 0;
  }
}
