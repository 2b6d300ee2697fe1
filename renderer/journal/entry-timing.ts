// Keypress → stored → shown timings for the entry benchmark. Inert unless the page was opened
// with ?bench=1, so the shipped app pays one boolean check per keystroke.
const enabled =
  typeof location !== 'undefined' && new URLSearchParams(location.search).has('bench');

interface Pending {
  start: number;
  written: boolean;
  rendered: boolean;
}

const pending = new Map<string, Pending>();
const samples: number[] = [];

function finish(key: string, p: Pending): void {
  if (p.written && p.rendered) {
    samples.push(performance.now() - p.start);
    pending.delete(key);
  }
}

export const entryTiming = {
  enabled,
  samples,
  pendingCount: () => pending.size,
  start(lessonId: string, studentId: string): string {
    const key = `${lessonId}|${studentId}`;
    if (enabled) pending.set(key, { start: performance.now(), written: false, rendered: false });
    return key;
  },
  /** `changed` false: the edit was refused or changed nothing, so nothing will be shown. */
  written(key: string, changed = true): void {
    const p = enabled ? pending.get(key) : undefined;
    if (p && !changed) pending.delete(key);
    else if (p) {
      p.written = true;
      finish(key, p);
    }
  },
  /** Called from a layout effect once the changed cell is in the DOM. */
  rendered(key: string): void {
    const p = enabled ? pending.get(key) : undefined;
    if (p) {
      p.rendered = true;
      finish(key, p);
    }
  },
};
