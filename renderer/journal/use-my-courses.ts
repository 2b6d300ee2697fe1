// The courses a staff member opens: the ones they teach, plus courses where they held a substitution.
// A deputy (who reads every class) gets every course.
import { useMemo } from 'react';
import type { Course } from '../../shared/course';
import type { Lesson } from '../../shared/lesson';
import { useSession } from '../app/session';
import { useLiveQuery } from '../lib/use-live-query';

export interface MyCourse {
  course: Course;
  /** Only substitutions: the staff member held some lessons of another teacher's course. */
  substitute: boolean;
}

export function useMyCourses(allCourses: boolean): MyCourse[] | null {
  const { db, staffId } = useSession();
  const own = useLiveQuery(
    () => (allCourses ? db.courses.find() : db.courses.find({ selector: { teacherId: staffId } })),
    `courses:${allCourses ? '*' : staffId}`,
  );
  const held = useLiveQuery<Lesson>(
    () => (allCourses ? null : db.lessons.find({ selector: { teacherId: staffId } })),
    `held:${staffId}`,
  );
  const substitutedIds = useMemo(() => {
    const ids = new Set<string>();
    for (const lesson of held ?? []) ids.add(lesson.courseId);
    return [...ids].sort();
  }, [held]);
  const substituted = useLiveQuery(
    () =>
      substitutedIds.length ? db.courses.find({ selector: { id: { $in: substitutedIds } } }) : null,
    `subst:${substitutedIds.join(',')}`,
  );
  return useMemo(() => {
    if (!own) return null;
    const result: MyCourse[] = own.map((course) => ({ course, substitute: false }));
    const ownIds = new Set(own.map((c) => c.id));
    for (const course of substituted ?? []) {
      if (!ownIds.has(course.id)) result.push({ course, substitute: true });
    }
    return result;
  }, [own, substituted]);
}
