// The whole school's documents a deputy's tab needs, live: students, courses, period marks, and the
// lessons of one date range (a period) through the lessons' date-bearing indexes.
import { useMemo } from 'react';
import type { Course } from '../../../shared/course';
import type { Lesson } from '../../../shared/lesson';
import type { PeriodMarks } from '../../../shared/period-mark';
import type { Student } from '../../../shared/student';
import { useSession } from '../../app/session';
import { useLiveQuery } from '../../lib/use-live-query';

export interface SchoolRecords {
  students: Student[];
  courses: Course[];
  periodMarks: PeriodMarks[];
  /** Lessons inside the range only (both statuses). */
  lessons: Lesson[];
}

export function useSchoolRecords(
  range: { start: string; end: string } | null,
): SchoolRecords | null {
  const { db } = useSession();
  const students = useLiveQuery<Student>(() => db.students.find(), 'school:students');
  const courses = useLiveQuery<Course>(() => db.courses.find(), 'school:courses');
  const periodMarks = useLiveQuery<PeriodMarks>(() => db.periodMarks.find(), 'school:periodMarks');
  const lessons = useLiveQuery<Lesson>(
    () =>
      range
        ? db.lessons.find({ selector: { date: { $gte: range.start, $lte: range.end } } })
        : null,
    `school:lessons:${range?.start ?? ''}:${range?.end ?? ''}`,
  );
  return useMemo(
    () =>
      students && courses && periodMarks && lessons
        ? { students, courses, periodMarks, lessons }
        : null,
    [students, courses, periodMarks, lessons],
  );
}
