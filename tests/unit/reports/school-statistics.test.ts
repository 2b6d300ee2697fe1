import { describe, expect, it } from 'vitest';
import { schoolStatistics, type StatisticsRow } from '../../../shared/reports/school-statistics';
import { toTableReport } from '../../../shared/reports/table-report';
import {
  classes,
  courses,
  lesson,
  period,
  periodMarks,
  staff,
  students,
  subjects,
} from './fixtures';

// Period marks of I четверть:
//   5А math   st-1 4, st-2 2, st-3 5, st-4 н/а
//   5А rus    st-1 3, st-2 5, st-3 5, st-4 4
//   5А eng g1 st-1 5, st-2 4;   eng g2 st-3 5, st-4 deferred (missing)
//   6Б math   st-6 5
const marks = [
  periodMarks('c-math', { 'st-1': '4', 'st-2': '2', 'st-3': '5', 'st-4': 'notAttested' }),
  periodMarks('c-rus', { 'st-1': '3', 'st-2': '5', 'st-3': '5', 'st-4': '4' }),
  periodMarks('c-eng1', { 'st-1': '5', 'st-2': '4' }),
  periodMarks('c-eng2', { 'st-3': '5', 'st-4': { deferredTo: '2026-11-20' } }),
  periodMarks('c-math6', { 'st-6': '5' }),
  periodMarks('c-math', { 'st-1': '2' }, 'q2'), // another period: ignored
];
// Planned 10 lessons per course in q1. Held: 5А math 3 (a cancelled one and one after the period do not count), rus 2.
const lessons = [
  lesson('c-math', '2026-09-02', 2),
  lesson('c-math', '2026-09-09', 2),
  lesson('c-math', '2026-09-16', 2),
  lesson('c-math', '2026-09-23', 2, { status: 'cancelled' }),
  lesson('c-math', '2026-11-10', 2),
  lesson('c-rus', '2026-09-03', 1),
  lesson('c-rus', '2026-09-10', 1),
];

const report = schoolStatistics({
  period,
  courses,
  periodMarks: marks,
  lessons,
  students,
  classes,
  subjects,
  staff,
});

const brief = (r: StatisticsRow | undefined) =>
  r && [
    r.label,
    r.students,
    r.counts['5'],
    r.counts['4'],
    r.counts['3'],
    r.counts['2'],
    r.counts.notAttested,
    r.successPercent,
    r.qualityPercent,
  ];

