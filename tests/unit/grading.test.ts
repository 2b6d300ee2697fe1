// Grading rules with worked examples by hand, including the threshold cases parents dispute.
import { describe, expect, it } from 'vitest';
import {
  markPoints,
  markWeight,
  proposePeriodMark,
  proposeYearMark,
  roundAverage,
  studentMarks,
  weightedAverage,
  type WeightedMark,
} from '../../shared/grading';
import {
  DEFAULT_GRADING_POLICY,
  type GradingPolicy,
  type LessonMarkValue,
} from '../../shared/grading-policy';
import type { Lesson, Mark } from '../../shared/lesson';
import type { PeriodKind } from '../../shared/period';
import type { Assessment } from '../../shared/course';

/** 4.5 / 3.5 / 2.5; oral 1, independent 2, test 3; modifiers ±0.25; quarter ≥3 marks; ≤50 % missed. */
const A: GradingPolicy = { ...DEFAULT_GRADING_POLICY, allowModifiers: true };
/** The stricter thresholds 4.65 / 3.65 / 2.65, everything else as A. */
const B: GradingPolicy = { ...A, thresholds: { five: 4.65, four: 3.65, three: 2.65 } };

const oral = (value: LessonMarkValue): WeightedMark => ({ value, workTypeId: 'oral' });
const test = (value: LessonMarkValue): WeightedMark => ({ value, workTypeId: 'test' });
const independent = (value: LessonMarkValue): WeightedMark => ({
  value,
  workTypeId: 'independent',
});

function propose(
  marks: WeightedMark[],
  policy: GradingPolicy,
  opts: {
    lessonsHeld?: number;
    lessonsMissed?: number;
    periodKind?: PeriodKind;
    assessment?: Assessment;
  } = {},
) {
  return proposePeriodMark(
    {
      marks,
      lessonsHeld: opts.lessonsHeld ?? 10,
      lessonsMissed: opts.lessonsMissed ?? 0,
      periodKind: opts.periodKind ?? 'quarter',
      assessment: opts.assessment ?? 'marks',
    },
    policy,
  );
}

describe('markPoints', () => {
  it('gives plain marks their value and modifiers ± delta', () => {
    expect(markPoints('5', A)).toBe(5);
    expect(markPoints('1', A)).toBe(1);
    expect(markPoints('4+', A)).toBe(4.25);
    expect(markPoints('4-', A)).toBe(3.75);
    expect(markPoints('5-', A)).toBe(4.75);
    expect(markPoints('2+', A)).toBe(2.25);
    expect(markPoints('3+', { ...A, modifierDelta: 0.5 })).toBe(3.5);
  });
  it('has no points for зачёт/незачёт', () => {
    expect(markPoints('pass', A)).toBeNull();
    expect(markPoints('fail', A)).toBeNull();
  });
});

describe('markWeight', () => {
  it('takes the work type weight', () => {
    expect(markWeight('test', A)).toBe(3);
    expect(markWeight('independent', A)).toBe(2);
    expect(markWeight('oral', A)).toBe(1);
  });
  it('weighs an unknown work type as the default one', () => {
    expect(markWeight('deleted-type', A)).toBe(1);
    expect(markWeight('deleted-type', { ...A, defaultWorkTypeId: 'test' })).toBe(3);
  });
});

describe('weightedAverage', () => {
  it('is Σ(points×weight)/Σ(weight)', () => {
    // test 5 (×3) + oral 3 (×1) = 18 / 4 = 4.5
    expect(weightedAverage([test('5'), oral('3')], A)).toBe(4.5);
    // test 5 ×3 + oral 3 + oral 2 + independent 4 ×2 = 15 + 3 + 2 + 8 = 28 / 7 = 4
    expect(weightedAverage([test('5'), oral('3'), oral('2'), independent('4')], A)).toBe(4);
  });
  it('skips зачёт/незачёт and is null without numeric marks', () => {
    expect(weightedAverage([], A)).toBeNull();
    expect(weightedAverage([oral('pass'), oral('fail')], A)).toBeNull();
    expect(weightedAverage([oral('pass'), oral('4')], A)).toBe(4);
  });
  it('counts modifiers', () => {
    // 4.25 + 3.75 + 4.75 = 12.75 / 3 = 4.25
    expect(weightedAverage([oral('4+'), oral('4-'), oral('5-')], A)).toBe(4.25);
  });
});

