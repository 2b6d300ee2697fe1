// What the printed documents are built from: a school's data (a whole snapshot or one class of it), the fonts, and look-ups they share.
import { fullName, shortName } from '../common';
import type { Consent } from '../consent';
import type { Course } from '../course';
import type { Lesson } from '../lesson';
import type { PeriodMarkValue } from '../grading-policy';
import type { Period } from '../period';
import type { PeriodMarkEntry, PeriodMarks } from '../period-mark';
import type { School, Subject } from '../school';
import type { SchoolClass } from '../school-class';
import { compareClasses } from '../school-class';
import type { StaffMember } from '../staff';
import type { Student } from '../student';
import { compareStudents } from '../student';

/**
 * The data a document needs. Structurally a subset of `Snapshot`, so the CLI passes a whole
 * snapshot and the desktop app passes one class's documents queried from its local database.
 */
export interface DocumentSource {
  school: School;
  periods: readonly Period[];
  classes: readonly SchoolClass[];
  staff: readonly StaffMember[];
  students: readonly Student[];
  courses: readonly Course[];
  lessons: readonly Lesson[];
  periodMarks: readonly PeriodMarks[];
  consents: readonly Consent[];
}

/** TrueType font files as bytes (Cyrillic needs embedded fonts); the same in Node, a worker and tests. */
export interface DocumentFonts {
  regular: Uint8Array;
  bold: Uint8Array;
  italic?: Uint8Array;
}

/** A problem with the request (unknown class, period…); `message` is Russian and ready to show. */
export class DocumentError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'DocumentError';
  }
}

/** The calendar helpers of every document: ДД.ММ.ГГГГ, ДД.ММ and day arithmetic (shared/dates.ts). */
export { addDays, formatDate, formatDayMonth } from '../dates';

/** Finds a class by id or by its name ("5А", "5а", "5 А"); throws a Russian `DocumentError`. */
export function findClass(source: DocumentSource, key: string): SchoolClass {
  const norm = (s: string) => s.replace(/\s+/g, '').toLocaleUpperCase('ru');
  const found =
    source.classes.find((c) => c.id === key) ??
    source.classes.find((c) => norm(c.name) === norm(key));
  if (found) return found;
  const names = [...source.classes]
    .sort(compareClasses)
    .map((c) => c.name)
    .join(', ');
  throw new DocumentError(
    `Класс «${key}» не найден. ${names ? `Есть классы: ${names}.` : 'В файле нет ни одного класса.'}`,
  );
}

/** Classes in school order (1А … 11В). */
export function sortedClasses(source: DocumentSource): SchoolClass[] {
  return [...source.classes].sort(compareClasses);
}

/** Active students of a class in journal (alphabetical) order. */
export function classStudents(source: DocumentSource, classId: string): Student[] {
  return source.students
    .filter((s) => s.classId === classId && s.status === 'active')
    .sort(compareStudents);
}

export function staffFullName(source: DocumentSource, id: string): string {
  const s = source.staff.find((m) => m.id === id);
  return s ? fullName(s) : '';
}

export function staffShortName(source: DocumentSource, id: string): string {
  const s = source.staff.find((m) => m.id === id);
  return s ? shortName(s) : '';
}

/** The subjects of a class's courses in the school's subject order (groups of one subject merged). */
export function classSubjects(source: DocumentSource, classId: string): Subject[] {
  const ids = new Set(source.courses.filter((c) => c.classId === classId).map((c) => c.subjectId));
  const ordered = source.school.subjects.filter((s) => ids.has(s.id));
  for (const id of ids) {
    if (!ordered.some((s) => s.id === id)) ordered.push({ id, name: id, short: id.slice(0, 16) });
  }
  return ordered;
}

/**
 * The course a student attends in a subject: the whole-class course, or the course of the group
 * the student belongs to. Undefined when the student attends none.
 */
export function courseOfStudent(
  cls: SchoolClass,
  courses: readonly Course[],
  subjectId: string,
  studentId: string,
): Course | undefined {
  const candidates = courses.filter((c) => c.classId === cls.id && c.subjectId === subjectId);
  return candidates.find((c) => {
    if (!c.groupId) return true;
    const group = cls.groups.find((g) => g.id === c.groupId);
    return group?.studentIds.includes(studentId) ?? false;
  });
}

/** Period marks indexed by "courseId:periodId". */
export function indexPeriodMarks(source: DocumentSource): Map<string, PeriodMarks> {
  return new Map(source.periodMarks.map((pm) => [`${pm.courseId}:${pm.periodId}`, pm]));
}

/** Lessons grouped by course id (held and cancelled alike; callers filter). */
export function lessonsByCourse(lessons: readonly Lesson[]): Map<string, Lesson[]> {
  const map = new Map<string, Lesson[]>();
  for (const l of lessons) {
    let list = map.get(l.courseId);
    if (!list) map.set(l.courseId, (list = []));
    list.push(l);
  }
  return map;
}

/** Finds a period by id; throws a Russian `DocumentError` listing the known ones. */
export function findPeriod(source: DocumentSource, id: string): Period {
  const p = source.periods.find((x) => x.id === id);
  if (p) return p;
  const known = source.periods.map((x) => `${x.id} (${x.name})`).join(', ');
  throw new DocumentError(
    `Период «${id}» не найден. ${known ? `Есть периоды: ${known}.` : 'В файле нет периодов.'}`,
  );
}

/** Strips characters the XMP metadata of pdfkit does not escape (& < >). */
export function safeInfo(s: string): string {
  return s.replace(/&/g, ' и ').replace(/[<>]/g, '').replace(/\s+/g, ' ').trim();
}

/** Period, year, exam and final marks as printed in documents. */
export const PERIOD_MARK_TEXT: Record<PeriodMarkValue, string> = {
  '5': '5',
  '4': '4',
  '3': '3',
  '2': '2',
  '1': '1',
  pass: 'зач.',
  fail: 'незач.',
  notAttested: 'н/а',
  exempt: 'осв.',
};

/** How a deferred period mark (отсрочка) is shown in narrow cells. */
export const DEFERRED_TEXT = 'отср.';

/** The printed cell of a period-mark entry: the mark, "отср." for a deferral, empty when not set. */
export function periodMarkText(entry: PeriodMarkEntry | undefined): string {
  if (!entry) return '';
  if (entry.value) return PERIOD_MARK_TEXT[entry.value];
  return entry.deferral ? DEFERRED_TEXT : '';
}
