// A hand-made small school for the set-up tests: an autumn term, three classes (1А, 5А, 10А), groups, a double lesson and two timetable versions.
import type { AcademicYear } from '../../../shared/academic-year';
import type { Course } from '../../../shared/course';
import { DEFAULT_GRADING_POLICY } from '../../../shared/grading-policy';
import { DEFAULT_ATTENDANCE_CODES } from '../../../shared/attendance-code';
import type { Period } from '../../../shared/period';
import type { School } from '../../../shared/school';
import type { SchoolClass } from '../../../shared/school-class';
import type { StaffMember } from '../../../shared/staff';
import type { Timetable, TimetableCell } from '../../../shared/timetable';
import { timetableId } from '../../../shared/lesson-id';
import type { SetupContext } from '../../../shared/setup/context';
import { SCHOOL3_CARD } from '../../fixtures/school';

export const YEAR: AcademicYear = {
  id: 'y26',
  name: '2026/2027',
  start: '2026-09-01',
  end: '2026-12-31',
  holidays: [
    { name: 'Осенние каникулы', start: '2026-10-24', end: '2026-11-01' },
    { name: 'Дополнительные каникулы', start: '2026-09-21', end: '2026-09-25', grades: [1] },
  ],
  nonWorkingDays: [{ date: '2026-11-04', kind: 'publicHoliday', name: 'День народного единства' }],
};

const period = (
  id: string,
  kind: Period['kind'],
  scheme: Period['scheme'],
  number: number,
  start: string,
  end: string,
): Period => ({
  id,
  stamps: {},
  yearId: 'y26',
  kind,
  scheme,
  number,
  name: `${number} ${kind}`,
  start,
  end,
  closed: false,
});

export const PERIODS: Period[] = [
  period('q1', 'quarter', 'quarters', 1, '2026-09-01', '2026-10-23'),
  period('q2', 'quarter', 'quarters', 2, '2026-11-02', '2026-12-29'),
  period('h1', 'halfYear', 'halfYears', 1, '2026-09-01', '2026-12-29'),
  period('year', 'year', null, 1, '2026-09-01', '2026-12-31'),
];

const cls = (
  id: string,
  grade: number,
  letter: string,
  teacher: string,
  groups: SchoolClass['groups'] = [],
): SchoolClass => ({
  id,
  stamps: {},
  yearId: 'y26',
  grade,
  letter,
  name: `${grade}${letter}`,
  periodScheme: grade >= 10 ? 'halfYears' : 'quarters',
  classTeacherId: teacher,
  groups,
});

export const CLASSES: SchoolClass[] = [
  cls('c1a', 1, 'А', 't1'),
  cls('c5a', 5, 'А', 't2', [
    { id: 'g1', name: '1 группа', studentIds: [] },
    { id: 'g2', name: '2 группа', studentIds: [] },
  ]),
  cls('c10a', 10, 'А', 't2'),
];

const course = (
  id: string,
  classId: string,
  subjectId: string,
  teacherId: string,
  groupId: string | null = null,
  hoursPerWeek = 1,
): Course => ({
  id,
  stamps: {},
  yearId: 'y26',
  classId,
  subjectId,
  groupId,
  teacherId,
  assessment: 'marks',
  hoursPerWeek,
  plannedByPeriod: {},
  plannedYear: 34,
  hasExam: false,
});

export const COURSES: Course[] = [
  course('k1-rus', 'c1a', 'rus', 't1', null, 1),
  course('k5-math', 'c5a', 'math', 't2', null, 1),
  course('k5-eng1', 'c5a', 'eng', 't3', 'g1', 1),
  course('k5-eng2', 'c5a', 'eng', 't4', 'g2', 1),
  course('k5-trud', 'c5a', 'trud', 't5', null, 2),
  course('k10-math', 'c10a', 'math', 't2', null, 1),
];

const staff = (
  id: string,
  lastName: string,
  firstName: string,
  middleName: string,
): StaffMember => ({
  id,
  stamps: {},
  lastName,
  firstName,
  middleName,
  position: '',
  roles: ['teacher'],
  active: true,
});

export const STAFF: StaffMember[] = [
  staff('t1', 'Иванова', 'Анна', 'Петровна'),
  staff('t2', 'Петров', 'Борис', 'Ильич'),
  staff('t3', 'Ким', 'Елена', 'Сергеевна'),
  staff('t4', 'Белова', 'Ольга', 'Игоревна'),
  staff('t5', 'Орлов', 'Виктор', 'Павлович'),
];

export function version(classId: string, validFrom: string, cells: TimetableCell[]): Timetable {
  return {
    id: timetableId(classId, validFrom),
    stamps: {},
    yearId: 'y26',
    classId,
    validFrom,
    name: '',
    source: 'manual',
    draft: false,
    cells,
  };
}

const cell = (weekday: number, slot: number, courseId: string, room = ''): TimetableCell => ({
  weekday,
  slot,
  courseId,
  room,
});

/** 5А's week apart from mathematics (English in two groups, a double lesson of Труд). */
const C5A_BESIDES_MATH: TimetableCell[] = [
  cell(1, 2, 'k5-eng1', 'каб. 31'),
  cell(1, 2, 'k5-eng2', 'каб. 32'),
  cell(3, 3, 'k5-trud', 'Мастерская'),
  cell(3, 4, 'k5-trud', 'Мастерская'),
];

export const TIMETABLES: Timetable[] = [
  version('c1a', '2026-09-01', [cell(1, 1, 'k1-rus', 'каб. 1')]),
  version('c5a', '2026-09-01', [cell(1, 1, 'k5-math', 'каб. 14'), ...C5A_BESIDES_MATH]),
  // From 14 September mathematics moves from Monday 1 to Tuesday 2; the rest stays.
  version('c5a', '2026-09-14', [cell(2, 2, 'k5-math', 'каб. 14'), ...C5A_BESIDES_MATH]),
  version('c10a', '2026-09-01', [cell(2, 1, 'k10-math', 'каб. 14')]),
];

export const SCHOOL: School = {
  id: 'school',
  stamps: {},
  fullName:
    'Муниципальное бюджетное общеобразовательное учреждение «Средняя общеобразовательная школа № 3»',
  ...SCHOOL3_CARD,
  subjects: [
    { id: 'rus', name: 'Русский язык', short: 'Рус. яз.' },
    { id: 'math', name: 'Математика', short: 'Матем.' },
    { id: 'eng', name: 'Английский язык', short: 'Англ. яз.' },
    { id: 'trud', name: 'Труд (технология)', short: 'Труд' },
  ],
  bells: [1, 2, 3, 4, 5, 6].map((slot) => ({
    slot,
    start: `${String(7 + slot).padStart(2, '0')}:30`,
    end: `${String(8 + slot).padStart(2, '0')}:15`,
  })),
  year: YEAR,
  policy: DEFAULT_GRADING_POLICY,
  attendanceCodes: DEFAULT_ATTENDANCE_CODES,
  idleLockMinutes: 10,
};

export function smallContext(overrides: Partial<SetupContext> = {}): SetupContext {
  return {
    school: SCHOOL,
    periods: PERIODS,
    classes: CLASSES,
    staff: STAFF,
    courses: COURSES,
    timetables: TIMETABLES,
    ...overrides,
  };
}
