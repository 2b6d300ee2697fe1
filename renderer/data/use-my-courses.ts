// The courses a staff member opens: the ones they teach, plus courses where they hold a substitution.
// A deputy (who reads every class) gets every course. The current year's only.
import { useMemo } from 'react';
import type { MangoQuery } from 'rxdb';
import type { Course } from '../../shared/course';
import type { Lesson } from '../../shared/lesson';
import { ofYear } from '../../shared/year-scope';
import { useLiveDocuments } from './live-query';
import { useSession } from './session';
import { EVERY_COURSE } from './use-school-records';
import { useYearScope } from './use-year-scope';

export interface MyCourse {
  course: Course;
  /** Only substitutions: the staff member holds some lessons of another teacher's course. */
  substitute: boolean;
}

/** Every lesson a staff member holds (their own and their substitutions), through teacherId+date. */
export function useLessonsHeldBy(staffId: string): Lesson[] | null {
  const { db } = useSession();
  const query = useMemo((): MangoQuery<Lesson> => ({ selector: { teacherId: staffId } }), [staffId]);
  return useLiveDocuments(db.lessons, query);
}

export function useMyCourses(allCourses: boolean): MyCourse[] | null {
  const { db, staffId } = useSession();
  const everyCourse = useLiveDocuments(db.courses, EVERY_COURSE);
  const scope = useYearScope();
  const held = useLessonsHeldBy(staffId);
  // Held lessons change with every mark typed into them; the courses they belong to rarely do, so
  // the list (and the course list on screen) is recomputed only when that set changes.
  const heldCourseIds = held ? [...new Set(held.map((l) => l.courseId))].sort().join('\n') : null;
  return useMemo(() => {
    if (!everyCourse || !scope || heldCourseIds === null) return null;
    const courses = ofYear(scope, everyCourse);
    const heldCourses = new Set(heldCourseIds.split('\n'));
    return courses
      .filter((c) => allCourses || c.teacherId === staffId || heldCourses.has(c.id))
      .map((course) => ({
        course,
        substitute: course.teacherId !== staffId && heldCourses.has(course.id),
      }));
  }, [everyCourse, scope, heldCourseIds, allCourses, staffId]);
}
