// What every diary page starts from: one child in a document source that holds only that child
// (the server builds it from the rights check), their class, the courses they attend.
import type { Course } from '../course';
import { classData, indexSource, type ClassData, type SourceIndex } from '../documents/class-data';
import type { DocumentSource } from '../documents/source';
import { DocumentError, staffShortName } from '../documents/source';
import type { Lesson } from '../lesson';
import type { SchoolClass } from '../school-class';
import type { Subject } from '../school';
import type { Student } from '../student';

export interface ChildContext {
  source: DocumentSource;
  student: Student;
  cls: SchoolClass;
  data: ClassData;
  index: SourceIndex;
  /** The child's courses in the school's subject order, each with its subject. */
  courses: { course: Course; subject: Subject }[];
}

export function childContext(source: DocumentSource, studentId: string): ChildContext {
  const student = source.students.find((s) => s.id === studentId);
  if (!student) throw new DocumentError('Ученик не найден');
  const cls = source.classes.find((c) => c.id === student.classId);
  if (!cls) throw new DocumentError('Класс ученика не найден');
  const index = indexSource(source);
  const data = classData(source, cls, index);
  const courses: ChildContext['courses'] = [];
  for (const subject of data.subjects) {
    const course = data.courseFor(student.id, subject.id);
    if (course) courses.push({ course, subject });
  }
  return { source, student, cls, data, index, courses };
}

/** Every lesson (held or cancelled) of a course in the inclusive range, in journal order. */
export function courseLessonsInRange(
  ctx: ChildContext,
  courseId: string,
  from: string,
  to: string,
): Lesson[] {
  return (ctx.index.lessonsByCourse.get(courseId) ?? [])
    .filter((l) => l.date >= from && l.date <= to)
    .sort((a, b) => (a.date < b.date ? -1 : a.date > b.date ? 1 : a.slot - b.slot));
}

export function teacherShort(ctx: ChildContext, staffId: string): string {
  return staffShortName(ctx.source, staffId) || 'учитель не указан';
}

/** "08:30–09:15" for a lesson number, from the school's bells; "" when the bell is not set. */
export function bellTime(ctx: ChildContext, slot: number): string {
  const bell = ctx.source.school.bells.find((b) => b.slot === slot);
  return bell ? `${bell.start}–${bell.end}` : '';
}
