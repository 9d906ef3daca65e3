import { bookkeeping } from '../../state/bookkeeping.js';
import type { StateStore } from '../../state/state-store.js';
import { lifecycle, stepsOf } from '../lifecycle.js';
import type { WireResponse } from '../../streaming/response-events.js';

/** A background response on its way: the statuses the next retrieves see, then the response it settles as. */
export interface PendingResponse {
  readonly polls: ('queued' | 'in_progress')[];
  readonly final: WireResponse;
}

/** The background responses of a state that have not settled yet, by id. */
export const pendingResponses = bookkeeping('responses.background.pending', () => new Map<string, PendingResponse>());

/** The polls a new background response goes through, by the state's lifecycle settings. */
export function pollsFor(state: StateStore): ('queued' | 'in_progress')[] {
  const { background } = lifecycle(state).responses;
  const queued = stepsOf(background.queued, 0);
  const inProgress = stepsOf(background.inProgress, 1);
  return [...Array<'queued'>(queued).fill('queued'), ...Array<'in_progress'>(inProgress).fill('in_progress')];
}