describe('roundAverage', () => {
  it('rounds with 4.5 / 3.5 / 2.5', () => {
    expect(roundAverage(5, A)).toBe('5');
    expect(roundAverage(4.5, A)).toBe('5');
    expect(roundAverage(4.4999999, A)).toBe('4');
    expect(roundAverage(3.5, A)).toBe('4');
    expect(roundAverage(3.4999999, A)).toBe('3');
    expect(roundAverage(2.5, A)).toBe('3');
    expect(roundAverage(2.49, A)).toBe('2');
    expect(roundAverage(1, A)).toBe('2');
  });
  it('rounds with 4.65 / 3.65 / 2.65', () => {
    expect(roundAverage(4.65, B)).toBe('5');
    expect(roundAverage(4.6499999, B)).toBe('4');
    expect(roundAverage(4.5, B)).toBe('4');
    expect(roundAverage(3.65, B)).toBe('4');
    expect(roundAverage(3.5, B)).toBe('3');
    expect(roundAverage(2.65, B)).toBe('3');
    expect(roundAverage(2.64, B)).toBe('2');
  });
  it('absorbs float noise right at a threshold', () => {
    expect(roundAverage(3.4999999999999996, A)).toBe('4');
    expect(roundAverage(4.6499999999999995, B)).toBe('5');
  });
});

