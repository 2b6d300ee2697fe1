// Which parts of one document to undo: walks the document's audit rows from the first compromised
// write on, part by part. Pure, so the rules are easy to test and to read:
//   - a part whose last write is compromised goes back to its value before the compromised run
//     (the value the last legitimate writer left, or the one before `since`);
//   - a part someone else wrote after the compromised write stays as they left it (kept);
//   - a part already undone by an earlier marking (a `revert` row came after) is not touched again.
import type { DocState } from '../sync/collections';
import { getPart, type Stamped } from '../../shared/merge';

export interface AuditRow {
  seq: number;
  at: string | null;
  /** 'write', 'import' or 'revert' (a part undone by a compromise marking). */
  kind: string;
  login: string | null;
  name: string | null;
  deviceId: string | null;
  deviceName: string | null;
  before: DocState | null;
  after: DocState;
  parts: { path: string; before: unknown; after: unknown }[] | null;
  /** Written with the compromised account at or after `since`. */
  compromised: boolean;
}

/** One part changed by one audit row. `_deleted` is a pseudo part (deletion and restoring). */
export interface PartChange {
  path: string;
  before: unknown;
  after: unknown;
}

export interface BadWrite {
  row: AuditRow;
  change: PartChange;
}

export interface PartRevert {
  path: string;
  /** The value to restore; `created` means the part did not exist before (a new document). */
  restore: { value: unknown; created: boolean };
  /** The compromised writes being undone, oldest first. */
  writes: BadWrite[];
}

export interface PartKept {
  path: string;
  writes: BadWrite[];
  /** The later write by someone else that stays. */
  by: AuditRow;
  keptValue: unknown;
}

export interface DocumentPlan {
  reverts: PartRevert[];
  kept: PartKept[];
  alreadyUndone: number;
  /** The compromised account created this document (its first row is a compromised creation). */
  createdBy: AuditRow | null;
}

function stampPaths(state: DocState): string[] {
  const stamps = state.stamps;
  return stamps && typeof stamps === 'object' ? Object.keys(stamps) : [];
}

/** The parts one audit row changed. */
export function changesOf(row: AuditRow): PartChange[] {
  const out: PartChange[] = [];
  const after = row.after as unknown as Stamped;
  if (row.before === null) {
    for (const path of stampPaths(row.after)) {
      out.push({ path, before: undefined, after: getPart(after, path) ?? null });
    }
  } else {
    for (const p of row.parts ?? []) {
      if (p.path !== '_deleted') out.push({ path: p.path, before: p.before, after: p.after });
    }
  }
  const wasDeleted = row.before?._deleted === true;
  if (row.before !== null && wasDeleted !== (row.after._deleted === true)) {
    out.push({ path: '_deleted', before: wasDeleted, after: row.after._deleted === true });
  }
  return out;
}

interface Track {
  run: BadWrite[];
  restore: { value: unknown; created: boolean } | null;
}

/** `rows`: the document's audit rows with a seq, in seq order, from the first compromised one. */
export function planDocument(rows: readonly AuditRow[]): DocumentPlan {
  const tracks = new Map<string, Track>();
  const kept: PartKept[] = [];
  let alreadyUndone = 0;
  const first = rows[0];
  const createdBy = first && first.compromised && first.before === null ? first : null;

  for (const row of rows) {
    for (const change of changesOf(row)) {
      let track = tracks.get(change.path);
      if (!track) {
        track = { run: [], restore: null };
        tracks.set(change.path, track);
      }
      if (row.compromised && row.kind === 'write') {
        if (track.run.length === 0) {
          track.restore = { value: change.before ?? null, created: row.before === null };
        }
        track.run.push({ row, change });
      } else if (track.run.length > 0) {
        if (row.kind === 'revert') alreadyUndone += track.run.length;
        else kept.push({ path: change.path, writes: track.run, by: row, keptValue: change.after });
        track.run = [];
        track.restore = null;
      }
    }
  }

  const reverts: PartRevert[] = [];
  for (const [path, track] of tracks) {
    if (track.run.length > 0 && track.restore) {
      reverts.push({ path, restore: track.restore, writes: track.run });
    }
  }
  reverts.sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0));
  return { reverts, kept, alreadyUndone, createdBy };
}
