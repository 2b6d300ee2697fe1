// Helpers the report models share: day counts, name look-ups, course rosters.
import type { Course } from '../course';
import type { Lesson } from '../lesson';
import type { SchoolClass } from '../school-class';
import type { Subject } from '../school';
import type { Student } from '../student';
import { compareStudents } from '../student';

export { daysBetween, formatDate } from '../dates';

/** Inclusive date range check; an absent bound is open. */
export function inDateRange(date: string, from?: string | null, to?: string | null): boolean {
  return (!from || date >= from) && (!to || date <= to);
}

/** "Русский язык" → "русский язык", for subject names inside a sentence. */
export function lowerFirst(s: string): string {
  return s.charAt(0).toLocaleLowerCase('ru') + s.slice(1);
}

/** "Иванова Мария" — surname and name, as on the journal page. */
export function studentLabel(s: Pick<Student, 'lastName' | 'firstName'>): string {
  return `${s.lastName} ${s.firstName}`;
}

export function byId<T extends { id: string }>(items: readonly T[]): Map<string, T> {
  return new Map(items.map((i) => [i.id, i]));
}

/** The subject's name of a course; the subject id when the school has no such subject. */
export function subjectNameOf(
  subjects: ReadonlyMap<string, Subject>,
  course: Pick<Course, 'subjectId'> | undefined,
): string {
  if (!course) return '—';
  return subjects.get(course.subjectId)?.name ?? course.subjectId;
}

/** The class name ("5А"), or the id when the class is unknown. */
export function classNameOf(classes: ReadonlyMap<string, SchoolClass>, classId: string): string {
  return classes.get(classId)?.name ?? classId;
}

/**
 * The students a course is taught to: active students of its class, and for a group course
 * only the group's members. Sorted in journal order.
 */
export function courseStudents(
  course: Pick<Course, 'classId' | 'groupId'>,
  students: readonly Student[],
  classes: ReadonlyMap<string, SchoolClass>,
): Student[] {
  let members: ReadonlySet<string> | null = null;
  if (course.groupId) {
    const group = classes.get(course.classId)?.groups.find((g) => g.id === course.groupId);
    members = new Set(group?.studentIds ?? []);
  }
  return students
    .filter(
      (s) =>
        s.status === 'active' && s.classId === course.classId && (!members || members.has(s.id)),
    )
    .sort(compareStudents);
}

/** Compare two strings with Russian collation (class names, subject names, teachers). */
export function compareRu(a: string, b: string): number {
  return a.localeCompare(b, 'ru');
}

/** Round to hundredths (averages are shown with two decimals). */
export function round2(x: number): number {
  return Math.round(x * 100) / 100;
}

/** Which lessons a per-student report covers: one class and/or one course, a date range. */
export interface LessonFilter {
  classId?: string;
  courseId?: string;
  /** Inclusive date range ("YYYY-MM-DD"); absent bounds are open. */
  from?: string;
  to?: string;
}

/** A held lesson inside the filter (cancelled and planned lessons have no marks or absences). */
export function isHeldLessonInFilter(lesson: Lesson, filter: LessonFilter): boolean {
  return (
    lesson.status === 'held' &&
    (!filter.classId || lesson.classId === filter.classId) &&
    (!filter.courseId || lesson.courseId === filter.courseId) &&
    inDateRange(lesson.date, filter.from, filter.to)
  );
}

/** Per-student report rows: journal order of students, then date, then lesson slot. */
export function compareStudentDateSlot(
  a: { sortStudent: Student; date: string; slot: number },
  b: { sortStudent: Student; date: string; slot: number },
): number {
  return (
    compareStudents(a.sortStudent, b.sortStudent) ||
    (a.date < b.date ? -1 : a.date > b.date ? 1 : 0) ||
    a.slot - b.slot
  );
}

/** The student and lesson columns a per-student report row starts with (plus its sort key). */
export function studentLessonCells(
  student: Student,
  lesson: Lesson,
  subjects: ReadonlyMap<string, Subject>,
  course: Course | undefined,
  /** The label that tells namesakes apart (shared/student-names.ts); surname and name otherwise. */
  label: string = studentLabel(student),
) {
  return {
    sortStudent: student,
    studentId: student.id,
    student: label,
    courseId: lesson.courseId,
    subject: subjectNameOf(subjects, course),
    lessonId: lesson.id,
    date: lesson.date,
    slot: lesson.slot,
  };
}
