// Grading rules: mark points, weighted averages, proposed period and year marks with a Russian explanation.
//
// Parents dispute the proposals at the thresholds, so averages are compared with the thresholds in exact
// integer arithmetic (numbers scaled to ten-thousandths), never as floats: exactly 3.5 reaches a 3.5
// threshold and 3.4999… does not.
import type { Assessment } from './course';
import {
  AVERAGE_ROUNDING_NOTES,
  type AverageRounding,
  type GradingPolicy,
  type LessonMarkValue,
  type PeriodMarkValue,
} from './grading-policy';
import { compareLessons, type Lesson, type LessonType, type Mark } from './lesson';
import type { PeriodKind } from './period';

/** Points, weights, thresholds and the modifier delta are settings with at most 4 decimals. */
const SCALE = 10_000;

function scaled(x: number): number {
  return Math.round(x * SCALE);
}

const BASE_POINTS: Record<LessonMarkValue, number | null> = {
  '5': 5,
  '4': 4,
  '3': 3,
  '2': 2,
  '1': 1,
  '5-': 5,
  '4+': 4,
  '4-': 4,
  '3+': 3,
  '3-': 3,
  '2+': 2,
  pass: null,
  fail: null,
};

/** Modifier direction of a lesson mark: +1 for "4+", −1 for "4−", 0 otherwise. */
function modifierSign(value: LessonMarkValue): number {
  return value.endsWith('+') ? 1 : value.endsWith('-') ? -1 : 0;
}

/** Points a mark brings to the average: '4+' → 4 + delta, '4−' → 4 − delta; зачёт/незачёт → null. */
export function markPoints(value: LessonMarkValue, policy: GradingPolicy): number | null {
  const base = BASE_POINTS[value];
  if (base === null) return null;
  return base + modifierSign(value) * policy.modifierDelta;
}

/** The same in ten-thousandths, exact. */
function scaledPoints(value: LessonMarkValue, policy: GradingPolicy): number | null {
  const base = BASE_POINTS[value];
  if (base === null) return null;
  return base * SCALE + modifierSign(value) * scaled(policy.modifierDelta);
}

export interface WeightedMark {
  value: LessonMarkValue;
  workTypeId: string;
}

/** Weight of a work type; a deleted or unknown work type weighs as the policy's default (then 1). */
export function markWeight(workTypeId: string, policy: GradingPolicy): number {
  const own = policy.workTypes.find((w) => w.id === workTypeId);
  if (own) return own.weight;
  const fallback = policy.workTypes.find((w) => w.id === policy.defaultWorkTypeId);
  return fallback ? fallback.weight : 1;
}

/**
 * The work type a new mark in this lesson gets: the one the teacher chose for the column, else the
 * one the lesson type proposes (a school setting: контрольная работа → к/р), else the school default.
 */
export function proposedWorkTypeId(
  lesson: Pick<Lesson, 'workTypeId' | 'lessonType'>,
  policy: GradingPolicy,
): string {
  if (lesson.workTypeId !== null) return lesson.workTypeId;
  const byType = policy.workTypeByLessonType?.[lesson.lessonType];
  return byType !== undefined && policy.workTypes.some((w) => w.id === byType)
    ? byType
    : policy.defaultWorkTypeId;
}

/** Exact weighted sum: Σ(points×weight) in SCALE², Σ(weight) in SCALE, over numeric marks only. */
interface Sums {
  sum: number;
  weight: number;
  count: number;
}

function weightedSums(marks: readonly WeightedMark[], policy: GradingPolicy): Sums {
  let sum = 0;
  let weight = 0;
  let count = 0;
  for (const m of marks) {
    const p = scaledPoints(m.value, policy);
    if (p === null) continue;
    const w = scaled(markWeight(m.workTypeId, policy));
    sum += p * w;
    weight += w;
    count += 1;
  }
  return { sum, weight, count };
}

/** Σ(points×weight)/Σ(weight) over numeric marks (зачёт/незачёт are skipped); null when there are none. */
export function weightedAverage(
  marks: readonly WeightedMark[],
  policy: GradingPolicy,
): number | null {
  const { sum, weight, count } = weightedSums(marks, policy);
  if (count === 0 || weight === 0) return null;
  return sum / weight / SCALE;
}

type NumericProposal = '5' | '4' | '3' | '2';

