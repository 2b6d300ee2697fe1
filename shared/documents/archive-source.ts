// A finished year's class as a document source (the year-end journal and summary sheet printed from
// the archive): the archived periods, class, courses, lessons and period marks, with the students
// placed back in that class as they were at the year's end (their `movements` say who was there).
import type { Course } from '../course';
import type { Lesson } from '../lesson';
import type { Period } from '../period';
import type { PeriodMarks } from '../period-mark';
import type { School } from '../school';
import type { SchoolClass } from '../school-class';
import type { PastYear } from '../school-years';
import type { StaffMember } from '../staff';
import type { Student } from '../student';
import type { DocumentSource } from './source';

const YEAR_END = new Set(['promoted', 'conditional', 'keptBack', 'graduated']);

/**
 * The students of a past year's class at that year's end: those whose year-end movement left it
 * (active in it), and those who left the school from it during the year (status "left"). A student
 * transferred to another class during the year is that class's.
 */
export function studentsOfPastClass(students: readonly Student[], classId: string): Student[] {
  const out: Student[] = [];
  for (const s of students) {
    const moves = (s.movements ?? []).filter((m) => m.fromClassId === classId);
    if (moves.some((m) => YEAR_END.has(m.kind))) {
      out.push({ ...s, classId, status: 'active' });
    } else if (moves.some((m) => m.kind === 'left')) {
      out.push({ ...s, classId, status: 'left' });
    }
  }
  return out;
}

export interface ArchivedClass {
  school: School;
  pastYear: PastYear;
  staff: readonly StaffMember[];
  /** Every student the desktop holds (one identity across years). */
  students: readonly Student[];
  /** The archive route's answers for the year and the class. */
  periods: readonly Period[];
  cls: SchoolClass;
  courses: readonly Course[];
  lessons: readonly Lesson[];
  periodMarks: readonly PeriodMarks[];
}

/** The source the documents read: the school card speaks of the past year, as it did then. */
export function archiveSource(a: ArchivedClass): DocumentSource {
  return {
    school: { ...a.school, year: a.pastYear.year },
    periods: a.periods,
    classes: [a.cls],
    staff: a.staff,
    students: studentsOfPastClass(a.students, a.cls.id),
    courses: a.courses.filter((c) => c.classId === a.cls.id),
    lessons: [...a.lessons].sort((x, y) => x.date.localeCompare(y.date) || x.slot - y.slot),
    periodMarks: a.periodMarks,
    consents: [],
  };
}
