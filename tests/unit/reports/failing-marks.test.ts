import { describe, expect, it } from 'vitest';
import { failingMarksReport } from '../../../shared/reports/failing-marks';
import { cell, courses, lesson, policy, students, subjects } from './fixtures';

const lessons = [
  // Math 10.09: st-1 (Григорьева) gets 2 for a test, st-2 (Антонов) gets 5 and 2 (oral).
  lesson('c-math', '2026-09-10', 2, {
    topic: 'Сложение дробей',
    entries: {
      'st-1': cell([['2', 'test']]),
      'st-2': cell([
        ['5', 'test'],
        ['2', 'oral'],
      ]),
    },
  }),
  // Russian 05.09: st-1 gets 1 for a dictation; st-3 gets 3 (not failing).
  lesson('c-rus', '2026-09-05', 3, {
    topic: 'Безударные гласные',
    entries: { 'st-1': cell([['1', 'dictation']]), 'st-3': cell([['3', 'oral']]) },
  }),
  // English group 1, 20.09: st-2 gets незачёт.
  lesson('c-eng1', '2026-09-20', 4, {
    topic: 'Present Simple',
    entries: { 'st-2': cell([['fail', 'oral']]) },
  }),
  // Cancelled lesson: its 2 is ignored.
  lesson('c-math', '2026-09-11', 2, {
    status: 'cancelled',
    entries: { 'st-3': cell([['2', 'oral']]) },
  }),
  // Outside the range (October): ignored when to = 2026-09-30.
  lesson('c-math', '2026-10-02', 2, {
    topic: 'Умножение',
    entries: { 'st-4': cell([['2', 'oral']]) },
  }),
  // The student who left (st-5) is not in the students list passed below.
  lesson('c-math', '2026-09-12', 2, { entries: { 'st-5': cell([['2', 'oral']]) } }),
];

describe('failingMarksReport', () => {
  it('lists 2, 1 and незачёт with their topics, by student then date', () => {
    const report = failingMarksReport({
      lessons,
      students: students.filter((s) => s.status === 'active'),
      courses,
      subjects,
      policy,
      classId: '5a',
      from: '2026-09-01',
      to: '2026-09-30',
    });
    // Антонов (st-2): 10.09 math 2 (oral), 20.09 English незач; Григорьева (st-1): 05.09 Russian 1, 10.09 math 2.
    expect(
      report.rows.map((r) => [r.student, r.date, r.subject, r.markLabel, r.workType, r.topic]),
    ).toEqual([
      ['Антонов Алексей', '2026-09-10', 'Математика', '2', 'Ответ на уроке', 'Сложение дробей'],
      [
        'Антонов Алексей',
        '2026-09-20',
        'Английский язык',
        'незач',
        'Ответ на уроке',
        'Present Simple',
      ],
      ['Григорьева Дарья', '2026-09-05', 'Русский язык', '1', 'Диктант', 'Безударные гласные'],
      [
        'Григорьева Дарья',
        '2026-09-10',
        'Математика',
        '2',
        'Контрольная работа',
        'Сложение дробей',
      ],
    ]);
    expect(report.countByStudent).toEqual({ 'st-2': 2, 'st-1': 2 });
  });

  it('filters by course and includes the whole range when no dates are given', () => {
    const report = failingMarksReport({
      lessons,
      students,
      courses,
      subjects,
      policy,
      courseId: 'c-math',
    });
    // Math, held: st-1 10.09, st-2 10.09, st-5 12.09 (passed in this time), st-4 02.10.
    expect(report.rows.map((r) => [r.studentId, r.date])).toEqual([
      ['st-2', '2026-09-10'],
      ['st-4', '2026-10-02'],
      ['st-1', '2026-09-10'],
      ['st-5', '2026-09-12'],
    ]);
  });
});
