import { describe, expect, it } from 'vitest';
import { classOverview, studentAverageSeries } from '../../../shared/reports/class-overview';
import {
  cell,
  classes,
  codes,
  courses,
  lesson,
  period,
  periodMarks,
  policy,
  students,
  subjects,
} from './fixtures';

// Period q1 = 01.09–25.10.2026, a quarter: at least 3 marks, at most half the lessons missed.
// Weights: oral 1, test 3. Thresholds 4.5 / 3.5 / 2.5.
const lessons = [
  // Mathematics, 4 held lessons in the period.
  lesson('c-math', '2026-09-02', 2, {
    entries: {
      'st-1': cell([['5', 'oral']]),
      'st-2': cell([['2', 'test']]),
      'st-3': cell([['4', 'oral']]),
      'st-4': cell([], 'н'),
    },
  }),
  lesson('c-math', '2026-09-09', 2, {
    entries: {
      'st-1': cell([['4', 'test']]),
      'st-2': cell([['3', 'oral']]),
      'st-3': cell([['4', 'oral']]),
      'st-4': cell([], 'н'),
    },
  }),
  lesson('c-math', '2026-09-16', 2, {
    entries: {
      'st-1': cell([['5', 'oral']]),
      'st-2': cell([['2', 'oral']]),
      'st-3': cell([['5', 'test']]),
      'st-4': cell([['5', 'oral']]),
    },
  }),
  lesson('c-math', '2026-09-23', 2, { entries: { 'st-4': cell([], 'б') } }),
  lesson('c-math', '2026-09-25', 2, {
    status: 'cancelled',
    entries: { 'st-2': cell([['5', 'oral']]) },
  }),
  lesson('c-math', '2026-10-30', 2, { entries: { 'st-1': cell([['2', 'oral']]) } }), // after the period
  // Russian, 3 held lessons.
  lesson('c-rus', '2026-09-03', 1, {
    entries: {
      'st-1': cell([
        ['3', 'oral'],
        ['3', 'test'],
      ]),
      'st-2': cell([['4', 'oral']]),
      'st-3': cell([
        ['5', 'oral'],
        ['5', 'oral'],
      ]),
      'st-4': cell([['4', 'oral']], 'оп'),
    },
  }),
  lesson('c-rus', '2026-09-10', 1, {
    entries: {
      'st-1': cell([['4', 'oral']]),
      'st-2': cell([['4', 'oral']]),
      'st-3': cell([['5', 'test']]),
      'st-4': cell([['3', 'oral']]),
    },
  }),
  lesson('c-rus', '2026-09-17', 1, {
    entries: {
      'st-1': cell([['3', 'oral']]),
      'st-2': cell([['5', 'test']]),
      'st-3': cell([], 'б'),
      'st-4': cell([['4', 'test']]),
    },
  }),
  // English group 1 (st-1, st-2), 4 held lessons; group 2 has none yet.
  lesson('c-eng1', '2026-09-04', 3, {
    entries: { 'st-1': cell([['5', 'oral']]), 'st-2': cell([], 'н') },
  }),
  lesson('c-eng1', '2026-09-11', 3, {
    entries: { 'st-1': cell([['5', 'oral']]), 'st-2': cell([], 'н') },
  }),
  lesson('c-eng1', '2026-09-17', 4, { entries: {} }),
  lesson('c-eng1', '2026-09-18', 3, {
    entries: { 'st-1': cell([['5', 'oral']]), 'st-2': cell([['4', 'oral']]) },
  }),
];

const marks = [
  periodMarks('c-math', { 'st-1': '4', 'st-2': '2' }),
  periodMarks('c-rus', {
    'st-1': '3',
    'st-2': '5',
    'st-3': '5',
    'st-4': { deferredTo: '2026-11-20' },
  }),
];

const overview = classOverview({
  classId: '5a',
  period,
  lessons,
  courses,
  students,
  classes,
  subjects,
  periodMarks: marks,
  policy,
  codes,
});

