// Lessons and period marks: the course teacher writes them; a substitute writes the lessons they
// hold; the deputy corrects them and appoints substitutes. Nothing changes in a closed period.
// Rights are judged on the stored document (whose it is) as well as on the result.
import { hasRole, type AuthUser } from '../auth/roles';
import type { DocState, WriteDecision } from '../sync/collections';
import { refusals } from './messages';
import type { DomainRules, RulesFactory } from './rule-types';
import type { SchoolIndex } from './school-index';

function teachesCourse(user: AuthUser, teacherId: string | undefined): boolean {
  return (
    user.staffId !== null &&
    teacherId === user.staffId &&
    (hasRole(user, 'teacher') || hasRole(user, 'classTeacher'))
  );
}

function readScoped(index: SchoolIndex): DomainRules['canRead'] {
  return (user, doc) => {
    const scope = index.scopeOf(user);
    return scope.all || scope.visible.has(String(doc.classId));
  };
}

/** The course exists and the document's class is the course's class. */
function courseOf(index: SchoolIndex, doc: DocState): { teacherId: string } | string {
  const course = index.courses.get(String(doc.courseId));
  if (!course) return 'Курс не найден на сервере: сначала получите обновления';
  if (course.classId !== doc.classId) return 'Класс не совпадает с классом курса';
  return course;
}

export const journalRules: RulesFactory = (index) => ({
  lessons: {
    journalRecord: true,
    scoped: true,
    canRead: readScoped(index),
    canWrite(user, before, after, parts): WriteDecision {
      const course = courseOf(index, after);
      if (typeof course === 'string') return course;
      // Whose lesson it is now (identity fields are fixed, so this is the same course; judged
      // all the same, so no change of identity could ever move a lesson into someone's course).
      const owner = before ? courseOf(index, before) : course;
      if (typeof owner === 'string') return owner;
      for (const doc of before ? [before, after] : [after]) {
        const closed = index.closedPeriodAt(String(doc.classId), String(doc.date));
        if (closed) return refusals.closed(closed.name);
      }
      const deputy = hasRole(user, 'deputy');
      const courseTeacher =
        teachesCourse(user, course.teacherId) && teachesCourse(user, owner.teacherId);
      if (before === null) {
        return courseTeacher || deputy ? true : refusals.notYourCourse;
      }
      // The substitute holding the lesson (lesson.teacherId) writes it like the course teacher.
      const holder = teachesCourse(user, String(before.teacherId));
      for (const path of parts) {
        if (path === 'teacherId') {
          if (!courseTeacher && !deputy) {
            return 'Назначать замену могут учитель курса и заместитель директора';
          }
        } else if (!courseTeacher && !holder && !deputy) {
          return refusals.notYourCourse;
        }
      }
      return true;
    },
  },
  periodMarks: {
    journalRecord: true,
    scoped: true,
    canRead: readScoped(index),
    canWrite(user, before, after): WriteDecision {
      // The stored document's course and period as well as the result's.
      for (const doc of before ? [before, after] : [after]) {
        const course = courseOf(index, doc);
        if (typeof course === 'string') return course;
        const period = index.periods.get(String(doc.periodId));
        if (!period) return 'Учебный период не найден на сервере: сначала получите обновления';
        if (period.closed) return refusals.closed(period.name);
        if (!teachesCourse(user, course.teacherId) && !hasRole(user, 'deputy')) {
          return refusals.notYourCourse;
        }
      }
      return true;
    },
  },
});
