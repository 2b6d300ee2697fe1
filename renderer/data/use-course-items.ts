// The course list of the journal and the period-marks screens: the staff member's courses (all of
// them for a deputy) titled "5А · Математика (1 группа)", own ones first, each part sorted by grade;
// the chosen course, its class and the class's reporting periods.
import { useMemo } from 'react';
import { todayIso } from '../../shared/dates';
import { periodForDate, periodsOfScheme, type Period } from '../../shared/period';
import { useSession } from './session';
import { openedCourse } from '../ui/opened-course';
import { useMyCourses, type MyCourse } from './use-my-courses';
import { useSchoolData } from './use-school-data';

export interface CourseItem extends MyCourse {
  /** "5А · Математика" or "7Б · Английский язык (1 группа)" */
  title: string;
  grade: number;
  className: string;
  subjectName: string;
  /** The staff member teaches it (not a substitution, not a deputy's correction). */
  own: boolean;
}

export function useCourseItems(courseId: string | null, { assessedOnly = false } = {}) {
  const { staffId } = useSession();
  const data = useSchoolData();
  const me = data?.staff.get(staffId);
  const myCourses = useMyCourses(me?.roles.includes('deputy') ?? false);

  const items = useMemo((): CourseItem[] | null => {
    if (!data || !myCourses) return null;
    const subjects = new Map(data.school.subjects.map((s) => [s.id, s.name]));
    return (
      myCourses
        .filter((item) => !assessedOnly || item.course.assessment !== 'none')
        .map((item) => {
          const klass = data.classes.get(item.course.classId);
          const group = item.course.groupId
            ? klass?.groups.find((g) => g.id === item.course.groupId)
            : undefined;
          const subject = subjects.get(item.course.subjectId) ?? item.course.subjectId;
          return {
            ...item,
            grade: klass?.grade ?? 0,
            className: klass?.name ?? '?',
            subjectName: subject,
            own: item.course.teacherId === staffId,
            title: `${klass?.name ?? '?'} · ${subject}${group ? ` (${group.name})` : ''}`,
          };
        })
        // Own courses first; then those where the teacher only substitutes (of those they read the
        // lessons they held, often none in the current period); then a deputy's other courses.
        .sort(
          (a, b) =>
            Number(b.own) - Number(a.own) ||
            Number(a.substitute) - Number(b.substitute) ||
            a.grade - b.grade ||
            a.title.localeCompare(b.title, 'ru'),
        )
    );
  }, [data, myCourses, assessedOnly, staffId]);

  const current = openedCourse(items, courseId);
  const klass = current ? data?.classes.get(current.course.classId) : undefined;
  const periods = useMemo(
    () => (data && klass ? periodsOfScheme(data.periods, klass.periodScheme) : []),
    [data, klass],
  );
  /** The period of the route among `choices`, else the class's current one. */
  const pickPeriod = (choices: readonly Period[], periodId: string | null): Period | undefined =>
    choices.find((p) => p.id === periodId) ??
    (data && klass ? periodForDate(data.periods, klass.periodScheme, todayIso()) : undefined);

  return { data, items, current, klass, periods, pickPeriod };
}
