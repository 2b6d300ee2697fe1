// Period and year marks of the demo school: proposals by shared/grading.ts, the teacher's set mark, a few deferrals for illness and н/а.
import { proposePeriodMark, proposeYearMark, roundAverage } from '../grading';
import type { GradingPolicy, PeriodMarkValue } from '../grading-policy';
import type { Period } from '../period';
import type { PeriodMarkEntry, PeriodMarks } from '../period-mark';
import { periodMarksId } from '../period-mark';
import type { Stamps } from '../stamp';
import { addDays, hlcAt, localMs } from './calendar';
import type { CourseStats } from './lessons';
import type { Rng } from './random';
import type { StudentInfo } from './roster';
import type { CourseDraft } from './staffing';

const ORDER: PeriodMarkValue[] = ['2', '3', '4', '5'];

interface Ctx {
  rng: Rng;
  course: CourseDraft;
  roster: readonly StudentInfo[];
  stats: CourseStats;
  policy: GradingPolicy;
  asOf: string;
}

function doc(
  ctx: Ctx,
  period: Period,
  marks: Record<string, PeriodMarkEntry>,
  stamps: Stamps,
): PeriodMarks {
  return {
    id: periodMarksId(ctx.course.id, period.id),
    stamps,
    courseId: ctx.course.id,
    periodId: period.id,
    classId: ctx.course.classId,
    marks,
  };
}

/**
 * One document per ended reporting period (0-based `index` into the course's stats), the teacher
 * setting mostly the proposal, sometimes one mark higher at the border, deferring some ill students.
 */
export function periodMarksFor(ctx: Ctx, period: Period, index: number): PeriodMarks {
  const { rng, course, roster, stats, policy } = ctx;
  const held = stats.held[index] ?? 0;
  const marks: Record<string, PeriodMarkEntry> = {};
  const stamps: Stamps = {};
  const setAt = localMs(period.end, '15:00');
  roster.forEach((st, s) => {
    const i = index * roster.length + s;
    const illShare = held > 0 ? (stats.ill[i] ?? 0) / held : 0;
    const proposal = proposePeriodMark(
      {
        marks: stats.marks[i] ?? [],
        lessonsHeld: held,
        lessonsMissed: stats.missed[i] ?? 0,
        periodKind: period.kind,
        assessment: course.assessment,
      },
      policy,
    );
    const proposed = proposal.value;
    const average = proposal.average;
    let value: PeriodMarkValue | null = proposed;
    if (proposed === null) return;
    let deferral: PeriodMarkEntry['deferral'] = null;
    let comment = '';
    let at = setAt + s * 10_000;
    if (average !== null && proposed !== 'notAttested' && proposed !== '5') {
      const up = ORDER[ORDER.indexOf(proposed) + 1];
      const next =
        up === '5'
          ? policy.thresholds.five
          : up === '4'
            ? policy.thresholds.four
            : policy.thresholds.three;
      if (up && next - average <= 0.1 && rng.chance(0.25)) value = up;
    }
    if (illShare > 0.25 && (proposed === 'notAttested' ? rng.chance(0.7) : rng.chance(0.15))) {
      const due = addDays(period.end, 14);
      if (due < ctx.asOf) {
        value =
          average !== null
            ? roundAverage(average, policy)
            : course.assessment === 'passFail'
              ? 'pass'
              : '3';
        comment = `Аттестован после отсрочки по болезни (срок ${due.split('-').reverse().join('.')})`;
        at = localMs(due, '15:00') + s * 10_000;
      } else {
        value = null;
        deferral = { reason: 'болезнь', due };
      }
    }
    marks[st.doc.id] = { value, proposed, average, deferral, comment };
    stamps[`marks.${st.doc.id}`] = { at: hlcAt(at), by: course.teacherId };
  });
  return doc(ctx, period, marks, stamps);
}

/** Year marks from the period marks: the mean of the numeric ones, rounded by the thresholds. */
export function yearMarksFor(
  ctx: Ctx,
  year: Period,
  periodDocs: readonly PeriodMarks[],
): PeriodMarks {
  const { course, roster, policy } = ctx;
  const marks: Record<string, PeriodMarkEntry> = {};
  const stamps: Stamps = {};
  const at = localMs(year.end, '16:00');
  roster.forEach((st, s) => {
    const values = periodDocs.map((d) => d.marks[st.doc.id]?.value ?? null);
    const { value: proposed, average } = proposeYearMark(values, policy);
    const pending = values.some((v) => v === null);
    marks[st.doc.id] = {
      value: pending ? null : proposed,
      proposed,
      average,
      deferral: null,
      comment: '',
    };
    stamps[`marks.${st.doc.id}`] = { at: hlcAt(at + s * 10_000), by: course.teacherId };
  });
  return doc(ctx, year, marks, stamps);
}
