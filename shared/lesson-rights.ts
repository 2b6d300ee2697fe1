// Who may write a course's lessons and period marks. The course teacher writes all of them; the
// substitute holding a lesson (its `teacherId`) writes that lesson; the deputy corrects
// everything. Only the course teacher and the deputy add a lesson, set period marks and appoint a
// substitute. The desktop asks before a keystroke is written (a lesson it may not write is shown
// read-only with the reason); the server asks again on every write and refuses with the same words.
import type { Role } from './staff';

/** The writer as both ends know them: their staff member (null: an account without one), roles. */
export interface Writer {
  staffId: string | null;
  roles: readonly Role[];
}

export const RIGHTS_REFUSALS = {
  notYourCourse: 'Вы не ведёте этот курс',
  notYourLesson: 'Вы не ведёте этот курс и не заменяете на этом уроке',
  appointSubstitute: 'Назначать замену могут учитель курса и заместитель директора',
} as const;

/** A teaching staff member (teacher or class teacher) who is `teacherId`. */
export function teaches(writer: Writer, teacherId: string | undefined): boolean {
  return (
    writer.staffId !== null &&
    teacherId === writer.staffId &&
    (writer.roles.includes('teacher') || writer.roles.includes('classTeacher'))
  );
}

/** Adding a lesson to the course or setting its period marks: null when allowed, else the reason. */
export function courseWriteRefusal(writer: Writer, courseTeacherId: string): string | null {
  return teaches(writer, courseTeacherId) || writer.roles.includes('deputy')
    ? null
    : RIGHTS_REFUSALS.notYourCourse;
}

/** The people a lesson's rights depend on. */
export interface LessonHolders {
  courseTeacherId: string;
  /** Who holds the lesson (lesson.teacherId): the course teacher or a substitute. */
  holderId: string;
}

/**
 * Writing one part of an existing lesson ("topic", "entries.<studentId>", "teacherId" — appointing
 * a substitute): null when allowed, else the reason.
 */
export function lessonPartRefusal(
  writer: Writer,
  lesson: LessonHolders,
  path: string,
): string | null {
  if (courseWriteRefusal(writer, lesson.courseTeacherId) === null) return null;
  if (path === 'teacherId') return RIGHTS_REFUSALS.appointSubstitute;
  return teaches(writer, lesson.holderId) ? null : RIGHTS_REFUSALS.notYourLesson;
}

/** Marks, attendance, topic and homework of the lesson: null when the writer may enter them. */
export function lessonRefusal(writer: Writer, lesson: LessonHolders): string | null {
  return lessonPartRefusal(writer, lesson, 'topic');
}
