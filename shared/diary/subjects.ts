// The diary's marks by subject for one reporting period: each mark with its date, work type and
// weight, the weighted average and the forecast computed exactly as the journal and the paper
// extract compute them (shared/grading.ts), the period mark once it is set, and — because that is
// what families dispute — the explanation of how the proposal is computed, line by line.
import { countLessonsMissed, summarizeAbsences, type AbsenceSummary } from '../attendance';
import { formatDate, formatDayMonth } from '../dates';
import { yearPeriods, classPeriod } from '../documents/periods';
import { PERIOD_MARK_TEXT, type DocumentSource } from '../documents/source';
import { markPoints, markWeight, proposePeriodMark, studentMarks } from '../grading';
import { MARK_LABELS, type GradingPolicy } from '../grading-policy';
import type { PeriodMarkEntry } from '../period-mark';
import type { PeriodKind } from '../period';
import { formatAverage } from '../statistics';
import { childContext, teacherShort } from './child';

export interface DiarySubjectMark {
  /** "12.11" */
  date: string;
  value: string;
  workType: string;
  weight: number;
  comment: string;
}

export type DiaryResultKind = 'set' | 'forecast' | 'deferred' | 'none' | 'notAssessed';

export interface DiarySubject {
  courseId: string;
  subject: string;
  teacher: string;
  marks: DiarySubjectMark[];
  /** "4,33" or "—" */
  average: string;
  result: { kind: DiaryResultKind; text: string };
  /** How the forecast is computed, one Russian sentence per line. */
  explanation: string[];
  lessonsHeld: number;
  lessonsMissed: number;
  /** The class's average in this subject (a school setting), or null. */
  classAverage: string | null;
}

export interface DiaryPeriodView {
  periodId: string;
  /** "II четверть" */
  periodName: string;
  from: string;
  to: string;
  /** Marks are counted up to this day (today, or the period's end if earlier). */
  until: string;
  /** The class's reporting periods to choose from. */
  periods: { id: string; name: string }[];
  subjects: DiarySubject[];
  absences: AbsenceSummary;
}

/** "4,5", "3,65" */
function decimal(x: number): string {
  return String(Math.round(x * 10_000) / 10_000).replace('.', ',');
}

const KIND_GENITIVE: Partial<Record<PeriodKind, string>> = {
  quarter: 'четверть',
  halfYear: 'полугодие',
  trimester: 'триместр',
};

/** The school's rules behind every forecast, the same for each subject. */
export function gradingRules(policy: GradingPolicy, kind: PeriodKind): string[] {
  const t = policy.thresholds;
  const lines = [
    'Средний взвешенный балл = сумма (отметка × вес вида работы) ÷ сумма весов; зачёты в него не входят.',
    `Предложение по среднему баллу: 5 — от ${decimal(t.five)}, 4 — от ${decimal(t.four)}, ` +
      `3 — от ${decimal(t.three)}, ниже — 2.`,
  ];
  if (policy.allowModifiers) {
    lines.push(
      `Отметка с плюсом считается на ${decimal(policy.modifierDelta)} больше, с минусом — на ${decimal(policy.modifierDelta)} меньше.`,
    );
  }
  const min =
    kind === 'quarter' || kind === 'halfYear' || kind === 'trimester'
      ? policy.attestation.minMarks[kind]
      : 0;
  const share = Math.round(policy.attestation.maxMissedShare * 1000) / 10;
  const parts: string[] = [];
  if (min > 0) parts.push(`отметок меньше ${min} за ${KIND_GENITIVE[kind] ?? 'период'}`);
  parts.push(`пропущено больше ${decimal(share)} % уроков`);
  lines.push(`Не аттестуется (н/а), если ${parts.join(' или ')}.`);
  return lines;
}

function markTerm(value: string, weight: number, workType: string, date: string): string {
  return `${value} × ${decimal(weight)} (${workType.toLowerCase()}, ${date})`;
}

