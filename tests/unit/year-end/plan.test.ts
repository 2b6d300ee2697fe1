// A transition plan checked and turned into documents, against a tiny school worked out by hand:
// 5А (two pupils, English in two groups) becomes 6А with 6А's curriculum of this year and 5А's
// teachers, one pupil conditionally with a debt, a graduate leaves; every problem is named.
import { describe, expect, it } from 'vitest';
import { tinySchool } from './fixtures';
import type { Course } from '../../../shared/course';
import type { Period } from '../../../shared/period';
import type { School } from '../../../shared/school';
import type { SchoolClass } from '../../../shared/school-class';
import type { Student } from '../../../shared/student';
import type { Timetable } from '../../../shared/timetable';
import { checkPlan } from '../../../shared/year-end/plan-checks';
import type { YearTransitionPlan } from '../../../shared/year-end/plan';
import { transitionDocuments } from '../../../shared/year-end/transition-documents';

const school: School = tinySchool([
  { id: 'math', name: 'Математика', short: 'Матем.' },
  { id: 'eng', name: 'Английский язык', short: 'Англ.' },
]);

const cls = (
  id: string,
  grade: number,
  teacher: string,
  groups: SchoolClass['groups'] = [],
): SchoolClass => ({
  id,
  stamps: {},
  yearId: 'y1',
  grade,
  letter: 'А',
  name: `${grade}А`,
  periodScheme: 'quarters',
  classTeacherId: teacher,
  groups,
});
const c5 = cls('c5', 5, 't5', [
  { id: 'c5-g1', name: '1 группа (англ.)', studentIds: ['a'] },
  { id: 'c5-g2', name: '2 группа (англ.)', studentIds: ['b'] },
]);
const c6 = cls('c6', 6, 't6', [
  { id: 'c6-g1', name: '1 группа', studentIds: [] },
  { id: 'c6-g2', name: '2 группа', studentIds: [] },
]);
const c9 = cls('c9', 9, 't9');
const course = (
  id: string,
  classId: string,
  subjectId: string,
  teacherId: string,
  groupId: string | null,
  hours: number,
): Course => ({
  id,
  stamps: {},
  yearId: 'y1',
  classId,
  subjectId,
  groupId,
  teacherId,
  assessment: 'marks',
  hoursPerWeek: hours,
  plannedByPeriod: { 'p-q1': 8 },
  plannedYear: hours * 34,
  hasExam: false,
});
const courses = [
  course('m5', 'c5', 'math', 'teacher-5-math', null, 5),
  course('e5a', 'c5', 'eng', 'teacher-5-eng1', 'c5-g1', 3),
  course('e5b', 'c5', 'eng', 'teacher-5-eng2', 'c5-g2', 3),
  course('m6', 'c6', 'math', 'teacher-6-math', null, 4),
  course('e6a', 'c6', 'eng', 'teacher-6-eng1', 'c6-g1', 3),
  course('e6b', 'c6', 'eng', 'teacher-6-eng2', 'c6-g2', 3),
];
const q1: Period = {
  id: 'p-q1',
  stamps: {},
  yearId: 'y1',
  kind: 'quarter',
  scheme: 'quarters',
  number: 1,
  name: 'I четверть',
  start: '2026-09-01',
  end: '2026-10-25',
  closed: true,
};
const student = (id: string, classId: string): Student => ({
  id,
  stamps: { 'guardians.g': { at: 'x', by: 'y' } },
  lastName: id.toUpperCase(),
  firstName: 'Имя',
  middleName: '',
  gender: 'female',
  classId,
  status: 'active',
  birthDate: '',
  address: '',
  guardians: {},
});
const students = [student('a', 'c5'), student('b', 'c5'), student('g', 'c9'), student('s6', 'c6')];
const timetable: Timetable = {
  id: 'tt:c6:2026-09-01',
  stamps: {},
  yearId: 'y1',
  classId: 'c6',
  validFrom: '2026-09-01',
  name: 'Основное',
  source: 'manual',
  draft: false,
  cells: [
    { weekday: 1, slot: 1, courseId: 'm6', room: '12' },
    { weekday: 2, slot: 1, courseId: 'e6a', room: '14' },
  ],
};

const NEXT = 'y2';
const plan: YearTransitionPlan = {
  fromYearId: 'y1',
  nextYear: { id: NEXT, name: '2027/2028', start: '2027-09-01', end: '2028-05-31', holidays: [] },
  periods: [
    {
      id: `${NEXT}:quarter:quarters:1`,
      yearId: NEXT,
      kind: 'quarter',
      scheme: 'quarters',
      number: 1,
      name: 'I четверть',
      start: '2027-09-01',
      end: '2027-10-24',
      closed: false,
    },
  ],
  classes: [
    {
      id: `${NEXT}:6`,
      grade: 6,
      letter: 'А',
      name: '6А',
      periodScheme: 'quarters',
      classTeacherId: 't5',
      fromClassId: 'c5',
      groups: [
        { id: `${NEXT}:6:g1`, name: '1 группа (англ.)', studentIds: ['a'] },
        { id: `${NEXT}:6:g2`, name: '2 группа (англ.)', studentIds: ['b'] },
      ],
    },
    {
      id: `${NEXT}:7`,
      grade: 7,
      letter: 'А',
      name: '7А',
      periodScheme: 'quarters',
      classTeacherId: 't6',
      fromClassId: 'c6',
      groups: [],
    },
  ],
  movements: [
    { studentId: 'a', kind: 'promoted', toClassId: `${NEXT}:6`, debts: [] },
    {
      studentId: 'b',
      kind: 'conditional',
      toClassId: `${NEXT}:6`,
      debts: [{ subjectId: 'math', due: '2027-10-15' }],
    },
    { studentId: 'g', kind: 'graduated', toClassId: null, debts: [] },
    { studentId: 's6', kind: 'promoted', toClassId: `${NEXT}:7`, debts: [] },
  ],
  order: { number: '77', date: '2027-06-25' },
  copyCurriculum: true,
  keepTeachers: true,
  copyTimetable: true,
};
const state = { school, classes: [c5, c6, c9], students };
const source = {
  school,
  periods: [q1],
  classes: [c5, c6, c9],
  courses,
  timetables: [timetable],
  students,
};

