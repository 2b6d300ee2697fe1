// Per-student right-hand columns of the journal page: weighted average, proposed period mark, absences.
import type { AttendanceCode } from '../../shared/attendance-code';
import { countLessonsMissed } from '../../shared/attendance';
import type { Assessment } from '../../shared/course';
import { proposePeriodMark, studentMarks } from '../../shared/grading';
import { MARK_LABELS, type GradingPolicy } from '../../shared/grading-policy';
import type { Lesson } from '../../shared/lesson';
import type { PeriodKind } from '../../shared/period';
import { formatAverage } from '../../shared/statistics';

export interface StudentSummary {
  /** "4,33" or "—" */
  average: string;
  /** "4", "н/а" or "—" */
  proposal: string;
  /** Russian: how the proposal was computed (parents dispute exactly this). */
  explanation: string;
  absences: number;
}

export interface SummaryContext {
  policy: GradingPolicy;
  codes: readonly AttendanceCode[];
  periodKind: PeriodKind;
  assessment: Assessment;
}

/** `lessons` are the page's lessons (one course, one period), cancelled ones included. */
export function summarizeStudent(
  lessons: readonly Lesson[],
  studentId: string,
  ctx: SummaryContext,
): StudentSummary {
  const held = lessons.filter((l) => l.status === 'held');
  const marks = studentMarks(held, studentId).map((m) => m.mark);
  const lessonsMissed = countLessonsMissed(held, studentId, ctx.codes);
  const proposal = proposePeriodMark(
    {
      marks,
      lessonsHeld: held.length,
      lessonsMissed,
      periodKind: ctx.periodKind,
      assessment: ctx.assessment,
    },
    ctx.policy,
  );
  return {
    average: proposal.average === null ? '—' : formatAverage(proposal.average),
    proposal: proposal.value === null ? '—' : MARK_LABELS[proposal.value],
    explanation: proposal.explanation,
    absences: lessonsMissed,
  };
}

export function sameSummary(a: StudentSummary, b: StudentSummary): boolean {
  return (
    a.average === b.average &&
    a.proposal === b.proposal &&
    a.explanation === b.explanation &&
    a.absences === b.absences
  );
}
