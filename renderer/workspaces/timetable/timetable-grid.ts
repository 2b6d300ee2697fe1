// The timetable editor's grid (weekday × lesson number → one course, or two group courses, with a room) and its conversion to and from a version's cells; the checks shown before saving, keyed by grid slot.
import { bellsFor } from '../../../shared/bells';
import { addDays, isoWeekday } from '../../../shared/dates';
import { timetableId } from '../../../shared/lesson-id';
import type { SetupContext } from '../../../shared/setup/context';
import { replaced } from '../../../shared/setup/context';
import { checkTimetableDocument, conflictsOfChange } from '../../../shared/setup/timetable-checks';
import { compareCells, type Timetable, type TimetableCell } from '../../../shared/timetable';

/** One placed course in a grid slot; courseId '' is an empty choice. */
export interface GridEntry {
  courseId: string;
  room: string;
}

/** "weekday|slot" → the entries of that slot (two for a split subject's groups). */
export type TimetableGrid = Record<string, GridEntry[]>;

export const WEEKDAYS = [1, 2, 3, 4, 5, 6] as const;

export function slotKey(weekday: number, slot: number): string {
  return `${weekday}|${slot}`;
}

export function gridFromCells(cells: readonly TimetableCell[]): TimetableGrid {
  const grid: TimetableGrid = {};
  for (const cell of [...cells].sort(compareCells)) {
    const key = slotKey(cell.weekday, cell.slot);
    (grid[key] ??= []).push({ courseId: cell.courseId, room: cell.room });
  }
  return grid;
}

/**
 * The grid as a version's cells, in grid order: empty choices dropped, rooms trimmed, a course
 * chosen twice in one slot kept once. A cell that was a joint lesson (поток) in `previous` stays one.
 */
export function cellsFromGrid(
  grid: TimetableGrid,
  previous: readonly TimetableCell[] = [],
): TimetableCell[] {
  const joint = new Set(
    previous.filter((c) => c.joint).map((c) => `${slotKey(c.weekday, c.slot)}|${c.courseId}`),
  );
  const out: TimetableCell[] = [];
  for (const [key, entries] of Object.entries(grid)) {
    const [weekday, slot] = key.split('|').map(Number) as [number, number];
    const seen = new Set<string>();
    for (const entry of entries) {
      if (!entry.courseId || seen.has(entry.courseId)) continue;
      seen.add(entry.courseId);
      const cell: TimetableCell = {
        weekday,
        slot,
        courseId: entry.courseId,
        room: entry.room.trim(),
      };
      if (joint.has(`${key}|${entry.courseId}`)) cell.joint = true;
      out.push(cell);
    }
  }
  return out.sort(compareCells);
}

/** The lesson numbers the grid shows: every bell of the school and every slot the cells use (1–7 without bells). */
export function gridSlots(
  school: SetupContext['school'],
  cells: readonly TimetableCell[],
): number[] {
  const slots = new Set<number>(cells.map((c) => c.slot));
  if (school) for (const day of WEEKDAYS) for (const b of bellsFor(school, day)) slots.add(b.slot);
  if (slots.size === 0) for (let s = 1; s <= 7; s += 1) slots.add(s);
  return [...slots].sort((a, b) => a - b);
}

/** The Monday after `today` (a new version's default "действует с"). */
export function nextMonday(today: string): string {
  let day = addDays(today, 1);
  while (isoWeekday(day) !== 1) day = addDays(day, 1);
  return day;
}

export interface VersionDraft {
  classId: string;
  yearId: string;
  validFrom: string;
  name: string;
  cells: TimetableCell[];
}

/** The version document the draft saves as (stamps are the repository's). */
export function versionDocument(draft: VersionDraft): Timetable {
  return {
    id: timetableId(draft.classId, draft.validFrom),
    stamps: {},
    yearId: draft.yearId,
    classId: draft.classId,
    validFrom: draft.validFrom,
    name: draft.name.trim(),
    source: 'manual',
    draft: false,
    cells: draft.cells,
  };
}

export interface VersionReview {
  /** Every reason the version is refused, in Russian; empty = it may be saved. */
  problems: string[];
  /** The same messages by grid slot, for the cells to show. */
  bySlot: Map<string, string[]>;
}

/**
 * The checks the server runs on the pushed version (shared/setup/timetable-checks.ts): its own
 * problems (course of another class, a slot without a bell, a date outside the year), then the
 * conflicts it brings in — a class with two courses in one slot unless groups, a teacher in two
 * places, a room used twice.
 */
export function reviewVersion(doc: Timetable, ctx: SetupContext): VersionReview {
  const bySlot = new Map<string, string[]>();
  const at = (key: string, message: string) => {
    const list = bySlot.get(key);
    if (list) list.push(message);
    else bySlot.set(key, [message]);
  };
  const own = checkTimetableDocument(doc, ctx);
  for (const p of own) {
    const m = /^cells\.(\d+)\./.exec(p.path);
    const cell = m ? doc.cells[Number(m[1])] : undefined;
    if (cell) at(slotKey(cell.weekday, cell.slot), p.message);
  }
  if (own.length > 0) return { problems: own.map((p) => p.message), bySlot };
  const conflicts = conflictsOfChange(ctx.timetables, replaced(ctx.timetables, doc, doc.id), ctx);
  for (const c of conflicts) at(slotKey(c.weekday, c.slot), c.message);
  return { problems: conflicts.map((c) => c.message), bySlot };
}

/** Slots whose courses or rooms differ between two cell lists ("изменено N уроков в неделю"). */
export function changedSlots(
  before: readonly TimetableCell[],
  after: readonly TimetableCell[],
): string[] {
  const a = gridFromCells(before);
  const b = gridFromCells(after);
  const keys = new Set([...Object.keys(a), ...Object.keys(b)]);
  const text = (entries: GridEntry[] | undefined) =>
    (entries ?? []).map((e) => `${e.courseId}@${e.room}`).join(',');
  return [...keys].filter((k) => text(a[k]) !== text(b[k])).sort();
}
