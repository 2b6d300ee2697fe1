// The course list's sections: the staff member's own courses, their substitutions, and — for a
// deputy, who corrects every journal — the school's other courses grouped by class and filtered by
// class and subject, so 400 courses stay findable and it is clear which ones are someone else's.
import { compareRu } from '../../shared/reports/report-utils';
import type { CourseItem } from '../data/use-course-items';

export interface CourseFilter {
  /** '' = every class. */
  classId: string;
  /** '' = every subject. */
  subjectId: string;
}

export interface ClassGroup {
  classId: string;
  className: string;
  items: CourseItem[];
}

export interface CourseSections {
  own: CourseItem[];
  substitutions: CourseItem[];
  /** Other teachers' courses (a deputy's list), by class in grade order, after the filter. */
  others: ClassGroup[];
  /** How many other teachers' courses exist before the filter (0: no filter needed). */
  othersTotal: number;
  /** The filter's choices, from the other teachers' courses. */
  classes: { id: string; name: string }[];
  subjects: { id: string; name: string }[];
}

export function courseSections(items: readonly CourseItem[], filter: CourseFilter): CourseSections {
  const own = items.filter((i) => i.own);
  const substitutions = items.filter((i) => !i.own && i.substitute);
  const rest = items.filter((i) => !i.own && !i.substitute);
  const classes = new Map<string, { id: string; name: string; grade: number }>();
  const subjects = new Map<string, { id: string; name: string }>();
  for (const i of rest) {
    classes.set(i.course.classId, { id: i.course.classId, name: i.className, grade: i.grade });
    subjects.set(i.course.subjectId, { id: i.course.subjectId, name: i.subjectName });
  }
  const groups = new Map<string, ClassGroup>();
  for (const i of rest) {
    if (filter.classId && i.course.classId !== filter.classId) continue;
    if (filter.subjectId && i.course.subjectId !== filter.subjectId) continue;
    const g = groups.get(i.course.classId) ?? {
      classId: i.course.classId,
      className: i.className,
      items: [],
    };
    g.items.push(i);
    groups.set(i.course.classId, g);
  }
  const byGrade = (a: { grade: number; name: string }, b: { grade: number; name: string }) =>
    a.grade - b.grade || compareRu(a.name, b.name);
  const classList = [...classes.values()].sort(byGrade);
  const order = new Map(classList.map((c, i) => [c.id, i]));
  return {
    own,
    substitutions,
    others: [...groups.values()].sort(
      (a, b) => (order.get(a.classId) ?? 0) - (order.get(b.classId) ?? 0),
    ),
    othersTotal: rest.length,
    classes: classList.map(({ id, name }) => ({ id, name })),
    subjects: [...subjects.values()].sort((a, b) => compareRu(a.name, b.name)),
  };
}
