// The year transition's pure logic, against dates and movements worked out by hand: next year's
// calendar on the same weekdays, classes one parallel up (9th and 11th graduate, new 1st and 10th
// empty), promotion proposals from final and year marks, debts as deferred marks, plan checks.
import { describe, expect, it } from 'vitest';
import type { AcademicYear } from '../../../shared/academic-year';
import type { Course } from '../../../shared/course';
import type { PeriodMarkValue } from '../../../shared/grading-policy';
import type { Period } from '../../../shared/period';
import type { PeriodMarks } from '../../../shared/period-mark';
import type { SchoolClass } from '../../../shared/school-class';
import type { Student } from '../../../shared/student';
import { weekday } from '../../../shared/dates';
import {
  nextYearName,
  proposeNextPeriods,
  proposeNextYear,
  sameDateNextYear,
} from '../../../shared/year-end/next-calendar';
import { proposeNextClasses } from '../../../shared/year-end/next-classes';
import { decidingMarks, isFailing, proposeMovements } from '../../../shared/year-end/promotion';
import { debtReason, placeDebts } from '../../../shared/year-end/debts';

const YEAR: AcademicYear = {
  id: 'y2026',
  name: '2026/2027',
  start: '2026-09-01',
  end: '2027-05-31',
  holidays: [
    // Mon 26.10.2026 – Sun 01.11.2026.
    { name: 'Осенние каникулы', start: '2026-10-26', end: '2026-11-01' },
    // Mon 15.02.2027 – Sun 21.02.2027, 1st grade only.
    { name: 'Дополнительные каникулы', start: '2027-02-15', end: '2027-02-21', grades: [1] },
  ],
  nonWorkingDays: [
    { date: '2026-11-04', kind: 'publicHoliday', name: 'День народного единства' },
    { date: '2027-01-20', kind: 'activated', name: 'Мороз' },
  ],
};

function klass(id: string, grade: number, letter: string, teacher: string): SchoolClass {
  return {
    id,
    stamps: {},
    yearId: 'y2026',
    grade,
    letter,
    name: `${grade}${letter}`,
    periodScheme: grade >= 10 ? 'halfYears' : 'quarters',
    classTeacherId: teacher,
    groups: [],
  };
}

describe('next year calendar', () => {
  it('keeps the start and end dates and moves holidays to the same weekdays', () => {
    const next = proposeNextYear(YEAR);
    expect(next.name).toBe('2027/2028');
    expect(next.id).toBe('y2027-2028');
    expect(next.start).toBe('2027-09-01');
    expect(next.end).toBe('2028-05-31');
    // 26.10.2026 + 364 days = 25.10.2027, a Monday like 26.10.2026.
    expect(next.holidays[0]).toEqual({
      name: 'Осенние каникулы',
      start: '2027-10-25',
      end: '2027-10-31',
    });
    expect(weekday(next.holidays[0]!.start)).toBe(weekday('2026-10-26'));
    // 15.02.2027 + 364 = 14.02.2028 (Monday), the grades kept.
    expect(next.holidays[1]).toMatchObject({ start: '2028-02-14', end: '2028-02-20', grades: [1] });
    // The public holiday keeps its date; the frost day is not carried over.
    expect(next.nonWorkingDays).toEqual([
      { date: '2027-11-04', kind: 'publicHoliday', name: 'День народного единства' },
    ]);
  });

  it('names and dates', () => {
    expect(nextYearName('2030/2031', '2031-09-01')).toBe('2031/2032');
    expect(nextYearName('Учебный год', '2031-09-01')).toBe('2031/2032');
    expect(sameDateNextYear('2028-02-29')).toBe('2029-02-28');
  });

  it('moves period boundaries: the year edges to the new edges, others by 52 weeks', () => {
    const p = (id: string, number: number, start: string, end: string): Period => ({
      id,
      stamps: {},
      yearId: 'y2026',
      kind: 'quarter',
      scheme: 'quarters',
      number,
      name: `${number} четверть`,
      start,
      end,
      closed: true,
    });
    const yearMark: Period = {
      ...p('py', 1, '2026-09-01', '2027-05-31'),
      kind: 'year',
      scheme: null,
      name: 'Годовая',
    };
    const next = proposeNextPeriods(
      [p('q1', 1, '2026-09-01', '2026-10-25'), p('q4', 4, '2027-03-29', '2027-05-31'), yearMark],
      YEAR,
      proposeNextYear(YEAR),
    );
    expect(next.map((x) => [x.id, x.start, x.end, x.closed])).toEqual([
      ['y2027-2028:quarter:quarters:1', '2027-09-01', '2027-10-24', false],
      ['y2027-2028:year:all:1', '2027-09-01', '2028-05-31', false],
      ['y2027-2028:quarter:quarters:4', '2028-03-27', '2028-05-31', false],
    ]);
  });
});

