import type { StateStore } from '../state/state-store.js';
import { pendingFinals, resumeBackground } from './responses/background.js';
import { batchMembership, resumeVectorStores } from './vector-stores/books.js';

/**
 * Work under way that its API objects alone do not tell: the answers background responses will settle as, and
 * which files each vector-store file batch holds. A state snapshot keeps it beside the objects.
 *
 * @example
 * const work: InFlightWork = inFlightWork(openaiMock.state);
 */
export interface InFlightWork {
  /** The final answers of background responses still `queued` or `in_progress`, by id. */
  readonly responses: Record<string, unknown>;
  /** The file ids of each vector-store file batch, by `vectorStoreId/batchId`. */
  readonly fileBatches: Record<string, unknown>;
}

/**
 * The work under way in a state, as JSON (see {@link InFlightWork}).
 *
 * @example
 * JSON.stringify(inFlightWork(state));
 */
export function inFlightWork(state: StateStore): InFlightWork {
  return { responses: pendingFinals(state), fileBatches: batchMembership(state) };
}

/**
 * After a state is restored from a snapshot: puts every restored object back on its way, from where it stands
 * (vector-store files `in_progress` process over the next reads, background responses `queued` or `in_progress`
 * settle over the next retrieves). Runs and batches move on from their status alone.
 *
 * @example
 * restoreState(openaiMock.state, snapshot); // calls resumeRestored(state, snapshot.inFlight)
 */
export function resumeRestored(state: StateStore, work: unknown): void {
  const saved = typeof work === 'object' && work !== null ? (work as Partial<Record<keyof InFlightWork, unknown>>) : {};
  const record = (value: unknown): Record<string, unknown> => (typeof value === 'object' && value !== null && !Array.isArray(value) ? (value as Record<string, unknown>) : {});
  resumeVectorStores(state, record(saved.fileBatches));
  resumeBackground(state, record(saved.responses));
}
