// The one place mark entry can be measured from: the grid tells the installed probe when a key
// starts an edit, when the edit is stored and when its cell is on screen. The shipped app installs
// none; the benchmark page (?bench=1, app/bench-hook.ts) installs a timing probe.
export interface EntryProbe {
  started(lessonId: string, studentId: string): void;
  /** `changed` false: the edit was refused or changed nothing, so nothing will be shown. */
  written(lessonId: string, studentId: string, changed: boolean): void;
  /** From a layout effect once the cell's new content is in the DOM. */
  rendered(lessonId: string, studentId: string): void;
}

let installed: EntryProbe | null = null;

export function installEntryProbe(probe: EntryProbe | null): void {
  installed = probe;
}

export function entryProbe(): EntryProbe | null {
  return installed;
}