/**
 * Rounds num/den (num in SCALE units relative to den) with the thresholds, comparing integers:
 * num ≥ threshold × den. Both sides stay far below 2^53 for any real period.
 */
function roundFraction(num: number, den: number, policy: GradingPolicy): NumericProposal {
  const { five, four, three } = policy.thresholds;
  if (num >= scaled(five) * den) return '5';
  if (num >= scaled(four) * den) return '4';
  if (num >= scaled(three) * den) return '3';
  return '2';
}

/**
 * The mark an average rounds to: 5 from `five`, 4 from `four`, 3 from `three`, else 2. For a float
 * average computed elsewhere; a tiny epsilon absorbs float noise (3.4999999999 from 7/2 arithmetic)
 * while 3.4999999 stays below 3.5.
 */
export function roundAverage(average: number, policy: GradingPolicy): NumericProposal {
  const eps = 1e-9;
  const { five, four, three } = policy.thresholds;
  if (average >= five - eps) return '5';
  if (average >= four - eps) return '4';
  if (average >= three - eps) return '3';
  return '2';
}

/** The school's choice for averages; a policy stored before the setting existed rounds. */
export function averageRoundingOf(policy: GradingPolicy): AverageRounding {
  return policy.averageRounding ?? 'round';
}

/** «Средний балл округляется до сотых» / «…отбрасываются»: said wherever an average is shown or printed. */
export function averageRoundingNote(policy: GradingPolicy): string {
  return AVERAGE_ROUNDING_NOTES[averageRoundingOf(policy)];
}

/**
 * Hundredths of num/den (both non-negative integers) as the school shows them, in exact integer
 * arithmetic: rounded half up (28/6 → 4,67) or truncated (→ 4,66). Returns the count of hundredths.
 */
function hundredthsOf(num: number, den: number, rounding: AverageRounding): number {
  const n = num * 100;
  if (rounding === 'truncate') return (n - (n % den)) / den;
  const twice = 2 * n + den; // floor((n + den/2) / den) without fractions
  return (twice - (twice % (2 * den))) / (2 * den);
}

/**
 * A float average (computed elsewhere, e.g. a mean of averages) cut to hundredths as the school
 * shows it. A tiny epsilon absorbs float noise (4.665 stored as 4.66499999…).
 */
export function shownAverage(average: number, policy: GradingPolicy): number {
  const x = average * 100 + 1e-7;
  return (averageRoundingOf(policy) === 'truncate' ? Math.floor(x) : Math.round(x)) / 100;
}

/**
 * The proposal from the shown average (num/den) when the school rounds: the mark follows the number
 * on the screen, so 3,4951 shown as 3,50 proposes 4 at a 3,5 threshold. Truncating schools compare
 * the exact fraction, which at two-decimal thresholds gives the same mark as the shown number.
 */
function proposeFromFraction(num: number, den: number, policy: GradingPolicy): NumericProposal {
  if (averageRoundingOf(policy) === 'truncate') return roundFraction(num, den, policy);
  const shown = hundredthsOf(num, den * SCALE, 'round');
  const { five, four, three } = policy.thresholds;
  const at = (t: number) => shown * SCALE >= scaled(t) * 100;
  return at(five) ? '5' : at(four) ? '4' : at(three) ? '3' : '2';
}

export interface Proposal {
  /** null = nothing to propose (no lessons and no marks yet, or the subject is not assessed). */
  value: PeriodMarkValue | null;
  /** Weighted average in hundredths as the school shows it (rounded or truncated); null without numeric marks. */
  average: number | null;
  /** Marks counted: numeric marks for 'marks', зачёт/незачёт marks for 'passFail', numeric period marks for a year. */
  marksCount: number;
  /** lessonsMissed / lessonsHeld (0 when no lesson was held). */
  missedShare: number;
  /** Russian, shown to teachers and parents: how the proposal was computed. */
  explanation: string;
}

/** "3,5", "4,65", "21" — Russian decimal comma, no trailing zeros, at most 4 decimals. */
function formatNumber(x: number): string {
  return String(Math.round(x * SCALE) / SCALE).replace('.', ',');
}

/** "3,50" — always two decimals. */
function format2(x: number): string {
  return x.toFixed(2).replace('.', ',');
}