describe('schoolStatistics', () => {
  it('per class: counts of all marks, success and quality per student', () => {
    // 5А: st-1 {4,3,5} successful, not quality; st-2 {2,5,4} not successful; st-3 {5,5,5} quality;
    // st-4 {н/а,4,—} not successful → success 2/4 = 50 %, quality 1/4 = 25 %.
    // Marks: 5 ×5, 4 ×3, 3 ×1, 2 ×1, н/а ×1 (and one missing). 6Б: st-6 {5} → 100 %, 100 %.
    expect(report.byClass.map(brief)).toEqual([
      ['5А', 4, 5, 3, 1, 1, 1, 50, 25],
      ['6Б', 1, 1, 0, 0, 0, 0, 100, 100],
    ]);
    expect(report.byClass[0]?.counts.missing).toBe(1);
    // The school: 5 students, 3 successful (st-1, st-3, st-6) = 60 %, 2 of quality (st-3, st-6) = 40 %.
    expect(brief(report.total)).toEqual(['Итого', 5, 6, 3, 1, 1, 1, 60, 40]);
  });

  it('per subject and per teacher: over student × subject marks', () => {
    // English: 5, 4, 5 set (+1 missing) → 100 %, 100 %. Math: 4, 2, 5, н/а, 5 → success 3/5 = 60 %, quality 3/5 = 60 %.
    // Russian: 3, 5, 5, 4 → 100 %, quality 3/4 = 75 %.
    expect(report.bySubject.map(brief)).toEqual([
      ['Английский язык', 4, 2, 1, 0, 0, 0, 100, 100],
      ['Математика', 5, 2, 1, 0, 1, 1, 60, 60],
      ['Русский язык', 4, 2, 1, 1, 0, 0, 100, 75],
    ]);
    expect(
      report.byTeacher.map((r) => [r.key, r.label, r.successPercent, r.qualityPercent]),
    ).toEqual([
      ['t-eng', 'Морозов О.', 100, 100],
      ['t-math', 'Петрова А.', 60, 60],
      ['t-rus', 'Соколова И.', 100, 75],
    ]);
  });

  it('lessons held against the plan and the backlog', () => {
    // 5А: planned 4 × 10 = 40, held 3 + 2 = 5, backlog 7 + 8 + 10 + 10 = 35. 6Б: 10, 0, 10.
    expect(report.byClass.map((r) => [r.label, r.planned, r.held, r.backlog])).toEqual([
      ['5А', 40, 5, 35],
      ['6Б', 10, 0, 10],
    ]);
    expect(report.byCourse.map((r) => [r.label, r.planned, r.held, r.backlog])).toEqual([
      ['5А (1 группа) — Английский язык', 10, 0, 10],
      ['5А (2 группа) — Английский язык', 10, 0, 10],
      ['5А — Математика', 10, 3, 7],
      ['5А — Русский язык', 10, 2, 8],
      ['6Б — Математика', 10, 0, 10],
    ]);
    expect(report.bySubject.find((r) => r.key === 'math')).toMatchObject({
      planned: 20,
      held: 3,
      backlog: 17,
    });
  });

  it('can be restricted to some classes and turned into a table', () => {
    const only6 = schoolStatistics({
      period,
      courses,
      periodMarks: marks,
      lessons,
      students,
      classes,
      subjects,
      staff,
      classIds: ['6b'],
    });
    expect(only6.byClass.map((r) => r.label)).toEqual(['6Б']);

    const table = toTableReport({ kind: 'schoolStatistics', report, by: 'class' });
    expect(table.subtitle).toBe('I четверть');
    expect(table.columns.map((c) => c.header)).toEqual([
      'Класс',
      'Обучающихся',
      '«5»',
      '«4»',
      '«3»',
      '«2»',
      'н/а',
      'Успеваемость, %',
      'Качество, %',
      'Уроков по плану за период',
      'По плану на 25.10.2026',
      'Проведено',
      'Отставание на 25.10.2026',
    ]);
    // Two classes and the total row.
    expect(
      toTableReport({ kind: 'schoolStatistics', report, by: 'subject' }).columns[1]?.header,
    ).toBe('Обучающихся по курсам');
    expect(table.rows.map((r) => [r.label, r.success, r.quality, r.backlog])).toEqual([
      ['5А', 50, 25, 35],
      ['6Б', 100, 100, 10],
      ['Итого', 60, 40, 45],
    ]);
  });

  it('mid-period: the backlog is counted against the plan to date, not the whole period', () => {
    // I четверть 01.09 (Tue) – 25.10: 55 days, 8 Sundays → 47 school days. By 30.09: 30 days,
    // 4 Sundays → 26 school days; 10 planned × 26 / 47 = 5,53 → 6 lessons due per course.
    const mid = schoolStatistics({
      period,
      courses,
      periodMarks: marks,
      lessons,
      students,
      classes,
      subjects,
      staff,
      asOf: '2026-09-30',
    });
    expect(mid.asOf).toBe('2026-09-30');
    // 5А: due 4 × 6 = 24; math held 3 → 3 behind, Russian 2 → 4, each English group 0 → 6.
    expect(
      mid.byClass.map((r) => [r.label, r.planned, r.plannedToDate, r.held, r.backlog]),
    ).toEqual([
      ['5А', 40, 24, 5, 19],
      ['6Б', 10, 6, 0, 6],
    ]);
    const table = toTableReport({ kind: 'schoolStatistics', report: mid, by: 'class' });
    expect(table.columns.slice(-4).map((c) => c.header)).toEqual([
      'Уроков по плану за период',
      'По плану на 30.09.2026',
      'Проведено',
      'Отставание на 30.09.2026',
    ]);
    // Before the period nothing is due; a date after its end is the period's end.
    const before = schoolStatistics({
      period,
      courses,
      periodMarks: marks,
      lessons,
      students,
      classes,
      subjects,
      staff,
      asOf: '2026-08-20',
    });
    expect(before.byClass.map((r) => r.backlog)).toEqual([0, 0]);
    const after = schoolStatistics({
      period,
      courses,
      periodMarks: marks,
      lessons,
      students,
      classes,
      subjects,
      staff,
      asOf: '2026-12-01',
    });
    expect(after.asOf).toBe('2026-10-25');
    expect(after.byClass.map((r) => r.backlog)).toEqual([35, 10]);
  });

  it('a 1st grade assessed without marks still counts its students', () => {
    const first = { ...classes[1]!, id: '1a', grade: 1, letter: 'А', name: '1А' };
    const kids = [
      { ...students[5]!, id: 'k-1', classId: '1a' },
      { ...students[5]!, id: 'k-2', classId: '1a' },
      { ...students[5]!, id: 'k-3', classId: '1a', status: 'left' as const },
    ];
    const reading = { ...courses[4]!, id: 'c-read1', classId: '1a', assessment: 'none' as const };
    const r = schoolStatistics({
      period,
      courses: [reading],
      periodMarks: [],
      lessons: [],
      students: kids,
      classes: [first],
      subjects,
      staff,
    });
    // Two active students; no marks, so no success or quality.
    expect(r.byClass.map((x) => [x.label, x.students, x.successPercent, x.qualityPercent])).toEqual(
      [['1А', 2, null, null]],
    );
  });
});
