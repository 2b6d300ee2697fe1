// The school's grading settings added in school v2: how averages are cut to hundredths (rounded or
// truncated, said on screen and paper) and the work type a lesson type proposes. Expected values are
// computed by hand in the comments.
import { describe, expect, it } from 'vitest';
import {
  averageRoundingNote,
  averageRoundingOf,
  proposedWorkTypeId,
  proposePeriodMark,
  proposeYearMark,
  shownAverage,
  type WeightedMark,
} from '../../shared/grading';
import { DEFAULT_GRADING_POLICY, type GradingPolicy } from '../../shared/grading-policy';
import { SchoolSchema } from '../../shared/school';
import { checkSchool } from '../../shared/setup/school-checks';
import { extractLegend } from '../../shared/documents/extract-model';
import { buildGrading, gradingDraft } from '../../renderer/workspaces/setup/grading-form';
import { SCHOOL } from './school/small-school';
import type { Period } from '../../shared/period';

const ROUND: GradingPolicy = { ...DEFAULT_GRADING_POLICY, averageRounding: 'round' };
const TRUNCATE: GradingPolicy = { ...DEFAULT_GRADING_POLICY, averageRounding: 'truncate' };
/** A policy stored before the settings existed: neither field. */
const OLD: GradingPolicy = (() => {
  const { averageRounding: _a, workTypeByLessonType: _w, ...rest } = DEFAULT_GRADING_POLICY;
  return rest;
})();

const oral = (value: WeightedMark['value']): WeightedMark => ({ value, workTypeId: 'oral' });

function quarter(marks: WeightedMark[], policy: GradingPolicy) {
  return proposePeriodMark(
    { marks, lessonsHeld: 10, lessonsMissed: 0, periodKind: 'quarter', assessment: 'marks' },
    policy,
  );
}

describe('averages: rounding or truncation to hundredths', () => {
  // 5+5+5+5+4+4 = 28, weight 6: 28 ÷ 6 = 4,6666…
  const sixMarks = ['5', '5', '5', '5', '4', '4'].map((v) => oral(v as '5' | '4'));

  it('28 ÷ 6 shows 4,67 when the school rounds and 4,66 when it truncates', () => {
    const rounded = quarter(sixMarks, ROUND);
    const truncated = quarter(sixMarks, TRUNCATE);
    expect(rounded.average).toBe(4.67);
    expect(truncated.average).toBe(4.66);
    expect(rounded.explanation).toContain('Средний взвешенный балл 4,67 (сумма 28 ÷ вес 6)');
    expect(truncated.explanation).toContain('Средний взвешенный балл 4,66 (сумма 28 ÷ вес 6)');
    // 4,67 and 4,66 are both at or above 4,5: the proposal is 5 either way.
    expect(rounded.value).toBe('5');
    expect(truncated.value).toBe('5');
  });

  it('a policy stored without the setting rounds', () => {
    expect(averageRoundingOf(OLD)).toBe('round');
    expect(quarter(sixMarks, OLD).average).toBe(4.67);
    expect(SchoolSchema.shape.policy.safeParse(OLD).success).toBe(true);
  });

  it('a rounding school proposes from the shown number: 3,495 shows as 3,50 and proposes 4', () => {
    // Work types of weight 1,01 and 0,99: (3 × 1,01 + 4 × 0,99) ÷ 2 = (3,03 + 3,96) ÷ 2 = 3,495.
    const policy = (rounding: 'round' | 'truncate'): GradingPolicy => ({
      ...DEFAULT_GRADING_POLICY,
      averageRounding: rounding,
      workTypes: [
        ...DEFAULT_GRADING_POLICY.workTypes,
        { id: 'a', name: 'А', short: 'а', weight: 1.01, isTest: false },
        { id: 'b', name: 'Б', short: 'б', weight: 0.99, isTest: false },
      ],
      attestation: {
        ...DEFAULT_GRADING_POLICY.attestation,
        minMarks: { quarter: 0, halfYear: 0, trimester: 0 },
      },
    });
    const marks: WeightedMark[] = [
      { value: '3', workTypeId: 'a' },
      { value: '4', workTypeId: 'b' },
    ];
    const r = quarter(marks, policy('round'));
    expect(r.average).toBe(3.5);
    expect(r.value).toBe('4');
    const t = quarter(marks, policy('truncate'));
    expect(t.average).toBe(3.49);
    expect(t.value).toBe('3');
  });

  it('the year mark: (5 + 4 + 5) ÷ 3 = 4,666… → 4,67 or 4,66', () => {
    expect(proposeYearMark(['5', '4', '5'], ROUND).average).toBe(4.67);
    expect(proposeYearMark(['5', '4', '5'], TRUNCATE).average).toBe(4.66);
    // (4 + 4 + 3) ÷ 3 = 3,666… → 3,67 / 3,66, both ≥ 3,5 → 4.
    expect(proposeYearMark(['4', '4', '3'], ROUND).value).toBe('4');
  });

  it('float averages (means of averages, the chart) are cut the same way, float noise absorbed', () => {
    // 4.665 is stored as 4.66499999…; rounded half up it is 4,67, truncated 4,66.
    expect(shownAverage(4.665, ROUND)).toBe(4.67);
    expect(shownAverage(4.665, TRUNCATE)).toBe(4.66);
    expect(shownAverage(28 / 6, ROUND)).toBe(4.67);
    expect(shownAverage(28 / 6, TRUNCATE)).toBe(4.66);
    expect(shownAverage(4.5, TRUNCATE)).toBe(4.5);
  });

  it('the screen and the paper say which', () => {
    expect(averageRoundingNote(ROUND)).toBe('Средний балл округляется до сотых');
    expect(averageRoundingNote(TRUNCATE)).toBe('Средний балл: знаки после сотых отбрасываются');
    const period = { kind: 'quarter' } as Period;
    expect(extractLegend(ROUND, period, []).join(' ')).toContain(
      'Средний балл округляется до сотых: 4,5556 печатается как 4,56.',
    );
    expect(extractLegend(TRUNCATE, period, []).join(' ')).toContain(
      'Средний балл: знаки после сотых отбрасываются: 4,5556 печатается как 4,55.',
    );
  });
});

