// Lessons and period marks: the course teacher writes them; a substitute writes the lessons they
// hold; the deputy corrects them and appoints substitutes (shared/lesson-rights.ts, the desktop
// asks the same). An absent student gets no mark (shared/entry-rules.ts). Nothing changes in a
// closed period. Rights are judged on the stored document (whose it is) as well as on the result. A lesson
// may be removed only while it is empty (shared/lesson-contents.ts).
import { entryRefusal } from '../../shared/entry-rules';
import type { Lesson, LessonEntry } from '../../shared/lesson';
import { lessonRemovalRefusal } from '../../shared/lesson-contents';
import { courseWriteRefusal, lessonPartRefusal } from '../../shared/lesson-rights';
import type { DocState, WriteDecision } from '../sync/collections';
import { refusals } from './messages';
import { readGrant } from './read-grants';
import type { RulesFactory } from './rule-types';
import type { SchoolIndex } from './school-index';

/** The first changed student cell that breaks the cell rules, as its Russian reason. */
function entriesRefusal(index: SchoolIndex, after: DocState, parts: string[]): string | null {
  const entries = (after.entries ?? {}) as Record<string, LessonEntry | undefined>;
  for (const path of parts) {
    if (!path.startsWith('entries.')) continue;
    const entry = Object.hasOwn(entries, path.slice(8)) ? entries[path.slice(8)] : undefined;
    const refusal = entry ? entryRefusal(entry, index.attendanceCodes) : null;
    if (refusal) return refusal;
  }
  return null;
}

/** The course exists and the document's class is the course's class. */
function courseOf(index: SchoolIndex, doc: DocState): { teacherId: string } | string {
  const course = index.courses.get(String(doc.courseId));
  if (!course) return 'Курс не найден на сервере: сначала получите обновления';
  if (course.classId !== doc.classId) return 'Класс не совпадает с классом курса';
  return course;
}

export const journalRules: RulesFactory = (index) => {
  const lessonsGrant = readGrant(index, 'lessons');
  const marksGrant = readGrant(index, 'periodMarks');
  return {
    lessons: {
      journalRecord: true,
      scoped: true,
      grant: lessonsGrant,
      // A lesson added by mistake is removed while it holds nothing (shared/lesson-contents.ts).
      canDelete(user, before, after): WriteDecision {
        const course = courseOf(index, before);
        if (typeof course === 'string') return course;
        const closed = index.closedPeriodAt(String(before.classId), String(before.date));
        if (closed) return refusals.closed(closed.name);
        return (
          courseWriteRefusal(user, course.teacherId) ??
          // The merged state: marks another device entered meanwhile keep the lesson.
          lessonRemovalRefusal(after as unknown as Lesson) ??
          true
        );
      },
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
        // Identity fields are fixed (validation), so the stored document is of the same course.
        if (typeof owner !== 'string' && owner.teacherId !== course.teacherId) {
          return refusals.identity('courseId');
        }
        if (before === null) {
          return (
            courseWriteRefusal(user, course.teacherId) ??
            entriesRefusal(index, after, parts) ??
            true
          );
        }
        // The substitute holding the lesson (lesson.teacherId) writes it like the course teacher.
        const holders = { courseTeacherId: course.teacherId, holderId: String(before.teacherId) };
        for (const path of parts) {
          const refusal = lessonPartRefusal(user, holders, path);
          if (refusal) return refusal;
        }
        return entriesRefusal(index, after, parts) ?? true;
      },
    },
    periodMarks: {
      journalRecord: true,
      scoped: true,
      grant: marksGrant,
      canWrite(user, before, after): WriteDecision {
        // The stored document's course and period as well as the result's.
        for (const doc of before ? [before, after] : [after]) {
          const course = courseOf(index, doc);
          if (typeof course === 'string') return course;
          const period = index.periods.get(String(doc.periodId));
          if (!period) return 'Учебный период не найден на сервере: сначала получите обновления';
          if (period.closed) return refusals.closed(period.name);
          const refusal = courseWriteRefusal(user, course.teacherId);
          if (refusal) return refusal;
        }
        return true;
      },
    },
  };
};
