// Live data of the class overview for one period: the class's lessons (classId+date index), its
// courses and period marks, its students; and the overview computed from them.
import { useMemo } from 'react';
import type { Course } from '../../../shared/course';
import type { Lesson } from '../../../shared/lesson';
import type { Period } from '../../../shared/period';
import { classOverview, type ClassOverview } from '../../../shared/reports/class-overview';
import type { SchoolClass } from '../../../shared/school-class';
import {
  useClassCourses,
  useClassLessons,
  useClassPeriodMarks,
  useClassStudents,
} from '../../data/use-class';
import type { SchoolData } from '../../data/use-school-data';
import { missedTooMany } from './overview-risk';

export interface ClassOverviewData {
  overview: ClassOverview;
  lessons: Lesson[];
  courses: Course[];
  /** "courseId|studentId" of students over the allowed share of missed lessons. */
  missedTooMany: Set<string>;
}

/** Keyed on the class and the period by its caller: neither changes while it is mounted. */
export function useClassOverview(
  klass: SchoolClass,
  data: SchoolData,
  period: Period,
): ClassOverviewData | null {
  const classId = klass.id;
  const students = useClassStudents(classId);
  const lessons = useClassLessons(classId, period.start, period.end);
  const courses = useClassCourses(classId);
  const periodMarks = useClassPeriodMarks(classId, period.id);
  return useMemo(() => {
    if (!students || !lessons || !courses || !periodMarks) return null;
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
