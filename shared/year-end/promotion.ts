// Each student's movement proposed from the year's results: the final mark of a subject where it is
// set, else the year mark. A 2 (or 1, незачёт, н/а) blocks plain promotion: the student is
// proposed for conditional promotion with those subjects as academic debt (273-ФЗ art. 58
// part 8); in the 9th and 11th — which graduate — such a student is proposed to stay (part 9:
// no certificate without the attestation). Keeping a student back otherwise, or recording that
// one left, is the deputy's decision in the wizard.
import type { Course } from '../course';
import type { PeriodMarkValue } from '../grading-policy';
import type { Period } from '../period';
import type { PeriodMarks } from '../period-mark';
import type { SchoolClass } from '../school-class';
import type { MovementKind, Student } from '../student';
import { graduates, type NextClass } from './next-classes';

/** Marks that are not a pass: 2, 1, незачёт, н/а. */
export function isFailing(value: PeriodMarkValue | null): boolean {
  return value === '2' || value === '1' || value === 'fail' || value === 'notAttested';
}

export type YearEndKind = Exclude<MovementKind, 'transfer' | 'enrolled'>;

export interface MovementProposal {
  studentId: string;
  fromClassId: string;
  kind: YearEndKind;
  /** The class next year; null when the student leaves the school (graduated, left). */
  toClassId: string | null;
  /** Subjects with a failing final (or year) mark: the academic debt. */
  debts: string[];
  /** Subjects with neither a final nor a year mark (shown to the deputy; not a debt). */
  missing: string[];
}

/** The subject → the mark that decides: final if set, else year (null: none). */
export function decidingMarks(
  studentId: string,
  courses: readonly Course[],
  periods: readonly Period[],
  marks: readonly PeriodMarks[],
): Map<string, PeriodMarkValue | null> {
  const yearPeriod = new Set(periods.filter((p) => p.kind === 'year').map((p) => p.id));
  const finalPeriod = new Set(periods.filter((p) => p.kind === 'final').map((p) => p.id));
  const out = new Map<string, PeriodMarkValue | null>();
  for (const course of courses) {
    if (course.assessment === 'none') continue;
    const of = (ids: Set<string>) =>
      marks.find((m) => m.courseId === course.id && ids.has(m.periodId))?.marks[studentId]?.value ??
      null;
    // A course of a group the student is not in has no entry for them: it does not count.
    const hasEntry = marks.some(
      (m) =>
        m.courseId === course.id &&
        (yearPeriod.has(m.periodId) || finalPeriod.has(m.periodId)) &&
        studentId in m.marks,
    );
    if (course.groupId !== null && !hasEntry) continue;
    const value = of(finalPeriod) ?? of(yearPeriod);
    const previous = out.get(course.subjectId);
    if (previous === undefined || previous === null) out.set(course.subjectId, value);
  }
  return out;
}

/** The next year's class a student of `from` goes to when promoted, or stays in when kept back. */
function targetClass(from: SchoolClass, next: readonly NextClass[], stays: boolean): string | null {
  if (!stays) return next.find((c) => c.fromClassId === from.id)?.id ?? null;
  const same = next.filter((c) => c.grade === from.grade);
  return (same.find((c) => c.letter === from.letter) ?? same[0])?.id ?? null;
}

export function proposeMovements(input: {
  students: readonly Student[];
  classes: readonly SchoolClass[];
  courses: readonly Course[];
  periods: readonly Period[];
  periodMarks: readonly PeriodMarks[];
  nextClasses: readonly NextClass[];
}): MovementProposal[] {
  const classes = new Map(input.classes.map((c) => [c.id, c]));
  const out: MovementProposal[] = [];
  for (const student of input.students) {
    const from = classes.get(student.classId);
    if (!from || student.status !== 'active') continue;
    const courses = input.courses.filter((c) => c.classId === from.id);
    const marks = input.periodMarks.filter((m) => m.classId === from.id);
    const deciding = decidingMarks(student.id, courses, input.periods, marks);
    const debts: string[] = [];
    const missing: string[] = [];
    for (const [subjectId, value] of deciding) {
      if (value === null) missing.push(subjectId);
      else if (isFailing(value)) debts.push(subjectId);
    }
    debts.sort();
    missing.sort();
    let kind: YearEndKind;
    if (graduates(from.grade)) kind = debts.length > 0 ? 'keptBack' : 'graduated';
    else kind = debts.length > 0 ? 'conditional' : 'promoted';
    const toClassId =
      kind === 'graduated' ? null : targetClass(from, input.nextClasses, kind === 'keptBack');
    out.push({
      studentId: student.id,
      fromClassId: from.id,
      kind,
      toClassId,
      debts: kind === 'conditional' ? debts : [],
      missing,
    });
  }
  return out;
}
