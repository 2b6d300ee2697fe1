// Lessons and period marks: the course teacher writes them; a substitute writes the lessons they
// hold; the deputy corrects them and appoints substitutes. Nothing changes in a closed period.
import { hasRole, type AuthUser } from '../auth/roles';
import type { DocState, WriteDecision } from '../sync/collections';
import { refusals } from './parts';
import type { DomainRules, RulesFactory } from './registry';
import type { SchoolIndex } from './school-index';

function teachesCourse(user: AuthUser, teacherId: string | undefined): boolean {
  return (
    user.staffId !== null &&
    teacherId === user.staffId &&
    (hasRole(user, 'teacher') || hasRole(user, 'classTeacher'))
  );
}

/**
 * In a class the user only substitutes in, they read the lessons they hold and no period marks;
 * elsewhere the classes they teach and lead.
 */
function readScoped(index: SchoolIndex, heldLessons: boolean): DomainRules['canRead'] {
  return (user, doc) => {
    const scope = index.scopeOf(user);
    if (scope.all) return true;
    const classId = String(doc.classId);
    if (!scope.visible.has(classId)) return false;
    if (!scope.substituteOnly.has(classId)) return true;
    return heldLessons && user.staffId !== null && doc.teacherId === user.staffId;
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
    canRead: readScoped(index, true),
    canWrite(user, before, after, parts): WriteDecision {
      const course = courseOf(index, after);
      if (typeof course === 'string') return course;
      for (const doc of before ? [before, after] : [after]) {
        const closed = index.closedPeriodAt(String(doc.classId), String(doc.date));
        if (closed) return refusals.closed(closed.name);
      }
      const deputy = hasRole(user, 'deputy');
      const courseTeacher = teachesCourse(user, course.teacherId);
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
    canRead: readScoped(index, false),
    canWrite(user, before, after): WriteDecision {
      const course = courseOf(index, after);
      if (typeof course === 'string') return course;
      const period = index.periods.get(String(after.periodId));
      if (!period) return 'Учебный период не найден на сервере: сначала получите обновления';
      if (period.closed) return refusals.closed(period.name);
      if (before && before.periodId !== after.periodId) return refusals.identity('periodId');
      return teachesCourse(user, course.teacherId) || hasRole(user, 'deputy')
        ? true
        : refusals.notYourCourse;
    },
  },
});
