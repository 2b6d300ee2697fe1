// What the year-transition wizard proposes its plan from, live: every student, course and period
// mark of the local database (the deputy's: the whole school); courses and period marks of the
// current year — before the transition, the year being finished (shared/year-scope.ts).
import { useMemo } from 'react';
import type { MangoQuery } from 'rxdb';
import type { Course } from '../../shared/course';
import type { PeriodMarks } from '../../shared/period-mark';
import type { Student } from '../../shared/student';
import { ofYear, ofYearClasses } from '../../shared/year-scope';
import { useLiveDocuments } from './live-query';
import { useSession } from './session';
import { useYearScope } from './use-year-scope';

export interface YearEndData {
  students: Student[];
  courses: Course[];
  periodMarks: PeriodMarks[];
}

const EVERY_STUDENT: MangoQuery<Student> = {};
const EVERY_COURSE: MangoQuery<Course> = {};
const EVERY_PERIOD_MARKS: MangoQuery<PeriodMarks> = {};

export function useYearEndData(): YearEndData | null {
  const { db } = useSession();
  const students = useLiveDocuments(db.students, EVERY_STUDENT);
  const courses = useLiveDocuments(db.courses, EVERY_COURSE);
  const periodMarks = useLiveDocuments(db.periodMarks, EVERY_PERIOD_MARKS);
  const scope = useYearScope();
  return useMemo(
    () =>
      students && courses && periodMarks && scope
        ? {
            students,
            courses: ofYear(scope, courses),
            periodMarks: ofYearClasses(scope, periodMarks),
          }
        : null,
    [students, courses, periodMarks, scope],
  );
}
