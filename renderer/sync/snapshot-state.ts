// A first download's progress per collection (kept in the database's local documents, so a cut
// resumes where it stopped) and where the collection's replication starts after it.
import type { JournalDatabase } from '../db/types';
import type { Checkpoint } from '../../shared/sync-wire';
import type { ForkCheckpoint } from './replication';

/** The progress of one collection's snapshot, kept in a local document as it goes. */
export interface SnapshotState {
  serverUrl: string;
  collection: string;
  /** The plan's checkpoint: the snapshot holds every readable document up to it. */
  checkpoint: Checkpoint;
  /** Documents the plan announced. */
  total: number;
  /** The server's position: the next request asks for what comes after it. */
  after: number;
  /** Documents written into the collection so far. */
  stored: number;
  /** `_meta.lwt` of every document the snapshot writes (taken before the first one). */
  lwt: number;
  /** The highest id written (with `lwt`, the local position the push starts after). */
  maxId: string;
  /** All of it is in (or the scope changed and replication takes over from `checkpoint`). */
  complete: boolean;
}

/** Where the collection's replication starts after its snapshot. */
export interface InitialCheckpoints {
  pull: Checkpoint;
  push: ForkCheckpoint;
}

/** Writes of the snapshot: like the replication's own, they are not local edits to push. */
export const SNAPSHOT_WRITE_CONTEXT = 'replication-snapshot';

const stateKey = (collection: string) => `first-download-${collection}`;

/** Where the states are kept: the database's local documents (not replicated). */
export type LocalStore = Pick<JournalDatabase, 'getLocal' | 'upsertLocal'>;

export async function readSnapshotState(
  db: LocalStore,
  collection: string,
): Promise<SnapshotState | null> {
  const doc = await db.getLocal<SnapshotState>(stateKey(collection));
  return doc ? (doc.toJSON().data as SnapshotState) : null;
}

export async function saveState(db: LocalStore, state: SnapshotState): Promise<void> {
  await db.upsertLocal<SnapshotState>(stateKey(state.collection), state);
}

/**
 * Where the push starts: after every snapshot document. They all have `_meta.lwt` = `state.lwt`,
 * and every later write of this database has a larger one (RxDB's `now()` is strictly
 * increasing, in steps of 0.01 ms), so the position half a step above it leaves them out by the
 * storage's `[_meta.lwt+id]` index range itself. `{ lwt, id: maxId }` meant the same documents but
 * made the push's first look read every one of them (the range starts at the lwt, the id is
 * filtered after reading): ~38,000 lessons read back from IndexedDB once the download was done.
 */
function pushStart(state: SnapshotState): ForkCheckpoint {
  return { id: state.maxId, lwt: state.lwt + 0.005 };
}

export function initialCheckpoints(state: SnapshotState): InitialCheckpoints {
  return { pull: state.checkpoint, push: pushStart(state) };
}

/**
 * For a snapshot left unfinished (the download failed for good): the replication pulls from the
 * beginning, but still does not push back the documents the snapshot stored.
 */
export function unfinishedCheckpoints(state: SnapshotState): { push: ForkCheckpoint } {
  return { push: pushStart(state) };
}
