import { type InFlightWork, inFlightWork, resumeRestored } from '../resources/in-flight.js';
import { ResourceStore } from '../state/resource-store.js';
import { FileStore, StateStore, walkStores } from '../state/state-store.js';

/**
 * The objects of a `StateStore` as plain JSON: every store by its dotted path (`files`, `vectorStores.files`),
 * child stores by parent id, and file bytes in base64. What `serve --state file.json` reads and writes.
 *
 * @example
 * const snapshot: StateSnapshot = snapshotState(openaiMock.state);
 * restoreState(new OpenAIMock().state, snapshot);
 */
export interface StateSnapshot {
  readonly version: 1;
  /** Top-level stores: their objects, oldest first. */
  readonly stores: Record<string, unknown[]>;
  /** Child stores: their objects by parent id. */
  readonly children: Record<string, Record<string, unknown[]>>;
  /** File bytes by file id, base64. */
  readonly fileContents: Record<string, string>;
  /** Work under way the objects do not tell (background responses' answers, file batches' members); optional. */
  readonly inFlight?: InFlightWork;
}

/**
 * Takes a JSON snapshot of every object in the state, and of the work under way the objects do not tell (what a
 * background response will answer, which files a file batch holds). Other bookkeeping (a run's script, a batch's
 * progress) is not in it: restored objects move on from where they stand.
 *
 * @example
 * await writeFile('state.json', JSON.stringify(snapshotState(openaiMock.state)));
 */
export function snapshotState(state: StateStore): StateSnapshot {
  const stores: Record<string, unknown[]> = {};
  const children: Record<string, Record<string, unknown[]>> = {};
  const fileContents: Record<string, string> = {};
  walkStores(state.allGroups(), '', (path, store) => {
    if (store instanceof ResourceStore) {
      stores[path] = store.values();
      if (store instanceof FileStore) for (const [id, bytes] of store.content) fileContents[id] = Buffer.from(bytes).toString('base64');
    } else {
      const byParent: Record<string, unknown[]> = {};
      for (const [parentId, childStore] of store.entries()) if (childStore.size > 0) byParent[parentId] = childStore.values();
      children[path] = byParent;
    }
  });
  return { version: 1, stores, children, fileContents, inFlight: inFlightWork(state) };
}

/** Why a snapshot cannot be read. */
class SnapshotError extends Error {}

function isSnapshot(value: unknown): value is StateSnapshot {
  if (typeof value !== 'object' || value === null) return false;
  const { version, stores, children, fileContents } = value as Record<string, unknown>;
  return version === 1 && typeof stores === 'object' && stores !== null && typeof children === 'object' && children !== null && typeof fileContents === 'object' && fileContents !== null;
}

/**
 * Replaces the state's objects with a snapshot's (the state is cleared first), and puts them back on their way:
 * a vector-store file `in_progress` processes, a queued background response settles, as if never saved. Throws on
 * anything that is not a snapshot {@link snapshotState} wrote, before changing the state.
 *
 * @example
 * restoreState(openaiMock.state, JSON.parse(await readFile('state.json', 'utf8')));
 */
export function restoreState(state: StateStore, snapshot: unknown): void {
  if (!isSnapshot(snapshot)) throw new SnapshotError('Not a state snapshot of openai-responses (expected { version: 1, stores, children, fileContents }).');
  // A trial in a state of its own first: a snapshot that cannot be restored leaves the state as it was.
  try {
    fill(new StateStore(), snapshot);
  } catch (error) {
    throw new SnapshotError(`The snapshot cannot be restored: ${error instanceof Error ? error.message : String(error)}`, { cause: error });
  }
  fill(state, snapshot);
}

function fill(state: StateStore, snapshot: StateSnapshot): void {
  state.clear();
  const list = (value: unknown): unknown[] => (Array.isArray(value) ? value : []);
  walkStores(state.allGroups(), '', (path, store) => {
    if (store instanceof ResourceStore) {
      for (const item of list(snapshot.stores[path])) if (hasId(item)) store.put(item);
      if (store instanceof FileStore) {
        for (const [id, base64] of Object.entries(snapshot.fileContents)) if (typeof base64 === 'string') store.content.set(id, new Uint8Array(Buffer.from(base64, 'base64')));
      }
    } else {
      const byParent = snapshot.children[path];
      for (const [parentId, items] of Object.entries(typeof byParent === 'object' && byParent !== null ? byParent : {})) {
        for (const item of list(items)) if (hasId(item)) store.of(parentId).put(item);
      }
    }
  });
  resumeRestored(state, snapshot.inFlight);
}

function hasId(item: unknown): item is { id: string } {
  return typeof item === 'object' && item !== null && typeof (item as { id?: unknown }).id === 'string';
}