describe('next year classes', () => {
  const classes = [
    klass('c4a', 4, 'А', 't-4a'),
    klass('c5a', 5, 'А', 't-5a'),
    klass('c5b', 5, 'Б', 't-5b'),
    klass('c1a', 1, 'А', 't-1a'),
    klass('c9a', 9, 'А', 't-9a'),
    klass('c10a', 10, 'А', 't-10a'),
    klass('c11a', 11, 'А', 't-11a'),
  ];
  it('moves each class up, graduates 9th and 11th, creates empty 1st and 10th', () => {
    const next = proposeNextClasses(classes, proposeNextYear(YEAR));
    expect(next.map((c) => [c.name, c.fromClassId, c.classTeacherId])).toEqual([
      ['1А', null, 't-4a'], // the teacher whose 4А left the primary school
      ['2А', 'c1a', 't-1a'],
      ['5А', 'c4a', 't-4a'],
      ['6А', 'c5a', 't-5a'],
      ['6Б', 'c5b', 't-5b'],
      ['10А', null, 't-11a'],
      ['11А', 'c10a', 't-10a'],
    ]);
    expect(next.map((c) => c.id)).toEqual([
      'y2027-2028:cls-1-1',
      'y2027-2028:cls-2-1',
      'y2027-2028:cls-5-1',
      'y2027-2028:cls-6-1',
      'y2027-2028:cls-6-2',
      'y2027-2028:cls-10-1',
      'y2027-2028:cls-11-1',
    ]);
    expect(next.find((c) => c.name === '11А')!.periodScheme).toBe('halfYears');
  });
});

