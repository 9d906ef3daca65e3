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

/** The answers the background responses under way will settle as, by id: what a snapshot keeps to resume them. */
export function pendingFinals(state: StateStore): Record<string, WireResponse> {
  return Object.fromEntries([...pendingResponses(state)].map(([id, pending]) => [id, pending.final]));
}

/**
 * Puts restored background responses (`queued`, `in_progress`) back on their way: the polls their status has
 * left, then the answer the snapshot kept (or, from a snapshot without it, the response completed as it stands).
 */
export function resumeBackground(state: StateStore, finals: Record<string, unknown> = {}): void {
  const pending = pendingResponses(state);
  for (const response of state.responses.values() as WireResponse[]) {
    if (response.background !== true || (response.status !== 'queued' && response.status !== 'in_progress')) continue;
    const saved = finals[response.id];
    const final =
      typeof saved === 'object' && saved !== null && (saved as { id?: unknown }).id === response.id
        ? (saved as WireResponse)
        : { ...response, status: 'completed' as const, completed_at: Math.floor(Date.now() / 1000) };
    const polls = pollsFor(state);
    pending.set(response.id, { polls: response.status === 'in_progress' ? polls.filter((poll) => poll === 'in_progress') : polls, final });
  }
}
