// The whole school's documents a deputy's tab needs, live: students, courses, period marks, and the
// lessons of one date range (a period) through the lessons' date-bearing indexes; courses, period
// marks and lessons of the current year only (shared/year-scope.ts).
import { useMemo } from 'react';
import type { MangoQuery } from 'rxdb';
import type { Course } from '../../shared/course';
import type { Lesson } from '../../shared/lesson';
import type { PeriodMarks } from '../../shared/period-mark';
import type { Student } from '../../shared/student';
import { ofYear, ofYearClasses } from '../../shared/year-scope';
import { useLiveDocuments } from './live-query';
import { useSession } from './session';
import { useYearScope } from './use-year-scope';

export interface SchoolRecords {
  students: Student[];
  courses: Course[];
  periodMarks: PeriodMarks[];
  /** Lessons inside the range only (both statuses). */
  lessons: Lesson[];
}

const EVERY_STUDENT: MangoQuery<Student> = {};
const EVERY_PERIOD_MARKS: MangoQuery<PeriodMarks> = {};

/** Every course of the local database (the deputy's: the whole school). */
export const EVERY_COURSE: MangoQuery<Course> = {};

/** Keyed on the range by its caller: the range does not change while it is mounted. */
export function useSchoolRecords(start: string, end: string): SchoolRecords | null {
  const { db } = useSession();
  const students = useLiveDocuments(db.students, EVERY_STUDENT);
  const courses = useLiveDocuments(db.courses, EVERY_COURSE);
  const periodMarks = useLiveDocuments(db.periodMarks, EVERY_PERIOD_MARKS);
  const lessonsQuery = useMemo(
    (): MangoQuery<Lesson> => ({ selector: { date: { $gte: start, $lte: end } } }),
    [start, end],
  );
  const lessons = useLiveDocuments(db.lessons, lessonsQuery);
  const scope = useYearScope();
  return useMemo(
    () =>
      students && courses && periodMarks && lessons && scope
        ? {
            students,
            courses: ofYear(scope, courses),
            periodMarks: ofYearClasses(scope, periodMarks),
            lessons: ofYearClasses(scope, lessons),
          }
        : null,
    [students, courses, periodMarks, lessons, scope],
  );
}
