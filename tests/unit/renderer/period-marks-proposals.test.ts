// Rows of the period-marks page: reporting-period proposals from the lessons, year proposals from the
// period marks, final from year and exam; "accept all" leaves set and deferred marks alone.
import { describe, expect, it } from 'vitest';
import { DEFAULT_GRADING_POLICY } from '../../../shared/grading-policy';
import type { Lesson } from '../../../shared/lesson';
import type { Period } from '../../../shared/period';
import type { PeriodMarks } from '../../../shared/period-mark';
import type { Student } from '../../../shared/student';
import {
  acceptAllPlan,
  acceptableRows,
  staleProposal,
  entryWithValue,
  markRows,
  type RowsInput,
} from '../../../renderer/workspaces/period-marks/proposals';

const period = (id: string, kind: Period['kind'], scheme: Period['scheme']): Period => ({
  id,
  stamps: {},
  yearId: 'y',
  kind,
  scheme,
  number: 1,
  name: id,
  start: '2026-09-01',
  end: '2026-10-25',
  closed: false,
});
const q1 = period('q1', 'quarter', 'quarters');
const q2 = period('q2', 'quarter', 'quarters');
const year = period('year', 'year', null);
const exam = period('exam', 'exam', null);
const final = period('final', 'final', null);
const student = (id: string): Student =>
  ({ id, lastName: id, firstName: 'А', middleName: '', classId: 'c', status: 'active' }) as Student;
const students = [student('s1'), student('s2'), student('s3')];

const lesson = (n: number, marks: Record<string, '5' | '4' | '3'>): Lesson =>
  ({
    id: `l${n}`,
    courseId: 'crs',
    classId: 'c',
    date: `2026-09-0${n}`,
    slot: 1,
    status: 'held',
    lessonType: 'regular',
    entries: Object.fromEntries(
      Object.entries(marks).map(([s, v]) => [
        s,
        { attendance: null, marks: [{ value: v, workTypeId: 'oral', comment: '' }] },
      ]),
    ),
  }) as unknown as Lesson;

const doc = (periodId: string, values: Record<string, '5' | '4' | '3' | null>): PeriodMarks => ({
  id: `crs:${periodId}`,
  stamps: {},
  courseId: 'crs',
  periodId,
  classId: 'c',
  marks: Object.fromEntries(
    Object.entries(values).map(([s, v]) => [
      s,
      { value: v, proposed: v, average: null, deferral: null, comment: '' },
    ]),
  ),
});

const base: Omit<RowsInput, 'period'> = {
  students,
  lessons: [
    lesson(1, { s1: '5', s2: '4' }),
    lesson(2, { s1: '4', s2: '4' }),
    lesson(3, { s1: '5', s2: '3' }),
  ],
  courseMarks: [],
  reportingPeriods: [q1, q2],
  yearPeriod: year,
  examPeriod: exam,
  policy: DEFAULT_GRADING_POLICY,
  codes: [],
  assessment: 'marks',
};

describe('period-marks rows', () => {
  it('proposes a reporting-period mark from the lessons, with the explanation', () => {
    const rows = markRows({ ...base, period: q1 });
    expect(rows[0]?.proposal.value).toBe('5');
    expect(rows[0]?.proposal.average).toBe(4.66);
    expect(rows[0]?.proposal.explanation).toContain('Средний взвешенный балл 4,66');
    expect(rows[1]?.proposal.value).toBe('4');
    expect(rows[2]?.proposal.value).toBe('notAttested');
  });

  it('proposes the year from the period marks and the final from year and exam', () => {
    const courseMarks = [
      doc('q1', { s1: '5', s2: '3' }),
      doc('q2', { s1: '4', s2: '4' }),
      doc('year', { s1: '5', s2: '4' }),
      doc('exam', { s1: '4', s2: '3' }),
    ];
    const years = markRows({ ...base, courseMarks, period: year });
    expect(years[0]?.proposal.value).toBe('5'); // (5 + 4) / 2 = 4.5
    expect(years[1]?.proposal.value).toBe('4'); // 3.5
    expect(markRows({ ...base, courseMarks, period: exam })[0]?.proposal.value).toBeNull();
    const finals = markRows({ ...base, courseMarks, period: final });
    expect(finals[0]?.proposal.value).toBe('5');
    expect(finals[0]?.proposal.explanation).toMatch(/^Годовая 5, экзаменационная 4/);
    expect(finals[1]?.proposal.value).toBe('4');
  });

  it('accept all fills only missing marks that are not deferred', () => {
    const courseMarks: PeriodMarks[] = [doc('q1', { s1: '4' })];
    const rows = markRows({ ...base, courseMarks, period: q1 });
    const deferred = {
      ...rows[1]!,
      entry: {
        ...entryWithValue(rows[1]!, null),
        deferral: { reason: 'болезнь', due: '2026-11-10' },
      },
    };
    const toAccept = acceptableRows([rows[0]!, deferred, rows[2]!]);
    expect(toAccept.map((r) => r.student.id)).toEqual(['s3']);
    expect(entryWithValue(rows[0]!, '5')).toEqual({
      value: '5',
      proposed: '5',
      average: 4.66,
      deferral: null,
      comment: '',
    });
  });

  it('accept all tells what it will set: counts per mark and the н/а among them', () => {
    const rows = markRows({ ...base, period: q1 });
    const plan = acceptAllPlan(rows);
    // s1: 5, s2: 4 (average 3.66 from 4 4 3), s3 has no marks: н/а.
    expect(plan.rows.map((r) => r.student.id)).toEqual(['s1', 's2', 's3']);
    expect(plan.counts).toEqual([
      { label: '5', count: 1 },
      { label: '4', count: 1 },
      { label: 'н/а', count: 1 },
    ]);
    expect(plan.notAttested).toBe(1);
    const none = acceptAllPlan(
      markRows({ ...base, period: q1, courseMarks: [doc('q1', { s1: '5', s2: '4', s3: '3' })] }),
    );
    expect(none.rows).toEqual([]);
  });

  it('a set mark that the current proposal no longer equals is reported with the proposal', () => {
    // s1 was set 4 while the lessons now propose 5; s2 was set 4 and 4 is still proposed.
    const rows = markRows({ ...base, period: q1, courseMarks: [doc('q1', { s1: '4', s2: '4' })] });
    expect(staleProposal(rows[0]!)).toBe('5');
    expect(staleProposal(rows[1]!)).toBeNull();
    expect(staleProposal(rows[2]!)).toBeNull(); // nothing set
  });
});