function thresholdOf(value: NumericProposal, policy: GradingPolicy): number | null {
  const t = policy.thresholds;
  return value === '5' ? t.five : value === '4' ? t.four : value === '3' ? t.three : null;
}

/** "≥ 3,5 → 4" or "< 2,5 → 2". */
function roundingText(value: NumericProposal, policy: GradingPolicy): string {
  const t = thresholdOf(value, policy);
  return t === null
    ? `< ${formatNumber(policy.thresholds.three)} → 2`
    : `≥ ${formatNumber(t)} → ${value}`;
}

/** Minimum marks for a reporting period; year/exam/final have none (they come from period marks). */
function minMarksFor(kind: PeriodKind, policy: GradingPolicy): number {
  switch (kind) {
    case 'quarter':
    case 'halfYear':
    case 'trimester':
      return policy.attestation.minMarks[kind];
    default:
      return 0;
  }
}

function capitalize(s: string): string {
  return s.charAt(0).toUpperCase() + s.slice(1);
}

function percentText(share: number): string {
  return `${formatNumber(Math.round(share * 1000) / 10)} %`;
}

/**
 * The proposed period mark.
 *
 * - assessment 'none' → null.
 * - No lesson held and no mark counted → null (the period has not started for this student).
 * - Otherwise no mark counted and no н/а rule hit (only where no minimum applies) → null.
 * - н/а when the counted marks are fewer than policy.attestation.minMarks[periodKind] (quarter, halfYear,
 *   trimester; no minimum for year/exam/final), OR when lessonsMissed / lessonsHeld is strictly greater
 *   than policy.attestation.maxMissedShare. Either rule alone suffices; the explanation names each one hit.
 * - 'marks': otherwise the weighted average rounded with the thresholds (зачёт/незачёт marks are ignored).
 * - 'passFail': otherwise 'pass' when зачёт marks ≥ незачёт marks (unweighted counts), else 'fail'. Numeric marks are ignored.
 */
export function proposePeriodMark(
  input: {
    marks: readonly WeightedMark[];
    lessonsHeld: number;
    lessonsMissed: number;
    periodKind: PeriodKind;
    assessment: Assessment;
  },
  policy: GradingPolicy,
): Proposal {
  const missedShare = input.lessonsHeld > 0 ? input.lessonsMissed / input.lessonsHeld : 0;
  if (input.assessment === 'none') {
    return {
      value: null,
      average: null,
      marksCount: 0,
      missedShare,
      explanation: 'Предмет не оценивается',
    };
  }

  const sums = weightedSums(input.marks, policy);
  const average =
    sums.count > 0
      ? hundredthsOf(sums.sum, sums.weight * SCALE, averageRoundingOf(policy)) / 100
      : null;
  const passes = input.marks.filter((m) => m.value === 'pass').length;
  const fails = input.marks.filter((m) => m.value === 'fail').length;
  const marksCount = input.assessment === 'marks' ? sums.count : passes + fails;
  const base = { average, marksCount, missedShare };

  if (input.lessonsHeld === 0 && marksCount === 0) {
    return { ...base, value: null, explanation: 'Уроков и отметок ещё нет' };
  }

  const reasons: string[] = [];
  const minMarks = minMarksFor(input.periodKind, policy);
  if (marksCount < minMarks) {
    reasons.push(`отметок ${marksCount} из ${minMarks} необходимых`);
  }
  if (missedShare > policy.attestation.maxMissedShare) {
    reasons.push(
      `пропущено ${input.lessonsMissed} из ${input.lessonsHeld} уроков (${percentText(missedShare)}), ` +
        `допустимо не больше ${percentText(policy.attestation.maxMissedShare)}`,
    );
  }
  if (reasons.length > 0) {
    return {
      ...base,
      value: 'notAttested',
      explanation: `${capitalize(reasons.join('; '))} → н/а`,
    };
  }

  if (marksCount === 0) {
    // Only possible where no minimum applies (year-level kinds).
    return { ...base, value: null, explanation: 'Отметок нет' };
  }
  if (input.assessment === 'passFail') {
    const value = passes >= fails ? 'pass' : 'fail';
    return {
      ...base,
      value,
      explanation: `Зачётов ${passes}, незачётов ${fails} → ${value === 'pass' ? 'зачёт' : 'незачёт'}`,
    };
  }

  const value = proposeFromFraction(sums.sum, sums.weight, policy);
  const sumText = formatNumber(sums.sum / SCALE / SCALE);
  const weightText = formatNumber(sums.weight / SCALE);
  return {
    ...base,
    value,
    explanation:
      `Средний взвешенный балл ${format2(average ?? 0)} (сумма ${sumText} ÷ вес ${weightText}) ` +
      roundingText(value, policy),
  };
}

