import type { StateStore } from '../../state/state-store.js';
import type { WireResponse } from '../../streaming/response-events.js';

/**
 * How many `retrieve` calls a background response spends in each status before it settles.
 *
 * @example
 * const steps: BackgroundSteps = { queued: 1, inProgress: 2 };
 * backgroundSteps(openaiMock, steps);
 */
export interface BackgroundSteps {
  /** Retrieves after `create` that still see `queued` (0). */
  queued: number;
  /** Retrieves after those that see `in_progress` (1). */
  inProgress: number;
}

/** A background response on its way: the statuses the next retrieves see, then the response it settles as. */
export interface PendingResponse {
  readonly polls: ('queued' | 'in_progress')[];
  readonly final: WireResponse;
}

const stepsKey = 'responses.background.steps';
const pendingKey = 'responses.background.pending';

/** The background steps of a state (the default until {@link backgroundSteps} changes them). */
export function stepsOf(state: StateStore): BackgroundSteps {
  return state.sidecar<BackgroundSteps>(stepsKey, () => ({ queued: 0, inProgress: 1 }));
}

/** The background responses of a state that have not settled yet, by id. */
export function pendingResponses(state: StateStore): Map<string, PendingResponse> {
  return state.sidecar(pendingKey, () => new Map<string, PendingResponse>());
}

/**
 * Sets how a background response (`background: true`) moves: `create` answers it `queued`; then `queued`
 * retrieves still see `queued`, the next `inProgress` retrieves see `in_progress`, and the retrieve after them
 * sees it settled (`completed`, or the status the test set). Defaults: `{ queued: 0, inProgress: 1 }`, so
 * create, retrieve, retrieve gives queued, in_progress, completed. The setting belongs to the mock's state:
 * `openaiMock.reset()` puts the default back. Pass `{ queued: 0, inProgress: 0 }` to settle on the first retrieve.
 *
 * @example
 * backgroundSteps(openaiMock, { queued: 1, inProgress: 2 });
 * // create: queued; retrieve 1: queued; retrieves 2-3: in_progress; retrieve 4: completed
 */
export function backgroundSteps(target: { readonly state: StateStore } | StateStore, steps: Partial<BackgroundSteps>): void {
  const state = 'state' in target ? target.state : target;
  const current = stepsOf(state);
  for (const [key, value] of Object.entries(steps)) {
    if (!Number.isInteger(value) || value < 0) throw new RangeError(`backgroundSteps: '${key}' must be a whole number of retrieves (0 or more), got ${String(value)}.`);
  }
  Object.assign(current, steps);
}

/** The polls a new background response goes through, by the state's steps. */
export function pollsFor(state: StateStore): ('queued' | 'in_progress')[] {
  const { queued, inProgress } = stepsOf(state);
  return [...Array<'queued'>(queued).fill('queued'), ...Array<'in_progress'>(inProgress).fill('in_progress')];
}
