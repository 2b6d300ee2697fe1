// The year-end paper journal (классный журнал за год) of one class as plain data: per course the students ×
// lesson dates with marks and absences, the period marks, each lesson's topic, homework and who held it,
// lessons planned against held; and the class's year summary sheet.
import { fullName, shortName } from '../common';
import type { Course } from '../course';
import { MARK_LABELS } from '../grading-policy';
import { compareLessons, type Lesson } from '../lesson';
import type { Period } from '../period';
import { lessonsHeldVsPlanned } from '../statistics';
import { compareStudents, type Student } from '../student';
import { splitFullName } from './declension';
import { roman, yearPeriods, yearRange } from './periods';
import type { DocumentSource } from './source';
import { findClass, periodMarkText, staffFullName, staffShortName } from './source';
import type { SummaryModel } from './summary-model';
import { buildSummaryModel } from './summary-model';

export interface JournalOptions {
  /** Class id or name. */
  classKey: string;
  /** The date printed on the journal (and the day its data stand as of). */
  issuedOn: string;
}

export interface JournalLesson {
  /** "YYYY-MM-DD" */
  date: string;
  topic: string;
  homework: string;
  /** Who held it: "Иванова А. А."; a substitute is marked. */
  teacher: string;
  substitute: boolean;
}

/** A column of the left pages: a lesson (index into `lessons`) or a period mark column. */
export type JournalColumn =
  { kind: 'lesson'; lesson: number } | { kind: 'mark'; label: string; values: string[] };

export interface JournalHours {
  label: string;
  planned: number;
  held: number;
  backlog: number;
}

export interface JournalCourse {
  courseId: string;
  /** "Русский язык" */
  subject: string;
  /** The group's name for a split subject ("1 группа (англ.)"), else null. */
  group: string | null;
  teacher: string;
  teacherShort: string;
  /** Full names in journal order; "(выбыл)" for a student who left during the year. */
  students: string[];
  lessons: JournalLesson[];
  /** One text per student per lesson: attendance code and marks, "н", "5/4", "оп/5". */
  cells: string[][];
  columns: JournalColumn[];
  hours: JournalHours[];
}

export interface ClassJournal {
  kind: 'journal-class';
  className: string;
  schoolFullName: string;
  schoolShortName: string;
  yearName: string;
  from: string;
  to: string;
  classTeacher: string;
  director: string;
  issuedOn: string;
  courses: JournalCourse[];
  /** The class's year summary sheet (one class). */
  summary: SummaryModel;
}

/** Every class of the school or the chosen ones, one bound journal each, in one PDF. */
export interface JournalModel {
  kind: 'journal';
  schoolShortName: string;
  yearName: string;
  issuedOn: string;
  classes: ClassJournal[];
}

/** The printed cell: attendance code first, then the marks ("оп/5", "5/4", "н"). */
export function journalCell(lesson: Lesson, studentId: string): string {
  const e = lesson.entries[studentId];
  if (!e) return '';
  const parts = e.attendance ? [e.attendance] : [];
  for (const m of e.marks) parts.push(MARK_LABELS[m.value]);
  return parts.join('/');
}

function courseStudents(
  source: DocumentSource,
  course: Course,
  lessons: readonly Lesson[],
): Student[] {
  const cls = source.classes.find((c) => c.id === course.classId);
  const group = course.groupId ? cls?.groups.find((g) => g.id === course.groupId) : undefined;
  const inCourse = (s: Student) => !group || group.studentIds.includes(s.id);
  const written = new Set<string>();
  for (const l of lessons) for (const id of Object.keys(l.entries)) written.add(id);
  return source.students
    .filter(
      (s) =>
        (s.classId === course.classId && s.status === 'active' && inCourse(s)) ||
        (s.status === 'left' && written.has(s.id)) ||
        (s.classId !== course.classId && written.has(s.id)),
    )
    .sort(compareStudents);
}

function periodLabel(p: Period): string {
  const kind = p.kind === 'quarter' ? 'ч.' : p.kind === 'halfYear' ? 'пол.' : 'тр.';
  return `${roman(p.number)} ${kind}`;
}

/**
 * The part of a whole school's data one class's journal needs (the CLI and the benchmark print a
 * whole snapshot class by class; the desktop gathers the same from its database).
 */
