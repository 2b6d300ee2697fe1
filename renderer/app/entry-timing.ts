// Keypress → stored → shown timings of mark entry for bench/entry.ts: the probe the benchmark page
// installs into the grid (journal/entry-probe.ts). Loaded only with ?bench=1.
import type { EntryProbe } from '../journal/entry-probe';

interface Pending {
  start: number;
  written: boolean;
  rendered: boolean;
}

export interface EntryTiming extends EntryProbe {
  /** ms from keypress to the cell on screen with the edit stored, per finished entry. */
  readonly samples: number[];
  pendingCount(): number;
}

export function createEntryTiming(): EntryTiming {
  const pending = new Map<string, Pending>();
  const samples: number[] = [];
  const keyOf = (lessonId: string, studentId: string) => `${lessonId}|${studentId}`;
  const finish = (key: string, p: Pending): void => {
    if (p.written && p.rendered) {
      samples.push(performance.now() - p.start);
      pending.delete(key);
    }
  };
  return {
    samples,
    pendingCount: () => pending.size,
    started(lessonId, studentId) {
      pending.set(keyOf(lessonId, studentId), {
        start: performance.now(),
        written: false,
        rendered: false,
      });
    },
    written(lessonId, studentId, changed) {
      const key = keyOf(lessonId, studentId);
      const p = pending.get(key);
      if (p && !changed) pending.delete(key);
      else if (p) {
        p.written = true;
        finish(key, p);
      }
    },
    rendered(lessonId, studentId) {
      const key = keyOf(lessonId, studentId);
      const p = pending.get(key);
      if (p) {
        p.rendered = true;
        finish(key, p);
      }
    },
  };
}
