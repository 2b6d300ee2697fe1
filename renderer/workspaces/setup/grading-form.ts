// The grading policy's form (scale, work types and weights, rounding thresholds, attestation
// minimums), the attendance codes with their reason category and the idle-lock time, as typed
// text ↔ the school card.
import type { AbsenceReason } from '../../../shared/attendance-code';
import type { GradingPolicy } from '../../../shared/grading-policy';
import { newId } from '../../../shared/ids';
import type { School } from '../../../shared/school';
import { checkSchool } from '../../../shared/setup/school-checks';
import type { Unstamped } from '../../../shared/setup/stamp-changes';
import { errorsOf } from './form-problems';
import { parseNumberField } from './parse-fields';

const num = (n: number) => String(n).replace('.', ',');

export interface WorkTypeDraft {
  id: string;
  name: string;
  short: string;
  weight: string;
  isTest: boolean;
}
export interface CodeDraft {
  code: string;
  label: string;
  reason: AbsenceReason;
}
export interface GradingDraft {
  allowOne: boolean;
  allowModifiers: boolean;
  workTypes: WorkTypeDraft[];
  defaultWorkTypeId: string;
  five: string;
  four: string;
  three: string;
  minQuarter: string;
  minHalfYear: string;
  minTrimester: string;
  /** Percent of lessons missed above which the proposal is н/а. */
  maxMissedPercent: string;
  codes: CodeDraft[];
  idleLockMinutes: string;
}

export function gradingDraft(school: Unstamped<School>): GradingDraft {
  const p = school.policy;
  return {
    allowOne: p.allowOne,
    allowModifiers: p.allowModifiers,
    workTypes: p.workTypes.map((w) => ({ ...w, weight: num(w.weight) })),
    defaultWorkTypeId: p.defaultWorkTypeId,
    five: num(p.thresholds.five),
    four: num(p.thresholds.four),
    three: num(p.thresholds.three),
    minQuarter: String(p.attestation.minMarks.quarter),
    minHalfYear: String(p.attestation.minMarks.halfYear),
    minTrimester: String(p.attestation.minMarks.trimester),
    maxMissedPercent: num(Math.round(p.attestation.maxMissedShare * 1000) / 10),
    codes: school.attendanceCodes.map((c) => ({ ...c })),
    idleLockMinutes: String(school.idleLockMinutes),
  };
}

export function newWorkType(): WorkTypeDraft {
  return { id: newId('wt'), name: '', short: '', weight: '1', isTest: false };
}

export type GradingResult =
  { ok: true; school: Unstamped<School> } | { ok: false; errors: Record<string, string> };

export function buildGrading(school: Unstamped<School>, d: GradingDraft): GradingResult {
  const errors: Record<string, string> = {};
  const number = (
    text: string,
    path: string,
    range: { min: number; max: number; integer?: boolean; what: string },
  ): number => {
    const r = parseNumberField(text, range);
    if (r.ok) return r.value;
    errors[path] ??= r.error;
    return range.min;
  };
  const workTypes = d.workTypes.map((w, i) => ({
    id: w.id,
    name: w.name.trim(),
    short: w.short.trim(),
    weight: number(w.weight, `policy.workTypes.${i}.weight`, {
      min: 0.1,
      max: 10,
      what: 'вес (больше 0)',
    }),
    isTest: w.isTest,
  }));
  const threshold = (text: string, key: 'five' | 'four' | 'three') =>
    number(text, `policy.thresholds.${key}`, { min: 1, max: 5, what: 'порог' });
  const minMarks = (text: string, key: 'quarter' | 'halfYear' | 'trimester', max: number) =>
    number(text, `policy.attestation.minMarks.${key}`, {
      min: 0,
      max,
      integer: true,
      what: 'число отметок',
    });
  const policy: GradingPolicy = {
    ...school.policy,
    allowOne: d.allowOne,
    allowModifiers: d.allowModifiers,
    workTypes,
    defaultWorkTypeId: d.defaultWorkTypeId,
    thresholds: {
      five: threshold(d.five, 'five'),
      four: threshold(d.four, 'four'),
      three: threshold(d.three, 'three'),
    },
    attestation: {
      minMarks: {
        quarter: minMarks(d.minQuarter, 'quarter', 20),
        halfYear: minMarks(d.minHalfYear, 'halfYear', 30),
        trimester: minMarks(d.minTrimester, 'trimester', 30),
      },
      maxMissedShare:
        number(d.maxMissedPercent, 'policy.attestation.maxMissedShare', {
          min: 0,
          max: 100,
          what: 'доля пропусков, %',
        }) / 100,
    },
  };
  const idleLockMinutes = number(d.idleLockMinutes, 'idleLockMinutes', {
    min: 1,
    max: 240,
    integer: true,
    what: 'время до блокировки, мин',
  });
  const attendanceCodes = d.codes.map((c) => ({
    code: c.code.trim(),
    label: c.label.trim(),
    reason: c.reason,
  }));
  d.codes.forEach((c, i) => {
    if (!c.code.trim()) errors[`attendanceCodes.${i}.code`] ??= 'Укажите код: н, б, у…';
    if (!c.label.trim()) errors[`attendanceCodes.${i}.label`] ??= 'Укажите, что значит код';
  });
  if (d.codes.length === 0) errors.attendanceCodes = 'Нужен хотя бы один код посещаемости';
  if (Object.keys(errors).length > 0) return { ok: false, errors };
  const next: Unstamped<School> = { ...school, policy, attendanceCodes, idleLockMinutes };
  const problems = errorsOf(checkSchool({ ...next, stamps: {} }));
  return Object.keys(problems).length > 0
    ? { ok: false, errors: problems }
    : { ok: true, school: next };
}