const NUMERIC_PERIOD: Partial<Record<PeriodMarkValue, number>> = {
  '5': 5,
  '4': 4,
  '3': 3,
  '2': 2,
  '1': 1,
};

/**
 * The proposed year mark from the period marks in order (null = period mark not set).
 *
 * - Nothing set at all → null.
 * - Every period 'exempt' → 'exempt'.
 * - Any numeric period mark → the plain average of the numeric ones, rounded with the same thresholds
 *   (н/а, зачёт/незачёт, exempt and unset periods are left out of the average and named in the explanation).
 * - No numeric mark and some period н/а or unset → 'notAttested'.
 * - Only зачёт/незачёт (and exempt) → 'pass', unless the last of them is 'fail' → 'fail'.
 */
export function proposeYearMark(
  periodValues: readonly (PeriodMarkValue | null)[],
  policy: GradingPolicy,
): Proposal {
  const base = { missedShare: 0 };
  const numeric: number[] = [];
  for (const v of periodValues) {
    const n = v === null ? undefined : NUMERIC_PERIOD[v];
    if (n !== undefined) numeric.push(n);
  }
  const missing = periodValues.filter((v) => v === null).length;
  const notAttested = periodValues.filter((v) => v === 'notAttested').length;

  if (missing === periodValues.length) {
    return {
      ...base,
      value: null,
      average: null,
      marksCount: 0,
      explanation: 'Отметок за периоды нет',
    };
  }
  if (periodValues.every((v) => v === 'exempt')) {
    return {
      ...base,
      value: 'exempt',
      average: null,
      marksCount: 0,
      explanation: 'Освобождён во всех периодах → осв.',
    };
  }

  if (numeric.length > 0) {
    const sum = numeric.reduce((a, b) => a + b, 0);
    const count = numeric.length;
    const value = proposeFromFraction(sum * SCALE, count, policy);
    const average = hundredthsOf(sum, count, averageRoundingOf(policy)) / 100;
    const skipped = periodValues.length - count;
    const note = skipped > 0 ? `; не учтено периодов без числовой отметки: ${skipped}` : '';
    return {
      ...base,
      value,
      average,
      marksCount: count,
      explanation:
        `Среднее отметок за периоды ${format2(average)} (${numeric.join(' + ')} = ${sum} ÷ ${count}) ` +
        roundingText(value, policy) +
        note,
    };
  }

  if (notAttested > 0 || missing > 0) {
    const parts: string[] = [];
    if (notAttested > 0) parts.push(`н/а за периодов: ${notAttested}`);
    if (missing > 0) parts.push(`нет отметки за периодов: ${missing}`);
    return {
      ...base,
      value: 'notAttested',
      average: null,
      marksCount: 0,
      explanation: `${parts.join(', ')} → н/а`,
    };
  }

  const passFail = periodValues.filter((v) => v === 'pass' || v === 'fail');
  const last = passFail[passFail.length - 1];
  const value = last === 'fail' ? 'fail' : 'pass';
  return {
    ...base,
    value,
    average: null,
    marksCount: 0,
    explanation:
      value === 'fail'
        ? 'Последний период — незачёт → незачёт'
        : 'Последний период — зачёт → зачёт',
  };
}

export interface StudentMark {
  lessonId: string;
  date: string;
  slot: number;
  lessonType: LessonType;
  mark: Mark;
}

/** A student's marks from held lessons (cancelled lessons keep no marks), in journal order. */
export function studentMarks(lessons: readonly Lesson[], studentId: string): StudentMark[] {
  const out: StudentMark[] = [];
  const held = lessons.filter((l) => l.status === 'held').sort(compareLessons);
  for (const lesson of held) {
    const entry = lesson.entries[studentId];
    if (!entry) continue;
    for (const mark of entry.marks) {
      out.push({
        lessonId: lesson.id,
        date: lesson.date,
        slot: lesson.slot,
        lessonType: lesson.lessonType,
        mark,
      });
    }
  }
  return out;
}
