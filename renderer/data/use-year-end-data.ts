// What the year-transition wizard proposes its plan from, live: every student, course and period
// mark of the local database (the deputy's: the whole school).
import { useMemo } from 'react';
import type { MangoQuery } from 'rxdb';
import type { Course } from '../../shared/course';
import type { PeriodMarks } from '../../shared/period-mark';
import type { Student } from '../../shared/student';
import { useLiveDocuments } from './live-query';
import { useSession } from './session';

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
  return useMemo(
    () => (students && courses && periodMarks ? { students, courses, periodMarks } : null),
    [students, courses, periodMarks],
  );
}
