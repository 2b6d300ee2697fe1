// «Личная карта обучающегося» as plain data: one student across the school years — the class of each
// year, every movement with its order, and the year, exam and final marks of each subject.
import { fullName, type Gender } from '../common';
import type { Course } from '../course';
import { formatDate } from '../dates';
import type { Period } from '../period';
import type { PeriodMarks } from '../period-mark';
import { movementLine } from '../reports/movement-book';
import type { Subject } from '../school';
import type { SchoolClass } from '../school-class';
import type { Student, StudentMovement } from '../student';
import { courseOfStudent, periodMarkText } from './source';

/** What is known of one school year: its documents, or that the archive could not be read. */
export interface PersonalCardYearInput {
  year: { id: string; name: string };
  /** Printed instead of the marks (the archive gave the class but none of its marks). */
  note?: string;
  /** null: the year's documents could not be read (the archive needs the server). */
  documents: {
    /** The year's classes (at least those the student was in). */
    classes: readonly SchoolClass[];
    periods: readonly Period[];
    courses: readonly Course[];
    /** Period marks of the student's classes of that year. */
    periodMarks: readonly PeriodMarks[];
  } | null;
}

export interface PersonalCardInput {
  school: { fullName: string; shortName: string; subjects: readonly Subject[] };
  student: Student;
  /** Oldest first; years the student was not at the school are left out of the card. */
  years: readonly PersonalCardYearInput[];
  /** Class names of every year known (a movement to next year's class names it). */
  classNames: ReadonlyMap<string, string>;
  issuedOn: string;
}

export interface PersonalCardMarks {
  subject: string;
  year: string;
  exam: string;
  final: string;
}

export interface PersonalCardYear {
  yearName: string;
  /** "5А", or "5А, 5Б" after a transfer during the year; '' when unknown. */
  className: string;
  movements: string[];
  marks: PersonalCardMarks[];
  /** Deferred marks still open («Математика, I четверть: отметка отсрочена до 31.10.2027 (…)»). */
  deferred: string[];
  /** A Russian note instead of the marks (the archive could not be read). */
  note: string | null;
}

export interface PersonalCardModel {
  kind: 'personalCard';
  schoolFullName: string;
  schoolShortName: string;
  issuedOn: string;
  student: { fullName: string; birthDate: string; gender: Gender };
  years: PersonalCardYear[];
}

export const ARCHIVE_UNAVAILABLE =
  'Отметки этого года хранятся в архиве на сервере школы и сейчас недоступны.';

/** The archive answers period marks to the year's teachers of the class and the deputy only. */
export const ARCHIVE_MARKS_HIDDEN =
  'Отметок этого года в архиве не найдено: архив показывает их учителям этого класса и заместителю директора.';

/** The classes of the year the student was in, in the order of their movements. */
export function classesOfYear(student: Student, yearClasses: ReadonlySet<string>): string[] {
  const out: string[] = [];
  const add = (id: string | null) => {
    if (id && yearClasses.has(id) && !out.includes(id)) out.push(id);
  };
  for (const m of student.movements ?? []) {
    add(m.fromClassId);
    // Arrival from another school or a transfer during the year: the class joined.
    if (m.kind === 'enrolled' || m.kind === 'transfer') add(m.toClassId);
  }
  add(student.classId);
  return out;
}

/** Whether a movement happened in the year: it left (or joined) one of the year's classes. */
function ofYear(m: StudentMovement, yearClasses: ReadonlySet<string>): boolean {
  return m.fromClassId === null
    ? m.toClassId !== null && yearClasses.has(m.toClassId)
    : yearClasses.has(m.fromClassId);
}

