// Undoing a year transition while the new year is not yet opened. The new year counts as OPENED —
// and the transition is no longer undone — once any of these holds: its first day has come (the
// school's date); a lesson of its classes holds marks, attendance, a topic or homework or was
// changed by a person (a substitute, a cancellation); a period mark of its classes holds anything
// but the transition's own deferrals of debts; a student's class, status or movements changed
// after the transition; a student the transition did not move was enrolled in one of its classes.
// Until then the undo removes (tombstones) every document of the new year, returns each student
// the transition moved to their state before it, and makes the finished year current and open.
import { formatDate } from '../dates';
import { jsonEqual } from '../json';
import type { Lesson } from '../lesson';
import { holdsData, isUntouched } from '../lesson-regeneration';
import type { PeriodMarks } from '../period-mark';
import type { School } from '../school';
import type { PastYear } from '../school-years';
import type { Student } from '../student';

type Draft<T> = Omit<T, 'stamps'>;

/** The parts of a student the transition writes (and the undo restores). */
export const MOVED_PARTS = ['classId', 'status', 'movements'] as const;
export type MovedParts = Pick<Student, (typeof MOVED_PARTS)[number]>;

export const NOTHING_TO_UNDO = 'Переход на новый учебный год не выполнялся: отменять нечего';

export interface UndoInput {
  school: School;
  /** The school's date. */
  today: string;
  /** Every live class (of every year). */
  classes: readonly { id: string; yearId: string; name: string }[];
  /** The new year's live lessons and period marks (by their classes). */
  lessons: readonly Pick<
    Lesson,
    'classId' | 'date' | 'entries' | 'topic' | 'homework' | 'stamps'
  >[];
  periodMarks: readonly Pick<PeriodMarks, 'classId' | 'marks'>[];
  /** Every live student. */
  students: readonly Student[];
  /**
   * The transition's writes of students: per student its latest audit row of the transition kind
   * (the state before and after it).
   */
  moved: ReadonlyMap<string, { before: Student; after: Student }>;
  /** The school card as the transition found it (its audit row), when known. */
  schoolBefore?: School | null;
}

export interface UndoPlan {
  /** The year closed by the transition, which becomes current again. */
  past: PastYear;
  /** The school card back on the finished year, without its entry in pastYears. */
  school: Draft<School>;
  /** The students to restore, with the parts they had before the transition. */
  students: { id: string; parts: MovedParts }[];
  /** The new year's class ids (their lessons and period marks go with them). */
  classIds: string[];
}

function name(s: Pick<Student, 'lastName' | 'firstName'>): string {
  return `${s.lastName} ${s.firstName}`;
}

function movedParts(s: Student): MovedParts {
  return { classId: s.classId, status: s.status, movements: s.movements };
}

/** The undo of the school's last transition, or the Russian reason it is refused. */
export function planUndo(input: UndoInput): UndoPlan | string {
  const { school } = input;
  const past = school.pastYears?.at(-1);
  if (!past) return NOTHING_TO_UNDO;
  const year = school.year;
  const refuse = (what: string) => `${what}: переход на ${year.name} уже не отменяется`;
  if (input.today >= year.start) {
    return refuse(`Учебный год ${year.name} начался ${formatDate(year.start)}`);
  }
  const newClasses = input.classes.filter((c) => c.yearId === year.id);
  const classNames = new Map(newClasses.map((c) => [c.id, c.name]));
  const used = input.lessons.find((l) => holdsData(l) || !isUntouched(l));
  if (used) {
    const where = `${classNames.get(used.classId) ?? used.classId}, ${formatDate(used.date)}`;
    return refuse(`В журнале ${year.name} уже есть записи (${where})`);
  }
  const marked = input.periodMarks.find((p) =>
    Object.values(p.marks).some((e) => e.value !== null || !e.deferral),
  );
  if (marked) {
    const where = classNames.get(marked.classId) ?? marked.classId;
    return refuse(`В ${year.name} уже выставлены отметки за период (${where})`);
  }
  const oldClassIds = new Set(
    input.classes.filter((c) => c.yearId === past.year.id).map((c) => c.id),
  );
  const students: UndoPlan['students'] = [];
  for (const s of input.students) {
    const row = input.moved.get(s.id);
    const last = row?.after.movements?.at(-1);
    const byThis =
      row !== undefined &&
      last !== undefined &&
      last.orderNumber === past.order.number &&
      last.date === past.order.date &&
      last.fromClassId !== null &&
      oldClassIds.has(last.fromClassId);
    if (!byThis) {
      if (classNames.has(s.classId)) {
        return refuse(`В класс ${classNames.get(s.classId)} зачислен ученик ${name(s)}`);
      }
      continue;
    }
    if (!jsonEqual(movedParts(s), movedParts(row.after))) {
      return refuse(`После перехода изменены сведения об ученике ${name(s)}`);
    }
    students.push({ id: s.id, parts: movedParts(row.before) });
  }
  const { stamps: _stamps, ...card } = school;
  const earlier = school.pastYears!.slice(0, -1);
  // An absent list stays absent (the card is then as it was); otherwise the earlier years.
  const was = input.schoolBefore?.pastYears;
  const pastYears = jsonEqual(was ?? [], earlier) ? was : earlier;
  return {
    past,
    school: { ...card, year: past.year, pastYears },
    students,
    classIds: newClasses.map((c) => c.id),
  };
}