describe('classOverview', () => {
  it('computes per-subject class averages and set-mark counts', () => {
    // Math: st-1 (5+4·3+5)/5 = 4.4; st-2 (2·3+3+2)/5 = 2.2; st-3 (4+4+5·3)/5 = 4.6; st-4 5/1 = 5 → (4.4+2.2+4.6+5)/4 = 4.05.
    // Russian: st-1 (3+3·3+4+3)/6 = 3.1666 → 3.16 (shown rounded down); st-2 (4+4+5·3)/5 = 4.6;
    //          st-3 (5+5+5·3)/5 = 5; st-4 (4+3+4·3)/5 = 3.8 → (3.16+4.6+5+3.8)/4 = 4.14.
    // English 1: st-1 5, st-2 4 → 4.5. English 2: no marks → null.
    expect(
      overview.subjects.map((s) => [s.courseId, s.students, s.classAverage, s.setCount]),
    ).toEqual([
      ['c-eng1', 2, 4.5, 0],
      ['c-eng2', 2, null, 0],
      ['c-math', 4, 4.05, 2],
      ['c-rus', 4, 4.14, 3],
    ]);
    // Two courses of one subject are told apart by their group (the «Сводка класса» columns).
    expect(overview.subjects.map((s) => s.group)).toEqual(['1 группа', '2 группа', null, null]);
    // Russian set marks: 3, 5, 5 and one deferred (missing) → success 3/3 = 100 %, quality 2/3 = 66.7 %.
    const rus = overview.subjects[3];
    expect(rus?.counts).toMatchObject({ '5': 2, '3': 1, missing: 1 });
    expect([rus?.successPercent, rus?.qualityPercent]).toEqual([100, 66.7]);
  });

  it('gives each student the average, proposal and set mark per subject', () => {
    const byId = Object.fromEntries(overview.students.map((s) => [s.studentId, s]));
    const cellOf = (st: string, c: string) => {
      const x = byId[st]?.subjects[c];
      return x && [x.average, x.proposal, x.set, x.deferred];
    };
    expect(cellOf('st-1', 'c-math')).toEqual([4.4, '4', '4', false]);
    expect(cellOf('st-2', 'c-math')).toEqual([2.2, '2', '2', false]);
    expect(cellOf('st-3', 'c-math')).toEqual([4.6, '5', null, false]);
    // st-4: one mark (< 3) and 3 of 4 lessons missed (75 % > 50 %) → н/а.
    expect(cellOf('st-4', 'c-math')).toEqual([5, 'notAttested', null, false]);
    expect(byId['st-4']?.subjects['c-math']?.explanation).toBe(
      'Отметок 1 из 3 необходимых; пропущено 3 из 4 уроков (75 %), допустимо не больше 50 % → н/а',
    );
    expect(cellOf('st-1', 'c-rus')).toEqual([3.16, '3', '3', false]);
    expect(cellOf('st-4', 'c-rus')).toEqual([3.8, '4', null, true]);
    // st-2 in English: one mark → н/а (2 of 4 missed = 50 %, not above).
    expect(cellOf('st-2', 'c-eng1')).toEqual([4, 'notAttested', null, false]);
    // Group courses the student is not in have no cell; group 2 has no lessons → no proposal.
    expect(byId['st-1']?.subjects['c-eng2']).toBeUndefined();
    expect(cellOf('st-3', 'c-eng2')).toEqual([null, null, null, false]);
  });

  it('summarises absences over the lessons each student attends', () => {
    const abs = Object.fromEntries(overview.students.map((s) => [s.studentId, s.absences]));
    // st-4: н 02.09, н 09.09, б 23.09 (each the only lesson of the day) and late 03.09.
    expect(abs['st-4']).toEqual({
      lessonsMissed: 3,
      byReason: { illness: 1, excused: 0, unexcused: 2, late: 1 },
      daysMissed: 3,
      daysMissedByIllness: 1,
      lateCount: 1,
    });
    // st-3: б in Russian 17.09; group 1's English that day is not st-3's lesson → the whole day missed.
    expect(abs['st-3']).toMatchObject({ lessonsMissed: 1, daysMissed: 1, daysMissedByIllness: 1 });
    // st-2: н in English 04.09 and 11.09 (the only lessons those days).
    expect(abs['st-2']).toMatchObject({ lessonsMissed: 2, daysMissed: 2 });
    expect(abs['st-1']).toMatchObject({ lessonsMissed: 0, daysMissed: 0 });
  });

  it('lists students at risk in journal order', () => {
    // Антонов (st-2): math proposal and set mark 2, English н/а; Васильев (st-4): math н/а.
    expect(overview.students.map((s) => s.student)).toEqual([
      'Антонов Алексей',
      'Борисова Вера',
      'Васильев Глеб',
      'Григорьева Дарья',
    ]);
    expect(overview.atRisk).toEqual(['st-2', 'st-4']);
    expect(overview.students[0]?.riskCourseIds).toEqual(['c-eng1', 'c-math']);
    expect(overview.students[2]?.riskCourseIds).toEqual(['c-math']);
  });
});

describe('studentAverageSeries', () => {
  it('gives the running weighted average after each date with marks', () => {
    // st-1 math: 5 → 5; +4 (test) → 17/4 = 4.25; +5 → 22/5 = 4.4; 30.10: +2 → 24/6 = 4. The cancelled lesson adds nothing.
    expect(studentAverageSeries(lessons, 'st-1', 'c-math', policy)).toEqual([
      { date: '2026-09-02', average: 5 },
      { date: '2026-09-09', average: 4.25 },
      { date: '2026-09-16', average: 4.4 },
      { date: '2026-10-30', average: 4 },
    ]);
  });

  it('puts one point per date and rounds down to hundredths', () => {
    // st-1 Russian: 03.09 two marks 3 (oral) and 3 (test) → 3; 10.09 +4 → 16/5 = 3.2; 17.09 +3 → 19/6 = 3.1666 → 3.16.
    expect(studentAverageSeries(lessons, 'st-1', 'c-rus', policy)).toEqual([
      { date: '2026-09-03', average: 3 },
      { date: '2026-09-10', average: 3.2 },
      { date: '2026-09-17', average: 3.16 },
    ]);
    expect(studentAverageSeries(lessons, 'st-3', 'c-eng2', policy)).toEqual([]);
  });
});
