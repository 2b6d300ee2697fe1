// One class's data prepared once per document: roster, subjects, the course each student attends, lessons by course.
import type { Course } from '../course';
import type { Lesson } from '../lesson';
import type { PeriodMarkEntry, PeriodMarks } from '../period-mark';
import type { Subject } from '../school';
import type { SchoolClass } from '../school-class';
import type { Student } from '../student';
import type { DocumentSource } from './source';
import {
  classStudents,
  classSubjects,
  courseOfStudent,
  indexPeriodMarks,
  lessonsByCourse,
} from './source';

/** Indexes over the whole source, built once per document (a school-wide summary reuses them). */
export interface SourceIndex {
  lessonsByCourse: Map<string, Lesson[]>;
  periodMarks: Map<string, PeriodMarks>;
}

export function indexSource(source: DocumentSource): SourceIndex {
  return {
    lessonsByCourse: lessonsByCourse(source.lessons),
    periodMarks: indexPeriodMarks(source),
  };
}

export interface ClassData {
  cls: SchoolClass;
  students: Student[];
  subjects: Subject[];
  courses: Course[];
  /** The course a student attends in a subject (whole class or the student's group). */
  courseFor(studentId: string, subjectId: string): Course | undefined;
  /** Held lessons of one course in the inclusive date range. */
  courseLessons(courseId: string, from: string, to: string): Lesson[];
  /** Held lessons of every course the student attends, in the range (for absence counts). */
  studentLessons(studentId: string, from: string, to: string): Lesson[];
  /** The student's entry in a course's period marks, if any. */
  periodMark(courseId: string, periodId: string, studentId: string): PeriodMarkEntry | undefined;
}

export function classData(source: DocumentSource, cls: SchoolClass, index: SourceIndex): ClassData {
  const students = classStudents(source, cls.id);
  const subjects = classSubjects(source, cls.id);
  const courses = source.courses.filter((c) => c.classId === cls.id);
  const attended = new Map<string, Course[]>();
  const courseFor = (studentId: string, subjectId: string): Course | undefined =>
    courseOfStudent(cls, courses, subjectId, studentId);
  const coursesOf = (studentId: string): Course[] => {
    let list = attended.get(studentId);
    if (!list) {
      list = subjects
        .map((s) => courseFor(studentId, s.id))
        .filter((c): c is Course => c !== undefined);
      attended.set(studentId, list);
    }
    return list;
  };
  // Memoized: a summary asks for the same course and range once per student.
  const memo = new Map<string, Lesson[]>();
  const courseLessons = (courseId: string, from: string, to: string): Lesson[] => {
    const key = `${courseId}|${from}|${to}`;
    let list = memo.get(key);
    if (!list) {
      list = (index.lessonsByCourse.get(courseId) ?? []).filter(
        (l) => l.status === 'held' && l.date >= from && l.date <= to,
      );
      memo.set(key, list);
    }
    return list;
  };
  return {
    cls,
    students,
    subjects,
    courses,
    courseFor,
    courseLessons,
    studentLessons: (studentId, from, to) =>
      coursesOf(studentId).flatMap((c) => courseLessons(c.id, from, to)),
    periodMark: (courseId, periodId, studentId) =>
      index.periodMarks.get(`${courseId}:${periodId}`)?.marks[studentId],
  };
}
