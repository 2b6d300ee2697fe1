import { describe, expect, it } from 'vitest';
import { periodCompletionReport } from '../../../shared/reports/period-completion';
import { classes, courses, periodMarks, students, subjects } from './fixtures';

describe('periodCompletionReport', () => {
  const marks = [
    // Math (4 active students st-1..st-4): 5, н/а, deferred, missing → set 2, notAttested 1, deferred 1, missing 1.
    periodMarks('c-math', {
      'st-1': '5',
      'st-2': 'notAttested',
      'st-3': { deferredTo: '2026-11-15' },
    }),
    // Russian: all four set → complete. st-5 left: their mark is not counted.
    periodMarks('c-rus', { 'st-1': '4', 'st-2': '3', 'st-3': '5', 'st-4': 'exempt', 'st-5': '2' }),
    // English group 2 (active members st-3, st-4; st-5 left): only st-3 set.
    periodMarks('c-eng2', { 'st-3': '4' }),
    // Another period's document is ignored.
    periodMarks('c-eng1', { 'st-1': '5', 'st-2': '5' }, 'q2'),
  ];

  it('counts set, missing, deferred and н/а per course', () => {
    const report = periodCompletionReport({
      periodId: 'q1',
      courses,
      periodMarks: marks,
      students,
      classes,
      subjects,
      classId: '5a',
    });
    const rows = report.rows.map((r) => [
      r.courseId,
      r.students,
      r.set,
      r.missing,
      r.deferred,
      r.notAttested,
      r.complete,
    ]);
    // Sorted by subject name: Английский (eng1, eng2), Математика, Русский.
    expect(rows).toEqual([
      ['c-eng1', 2, 0, 2, 0, 0, false],
      ['c-eng2', 2, 1, 1, 0, 0, false],
      ['c-math', 4, 2, 1, 1, 1, false],
      ['c-rus', 4, 4, 0, 0, 0, true],
    ]);
    expect(report.rows[2]?.missingStudentIds).toEqual(['st-4']);
    // Totals: students 12, set 7, missing 4, deferred 1, н/а 1, complete 1 of 4.
    expect(report.totals).toEqual({
      courses: 4,
      complete: 1,
      students: 12,
      set: 7,
      missing: 4,
      deferred: 1,
      notAttested: 1,
    });
  });

  it('filters by teacher across classes', () => {
    const report = periodCompletionReport({
      periodId: 'q1',
      courses,
      periodMarks: marks,
      students,
      classes,
      subjects,
      teacherId: 't-math',
    });
    // 5А math, then 6Б math (one student, no mark).
    expect(report.rows.map((r) => [r.className, r.students, r.missing])).toEqual([
      ['5А', 4, 1],
      ['6Б', 1, 1],
    ]);
  });
});
