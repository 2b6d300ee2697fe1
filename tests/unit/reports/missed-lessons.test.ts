import { describe, expect, it } from 'vitest';
import { missedLessonsReport } from '../../../shared/reports/missed-lessons';
import { cell, codes, courses, lesson, students, subjects } from './fixtures';

const lessons = [
  lesson('c-math', '2026-09-10', 1, {
    topic: 'Сложение дробей',
    homework: '№ 12',
    entries: { 'st-1': cell([], 'б'), 'st-2': cell([], 'оп'), 'st-3': cell([['4', 'oral']]) },
  }),
  lesson('c-rus', '2026-09-10', 2, {
    topic: 'Безударные гласные',
    entries: { 'st-1': cell([], 'б'), 'st-4': cell([], 'н') },
  }),
  lesson('c-eng2', '2026-09-08', 3, { topic: 'Alphabet', entries: { 'st-4': cell([], 'у') } }),
  // An unknown code ("x") still marks an absence, counted as unexcused.
  lesson('c-math', '2026-09-15', 1, {
    topic: 'Вычитание дробей',
    entries: { 'st-3': cell([], 'x') },
  }),
];

describe('missedLessonsReport', () => {
  it('lists absences with topics and reasons; lateness (оп) is not listed', () => {
    const report = missedLessonsReport({
      lessons,
      students,
      courses,
      subjects,
      codes,
      classId: '5a',
    });
    // Антонов (st-2) was only late → no rows. Борисова (st-3): 15.09 "x".
    // Васильев (st-4): 08.09 English "у", 10.09 Russian "н". Григорьева (st-1): 10.09 math and Russian "б".
    expect(
      report.rows.map((r) => [r.student, r.date, r.slot, r.code, r.reasonLabel, r.topic]),
    ).toEqual([
      ['Борисова Вера', '2026-09-15', 1, 'x', 'без уважительной причины', 'Вычитание дробей'],
      ['Васильев Глеб', '2026-09-08', 3, 'у', 'по уважительной причине', 'Alphabet'],
      ['Васильев Глеб', '2026-09-10', 2, 'н', 'без уважительной причины', 'Безударные гласные'],
      ['Григорьева Дарья', '2026-09-10', 1, 'б', 'по болезни', 'Сложение дробей'],
      ['Григорьева Дарья', '2026-09-10', 2, 'б', 'по болезни', 'Безударные гласные'],
    ]);
    expect(report.rows.some((r) => r.studentId === 'st-2')).toBe(false);
    expect(report.totals['st-1']).toEqual({
      lessons: 2,
      byReason: { illness: 2, excused: 0, unexcused: 0 },
    });
    expect(report.totals['st-4']).toEqual({
      lessons: 2,
      byReason: { illness: 0, excused: 1, unexcused: 1 },
    });
    expect(report.rows[3]?.homework).toBe('№ 12');
  });

  it('respects the date range', () => {
    const report = missedLessonsReport({
      lessons,
      students,
      courses,
      subjects,
      codes,
      from: '2026-09-09',
      to: '2026-09-10',
    });
    expect(report.rows.map((r) => r.studentId)).toEqual(['st-4', 'st-1', 'st-1']);
  });
});
