// Hand-made fixtures for the report tests: class 5А of four students (and one who left), with
// mathematics and Russian for the whole class and English in two groups.
import type { AttendanceCode } from '../../../shared/attendance-code';
import { DEFAULT_ATTENDANCE_CODES } from '../../../shared/attendance-code';
import type { Course } from '../../../shared/course';
import type {
  GradingPolicy,
  LessonMarkValue,
  PeriodMarkValue,
} from '../../../shared/grading-policy';
import { DEFAULT_GRADING_POLICY } from '../../../shared/grading-policy';
import type { Lesson, LessonEntry } from '../../../shared/lesson';
import type { Period } from '../../../shared/period';
import type { PeriodMarkEntry, PeriodMarks } from '../../../shared/period-mark';
import type { SchoolClass } from '../../../shared/school-class';
import type { Subject } from '../../../shared/school';
import type { StaffMember } from '../../../shared/staff';
import type { Student } from '../../../shared/student';

export const policy: GradingPolicy = DEFAULT_GRADING_POLICY;
export const codes: AttendanceCode[] = DEFAULT_ATTENDANCE_CODES;

export const subjects: Subject[] = [
  { id: 'math', name: 'Математика', short: 'Мат.' },
  { id: 'rus', name: 'Русский язык', short: 'Рус. яз.' },
  { id: 'eng', name: 'Английский язык', short: 'Англ.' },
];

function student(id: string, lastName: string, firstName: string, classId = '5a'): Student {
  return {
    id,
    stamps: {},
    lastName,
    firstName,
    middleName: '',
    gender: 'female',
    classId,
    status: 'active',
    birthDate: '',
    address: '',
    guardians: {},
  };
}

// Deliberately not in alphabetical order of ids: st-1 Григорьева sorts last.
export const students: Student[] = [
  student('st-1', 'Григорьева', 'Дарья'),
  student('st-2', 'Антонов', 'Алексей'),
  student('st-3', 'Борисова', 'Вера'),
  student('st-4', 'Васильев', 'Глеб'),
  { ...student('st-5', 'Дмитриев', 'Егор'), status: 'left' },
  student('st-6', 'Ефимова', 'Жанна', '6b'),
];

export const classes: SchoolClass[] = [
  {
    id: '5a',
    stamps: {},
    yearId: 'y2026',
    grade: 5,
    letter: 'А',
    name: '5А',
    periodScheme: 'quarters',
    classTeacherId: 't-math',
    groups: [
      { id: 'g1', name: '1 группа', studentIds: ['st-1', 'st-2'] },
      { id: 'g2', name: '2 группа', studentIds: ['st-3', 'st-4', 'st-5'] },
    ],
  },
  {
    id: '6b',
    stamps: {},
    yearId: 'y2026',
    grade: 6,
    letter: 'Б',
    name: '6Б',
    periodScheme: 'quarters',
    classTeacherId: 't-rus',
    groups: [],
  },
];

function course(
  id: string,
  classId: string,
  subjectId: string,
  teacherId: string,
  groupId: string | null = null,
  planned = 10,
): Course {
  return {
    id,
    stamps: {},
    yearId: 'y2026',
    classId,
    subjectId,
    groupId,
    teacherId,
    assessment: 'marks',
    hoursPerWeek: 2,
    plannedByPeriod: { q1: planned },
    plannedYear: planned * 4,
    hasExam: false,
  };
}

export const courses: Course[] = [
  course('c-math', '5a', 'math', 't-math'),
  course('c-rus', '5a', 'rus', 't-rus'),
  course('c-eng1', '5a', 'eng', 't-eng', 'g1'),
  course('c-eng2', '5a', 'eng', 't-eng', 'g2'),
  course('c-math6', '6b', 'math', 't-math'),
];

export const staff: StaffMember[] = [
  ['t-math', 'Петрова', 'Анна'],
  ['t-rus', 'Соколова', 'Ирина'],
  ['t-eng', 'Морозов', 'Олег'],
].map(([id, lastName, firstName]) => ({
  id: id!,
  stamps: {},
  lastName: lastName!,
  firstName: firstName!,
  middleName: '',
  position: '',
  roles: ['teacher'],
  active: true,
}));

export const period: Period = {
  id: 'q1',
  stamps: {},
  yearId: 'y2026',
  kind: 'quarter',
  scheme: 'quarters',
  number: 1,
  name: 'I четверть',
  start: '2026-09-01',
  end: '2026-10-25',
  closed: false,
};

/** A cell: marks as [value, workTypeId] pairs and an attendance code. */
export function cell(
  marks: [LessonMarkValue, string][] = [],
  attendance: string | null = null,
): LessonEntry {
  return {
    marks: marks.map(([value, workTypeId]) => ({ value, workTypeId, comment: '' })),
    attendance,
  };
}

let lessonSeq = 0;
export function lesson(
  courseId: string,
  date: string,
  slot: number,
  extra: Partial<Omit<Lesson, 'courseId' | 'date' | 'slot'>> = {},
): Lesson {
  const c = courses.find((x) => x.id === courseId);
  lessonSeq++;
  return {
    id: `l-${courseId}-${date}-${slot}-${lessonSeq}`,
    stamps: {},
    courseId,
    classId: c?.classId ?? '5a',
    date,
    slot,
    teacherId: c?.teacherId ?? 't-math',
    lessonType: 'regular',
    status: 'held',
    workTypeId: null,
    topic: '',
    homework: '',
    entries: {},
    ...extra,
  };
}

export function periodMarks(
  courseId: string,
  marks: Record<string, PeriodMarkValue | null | { deferredTo: string }>,
  periodId = 'q1',
): PeriodMarks {
  const c = courses.find((x) => x.id === courseId);
  const entries: Record<string, PeriodMarkEntry> = {};
  for (const [studentId, v] of Object.entries(marks)) {
    const deferred = v !== null && typeof v === 'object';
    entries[studentId] = {
      value: deferred ? null : v,
      proposed: null,
      average: null,
      deferral: deferred ? { reason: 'болезнь', due: v.deferredTo } : null,
      comment: '',
    };
  }
  return {
    id: `${courseId}:${periodId}`,
    stamps: {},
    courseId,
    periodId,
    classId: c?.classId ?? '5a',
    marks: entries,
  };
}
