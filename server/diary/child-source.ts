// The data of ONE child, as a document source for the shared diary models (shared/diary/): the
// school's reference documents, the child's own card without personal fields, and the lessons and
// period marks of the child's class with every other student's entry cut out in SQL — another
// child's marks, attendance or id never even reach this process (stamps, which name students,
// are dropped too). Only the school's class averages, when enabled, read whole lessons, and only
// a number leaves.
import type { Queryable } from '../db/db';
import type { DocumentSource } from '../../shared/documents/source';
import type { Lesson, LessonEntry } from '../../shared/lesson';
import type { PeriodMarkEntry, PeriodMarks } from '../../shared/period-mark';
import type { SchoolClass } from '../../shared/school-class';
import type { Student } from '../../shared/student';
import { classAverage } from '../../shared/diary/class-average';
import type { FamilyChild } from '../family/scope';
import type { DiaryReference } from './reference';
import { readChildCard, type DiaryWeekCache } from './week-cache';

export class DiaryUnavailableError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'DiaryUnavailableError';
  }
}

/** The class as the child may see it: every group lists only the child (if they are in it). */
function childClass(cls: SchoolClass, studentId: string): SchoolClass {
  return {
    ...cls,
    stamps: {},
    groups: cls.groups.map((g) => ({
      ...g,
      studentIds: g.studentIds.filter((id) => id === studentId),
    })),
  };
}

export interface ChildSourceOptions {
  /** Lessons from..to (inclusive); null: no lessons. */
  lessons: { from: string; to: string } | null;
  periodMarks: boolean;
}

export async function loadChildSource(
  db: Queryable,
  ref: DiaryReference,
  child: FamilyChild,
  options: ChildSourceOptions,
): Promise<DocumentSource> {
  if (!ref.school || !ref.classes.get(child.classId))
    throw new DiaryUnavailableError('Сведения о школе ещё не загружены');
  const student = await readChildCard(db, child.studentId);
  if (!student) throw new DiaryUnavailableError('Ученик не найден');

  const lessons: Lesson[] = [];
  if (options.lessons) {
    const r = await db.query(
      `SELECT doc - 'entries' - 'stamps' AS doc, doc->'entries'->($2::text) AS entry FROM documents
       WHERE collection = 'lessons' AND NOT deleted AND doc->>'classId' = $1
         AND doc->>'date' >= $3 AND doc->>'date' <= $4`,
      [child.classId, child.studentId, options.lessons.from, options.lessons.to],
    );
    for (const row of r.rows) {
      const entry = row.entry as LessonEntry | null;
      lessons.push({
        ...(row.doc as Omit<Lesson, 'entries' | 'stamps'>),
        stamps: {},
        entries: entry ? { [child.studentId]: entry } : {},
      } as Lesson);
    }
  }

  const periodMarks: PeriodMarks[] = [];
  if (options.periodMarks) {
    const r = await db.query(
      `SELECT doc - 'marks' - 'stamps' AS doc, doc->'marks'->($2::text) AS entry FROM documents
       WHERE collection = 'periodMarks' AND NOT deleted AND doc->>'classId' = $1`,
      [child.classId, child.studentId],
    );
    for (const row of r.rows) {
      const entry = row.entry as PeriodMarkEntry | null;
      periodMarks.push({
        ...(row.doc as Omit<PeriodMarks, 'marks' | 'stamps'>),
        stamps: {},
        marks: entry ? { [child.studentId]: entry } : {},
      } as PeriodMarks);
    }
  }
  return childSource(ref, child, student, lessons, periodMarks);
}

/**
 * The child's week (the evening peak's page) through the diary's cache: the class's lessons of
 * the week with this child's entries only, and the child's card, read once until written.
 */
export async function loadChildWeekSource(
  db: Queryable,
  ref: DiaryReference,
  cache: DiaryWeekCache,
  child: FamilyChild,
  start: string,
): Promise<DocumentSource> {
  if (!ref.school || !ref.classes.get(child.classId))
    throw new DiaryUnavailableError('Сведения о школе ещё не загружены');
  const student = await cache.card(db, child.studentId);
  if (!student) throw new DiaryUnavailableError('Ученик не найден');
  const lessons = await cache.weekLessons(db, child, start);
  return childSource(ref, child, student, lessons, []);
}

function childSource(
  ref: DiaryReference,
  child: FamilyChild,
  student: Student,
  lessons: Lesson[],
  periodMarks: PeriodMarks[],
): DocumentSource {
  const school = ref.school;
  const cls = ref.classes.get(child.classId);
  if (!school || !cls) throw new DiaryUnavailableError('Сведения о школе ещё не загружены');
  return {
    school,
    periods: [...ref.periods.values()].filter((p) => p.yearId === cls.yearId),
    classes: [childClass(cls, child.studentId)],
    staff: [...ref.staff.values()],
    students: [student],
    courses: [...ref.courses.values()].filter((c) => c.classId === child.classId),
    lessons,
    periodMarks,
    consents: [],
  };
}

/**
 * The class's average per course over from..to (a school setting): whole lessons are read here,
 * only the averages leave. Students are those with a mark in the course's lessons.
 */
export async function loadClassAverages(
  db: Queryable,
  ref: DiaryReference,
  classId: string,
  courseIds: readonly string[],
  range: { from: string; to: string },
): Promise<Map<string, number | null>> {
  const school = ref.school;
  const averages = new Map<string, number | null>();
  if (!school) return averages;
  const r = await db.query(
    `SELECT doc FROM documents
     WHERE collection = 'lessons' AND NOT deleted AND doc->>'classId' = $1
       AND doc->>'date' >= $2 AND doc->>'date' <= $3 AND doc->>'courseId' = ANY($4::text[])`,
    [classId, range.from, range.to, [...courseIds]],
  );
  const byCourse = new Map<string, Lesson[]>();
  for (const row of r.rows) {
    const lesson = row.doc as Lesson;
    const list = byCourse.get(lesson.courseId) ?? [];
    list.push(lesson);
    byCourse.set(lesson.courseId, list);
  }
  for (const courseId of courseIds) {
    const lessons = byCourse.get(courseId) ?? [];
    const students = new Set<string>();
    for (const l of lessons) for (const id of Object.keys(l.entries)) students.add(id);
    averages.set(courseId, classAverage(lessons, [...students], school.policy));
  }
  return averages;
}