export function buildPersonalCardModel(input: PersonalCardInput): PersonalCardModel {
  const { student } = input;
  const name = (id: string | null) => (id ? (input.classNames.get(id) ?? '') : '');
  const subjectNames = new Map(input.school.subjects.map((s) => [s.id, s.name]));
  const years: PersonalCardYear[] = [];
  for (const y of input.years) {
    const docs = y.documents;
    if (!docs) {
      years.push({
        yearName: y.year.name,
        className: '',
        movements: [],
        marks: [],
        deferred: [],
        note: ARCHIVE_UNAVAILABLE,
      });
      continue;
    }
    const ids = new Set(docs.classes.map((c) => c.id));
    const mine = classesOfYear(student, ids);
    if (mine.length === 0) continue;
    const byId = new Map(docs.classes.map((c) => [c.id, c]));
    const periodOf = (kind: 'year' | 'exam' | 'final') =>
      docs.periods.find((p) => p.yearId === y.year.id && p.kind === kind && p.scheme === null)?.id;
    const yearPeriod = periodOf('year');
    const examPeriod = periodOf('exam');
    const finalPeriod = periodOf('final');
    const marksDoc = new Map(docs.periodMarks.map((pm) => [`${pm.courseId}:${pm.periodId}`, pm]));
    const markOf = (course: Course, periodId: string | undefined) =>
      periodId ? periodMarkText(marksDoc.get(`${course.id}:${periodId}`)?.marks[student.id]) : '';
    // Per subject, in the school's order: the marks of the last class of the year that has them.
    const bySubject = new Map<string, PersonalCardMarks>();
    const deferred: { subjectId: string; line: string }[] = [];
    const periodsById = new Map(docs.periods.map((p) => [p.id, p]));
    for (const classId of mine) {
      const cls = byId.get(classId)!;
      const subjectIds = new Set(
        docs.courses.filter((c) => c.classId === classId).map((c) => c.subjectId),
      );
      for (const subjectId of subjectIds) {
        const course = courseOfStudent(cls, docs.courses, subjectId, student.id);
        if (!course) continue;
        const row = {
          subject: input.school.subjects.find((s) => s.id === subjectId)?.name ?? subjectId,
          year: markOf(course, yearPeriod),
          exam: course.hasExam ? markOf(course, examPeriod) : '',
          final: course.hasExam ? markOf(course, finalPeriod) : '',
        };
        for (const pm of docs.periodMarks) {
          const entry = pm.courseId === course.id ? pm.marks[student.id] : undefined;
          if (!entry?.deferral || entry.value) continue;
          const periodName = periodsById.get(pm.periodId)?.name ?? pm.periodId;
          deferred.push({
            subjectId,
            line: `${row.subject}, ${periodName}: отметка отсрочена до ${formatDate(entry.deferral.due)} (${entry.deferral.reason})`,
          });
        }
        const before = bySubject.get(subjectId);
        if (!before || row.year || row.exam || row.final) bySubject.set(subjectId, row);
      }
    }
    const order = new Map(input.school.subjects.map((s, i) => [s.id, i]));
    const marks = [...bySubject.entries()]
      .sort(([a], [b]) => (order.get(a) ?? 1e6) - (order.get(b) ?? 1e6) || a.localeCompare(b))
      .map(([, row]) => row);
    years.push({
      yearName: y.year.name,
      className: mine.map((id) => byId.get(id)!.name).join(', '),
      movements: (student.movements ?? [])
        .filter((m) => ofYear(m, ids))
        .map((m) => movementLine(m, student.gender, name, subjectNames)),
      marks: y.note ? [] : marks,
      deferred: y.note
        ? []
        : deferred
            .sort((a, b) => (order.get(a.subjectId) ?? 1e6) - (order.get(b.subjectId) ?? 1e6))
            .map((d) => d.line),
      note: y.note ?? null,
    });
  }
  return {
    kind: 'personalCard',
    schoolFullName: input.school.fullName,
    schoolShortName: input.school.shortName,
    issuedOn: input.issuedOn,
    student: { fullName: fullName(student), birthDate: student.birthDate, gender: student.gender },
    years,
  };
}
