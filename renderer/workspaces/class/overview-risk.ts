// How worrying a cell of the class overview is. Early in a period most students have fewer marks
// than attestation needs, so their forecast is н/а: that is shown apart ("мало отметок") from a
// forecast or set 2 / н/а, until the period is over — then too few marks is a real risk.
import type { AttendanceCode } from '../../../shared/attendance-code';
import { countLessonsMissed } from '../../../shared/attendance';
import type { GradingPolicy } from '../../../shared/grading-policy';
import type { Lesson } from '../../../shared/lesson';
import type { PeriodKind } from '../../../shared/period';
import type { StudentOverview, StudentSubjectCell } from '../../../shared/reports/class-overview';

export type Risk = 'none' | 'fewMarks' | 'risk';

export function minMarksOf(policy: GradingPolicy, kind: PeriodKind): number {
  return kind === 'quarter' || kind === 'halfYear' || kind === 'trimester'
    ? policy.attestation.minMarks[kind]
    : 0;
}

/** What decides between "too few marks yet" and a real risk. */
export interface RiskContext {
  minMarks: number;
  periodOver: boolean;
  /** "courseId|studentId" of those who missed more lessons than attestation allows. */
  missedTooMany: ReadonlySet<string>;
}

export function cellRisk(
  cell: StudentSubjectCell | undefined,
  studentId: string,
  ctx: RiskContext,
): Risk {
  if (!cell?.atRisk) return 'none';
  const onlyFewMarks =
    cell.set === null &&
    cell.proposal === 'notAttested' &&
    cell.marksCount < ctx.minMarks &&
    !ctx.missedTooMany.has(`${cell.courseId}|${studentId}`);
  return onlyFewMarks && !ctx.periodOver ? 'fewMarks' : 'risk';
}

export function studentRisk(student: StudentOverview, ctx: RiskContext): Risk {
  let result: Risk = 'none';
  for (const cell of Object.values(student.subjects)) {
    const r = cellRisk(cell, student.studentId, ctx);
    if (r === 'risk') return 'risk';
    if (r === 'fewMarks') result = 'fewMarks';
  }
  return result;
}

/** Students who missed a larger share of a course's held lessons than the policy allows. */
export function missedTooMany(
  lessons: readonly Lesson[],
  studentIds: readonly string[],
  codes: readonly AttendanceCode[],
  policy: GradingPolicy,
): Set<string> {
  const byCourse = new Map<string, Lesson[]>();
  for (const l of lessons) {
    if (l.status !== 'held') continue;
    let list = byCourse.get(l.courseId);
    if (!list) byCourse.set(l.courseId, (list = []));
    list.push(l);
  }
  const result = new Set<string>();
  for (const [courseId, held] of byCourse) {
    for (const id of studentIds) {
      const missed = countLessonsMissed(held, id, codes);
      if (missed / held.length > policy.attestation.maxMissedShare) result.add(`${courseId}|${id}`);
    }
  }
  return result;
}
