import { describe, expect, it } from 'vitest';
import { completionByTeacher, currentMarksMatrix } from '../../../shared/reports/current-marks';
import { periodCompletionReport } from '../../../shared/reports/period-completion';
import {
  cell,
  classes,
  courses,
  lesson,
  periodMarks,
  policy,
  students,
  subjects,
} from './fixtures';

describe('currentMarksMatrix (накопляемость отметок mid-period)', () => {
  it('averages the students’ weighted averages and counts marks per student', () => {
    const lessons = [
      // Math 5А: st-1 5 (oral, weight 1) and 2 (test, weight 3) → (5 + 6) / 4 = 2.75; st-2 4 → 4.
      lesson('c-math', '2026-09-02', 2, {
        entries: { 'st-1': cell([['5', 'oral']]), 'st-2': cell([['4', 'oral']]) },
      }),
      lesson('c-math', '2026-09-09', 2, { entries: { 'st-1': cell([['2', 'test']]) } }),
      // A cancelled lesson's marks do not count.
      lesson('c-math', '2026-09-16', 2, {
        status: 'cancelled',
        entries: { 'st-3': cell([['5', 'oral']]) },
      }),
      // English, two groups pooled: st-1 (group 1) 5, st-3 (group 2) 3.
      lesson('c-eng1', '2026-09-03', 3, { entries: { 'st-1': cell([['5', 'oral']]) } }),
      lesson('c-eng2', '2026-09-03', 3, { entries: { 'st-3': cell([['3', 'oral']]) } }),
    ];
    const m = currentMarksMatrix({ courses, lessons, students, classes, policy });
    // Math: (2.75 + 4) / 2 = 3.375 → 3.38; 3 marks over 4 active students = 0.75 → 0.8.
    expect(m.get('5a|math')).toEqual({
      average: 3.38,
      marks: 3,
      students: 4,
      marksPerStudent: 0.8,
    });
    // English: (5 + 3) / 2 = 4; 2 marks, 4 active students (st-5 of group 2 left).
    expect(m.get('5a|eng')).toEqual({ average: 4, marks: 2, students: 4, marksPerStudent: 0.5 });
    // Russian: no marks yet.
    expect(m.get('5a|rus')).toEqual({ average: null, marks: 0, students: 4, marksPerStudent: 0 });
  });
});

describe('completionByTeacher', () => {
  it('sums the courses of each teacher', () => {
    const completion = periodCompletionReport({
      periodId: 'q1',
      courses,
      periodMarks: [
        periodMarks('c-math', { 'st-1': '5', 'st-2': '4', 'st-3': '3', 'st-4': '5' }),
        periodMarks('c-math6', {}),
        periodMarks('c-eng1', { 'st-1': '5' }),
      ],
      students,
      classes,
      subjects,
    });
    const names: Record<string, string> = {
      't-math': 'Петрова А.',
      't-eng': 'Морозов О.',
      't-rus': 'Соколова И.',
    };
    const rows = completionByTeacher(completion, (id) => names[id] ?? id);
    // Петрова: 5А math complete (4 of 4) + 6Б math 0 of 1 → 4 of 5 = 80 %, 1 of 2 courses complete.
    // Морозов: group 1 1 of 2, group 2 0 of 2 → 1 of 4 = 25 %.
    expect(
      rows.map((r) => [r.teacher, r.courses, r.complete, r.set, r.missing, r.setPercent]),
    ).toEqual([
      ['Морозов О.', 2, 0, 1, 3, 25],
      ['Петрова А.', 2, 1, 4, 1, 80],
      ['Соколова И.', 1, 0, 0, 4, 0],
    ]);
  });
});
