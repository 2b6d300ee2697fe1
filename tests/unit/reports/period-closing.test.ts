import { describe, expect, it } from 'vitest';
import { periodClosingCheck } from '../../../shared/reports/period-closing';
import { periodCompletionReport } from '../../../shared/reports/period-completion';
import { classes, courses, period, periodMarks, students, subjects } from './fixtures';

describe('periodClosingCheck', () => {
  const completion = periodCompletionReport({
    periodId: 'q1',
    courses,
    periodMarks: [
      // Math 5А: st-4 missing, st-3 deferred. Russian complete. English group 1 nothing (2
      // missing), group 2 st-4 missing. 6Б math: st-6 missing.
      periodMarks('c-math', {
        'st-1': '5',
        'st-2': 'notAttested',
        'st-3': { deferredTo: '2026-11-15' },
      }),
      periodMarks('c-rus', { 'st-1': '4', 'st-2': '3', 'st-3': '5', 'st-4': 'exempt' }),
      periodMarks('c-eng2', { 'st-3': '4' }),
    ],
    students,
    classes,
    subjects,
  });
  const names: Record<string, string> = { 't-math': 'Петрова А.', 't-eng': 'Морозов О.' };
  const check = (today: string) =>
    periodClosingCheck({ period, today, completion, teacherName: (id) => names[id] ?? id });

  it('lists the missing period marks per class and per teacher, most missing first', () => {
    const c = check('2026-10-20');
    // Expected: math 4 + Russian 4 + English 2 + 2 + 6Б math 1 = 13; missing 1 + 2 + 1 + 1 = 5.
    expect([c.expected, c.missing, c.deferred]).toEqual([13, 5, 1]);
    expect(c.byClass.map((g) => [g.label, g.missing, g.deferred, g.courses])).toEqual([
      ['5А', 4, 1, 3],
      ['6Б', 1, 0, 1],
    ]);
    expect(c.byTeacher.map((g) => [g.label, g.missing, g.deferred, g.courses])).toEqual([
      ['Морозов О.', 3, 0, 2],
      ['Петрова А.', 2, 1, 2],
    ]);
  });

  it('says how many days the period still runs (0 once it has ended)', () => {
    expect(check('2026-10-20').daysLeft).toBe(5);
    expect(check('2026-10-25').daysLeft).toBe(0);
    expect(check('2026-12-01').daysLeft).toBe(0);
  });
});
