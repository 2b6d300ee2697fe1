// Live data of the class overview for one period: the class's lessons (classId+date index), its
// courses and period marks, its students; and the overview computed from them.
import { useMemo } from 'react';
import type { Course } from '../../../shared/course';
import type { Lesson } from '../../../shared/lesson';
import type { Period } from '../../../shared/period';
import type { PeriodMarks } from '../../../shared/period-mark';
import { classOverview, type ClassOverview } from '../../../shared/reports/class-overview';
import type { SchoolClass } from '../../../shared/school-class';
import { useSession } from '../../app/session';
import type { SchoolData } from '../../journal/use-school-data';
import { useLiveQuery } from '../../lib/use-live-query';
import { missedTooMany } from './overview-risk';
import { useClassStudents } from './use-class-people';

export interface ClassOverviewData {
  overview: ClassOverview;
  lessons: Lesson[];
  courses: Course[];
  /** "courseId|studentId" of students over the allowed share of missed lessons. */
  missedTooMany: Set<string>;
}

export function useClassOverview(
  klass: SchoolClass,
  data: SchoolData,
  period: Period | undefined,
): ClassOverviewData | null {
  const { db } = useSession();
  const classId = klass.id;
  const students = useClassStudents(classId);
  const lessons = useLiveQuery<Lesson>(
    () =>
      period
        ? db.lessons.find({
            selector: { classId, date: { $gte: period.start, $lte: period.end } },
            sort: [{ classId: 'asc' }, { date: 'asc' }],
          })
        : null,
    `overview-lessons:${classId}:${period?.start ?? ''}:${period?.end ?? ''}`,
  );
  const courses = useLiveQuery<Course>(
    () => db.courses.find({ selector: { classId } }),
    `overview-courses:${classId}`,
  );
  const periodMarks = useLiveQuery<PeriodMarks>(
    () => (period ? db.periodMarks.find({ selector: { classId, periodId: period.id } }) : null),
    `overview-marks:${classId}:${period?.id ?? ''}`,
  );
  return useMemo(() => {
    if (!period || !students || !lessons || !courses || !periodMarks) return null;
    const overview = classOverview({
      classId,
      period,
      lessons,
      courses,
      students,
      classes: [...data.classes.values()],
      subjects: data.school.subjects,
      periodMarks,
      policy: data.school.policy,
      codes: data.school.attendanceCodes,
    });
    const missed = missedTooMany(
      lessons,
      overview.students.map((s) => s.studentId),
      data.school.attendanceCodes,
      data.school.policy,
    );
    return { overview, lessons, courses, missedTooMany: missed };
  }, [classId, period, students, lessons, courses, periodMarks, data]);
}