/** One subject's result: the set mark, a deferral, or the forecast. */
function resultOf(
  entry: PeriodMarkEntry | undefined,
  proposal: ReturnType<typeof proposePeriodMark>,
  assessed: boolean,
): DiarySubject['result'] {
  if (!assessed) return { kind: 'notAssessed', text: 'без отметок' };
  if (entry?.value) return { kind: 'set', text: PERIOD_MARK_TEXT[entry.value] };
  if (entry?.deferral) {
    return { kind: 'deferred', text: `отсрочка до ${formatDate(entry.deferral.due)}` };
  }
  if (proposal.value) return { kind: 'forecast', text: PERIOD_MARK_TEXT[proposal.value] };
  return { kind: 'none', text: '—' };
}

export function diaryPeriod(
  source: DocumentSource,
  studentId: string,
  periodId: string | undefined,
  today: string,
  classAverages: ReadonlyMap<string, number | null> | null = null,
): DiaryPeriodView {
  const ctx = childContext(source, studentId);
  const period = classPeriod(source, ctx.cls, periodId, today);
  const until = period.end < today ? period.end : today;
  const policy = source.school.policy;
  const codes = source.school.attendanceCodes;
  const workTypes = new Map(policy.workTypes.map((w) => [w.id, w]));
  const subjects: DiarySubject[] = ctx.courses.map(({ course, subject }) => {
    // The same lessons, marks and counts as the paper extract (extract-model.ts).
    const lessons = ctx.data.courseLessons(course.id, period.start, until);
    const marks = studentMarks(lessons, studentId);
    const lessonsMissed = countLessonsMissed(lessons, studentId, codes);
    const proposal = proposePeriodMark(
      {
        marks: marks.map((m) => m.mark),
        lessonsHeld: lessons.length,
        lessonsMissed,
        periodKind: period.kind,
        assessment: course.assessment,
      },
      policy,
    );
    const entry = ctx.data.periodMark(course.id, period.id, studentId);
    const assessed = course.assessment !== 'none';
    const result = resultOf(entry, proposal, assessed);
    const explanation: string[] = [];
    if (assessed) {
      explanation.push(
        proposal.value
          ? `Предложение — ${PERIOD_MARK_TEXT[proposal.value]}: ${proposal.explanation}.`
          : `${proposal.explanation}.`,
      );
      const numeric = marks.filter((m) => markPoints(m.mark.value, policy) !== null);
      if (numeric.length > 0) {
        explanation.push(
          'Отметки и веса: ' +
            numeric
              .map((m) =>
                markTerm(
                  MARK_LABELS[m.mark.value],
                  markWeight(m.mark.workTypeId, policy),
                  workTypes.get(m.mark.workTypeId)?.name ?? m.mark.workTypeId,
                  formatDayMonth(m.date),
                ),
              )
              .join(' + ') +
            '.',
        );
      }
      if (result.kind === 'set' && entry?.proposed && entry.proposed !== entry.value) {
        const avg =
          entry.average === null ? '' : ` при среднем балле ${formatAverage(entry.average)}`;
        explanation.push(
          `Отметку за период выставил учитель: ${result.text}; по правилам предлагалось ${PERIOD_MARK_TEXT[entry.proposed]}${avg}.`,
        );
      }
      if (entry?.deferral) explanation.push(`Причина отсрочки: ${entry.deferral.reason}.`);
    }
    const classAvg = classAverages?.get(course.id);
    return {
      courseId: course.id,
      subject: subject.name,
      teacher: teacherShort(ctx, course.teacherId),
      marks: marks.map((m) => {
        const wt = workTypes.get(m.mark.workTypeId);
        return {
          date: formatDayMonth(m.date),
          value: MARK_LABELS[m.mark.value],
          workType: wt?.name ?? m.mark.workTypeId,
          weight: markWeight(m.mark.workTypeId, policy),
          comment: m.mark.comment,
        };
      }),
      average: formatAverage(proposal.average),
      result,
      explanation,
      lessonsHeld: lessons.length,
      lessonsMissed,
      classAverage: classAvg === undefined || classAvg === null ? null : formatAverage(classAvg),
    };
  });
  const { reporting } = yearPeriods(source, ctx.cls);
  return {
    periodId: period.id,
    periodName: period.name,
    from: period.start,
    to: period.end,
    until,
    periods: reporting.map((p) => ({ id: p.id, name: p.name })),
    subjects,
    absences: summarizeAbsences(
      ctx.data.studentLessons(studentId, period.start, until),
      studentId,
      codes,
    ),
  };
}
