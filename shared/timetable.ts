// The timetable (расписание): per class a weekly template (weekday × lesson number → course, room), in versions valid from a date.
import { z } from 'zod';
import { DocumentBaseSchema, IdSchema, IsoDateSchema } from './common';
import { SlotSchema, WeekdaySchema } from './bells';

/**
 * One placed lesson of the week. Two or more cells in one weekday and slot are the class's groups
 * (English in two groups); a double lesson is two cells in consecutive slots.
 */
export const TimetableCellSchema = z.object({
  weekday: WeekdaySchema,
  slot: SlotSchema,
  courseId: IdSchema,
  /** "каб. 21", "Спортзал"; '' when the timetable names no room. */
  room: z.string().trim().max(20, 'Название кабинета не длиннее 20 знаков'),
  /**
   * Held together with other classes (поток: one teacher, one subject, one room for several
   * classes at once, as aSc Timetables writes a lesson of several classes). Absent = no.
   */
  joint: z.boolean().optional(),
});
export type TimetableCell = z.infer<typeof TimetableCellSchema>;

export const TimetableSourceSchema = z.enum(['manual', 'asc', 'table', 'demo']);
export type TimetableSource = z.infer<typeof TimetableSourceSchema>;

/**
 * One class's timetable from `validFrom` on. The version with the latest `validFrom` not after a
 * date is the one in force that day: a version from 15 January replaces the rest of the year, and
 * the older one stays (history, and the lessons before 15 January). Id: timetableId(classId,
 * validFrom) in shared/lesson-id.ts. yearId, classId and validFrom are fixed at creation.
 */
export const TimetableSchema = DocumentBaseSchema.extend({
  yearId: IdSchema,
  classId: IdSchema,
  validFrom: IsoDateSchema,
  /** "Основное расписание", "С 15 января" */
  name: z.string().trim().max(80, 'Не длиннее 80 знаков'),
  source: TimetableSourceSchema,
  /** A draft (next year's copy, a version being prepared) generates no lessons and is not in force. */
  draft: z.boolean(),
  cells: z.array(TimetableCellSchema).max(160, 'Не больше 160 уроков в неделю'),
});
export type Timetable = z.infer<typeof TimetableSchema>;

/** The class's version in force on the date (drafts and other years never are). */
export function timetableAt(
  versions: readonly Timetable[],
  classId: string,
  yearId: string,
  date: string,
): Timetable | undefined {
  let best: Timetable | undefined;
  for (const v of versions) {
    if (v.classId !== classId || v.yearId !== yearId || v.draft || v.validFrom > date) continue;
    if (!best || v.validFrom > best.validFrom) best = v;
  }
  return best;
}

/** The class's versions in force, oldest first. */
export function versionsOfClass(
  versions: readonly Timetable[],
  classId: string,
  yearId: string,
): Timetable[] {
  return versions
    .filter((v) => v.classId === classId && v.yearId === yearId && !v.draft)
    .sort((a, b) => (a.validFrom < b.validFrom ? -1 : a.validFrom > b.validFrom ? 1 : 0));
}

/** Cells in grid order: weekday, slot, course. */
export function compareCells(a: TimetableCell, b: TimetableCell): number {
  return (
    a.weekday - b.weekday ||
    a.slot - b.slot ||
    (a.courseId < b.courseId ? -1 : a.courseId > b.courseId ? 1 : 0)
  );
}