describe('proposePeriodMark', () => {
  it('explains exactly 3.5 → 4 under 3.5 (test 4 ×3 + oral 3 + independent 3 ×2 = 21 / 6)', () => {
    const p = propose([test('4'), oral('3'), independent('3')], A);
    expect(p).toEqual({
      value: '4',
      average: 3.5,
      marksCount: 3,
      missedShare: 0,
      explanation: 'Средний взвешенный балл 3,50 (сумма 21 ÷ вес 6) ≥ 3,5 → 4',
    });
  });
  it('gives exactly 3.5 a 3 under 3.65', () => {
    const p = propose([test('4'), oral('3'), independent('3')], B);
    expect(p.value).toBe('3');
    expect(p.explanation).toBe('Средний взвешенный балл 3,50 (сумма 21 ÷ вес 6) ≥ 2,65 → 3');
  });
  it('reaches 3.5 exactly where floats would give 3.4999999999999996', () => {
    // Weight 0.1 each: (3 + 3.75 + 3.75) × 0.1 / 0.3 = 3.5 exactly; naive floats say 3.4999999999999996.
    const light: GradingPolicy = {
      ...A,
      workTypes: [{ id: 'oral', name: 'Ответ', short: 'отв', weight: 0.1, isTest: false }],
    };
    const p = propose([oral('3'), oral('4-'), oral('4-')], light);
    expect(p.value).toBe('4');
    expect(p.average).toBe(3.5);
    expect(p.explanation).toBe('Средний взвешенный балл 3,50 (сумма 1,05 ÷ вес 0,3) ≥ 3,5 → 4');
  });
  // 16 tests of 5 and 17 of 4 (×3): 3 × 148 = 444; two orals of 5: 10; 454 / 101 = 4.4950…
  const at4495 = () => [
    ...Array.from({ length: 16 }, () => test('5')),
    ...Array.from({ length: 17 }, () => test('4')),
    oral('5'),
    oral('5'),
  ];
  it('a truncating school keeps 4.495 a 4 and shows it as 4,49, not 4,50', () => {
    const p = propose(at4495(), { ...A, averageRounding: 'truncate' }, { periodKind: 'halfYear' });
    expect(p.value).toBe('4');
    expect(p.average).toBe(4.49);
    expect(p.marksCount).toBe(35);
    expect(p.explanation).toBe('Средний взвешенный балл 4,49 (сумма 454 ÷ вес 101) ≥ 3,5 → 4');
  });
  it('a rounding school shows 4.495 as 4,50 and proposes the 5 the shown number reaches', () => {
    const p = propose(at4495(), A, { periodKind: 'halfYear' });
    expect(p.value).toBe('5');
    expect(p.average).toBe(4.5);
    expect(p.explanation).toBe('Средний взвешенный балл 4,50 (сумма 454 ÷ вес 101) ≥ 4,5 → 5');
  });
  it('gives exactly 4.65 a 5 under 4.65 and 4.6 a 4', () => {
    // tests 5,5,5,4,4 ×3 = 69; orals 5,5,5,5,4 = 24; 93 / 20 = 4.65
    const marks = [
      ...(['5', '5', '5', '4', '4'] as const).map((v) => test(v)),
      ...(['5', '5', '5', '5', '4'] as const).map((v) => oral(v)),
    ];
    const p = propose(marks, B);
    expect(p.value).toBe('5');
    expect(p.average).toBe(4.65);
    expect(p.explanation).toBe('Средний взвешенный балл 4,65 (сумма 93 ÷ вес 20) ≥ 4,65 → 5');
    // 5,5,5,4,4 orals: 23 / 5 = 4.6
    expect(propose((['5', '5', '5', '4', '4'] as const).map(oral), B).value).toBe('4');
    expect(propose((['5', '5', '5', '4', '4'] as const).map(oral), A).value).toBe('5');
  });
  it('explains a 2 below the three-threshold', () => {
    // 3 + 2 + 2 + 2 + 3 = 12 / 5 = 2.4
    const p = propose((['3', '2', '2', '2', '3'] as const).map(oral), A);
    expect(p.value).toBe('2');
    expect(p.explanation).toBe('Средний взвешенный балл 2,40 (сумма 12 ÷ вес 5) < 2,5 → 2');
  });
  it('weighs a test 3 against an oral 1', () => {
    // test 2 ×3 + oral 5 + oral 5 = 6 + 10 = 16 / 5 = 3.2 → 3 (the plain mean 4 would give 4)
    const p = propose([test('2'), oral('5'), oral('5')], A);
    expect(p.average).toBe(3.2);
    expect(p.value).toBe('3');
  });
  it('counts modifiers: 5−,5−,4+,4+ = 18 / 4 = 4.5 → 5', () => {
    const p = propose([oral('5-'), oral('5-'), oral('4+'), oral('4+')], A);
    expect(p.value).toBe('5');
    expect(p.explanation).toBe('Средний взвешенный балл 4,50 (сумма 18 ÷ вес 4) ≥ 4,5 → 5');
    expect(propose([oral('4+'), oral('4-'), oral('5-')], A).explanation).toBe(
      'Средний взвешенный балл 4,25 (сумма 12,75 ÷ вес 3) ≥ 3,5 → 4',
    );
  });
  it('proposes н/а for a single mark in a quarter, but the mark itself where no minimum applies', () => {
    const p = propose([oral('5')], A);
    expect(p.value).toBe('notAttested');
    expect(p.average).toBe(5);
    expect(p.explanation).toBe('Отметок 1 из 3 необходимых → н/а');
    const noMinimum = {
      ...A,
      attestation: { ...A.attestation, minMarks: { quarter: 0, halfYear: 0, trimester: 0 } },
    };
    expect(propose([oral('5')], noMinimum).value).toBe('5');
    expect(propose([oral('5')], A, { periodKind: 'year' }).value).toBe('5');
  });
  it('uses the half-year minimum (5)', () => {
    const four = (['5', '5', '5', '5'] as const).map(oral);
    expect(propose(four, A, { periodKind: 'halfYear' }).explanation).toBe(
      'Отметок 4 из 5 необходимых → н/а',
    );
    expect(propose([...four, oral('4')], A, { periodKind: 'halfYear' }).value).toBe('5');
  });
  it('proposes н/а without marks once lessons were held, and nothing before', () => {
    const p = propose([], A, { lessonsHeld: 8 });
    expect(p).toEqual({
      value: 'notAttested',
      average: null,
      marksCount: 0,
      missedShare: 0,
      explanation: 'Отметок 0 из 3 необходимых → н/а',
    });
    expect(propose([], A, { lessonsHeld: 0 }).value).toBeNull();
    expect(propose([], A, { lessonsHeld: 8, periodKind: 'year' }).value).toBeNull();
  });
  it('does not count зачёт in a subject with marks', () => {
    const p = propose([oral('pass'), oral('pass'), oral('pass')], A);
    expect(p.marksCount).toBe(0);
    expect(p.value).toBe('notAttested');
  });
  it('proposes н/а above the missed share, not at it', () => {
    const marks = (['5', '4', '4', '5', '4'] as const).map(oral);
    const over = propose(marks, A, { lessonsHeld: 10, lessonsMissed: 6 });
    expect(over.value).toBe('notAttested');
    expect(over.missedShare).toBe(0.6);
    expect(over.explanation).toBe(
      'Пропущено 6 из 10 уроков (60 %), допустимо не больше 50 % → н/а',
    );
    const at = propose(marks, A, { lessonsHeld: 10, lessonsMissed: 5 });
    expect(at.value).toBe('4'); // 22 / 5 = 4.4
    expect(at.missedShare).toBe(0.5);
  });
  it('names both reasons when both apply', () => {
    const p = propose([oral('5')], A, { lessonsHeld: 9, lessonsMissed: 7 });
    expect(p.explanation).toBe(
      'Отметок 1 из 3 необходимых; пропущено 7 из 9 уроков (77,8 %), допустимо не больше 50 % → н/а',
    );
  });
  it('decides зачёт by count: pass when passes ≥ fails', () => {
    const pf = { assessment: 'passFail' as const };
    expect(propose([oral('pass'), oral('pass'), oral('fail')], A, pf)).toEqual({
      value: 'pass',
      average: null,
      marksCount: 3,
      missedShare: 0,
      explanation: 'Зачётов 2, незачётов 1 → зачёт',
    });
    expect(propose([oral('pass'), oral('fail'), oral('pass'), oral('fail')], A, pf).value).toBe(
      'pass',
    );
    expect(propose([oral('pass'), oral('fail'), oral('fail')], A, pf).explanation).toBe(
      'Зачётов 1, незачётов 2 → незачёт',
    );
    expect(propose([oral('pass'), oral('pass')], A, pf).value).toBe('notAttested');
    expect(
      propose([oral('pass'), oral('pass'), oral('pass')], A, { ...pf, lessonsMissed: 8 }).value,
    ).toBe('notAttested');
  });
  it('proposes nothing for an unassessed subject', () => {
    expect(propose([oral('5')], A, { assessment: 'none' }).value).toBeNull();
  });
});

