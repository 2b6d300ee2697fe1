// Live documents of one class through their classId indexes: students (those who left too),
// consents, courses, lessons of a date range, and the period marks of one period.
import { useMemo } from 'react';
import type { MangoQuery } from 'rxdb';
import type { Consent } from '../../shared/consent';
import type { Course } from '../../shared/course';
import type { Lesson } from '../../shared/lesson';
import type { PeriodMarks } from '../../shared/period-mark';
import type { Student } from '../../shared/student';
import { useLiveDocuments } from './live-query';
import { useSession } from './session';

export function useClassStudents(classId: string): Student[] | null {
  const { db } = useSession();
  const query = useMemo((): MangoQuery<Student> => ({ selector: { classId } }), [classId]);
  return useLiveDocuments(db.students, query);
}

export function useClassConsents(classId: string): Consent[] | null {
  const { db } = useSession();
  const query = useMemo((): MangoQuery<Consent> => ({ selector: { classId } }), [classId]);
  return useLiveDocuments(db.consents, query);
}

export function useClassCourses(classId: string): Course[] | null {
  const { db } = useSession();
  const query = useMemo((): MangoQuery<Course> => ({ selector: { classId } }), [classId]);
  return useLiveDocuments(db.courses, query);
}

/** Every lesson of the class in the range (both statuses), through the classId+date index. */
export function useClassLessons(classId: string, start: string, end: string): Lesson[] | null {
  const { db } = useSession();
  const query = useMemo(
    (): MangoQuery<Lesson> => ({
      selector: { classId, date: { $gte: start, $lte: end } },
      sort: [{ classId: 'asc' }, { date: 'asc' }],
    }),
    [classId, start, end],
  );
  return useLiveDocuments(db.lessons, query);
}

export function useClassPeriodMarks(classId: string, periodId: string): PeriodMarks[] | null {
  const { db } = useSession();
  const query = useMemo(
    (): MangoQuery<PeriodMarks> => ({ selector: { classId, periodId } }),
    [classId, periodId],
  );
  return useLiveDocuments(db.periodMarks, query);
}
