// Live data of one journal page: the course, its class, the students (of the group, if any)
// in alphabetical order, and the period's lessons in journal order.
import { useMemo } from 'react';
import type { Course } from '../../shared/course';
import { compareLessons, type Lesson } from '../../shared/lesson';
import type { Period } from '../../shared/period';
import { compareStudents, type Student } from '../../shared/student';
import { useSession } from '../app/session';
import { useLiveQuery } from '../lib/use-live-query';

export interface CourseJournal {
  students: Student[];
  lessons: Lesson[];
}

export function useCourseJournal(
  course: Course,
  period: Period | undefined,
  groupStudentIds: readonly string[] | null,
): CourseJournal | null {
  const { db } = useSession();
  const { id: courseId, classId } = course;
  const students = useLiveQuery<Student>(
    () => db.students.find({ selector: { classId } }),
    `students:${classId}`,
  );
  const lessons = useLiveQuery<Lesson>(
    () =>
      period
        ? db.lessons.find({
            selector: { courseId, date: { $gte: period.start, $lte: period.end } },
            sort: [{ courseId: 'asc' }, { date: 'asc' }, { slot: 'asc' }],
          })
        : null,
    `lessons:${courseId}:${period?.start ?? ''}:${period?.end ?? ''}`,
  );
  const groupKey = groupStudentIds?.join(',') ?? '*';
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
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [students, groupKey, lessons]);
  const sortedLessons = useMemo(
    () => (lessons ? [...lessons].sort(compareLessons) : null),
    [lessons],
  );
  return useMemo(() => {
    if (!pageStudents || !sortedLessons) return null;
    return { students: pageStudents, lessons: sortedLessons };
  }, [pageStudents, sortedLessons]);
}