describe('proposeYearMark', () => {
  it('averages quarters: 5,4,4,5 = 4.5 → 5 (→ 4 under 4.65)', () => {
    expect(proposeYearMark(['5', '4', '4', '5'], A)).toEqual({
      value: '5',
      average: 4.5,
      marksCount: 4,
      missedShare: 0,
      explanation: 'Среднее отметок за периоды 4,50 (5 + 4 + 4 + 5 = 18 ÷ 4) ≥ 4,5 → 5',
    });
    expect(proposeYearMark(['5', '4', '4', '5'], B).value).toBe('4');
  });
  it('averages quarters: 3,4,4,3 = 3.5 → 4 (→ 3 under 3.65)', () => {
    expect(proposeYearMark(['3', '4', '4', '3'], A).value).toBe('4');
    expect(proposeYearMark(['3', '4', '4', '3'], B).value).toBe('3');
  });
  it('averages half-years and trimesters the same way', () => {
    expect(proposeYearMark(['4', '5'], A).value).toBe('5');
    // 4 + 4 + 5 = 13 / 3 = 4.33
    const p = proposeYearMark(['4', '4', '5'], A);
    expect(p.value).toBe('4');
    expect(p.average).toBe(4.33);
  });
  it('leaves н/а and unset periods out when numeric marks exist', () => {
    const p = proposeYearMark(['5', 'notAttested', '4', '4'], A);
    expect(p.value).toBe('4'); // 13 / 3
    expect(p.explanation).toBe(
      'Среднее отметок за периоды 4,33 (5 + 4 + 4 = 13 ÷ 3) ≥ 3,5 → 4; не учтено периодов без числовой отметки: 1',
    );
    expect(proposeYearMark(['exempt', 'exempt', '5', '4'], A).value).toBe('5');
  });
  it('is осв. when every period is, н/а when nothing numeric and something missing', () => {
    expect(proposeYearMark(['exempt', 'exempt', 'exempt', 'exempt'], A).value).toBe('exempt');
    expect(proposeYearMark(['notAttested', 'notAttested'], A).explanation).toBe(
      'н/а за периодов: 2 → н/а',
    );
    expect(proposeYearMark(['pass', null], A).value).toBe('notAttested');
    expect(proposeYearMark([null, null], A).value).toBeNull();
    expect(proposeYearMark([], A).value).toBeNull();
  });
  it('follows the last зачёт/незачёт', () => {
    expect(proposeYearMark(['pass', 'pass', 'fail'], A).value).toBe('fail');
    expect(proposeYearMark(['fail', 'pass'], A).value).toBe('pass');
    expect(proposeYearMark(['pass', 'exempt'], A).value).toBe('pass');
  });
});

describe('studentMarks', () => {
  const mark = (value: LessonMarkValue): Mark => ({ value, workTypeId: 'oral', comment: '' });
  const lesson = (id: string, date: string, slot: number, over: Partial<Lesson> = {}): Lesson => ({
    id,
    stamps: {},
    courseId: 'c1',
    classId: '5a',
    date,
    slot,
    teacherId: 't1',
    lessonType: 'regular',
    status: 'held',
    workTypeId: null,
    topic: '',
    homework: '',
    entries: {},
    ...over,
  });
  it('lists marks of held lessons in journal order', () => {
    const lessons = [
      lesson('l3', '2024-09-03', 2, { entries: { s1: { marks: [mark('5')], attendance: null } } }),
      lesson('l1', '2024-09-02', 1, {
        entries: { s1: { marks: [mark('4'), mark('3')], attendance: null } },
      }),
      lesson('l2', '2024-09-03', 1, {
        status: 'cancelled',
        entries: { s1: { marks: [mark('2')], attendance: null } },
      }),
      lesson('l4', '2024-09-03', 1, {
        lessonType: 'test',
        entries: { s2: { marks: [mark('2')], attendance: null } },
      }),
    ];
    expect(
      studentMarks(lessons, 's1').map((m) => [m.lessonId, m.date, m.slot, m.mark.value]),
    ).toEqual([
      ['l1', '2024-09-02', 1, '4'],
      ['l1', '2024-09-02', 1, '3'],
      ['l3', '2024-09-03', 2, '5'],
    ]);
    expect(studentMarks(lessons, 's2')).toEqual([
      { lessonId: 'l4', date: '2024-09-03', slot: 1, lessonType: 'test', mark: mark('2') },
    ]);
  });
});