export function classSource(source: DocumentSource, classId: string): DocumentSource {
  return {
    ...source,
    classes: source.classes.filter((c) => c.id === classId),
    students: source.students.filter((s) => s.classId === classId),
    courses: source.courses.filter((c) => c.classId === classId),
    lessons: source.lessons.filter((l) => l.classId === classId),
    periodMarks: source.periodMarks.filter((m) => m.classId === classId),
    consents: [],
  };
}

export function buildClassJournal(source: DocumentSource, options: JournalOptions): ClassJournal {
  const cls = findClass(source, options.classKey);
  const yp = yearPeriods(source, cls);
  const range = yearRange(source, cls);
  const subjects = new Map(source.school.subjects.map((s, i) => [s.id, { s, i }]));
  const courses = source.courses
    .filter((c) => c.classId === cls.id)
    .sort((a, b) => {
      const sa = subjects.get(a.subjectId)?.i ?? 999;
      const sb = subjects.get(b.subjectId)?.i ?? 999;
      return sa - sb || (a.groupId ?? '').localeCompare(b.groupId ?? '');
    });
  const byCourse = new Map<string, Lesson[]>();
  for (const l of source.lessons) {
    if (l.classId !== cls.id || l.status !== 'held') continue;
    let list = byCourse.get(l.courseId);
    if (!list) byCourse.set(l.courseId, (list = []));
    list.push(l);
  }
  const marksOf = new Map(source.periodMarks.map((pm) => [`${pm.courseId}:${pm.periodId}`, pm]));
  const journalCourses = courses.map((course): JournalCourse => {
    const lessons = (byCourse.get(course.id) ?? []).sort(compareLessons);
    const students = courseStudents(source, course, lessons);
    const markColumn = (label: string, period: Period | undefined): JournalColumn => ({
      kind: 'mark',
      label,
      values: students.map((s) =>
        period ? periodMarkText(marksOf.get(`${course.id}:${period.id}`)?.marks[s.id]) : '',
      ),
    });
    const columns: JournalColumn[] = [];
    let next = 0;
    for (const p of yp.reporting) {
      while (next < lessons.length && lessons[next]!.date <= p.end)
        columns.push({ kind: 'lesson', lesson: next++ });
      if (course.assessment !== 'none') columns.push(markColumn(periodLabel(p), p));
    }
    while (next < lessons.length) columns.push({ kind: 'lesson', lesson: next++ });
    if (course.assessment !== 'none') {
      columns.push(markColumn('год', yp.year));
      if (course.hasExam) {
        columns.push(markColumn('экз.', yp.exam));
        columns.push(markColumn('итог.', yp.final));
      }
    }
    const group = course.groupId
      ? (source.classes.find((c) => c.id === cls.id)?.groups.find((g) => g.id === course.groupId)
          ?.name ?? null)
      : null;
    const hours: JournalHours[] = yp.reporting.map((p) => {
      const own = lessons.filter((l) => l.date >= p.start && l.date <= p.end);
      return { label: p.name, ...lessonsHeldVsPlanned(own, course, p.id) };
    });
    hours.push({ label: 'За год', ...lessonsHeldVsPlanned(lessons, course) });
    return {
      courseId: course.id,
      subject: subjects.get(course.subjectId)?.s.name ?? course.subjectId,
      group,
      teacher: staffFullName(source, course.teacherId),
      teacherShort: staffShortName(source, course.teacherId),
      students: students.map((s) =>
        s.status === 'left' || s.classId !== cls.id ? `${fullName(s)} (выбыл)` : fullName(s),
      ),
      lessons: lessons.map((l) => ({
        date: l.date,
        topic: l.topic,
        homework: l.homework,
        teacher: staffShortName(source, l.teacherId) || l.teacherId,
        substitute: l.teacherId !== course.teacherId,
      })),
      cells: students.map((s) => lessons.map((l) => journalCell(l, s.id))),
      columns,
      hours,
    };
  });
  const director = shortName(splitFullName(source.school.directorName));
  return {
    kind: 'journal-class',
    className: cls.name,
    schoolFullName: source.school.fullName,
    schoolShortName: source.school.shortName,
    yearName: source.school.year.name,
    from: range.from,
    to: range.to,
    classTeacher: staffFullName(source, cls.classTeacherId),
    director,
    issuedOn: options.issuedOn,
    courses: journalCourses,
    summary: buildSummaryModel(source, {
      classes: [cls.id],
      year: true,
      asOf: options.issuedOn,
      issuedOn: options.issuedOn,
    }),
  };
}
