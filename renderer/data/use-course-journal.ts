// Live data of one course in one period (a journal page, a period-marks page): the students (of
// the group, if any) in alphabetical order, and the period's lessons in journal order.
import { useMemo } from 'react';
import type { MangoQuery } from 'rxdb';
import type { Course } from '../../shared/course';
import { compareLessons, type Lesson } from '../../shared/lesson';
import type { Period } from '../../shared/period';
import { compareStudents, type Student } from '../../shared/student';
import { useClassStudents } from './use-class';
import { useLiveDocuments } from './live-query';
import { useSession } from './session';

export interface CourseJournal {
  students: Student[];
  lessons: Lesson[];
}

/** A course's lessons in a date range, through the courseId+date index. */
export function useCourseLessons(courseId: string, start: string, end: string): Lesson[] | null {
  const { db } = useSession();
  const query = useMemo(
    (): MangoQuery<Lesson> => ({
      selector: { courseId, date: { $gte: start, $lte: end } },
      sort: [{ courseId: 'asc' }, { date: 'asc' }, { slot: 'asc' }],
    }),
    [courseId, start, end],
  );
  return useLiveDocuments(db.lessons, query);
}

/** Keyed on the course and the period by its caller: neither changes while it is mounted. */
export function useCourseJournal(
  course: Pick<Course, 'id' | 'classId'>,
  period: Pick<Period, 'start' | 'end'>,
  groupStudentIds: readonly string[] | null,
): CourseJournal | null {
  const students = useClassStudents(course.classId);
  const lessons = useCourseLessons(course.id, period.start, period.end);
  const pageStudents = useMemo(() => {
    if (!students) return null;
    const inGroup = groupStudentIds ? new Set(groupStudentIds) : null;
    const withEntries = new Set<string>();
    for (const lesson of lessons ?? [])
      for (const id of Object.keys(lesson.entries)) withEntries.add(id);
    // A student who left keeps their page rows while they have marks or absences in the period.
    return students
      .filter(
        (s) => (!inGroup || inGroup.has(s.id)) && (s.status === 'active' || withEntries.has(s.id)),
      )
      .sort(compareStudents);
  }, [students, groupStudentIds, lessons]);
  const sortedLessons = useMemo(
    () => (lessons ? [...lessons].sort(compareLessons) : null),
    [lessons],
  );
  return useMemo(() => {
    if (!pageStudents || !sortedLessons) return null;
    return { students: pageStudents, lessons: sortedLessons };
  }, [pageStudents, sortedLessons]);
}
