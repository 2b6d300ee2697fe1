// Per-student rows of the period-marks page: the proposal by the grading rules (with its explanation)
// beside the stored entry. Reporting periods propose from their lessons, the year from the period
// marks, the final mark from the year and exam marks; the exam mark has no proposal.
import type { AttendanceCode } from '../../../shared/attendance-code';
import { countLessonsMissed } from '../../../shared/attendance';
import type { Assessment } from '../../../shared/course';
import {
  proposePeriodMark,
  proposeYearMark,
  studentMarks,
  type Proposal,
} from '../../../shared/grading';
import {
  MARK_LABELS,
  type GradingPolicy,
  type PeriodMarkValue,
} from '../../../shared/grading-policy';
import type { Lesson } from '../../../shared/lesson';
import type { Period } from '../../../shared/period';
import type { PeriodMarkEntry, PeriodMarks } from '../../../shared/period-mark';
import type { Student } from '../../../shared/student';

export interface MarkRow {
  student: Student;
  proposal: Proposal;
  entry: PeriodMarkEntry | undefined;
}

export interface RowsInput {
  period: Period;
  students: readonly Student[];
  /** The course's lessons inside the period (reporting periods only). */
  lessons: readonly Lesson[];
  /** Every period-marks document of the course (for year and final proposals). */
  courseMarks: readonly PeriodMarks[];
  /** The class's reporting periods in order (for the year proposal). */
  reportingPeriods: readonly Period[];
  /** The year and exam periods (for the final proposal). */
  yearPeriod: Period | undefined;
  examPeriod: Period | undefined;
  policy: GradingPolicy;
  codes: readonly AttendanceCode[];
  assessment: Assessment;
}

const NO_PROPOSAL: Proposal = {
  value: null,
  average: null,
  marksCount: 0,
  missedShare: 0,
  explanation: 'Ставится по результату экзамена',
};

export function markRows(input: RowsInput): MarkRow[] {
  const docs = new Map(input.courseMarks.map((d) => [d.periodId, d]));
  const own = docs.get(input.period.id);
  const valueIn = (periodId: string | undefined, studentId: string): PeriodMarkValue | null =>
    (periodId ? docs.get(periodId)?.marks[studentId]?.value : null) ?? null;
  const held = input.lessons.filter((l) => l.status === 'held');

  return input.students.map((student) => {
    const entry = own?.marks[student.id];
    let proposal: Proposal;
    switch (input.period.kind) {
      case 'year':
        proposal = proposeYearMark(
          input.reportingPeriods.map((p) => valueIn(p.id, student.id)),
          input.policy,
        );
        break;
      case 'exam':
        proposal = NO_PROPOSAL;
        break;
      case 'final': {
        const year = valueIn(input.yearPeriod?.id, student.id);
        const exam = valueIn(input.examPeriod?.id, student.id);
        const p = proposeYearMark([year, exam], input.policy);
        proposal = {
          ...p,
          explanation: `Годовая ${year ?? '—'}, экзаменационная ${exam ?? '—'}: ${p.explanation.replace('Среднее отметок за периоды', 'среднее')}`,
        };
        break;
      }
      default:
        proposal = proposePeriodMark(
          {
            marks: studentMarks(held, student.id).map((m) => m.mark),
            lessonsHeld: held.length,
            lessonsMissed: countLessonsMissed(held, student.id, input.codes),
            periodKind: input.period.kind,
            assessment: input.assessment,
          },
          input.policy,
        );
    }
    return { student, proposal, entry };
  });
}

/** The entry written when a mark is set: the proposal and its average kept beside it for disputes. */
export function entryWithValue(row: MarkRow, value: PeriodMarkValue | null): PeriodMarkEntry {
  return {
    value,
    proposed: row.proposal.value,
    average: row.proposal.average,
    deferral: null,
    comment: row.entry?.comment ?? '',
  };
}

/**
 * Rows "accept all" fills: a proposal exists, no mark is set yet and the mark is not deferred.
 * Marks the teacher already set (or changed at a border) are never overwritten in bulk.
 */
export function acceptableRows(rows: readonly MarkRow[]): MarkRow[] {
  return rows.filter(
    (r) => r.proposal.value !== null && (r.entry?.value ?? null) === null && !r.entry?.deferral,
  );
}

export interface AcceptAllPlan {
  rows: MarkRow[];
  /** How many of each mark will be set, in the order of the scale ("5": 4, "н/а": 2…). */
  counts: { label: string; count: number }[];
  /** «н/а» among them: official "not attested" marks deserve their own line. */
  notAttested: number;
}

/** What «Принять все предложения» would set, told to the teacher before anything is written. */
export function acceptAllPlan(rows: readonly MarkRow[]): AcceptAllPlan {
  const accepted = acceptableRows(rows);
  const counts = new Map<PeriodMarkValue, number>();
  for (const r of accepted) {
    const v = r.proposal.value!;
    counts.set(v, (counts.get(v) ?? 0) + 1);
  }
  return {
    rows: accepted,
    counts: SCALE_ORDER.filter((v) => counts.has(v)).map((v) => ({
      label: MARK_LABELS[v],
      count: counts.get(v)!,
    })),
    notAttested: counts.get('notAttested') ?? 0,
  };
}

/** Best mark first (zod's enum lists numeric keys in ascending order, so it is not used here). */
const SCALE_ORDER: readonly PeriodMarkValue[] = [
  '5',
  '4',
  '3',
  '2',
  '1',
  'pass',
  'fail',
  'notAttested',
  'exempt',
];

/**
 * A set mark that is no longer what the rules propose now (marks changed after it was set), or
 * null: the current proposal's label, for the note «сейчас предлагается 3».
 */
export function staleProposal(row: MarkRow): string | null {
  const value = row.entry?.value ?? null;
  const now = row.proposal.value;
  if (value === null || now === null || value === now) return null;
  return MARK_LABELS[now];
}