describe('transition plan', () => {
  it('a right plan has no problems; a wrong one names each in Russian', () => {
    expect(checkPlan(plan, state)).toEqual([]);
    const wrong: YearTransitionPlan = {
      ...plan,
      classes: plan.classes.map((c) => ({ ...c, classTeacherId: 't5' })),
      movements: [
        { studentId: 'a', kind: 'graduated', toClassId: `${NEXT}:6`, debts: [] },
        { studentId: 'b', kind: 'conditional', toClassId: `${NEXT}:6`, debts: [] },
        {
          studentId: 'g',
          kind: 'promoted',
          toClassId: 'nowhere',
          debts: [{ subjectId: 'math', due: '2030-01-01' }],
        },
      ],
    };
    expect(checkPlan(wrong, state)).toEqual([
      'Классы 6А и 7А: у них один классный руководитель',
      'A Имя: выбывающий не зачисляется в класс',
      'B Имя: при условном переводе укажите предметы задолженности',
      'G Имя: не выбран класс следующего года',
      'G Имя: задолженность бывает только при условном переводе',
      'G Имя: срок ликвидации задолженности должен быть в следующем учебном году',
      'S6 Имя: не указано движение',
    ]);
    expect(checkPlan(plan, { ...state, periods: [{ id: `${NEXT}:quarter:quarters:1` }] })).toEqual([
      'Период «I четверть»: такой идентификатор уже занят',
    ]);
    expect(checkPlan({ ...plan, fromYearId: 'y0' }, state)).toContain(
      'Завершать можно только текущий учебный год',
    );
  });

  it('makes next year’s documents and closes the finished year', () => {
    const docs = transitionDocuments(plan, source, {
      at: '2027-06-25T10:00:00.000Z',
      by: 'deputy',
    });
    // 6А gets this year's 6А curriculum (4 hours of mathematics) with 5А's teachers, group by group.
    expect(
      docs.courses
        .filter((c) => c.classId === `${NEXT}:6`)
        .map((c) => [c.subjectId, c.groupId, c.teacherId, c.hoursPerWeek, c.plannedByPeriod]),
    ).toEqual([
      ['math', null, 'teacher-5-math', 4, { [`${NEXT}:quarter:quarters:1`]: 8 }],
      ['eng', `${NEXT}:6:g1`, 'teacher-5-eng1', 3, { [`${NEXT}:quarter:quarters:1`]: 8 }],
      ['eng', `${NEXT}:6:g2`, 'teacher-5-eng2', 3, { [`${NEXT}:quarter:quarters:1`]: 8 }],
    ]);
    // 7А has no 7th of this year to copy from: its own (6А) curriculum and teachers.
    expect(docs.courses.filter((c) => c.classId === `${NEXT}:7`).map((c) => c.teacherId)).toEqual([
      'teacher-6-math',
      'teacher-6-eng1',
      'teacher-6-eng2',
    ]);
    // 6А's draft timetable is this year's 6А week with the new courses.
    const tt = docs.timetables.find((t) => t.classId === `${NEXT}:6`)!;
    expect(tt).toMatchObject({ validFrom: '2027-09-01', draft: true, yearId: NEXT });
    expect(tt.cells.map((c) => [c.weekday, c.courseId, c.room])).toEqual([
      [1, `crs-${NEXT}:6-math`, '12'],
      [2, `crs-${NEXT}:6-eng-${NEXT}:6:g1`, '14'],
    ]);
    const b = docs.students.find((s) => s.id === 'b')!;
    expect(b.classId).toBe(`${NEXT}:6`);
    expect(b.movements).toEqual([
      {
        kind: 'conditional',
        date: '2027-06-25',
        orderNumber: '77',
        fromClassId: 'c5',
        toClassId: `${NEXT}:6`,
        debts: ['math'],
      },
    ]);
    const g = docs.students.find((s) => s.id === 'g')!;
    expect([g.classId, g.status, g.movements?.[0]?.kind]).toEqual(['c9', 'left', 'graduated']);
    expect(docs.periodMarks).toEqual([
      {
        id: `crs-${NEXT}:6-math:${NEXT}:quarter:quarters:1`,
        courseId: `crs-${NEXT}:6-math`,
        periodId: `${NEXT}:quarter:quarters:1`,
        classId: `${NEXT}:6`,
        marks: {
          b: {
            value: null,
            proposed: null,
            average: null,
            deferral: {
              reason: 'Академическая задолженность за 2026/2027 учебный год',
              due: '2027-10-15',
            },
            comment: '',
          },
        },
      },
    ]);
    expect(docs.school.year.id).toBe(NEXT);
    expect(docs.school.pastYears).toEqual([
      {
        year: school.year,
        closedAt: '2027-06-25T10:00:00.000Z',
        closedBy: 'deputy',
        order: { number: '77', date: '2027-06-25' },
      },
    ]);
  });
});