describe('promotion proposals', () => {
  const student = (id: string, classId: string, status: 'active' | 'left' = 'active'): Student => ({
    id,
    stamps: {},
    lastName: id,
    firstName: 'И',
    middleName: '',
    gender: 'male',
    classId,
    status,
    birthDate: '',
    address: '',
    guardians: {},
  });
  const course = (
    id: string,
    classId: string,
    subjectId: string,
    assessment: Course['assessment'] = 'marks',
  ): Course => ({
    id,
    stamps: {},
    yearId: 'y2026',
    classId,
    subjectId,
    groupId: null,
    teacherId: 't',
    assessment,
    hoursPerWeek: 2,
    plannedByPeriod: {},
    plannedYear: 68,
    hasExam: false,
  });
  const period = (id: string, kind: Period['kind']): Period => ({
    id,
    stamps: {},
    yearId: 'y2026',
    kind,
    scheme: null,
    number: 1,
    name: kind,
    start: YEAR.start,
    end: YEAR.end,
    closed: false,
  });
  const marks = (
    courseId: string,
    periodId: string,
    classId: string,
    values: Record<string, PeriodMarkValue | null>,
  ): PeriodMarks => ({
    id: `${courseId}:${periodId}`,
    stamps: {},
    courseId,
    periodId,
    classId,
    marks: Object.fromEntries(
      Object.entries(values).map(([s, value]) => [
        s,
        { value, proposed: null, average: null, deferral: null, comment: '' },
      ]),
    ),
  });
  const classes = [
    klass('c5a', 5, 'А', 't1'),
    klass('c9a', 9, 'А', 't2'),
    klass('c4a', 4, 'А', 't3'),
  ];
  const nextClasses = proposeNextClasses(classes, proposeNextYear(YEAR));
  const id6a = nextClasses.find((c) => c.name === '6А')!.id;
  const id5a = nextClasses.find((c) => c.name === '5А')!.id;
  const periods = [period('year', 'year'), period('final', 'final')];
  const courses = [
    course('m5', 'c5a', 'math'),
    course('r5', 'c5a', 'rus'),
    course('pe5', 'c5a', 'pe', 'passFail'),
    course('art5', 'c5a', 'art', 'none'),
    course('m9', 'c9a', 'math'),
  ];
  const periodMarks = [
    // Year marks; the final mark overrides the year mark where set.
    marks('m5', 'year', 'c5a', { s1: '4', s2: '2', s3: '2', s4: '3', s5: null }),
    marks('m5', 'final', 'c5a', { s3: '3' }),
    marks('r5', 'year', 'c5a', { s1: '5', s2: 'notAttested', s3: '4', s4: '3', s5: '4' }),
    marks('pe5', 'year', 'c5a', { s1: 'pass', s2: 'pass', s3: 'pass', s4: 'fail', s5: 'pass' }),
    marks('m9', 'year', 'c9a', { g1: '4', g2: '2' }),
  ];
  const students = [
    student('s1', 'c5a'),
    student('s2', 'c5a'),
    student('s3', 'c5a'),
    student('s4', 'c5a'),
    student('s5', 'c5a'),
    student('s6', 'c5a', 'left'),
    student('g1', 'c9a'),
    student('g2', 'c9a'),
  ];
  const proposals = proposeMovements({
    students,
    classes,
    courses,
    periods,
    periodMarks,
    nextClasses,
  });

  it('failing marks block plain promotion; 9th graduates', () => {
    const by = Object.fromEntries(proposals.map((p) => [p.studentId, p]));
    expect(Object.keys(by).sort()).toEqual(['g1', 'g2', 's1', 's2', 's3', 's4', 's5']); // s6 left
    expect(by.s1).toMatchObject({ kind: 'promoted', toClassId: id6a, debts: [], missing: [] });
    // Mathematics 2 and Russian н/а: two debts.
    expect(by.s2).toMatchObject({ kind: 'conditional', toClassId: id6a, debts: ['math', 'rus'] });
    // The final 3 replaces the year 2.
    expect(by.s3).toMatchObject({ kind: 'promoted', debts: [] });
    // незачёт in PE is a debt too.
    expect(by.s4).toMatchObject({ kind: 'conditional', debts: ['pe'] });
    // No mathematics mark at all: promoted, the subject listed as missing; art is not assessed.
    expect(by.s5).toMatchObject({ kind: 'promoted', missing: ['math'] });
    expect(by.g1).toMatchObject({ kind: 'graduated', toClassId: null });
    // A 9th grader with a 2 does not graduate: proposed to stay, in next year's 9th (none here).
    expect(by.g2).toMatchObject({ kind: 'keptBack', toClassId: null, debts: [] });
    expect(id5a).toBe('y2027-2028:cls-5-1');
  });

  it('reads the deciding marks and what fails', () => {
    const m = decidingMarks('s3', courses.slice(0, 4), periods, periodMarks);
    expect([...m.entries()]).toEqual([
      ['math', '3'],
      ['rus', '4'],
      ['pe', 'pass'],
    ]);
    expect(
      ['5', '4', '3', '2', '1', 'pass', 'fail', 'notAttested', 'exempt'].filter((v) =>
        isFailing(v as PeriodMarkValue),
      ),
    ).toEqual(['2', '1', 'fail', 'notAttested']);
  });

  it('places a debt as a deferred mark of the new course in the period of its due date', () => {
    const next = proposeNextYear(YEAR);
    const q = (n: number, start: string, end: string): Period => ({
      id: `q${n}`,
      stamps: {},
      yearId: next.id,
      kind: 'quarter',
      scheme: 'quarters',
      number: n,
      name: `${n}`,
      start,
      end,
      closed: false,
    });
    const c6a = nextClasses.find((c) => c.name === '6А')!;
    const newMath = { ...course('nm', c6a.id, 'math'), yearId: next.id };
    const { placed, unplaced } = placeDebts(
      [
        { studentId: 's2', subjectId: 'math', due: '2027-11-15' },
        { studentId: 's2', subjectId: 'rus', due: '2027-10-15' },
      ],
      c6a,
      [newMath],
      [q(1, '2027-09-01', '2027-10-24'), q(2, '2027-11-01', '2027-12-28')],
      '2026/2027',
    );
    expect(placed).toEqual([
      {
        studentId: 's2',
        subjectId: 'math',
        courseId: 'nm',
        periodId: 'q2',
        deferral: {
          reason: 'Академическая задолженность за 2026/2027 учебный год',
          due: '2027-11-15',
        },
      },
    ]);
    expect(unplaced).toEqual([{ studentId: 's2', subjectId: 'rus' }]);
    expect(debtReason('2026/2027')).toBe('Академическая задолженность за 2026/2027 учебный год');
  });
});
