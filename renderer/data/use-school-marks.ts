// The whole school's students, courses and period marks, live, without any lessons: what period-mark
// completion needs (the deputy's check before closing a period).
import { useMemo } from 'react';
import type { MangoQuery } from 'rxdb';
import type { Course } from '../../shared/course';
import type { PeriodMarks } from '../../shared/period-mark';
import type { Student } from '../../shared/student';
import { useLiveDocuments } from './live-query';
import { useSession } from './session';
import { EVERY_COURSE } from './use-school-records';

export interface SchoolMarks {
  students: Student[];
  courses: Course[];
  periodMarks: PeriodMarks[];
}

const EVERY_STUDENT: MangoQuery<Student> = {};
const EVERY_PERIOD_MARKS: MangoQuery<PeriodMarks> = {};

export function useSchoolMarks(): SchoolMarks | null {
  const { db } = useSession();
  const students = useLiveDocuments(db.students, EVERY_STUDENT);
  const courses = useLiveDocuments(db.courses, EVERY_COURSE);
  const periodMarks = useLiveDocuments(db.periodMarks, EVERY_PERIOD_MARKS);
  return useMemo(
    () => (students && courses && periodMarks ? { students, courses, periodMarks } : null),
    [students, courses, periodMarks],
  );
}
