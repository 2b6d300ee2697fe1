// What a day-to-day change touches (renderer/workspaces/timetable/change-summary.ts), as the
// confirmation says it: the held lessons of a day of a class or of the school, the cancelled ones
// «Вернуть» brings back (not the moved ones), a teacher's lessons by the timetable over a range
// (a lesson already replaced still counts as theirs), with how many hold marks; and the months of a year.
import { describe, expect, it } from 'vitest';
import type { Lesson } from '../../../shared/lesson';
import {
  cancellationText,
  dayCancellationScope,
  dayRestoreScope,
  lessonCount,
  restoreText,
  substitutionText,
  teacherRangeScope,
} from '../../../renderer/workspaces/timetable/change-summary';
import { monthLabel, monthsOfYear } from '../../../renderer/workspaces/timetable/months';

function lesson(
  id: string,
  classId: string,
  courseId: string,
  date: string,
  extra: Partial<Lesson> = {},
): Lesson {
  return {
    id,
    stamps: {},
    courseId,
    classId,
    date,
    slot: 1,
    teacherId: courseId === 'c-math' ? 'st-pet' : 'st-sok',
    lessonType: 'regular',
    status: 'held',
    workTypeId: null,
    topic: '',
    homework: '',
    entries: {},
    ...extra,
  };
}

const mark = {
  marks: [{ value: '5' as const, workTypeId: 'oral', comment: '' }],
  attendance: null,
};
const DAY = '2026-12-03';
const LESSONS: Lesson[] = [
  lesson('a1', 'cl-5a', 'c-math', DAY, { entries: { s1: mark } }),
  lesson('a2', 'cl-5a', 'c-rus', DAY, { topic: 'Падежи' }),
  lesson('a3', 'cl-5a', 'c-rus', DAY, { status: 'cancelled', cancelReason: 'карантин' }),
  lesson('a4', 'cl-5a', 'c-math', DAY, { status: 'cancelled', movedTo: 'x' }),
  lesson('b1', 'cl-5b', 'c-math', DAY, { entries: { s2: mark } }),
  lesson('b2', 'cl-5b', 'c-math', '2026-12-04'),
  lesson('b3', 'cl-5b', 'c-math', '2026-12-05', {
    teacherId: 'st-sub',
    substitution: { absentTeacherId: 'st-pet', reason: 'болезнь' },
  }),
  lesson('b4', 'cl-5b', 'c-math', '2026-12-09'),
];
const COURSES = new Map([
  ['c-math', { teacherId: 'st-pet' }],
  ['c-rus', { teacherId: 'st-sok' }],
]);

describe('a day cancelled', () => {
  it('covers the held lessons of the class on that date', () => {
    const scope = dayCancellationScope(LESSONS, DAY, ['cl-5a']);
    expect(scope.lessons.map((l) => l.id)).toEqual(['a1', 'a2']);
    expect(scope).toMatchObject({ withMarks: 1, withData: 2 });
    expect(cancellationText(scope, DAY, '5А класса')).toBe(
      'Будет отменено 2 урока (5А класса, 03.12.2026), в 1 из них есть отметки.',
    );
  });

  it('covers every class when the whole school is cancelled', () => {
    const scope = dayCancellationScope(LESSONS, DAY, null);
    expect(scope.lessons.map((l) => l.id)).toEqual(['a1', 'a2', 'b1']);
    expect(cancellationText(scope, DAY, 'всей школы')).toBe(
      'Будет отменено 3 урока (всей школы, 03.12.2026), в 2 из них есть отметки.',
    );
  });

  it('says so when nothing is left to cancel, and names records other than marks', () => {
    expect(
      cancellationText(
        dayCancellationScope(LESSONS, '2026-12-20', null),
        '2026-12-20',
        'всей школы',
      ),
    ).toBe('20.12.2026 у всей школы нет уроков, которые можно отменить.');
    const topicOnly = dayCancellationScope([LESSONS[1]!], DAY, null);
    expect(cancellationText(topicOnly, DAY, '5А класса')).toBe(
      'Будет отменён 1 урок (5А класса, 03.12.2026), в 1 из них есть записи (тема, задание, посещаемость).',
    );
  });

  it('brings back the cancelled lessons but not a moved one', () => {
    const scope = dayRestoreScope(LESSONS, DAY, ['cl-5a']);
    expect(scope.lessons.map((l) => l.id)).toEqual(['a3']);
    expect(restoreText(scope, DAY, '5А класса')).toBe(
      'Будет возвращён 1 урок (5А класса, 03.12.2026).',
    );
  });
});

describe("a teacher's days to a substitute", () => {
  it("counts the teacher's lessons by the timetable, a replaced one included", () => {
    const scope = teacherRangeScope(LESSONS, COURSES, 'st-pet', DAY, '2026-12-05');
    expect(scope.lessons.map((l) => l.id)).toEqual(['a1', 'b1', 'b2', 'b3']);
    expect(substitutionText(scope, DAY, '2026-12-05')).toBe(
      'Будет заменено 4 урока с 03.12.2026 по 05.12.2026, в 2 из них есть отметки.',
    );
  });

  it('says when the teacher has no lessons then', () => {
    const scope = teacherRangeScope(LESSONS, COURSES, 'st-pet', '2026-12-06', '2026-12-08');
    expect(substitutionText(scope, '2026-12-06', '2026-12-08')).toBe(
      'У учителя нет уроков по расписанию с 06.12.2026 по 08.12.2026.',
    );
  });

  it('declines the lesson count', () => {
    expect([1, 2, 5, 11, 21, 22, 25].map(lessonCount)).toEqual([
      '1 урок',
      '2 урока',
      '5 уроков',
      '11 уроков',
      '21 урок',
      '22 урока',
      '25 уроков',
    ]);
  });
});

describe('months of the year', () => {
  it('lists September to May across the new year, with Russian names', () => {
    const months = monthsOfYear('2026-09-01', '2027-05-31');
    expect(months).toEqual([
      '2026-09',
      '2026-10',
      '2026-11',
      '2026-12',
      '2027-01',
      '2027-02',
      '2027-03',
      '2027-04',
      '2027-05',
    ]);
    expect(monthLabel('2026-12')).toBe('декабрь 2026');
    expect(monthLabel('2027-01')).toBe('январь 2027');
  });
});