describe('the lesson type proposes the work type', () => {
  it('a mark in a «Контрольная работа» lesson gets «к/р» unless the teacher chose another', () => {
    expect(proposedWorkTypeId({ lessonType: 'test', workTypeId: null }, ROUND)).toBe('test');
    expect(proposedWorkTypeId({ lessonType: 'dictation', workTypeId: null }, ROUND)).toBe(
      'dictation',
    );
    expect(proposedWorkTypeId({ lessonType: 'regular', workTypeId: null }, ROUND)).toBe('oral');
    expect(proposedWorkTypeId({ lessonType: 'test', workTypeId: 'homework' }, ROUND)).toBe(
      'homework',
    );
  });

  it('counts the к/р weight 3: 5 in the test lesson and two oral 3s average (15 + 6) ÷ 5 = 4,2', () => {
    const workTypeId = proposedWorkTypeId({ lessonType: 'test', workTypeId: null }, ROUND);
    const p = quarter([{ value: '5', workTypeId }, oral('3'), oral('3')], ROUND);
    expect(p.average).toBe(4.2);
    expect(p.value).toBe('4');
  });

  it('an old policy, or a mapping to a removed work type, falls back to the school default', () => {
    expect(proposedWorkTypeId({ lessonType: 'test', workTypeId: null }, OLD)).toBe('oral');
    const gone: GradingPolicy = { ...ROUND, workTypeByLessonType: { test: 'nonexistent' } };
    expect(proposedWorkTypeId({ lessonType: 'test', workTypeId: null }, gone)).toBe('oral');
  });

  it('the server check refuses a mapping to a work type the school does not have', () => {
    const school = {
      ...SCHOOL,
      policy: { ...SCHOOL.policy, workTypeByLessonType: { lab: 'nonexistent' } },
    };
    expect(checkSchool(school)).toContainEqual({
      path: 'policy.workTypeByLessonType.lab',
      message: 'Вид работы для типа урока должен быть среди видов работ',
    });
    const fine = { ...SCHOOL, policy: { ...SCHOOL.policy, workTypeByLessonType: {} } };
    expect(checkSchool(fine)).toEqual([]);
  });
});

describe('«Настройка → Оценивание» form', () => {
  it('saves the rounding choice and the lesson-type work types; a removed work type drops out', () => {
    const school = { ...SCHOOL, policy: OLD };
    const d = gradingDraft(school);
    expect(d.averageRounding).toBe('round');
    expect(d.workTypeByLessonType.test).toBe('');
    d.averageRounding = 'truncate';
    d.workTypeByLessonType = { ...d.workTypeByLessonType, test: 'test', lab: 'lab' };
    d.workTypes = d.workTypes.filter((w) => w.id !== 'lab');
    const built = buildGrading(school, d);
    expect(built.ok).toBe(true);
    if (!built.ok) return;
    expect(built.school.policy.averageRounding).toBe('truncate');
    expect(built.school.policy.workTypeByLessonType).toEqual({ test: 'test' });
    const again = gradingDraft(built.school);
    expect(again.averageRounding).toBe('truncate');
    expect(again.workTypeByLessonType.test).toBe('test');
    expect(again.workTypeByLessonType.lab).toBe('');
  });
});
