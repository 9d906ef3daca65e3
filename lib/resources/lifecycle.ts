import { bookkeeping } from '../state/bookkeeping.js';
import { stateOf } from '../state/state-of.js';
import type { StateStore } from '../state/state-store.js';

/**
 * How fast the mock's asynchronous objects move through their statuses. Nothing here depends on time:
 * an object moves when it is read, so a test decides exactly what each poll sees, and never sleeps.
 *
 * @example
 * const settings: Lifecycle = lifecycle(openaiMock);
 * settings.batches.retrievesPerStep = 2; // every second batches.retrieve shows the next status
 */
export interface Lifecycle {
  readonly responses: {
    /**
     * How a background response (`background: true`) moves: `create` answers it `queued`; then `queued`
     * retrieves still see `queued`, the next `inProgress` retrieves see `in_progress`, and the retrieve after
     * them sees it settled (`completed`, or the status the test set). Defaults `{ queued: 0, inProgress: 1 }`:
     * create, retrieve, retrieve gives queued, in_progress, completed.
     */
    readonly background: { queued: number; inProgress: number };
  };
  readonly batches: {
    /**
     * How many `batches.retrieve` calls move a batch one status on (`validating` -> `in_progress` ->
     * `finalizing` -> `completed`, or `cancelling` -> `cancelled`). `1` (the default): each retrieve shows the
     * next status. `0`: the batch is already `completed` (or `failed`, or `cancelled`) in the answer that
     * created (or cancelled) it.
     */
    retrievesPerStep: number;
  };
  readonly fineTuning: {
    /**
     * How many `fineTuning.jobs.retrieve` calls move a job one status on (`validating_files` -> `queued` ->
     * `running` -> `succeeded`). `1` (the default): each retrieve shows the next status. `0`: the job has
     * `succeeded` in the answer that created it. A paused job does not move until it is resumed.
     */
    retrievesPerStep: number;
  };
  readonly evals: {
    /**
     * How many `evals.runs.retrieve` calls move a run one status on (`queued` -> `in_progress` ->
     * `completed`). `1` (the default): each retrieve shows the next status. `0`: `completed` when created.
     */
    retrievesPerStep: number;
  };
  readonly videos: {
    /**
     * How many `videos.retrieve` calls move a video one status on (`queued` -> `in_progress` ->
     * `completed`). `1` (the default): each retrieve shows the next status. `0`: `completed` when created.
     */
    retrievesPerStep: number;
  };
  readonly vectorStoreFiles: {
    /**
     * How many later requests about its vector store (retrieving the store, the file or a file batch,
     * listing the store's or a batch's files, searching, updating) a vector-store file stays `in_progress` for. `1` (the default): `in_progress` in
     * the answer that attached it, done from the next request on. `0`: done at once.
     */
    readsToComplete: number;
  };
}

function defaults(): Lifecycle {
  return {
    responses: { background: { queued: 0, inProgress: 1 } },
    batches: { retrievesPerStep: 1 },
    fineTuning: { retrievesPerStep: 1 },
    evals: { retrievesPerStep: 1 },
    videos: { retrievesPerStep: 1 },
    vectorStoreFiles: { readsToComplete: 1 },
  };
}

/**
 * The lifecycle settings of a mock (or of a `StateStore`), to change in place. `openaiMock.reset()` puts
 * them back to the defaults, as it does every other setting.
 *
 * @example
 * lifecycle(openaiMock).batches.retrievesPerStep = 0;          // batches are `completed` as soon as created
 * lifecycle(openaiMock).vectorStoreFiles.readsToComplete = 3;  // files stay `in_progress` for three polls
 * Object.assign(lifecycle(openaiMock).responses.background, { queued: 1, inProgress: 2 });
 */
export function lifecycle(target: { readonly state: StateStore } | StateStore): Lifecycle {
  return settings(stateOf(target));
}

const settings = bookkeeping('lifecycle', defaults);

/** Counts one read of an object that moves `perStep` reads at a time: see {@link readCounter}. */
export type ReadMovesOn = (state: StateStore, id: string, perStep: number) => boolean;

/**
 * The read counter of one kind of object that moves `perStep` reads at a time: each call counts one read of
 * an object and is `true` when this read moves it one step on (its count then starts again). The counts are
 * bookkeeping (see `bookkeeping()`), one per state, so `reset()` drops them.
 *
 * @example
 * const readMovesOn = readCounter('videos.reads');
 * if (readMovesOn(call.state, video.id, perStep)) video = step(video);
 */
export function readCounter(description: string): ReadMovesOn {
  const counts = bookkeeping(description, () => new Map<string, number>());
  return (state, id, perStep) => {
    const reads = counts(state);
    const count = (reads.get(id) ?? 0) + 1;
    reads.set(id, count < perStep ? count : 0);
    return count >= perStep;
  };
}

/** How many steps a counter allows: a non-negative integer, anything else counting as the default. */
export function stepsOf(value: number, fallback = 1): number {
  return Number.isInteger(value) && value >= 0 ? value : fallback;
}
