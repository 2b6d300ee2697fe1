// What the set-up checks read besides the document itself: the school's other set-up documents.
import { shortName } from '../common';
import type { Course } from '../course';
import type { Period } from '../period';
import type { School } from '../school';
import type { SchoolClass } from '../school-class';
import type { StaffMember } from '../staff';
import type { Timetable } from '../timetable';
import type { ConflictNames } from '../timetable-conflicts';

export interface SetupContext {
  school: School | null;
  periods: readonly Period[];
  classes: readonly SchoolClass[];
  staff: readonly Pick<StaffMember, 'id' | 'lastName' | 'firstName' | 'middleName' | 'active'>[];
  courses: readonly Course[];
  timetables: readonly Timetable[];
}

/** Class, teacher and subject names for messages (ids where a document is missing). */
export function namesOf(ctx: SetupContext): ConflictNames {
  const classes = new Map(ctx.classes.map((c) => [c.id, c.name]));
  const staff = new Map(ctx.staff.map((s) => [s.id, shortName(s)]));
  const subjects = new Map((ctx.school?.subjects ?? []).map((s) => [s.id, s.name]));
  return {
    className: (id) => classes.get(id) ?? id,
    teacherName: (id) => staff.get(id) ?? id,
    subjectName: (id) => subjects.get(id) ?? id,
  };
}

/** The same list with `doc` in place of the document with its id (or added). */
export function replaced<T extends { id: string }>(
  list: readonly T[],
  doc: T | null,
  id: string,
): T[] {
  const out = list.filter((d) => d.id !== id);
  if (doc) out.push(doc);
  return out;
}
