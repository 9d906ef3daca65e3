// The state file of a served mock (`--state FILE`, `stateFile`): read at start, checked writable at start, and
// written atomically (a whole new file renamed over the old one, so no reader ever sees half of it) on demand and
// when the server stops.
import { randomBytes } from 'node:crypto';
import { constants } from 'node:fs';
import { access, open, readFile, rename, rm, stat } from 'node:fs/promises';
import path from 'node:path';
import type { StateStore } from '../state/state-store.js';
import { restoreState, snapshotState } from './state-snapshot.js';

/**
 * A state file that cannot be read, restored or written; its message names the file.
 *
 * @example
 * try { await startServer(openaiMock, { stateFile: 'state.json' }); } catch (error) { if (error instanceof StateFileError) console.error(error.message); }
 */
export class StateFileError extends Error {
  /** The file, as given. */
  readonly file: string;

  constructor(file: string, message: string, options?: ErrorOptions) {
    super(message, options);
    this.name = 'StateFileError';
    this.file = file;
  }
}

function reasonOf(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

/**
 * Restores a state from its file when the file exists; `false` when it does not yet. Throws a
 * {@link StateFileError} naming the file when it is not JSON or not a snapshot (the state is then left as it was).
 *
 * @example
 * await loadStateFile('state.json', openaiMock.state);
 */
export async function loadStateFile(file: string, state: StateStore): Promise<boolean> {
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return false;
    throw new StateFileError(file, `openai-responses: cannot read the state file ${file}: ${reasonOf(error)}`, { cause: error });
  }
  let snapshot: unknown;
  try {
    snapshot = JSON.parse(text);
  } catch (error) {
    throw new StateFileError(file, `openai-responses: the state file ${file} is not valid JSON (${reasonOf(error)}). Fix it or delete it to start empty.`, { cause: error });
  }
  try {
    restoreState(state, snapshot);
  } catch (error) {
    throw new StateFileError(file, `openai-responses: the state file ${file} is not a state snapshot: ${reasonOf(error)}`, { cause: error });
  }
  return true;
}

/**
 * Checks at start that the state file can be written where it is (its folder exists and takes a new file, and the
 * file itself, if it exists, is not read-only), so a bad path fails now and not when the server stops.
 *
 * @example
 * await checkStateFileWritable('state/mock.json');
 */
export async function checkStateFileWritable(file: string): Promise<void> {
  const folder = path.dirname(path.resolve(file));
  try {
    const info = await stat(folder);
    if (!info.isDirectory()) throw new Error(`${folder} is not a folder`);
    await access(folder, constants.W_OK);
    const existing = await stat(file).catch(() => undefined);
    if (existing?.isDirectory()) throw new Error(`${file} is a folder`);
    if (existing) await access(file, constants.W_OK);
    // A real write: permissions can say yes where the file system says no (read-only mounts).
    const probe = temporaryName(file);
    await (await open(probe, 'wx')).close();
    await rm(probe, { force: true });
  } catch (error) {
    throw new StateFileError(file, `openai-responses: cannot write the state file ${file}: ${reasonOf(error)}`, { cause: error });
  }
}

function temporaryName(file: string): string {
  const resolved = path.resolve(file);
  return path.join(path.dirname(resolved), `.${path.basename(resolved)}.${process.pid}.${randomBytes(4).toString('hex')}.tmp`);
}

/**
 * Writes a state's snapshot to a file atomically: to a new file beside it, flushed to disk, then renamed over it.
 * Concurrent saves of one writer go one after the other (see {@link stateFileWriter}).
 *
 * @example
 * await writeStateFile('state.json', openaiMock.state);
 */
export async function writeStateFile(file: string, state: StateStore): Promise<void> {
  const bytes = JSON.stringify(snapshotState(state));
  const temporary = temporaryName(file);
  try {
    const handle = await open(temporary, 'wx');
    try {
      await handle.writeFile(bytes, 'utf8');
      await handle.sync();
    } finally {
      await handle.close();
    }
    await rename(temporary, file);
  } catch (error) {
    await rm(temporary, { force: true }).catch(() => undefined);
    throw new StateFileError(file, `openai-responses: cannot write the state file ${file}: ${reasonOf(error)}`, { cause: error });
  }
}

/**
 * Saves of one state to one file, one at a time, each writing the state as it is when its turn comes.
 *
 * @example
 * const save = stateFileWriter('state.json', openaiMock.state);
 * await save();
 */
export function stateFileWriter(file: string, state: StateStore): () => Promise<void> {
  let queue: Promise<unknown> = Promise.resolve();
  return () => {
    const saved = queue.then(() => writeStateFile(file, state));
    queue = saved.catch(() => undefined);
    return saved;
  };
}
