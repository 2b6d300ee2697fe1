// Period-mark completion per course: how many of the course's students have a set mark, a deferral, or nothing yet.
import type { Course } from '../course';
import type { PeriodMarks } from '../period-mark';
import type { SchoolClass } from '../school-class';
import type { Subject } from '../school';
import type { Student } from '../student';
import { byId, classNameOf, compareRu, courseStudents, subjectNameOf } from './report-utils';

export interface PeriodCompletionInput {
  periodId: string;
  courses: readonly Course[];
  periodMarks: readonly PeriodMarks[];
  students: readonly Student[];
  classes: readonly SchoolClass[];
  subjects: readonly Subject[];
  /** Restrict to one class, or to one teacher's courses. */
  classId?: string;
  teacherId?: string;
}

export interface PeriodCompletionRow {
  courseId: string;
  classId: string;
  className: string;
  subject: string;
  teacherId: string;
  /** Active students of the class, or of the group for a group course. */
  students: number;
  /** Students with a set mark (any value, н/а and осв. included). */
  set: number;
  /** Students with neither a set mark nor a deferral. */
  missing: number;
  /** Students with a deferral (отсрочка) and no mark yet. */
  deferred: number;
  /** Of `set`: marks that are н/а. */
  notAttested: number;
  /** Ids of the students counted in `missing`, in journal order. */
  missingStudentIds: string[];
  complete: boolean;
}

export interface PeriodCompletionReport {
  periodId: string;
  rows: PeriodCompletionRow[];
  totals: {
    courses: number;
    complete: number;
    students: number;
    set: number;
    missing: number;
    deferred: number;
    notAttested: number;
  };
}

/**
 * Completion of the period marks per course. Courses assessed with no marks at all
 * (`assessment: 'none'`) have nothing to complete and are left out; entries of students
 * who left the class or the group are not counted.
 */
export function periodCompletionReport(input: PeriodCompletionInput): PeriodCompletionReport {
  const classes = byId(input.classes);
  const subjects = byId(input.subjects);
  const marksByCourse = new Map<string, PeriodMarks>();
  for (const doc of input.periodMarks) {
    if (doc.periodId === input.periodId) marksByCourse.set(doc.courseId, doc);
  }

  const rows: PeriodCompletionRow[] = [];
  for (const course of input.courses) {
    if (course.assessment === 'none') continue;
    if (input.classId && course.classId !== input.classId) continue;
    if (input.teacherId && course.teacherId !== input.teacherId) continue;
    const roster = courseStudents(course, input.students, classes);
    const marks = marksByCourse.get(course.id)?.marks ?? {};
    let set = 0;
    let deferred = 0;
    let notAttested = 0;
    const missingStudentIds: string[] = [];
    for (const student of roster) {
      const entry = marks[student.id];
      if (entry?.value != null) {
        set++;
        if (entry.value === 'notAttested') notAttested++;
      } else if (entry?.deferral) deferred++;
      else missingStudentIds.push(student.id);
    }
    rows.push({
      courseId: course.id,
      classId: course.classId,
      className: classNameOf(classes, course.classId),
      subject: subjectNameOf(subjects, course),
      teacherId: course.teacherId,
      students: roster.length,
      set,
      missing: missingStudentIds.length,
      deferred,
      notAttested,
      missingStudentIds,
      complete: missingStudentIds.length === 0 && deferred === 0,
    });
  }

  rows.sort((a, b) => {
    const ca = classes.get(a.classId);
    const cb = classes.get(b.classId);
    const byClass =
      ca && cb
        ? ca.grade - cb.grade || compareRu(ca.letter, cb.letter)
        : compareRu(a.className, b.className);
    return byClass || compareRu(a.subject, b.subject) || compareRu(a.courseId, b.courseId);
  });

  const totals = {
    courses: rows.length,
    complete: 0,
    students: 0,
    set: 0,
    missing: 0,
    deferred: 0,
    notAttested: 0,
  };
  for (const r of rows) {
    if (r.complete) totals.complete++;
    totals.students += r.students;
    totals.set += r.set;
    totals.missing += r.missing;
    totals.deferred += r.deferred;
    totals.notAttested += r.notAttested;
  }
  return { periodId: input.periodId, rows, totals };
}
