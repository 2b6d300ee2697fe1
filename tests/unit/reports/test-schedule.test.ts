import { describe, expect, it } from 'vitest';
import type { Lesson } from '../../../shared/lesson';
import { checkTestSchedule, type TestRule } from '../../../shared/reports/test-schedule';
import { classes, courses, lesson, policy, subjects } from './fixtures';

function check(lessons: Lesson[], from?: string, to?: string) {
  return checkTestSchedule({ lessons, courses, classes, subjects, policy, from, to });
}
function only(lessons: Lesson[], rule: TestRule) {
  return check(lessons).violations.filter((v) => v.rule === rule);
}
/** `n` regular lessons of a course on consecutive days from `start`, in slot 2. */
function regular(courseId: string, start: string, n: number): Lesson[] {
  const t0 = Date.parse(`${start}T00:00:00Z`);
  return Array.from({ length: n }, (_, i) =>
    lesson(courseId, new Date(t0 + i * 86_400_000).toISOString().slice(0, 10), 2),
  );
}

describe('checkTestSchedule — one test per class per day', () => {
  it('flags two tests on the same day once', () => {
    // 12.10: slot 1 English (both groups), slot 2 math test, slot 3 Russian with a test work type, slot 4 math.
    // Two tests (math, Russian) for the whole class → exactly one violation.
    const lessons = [
      lesson('c-eng1', '2026-10-12', 1),
      lesson('c-eng2', '2026-10-12', 1),
      lesson('c-math', '2026-10-12', 2, { lessonType: 'test' }),
      lesson('c-rus', '2026-10-12', 3, { workTypeId: 'test' }),
      lesson('c-math', '2026-10-12', 4),
    ];
    const v = only(lessons, 'onePerDay');
    expect(v).toHaveLength(1);
    expect(v[0]?.message).toBe('5А: две контрольные работы 12.10.2026 (математика, русский язык)');
    expect(v[0]?.dates).toEqual(['2026-10-12']);
    expect(check(lessons).violations.filter((x) => x.rule === 'firstOrLast')).toEqual([]);
  });

  it('does not flag a double-lesson test, nor disjoint groups writing at once', () => {
    const lessons = [
      lesson('c-rus', '2026-10-14', 1),
      // Math test over slots 2–3 (one test).
      lesson('c-math', '2026-10-14', 2, { lessonType: 'test' }),
      lesson('c-math', '2026-10-14', 3, { lessonType: 'test' }),
      lesson('c-rus', '2026-10-14', 5),
      // 15.10: groups 1 and 2 (no common student) each write an English test in slot 3.
      lesson('c-rus', '2026-10-15', 1),
      lesson('c-eng1', '2026-10-15', 3, { lessonType: 'dictation' }),
      lesson('c-eng2', '2026-10-15', 3, { lessonType: 'test' }),
      lesson('c-rus', '2026-10-15', 5),
    ];
    expect(only(lessons, 'onePerDay')).toEqual([]);
  });

  it('flags a group test on the day of a whole-class test', () => {
    const lessons = [
      lesson('c-rus', '2026-10-15', 1),
      lesson('c-eng1', '2026-10-15', 2, { lessonType: 'test' }),
      lesson('c-math', '2026-10-15', 3, { lessonType: 'test' }),
      lesson('c-rus', '2026-10-15', 4),
    ];
    expect(only(lessons, 'onePerDay').map((v) => v.message)).toEqual([
      '5А: две контрольные работы 15.10.2026 (английский язык, математика)',
    ]);
  });
});

describe('checkTestSchedule — not the first or the last lesson', () => {
  it('flags a test in slot 1 and in the last slot of the day, not in the middle', () => {
    const lessons = [
      // 07.09: slots 1–3; math test in slot 1 → first lesson.
      lesson('c-math', '2026-09-07', 1, { lessonType: 'test' }),
      lesson('c-rus', '2026-09-07', 2),
      lesson('c-rus', '2026-09-07', 3),
      // 09.09: slots 2–4 (no slot 1 that day); Russian test in slot 4 → last lesson.
      lesson('c-math', '2026-09-09', 2),
      lesson('c-math', '2026-09-09', 3),
      lesson('c-rus', '2026-09-09', 4, { workTypeId: 'test' }),
      // 30.09: slots 1–3; test in slot 2 → fine.
      lesson('c-rus', '2026-09-30', 1),
      lesson('c-math', '2026-09-30', 2, { lessonType: 'test' }),
      lesson('c-rus', '2026-09-30', 3),
    ];
    expect(only(lessons, 'firstOrLast').map((v) => v.message)).toEqual([
      '5А: контрольная работа (математика) 07.09.2026 на 1-м уроке — первый урок дня',
      '5А: контрольная работа (русский язык) 09.09.2026 на 4-м уроке — последний урок дня',
    ]);
  });

  it('uses only held lessons for the day, and names a group', () => {
    const lessons = [
      lesson('c-rus', '2026-09-30', 1),
      lesson('c-eng2', '2026-09-30', 2, { lessonType: 'test' }),
      lesson('c-rus', '2026-09-30', 3, { status: 'cancelled' }),
    ];
    // With slot 3 cancelled, slot 2 is the last held lesson of the day.
    expect(only(lessons, 'firstOrLast').map((v) => v.message)).toEqual([
      '5А (2 группа): контрольная работа (английский язык) 30.09.2026 на 2-м уроке — последний урок дня',
    ]);
  });
});

describe('checkTestSchedule — per subject: interval and share', () => {
  const middle = (courseId: string, date: string) => [
    lesson('c-eng1', date, 1),
    lesson(courseId, date, 2, { lessonType: 'test' }),
    lesson('c-eng2', date, 3),
  ];

  it('flags tests fewer than 17 days apart; 17 days is allowed', () => {
    // Math tests 07.09, 21.09 (14 days: flagged), 08.10 (17 days: allowed).
    const lessons = [
      ...middle('c-math', '2026-09-07'),
      ...middle('c-math', '2026-09-21'),
      ...middle('c-math', '2026-10-08'),
    ];
    const v = only(lessons, 'interval');
    expect(v.map((x) => x.dates)).toEqual([['2026-09-07', '2026-09-21']]);
    expect(v[0]?.message).toBe(
      '5А, математика: контрольные работы 07.09.2026 и 21.09.2026 с промежутком 14 дн. — чаще одного раза в 2,5 недели',
    );
    expect(v[0]?.courseId).toBe('c-math');
  });

  it('flags 3 tests in 20 held lessons (15 % > 10 %), not 1 in 10 (exactly 10 %)', () => {
    // Math: 3 tests + 17 regular lessons = 20 held → 15 %.
    // Russian: 1 test + 9 regular lessons = 10 held → 10 %, allowed.
    const lessons = [
      ...middle('c-math', '2026-09-01'),
      ...middle('c-math', '2026-09-20'),
      ...middle('c-math', '2026-10-10'),
      ...regular('c-math', '2026-09-02', 17),
      lesson('c-rus', '2026-09-10', 3, { workTypeId: 'test' }),
      ...regular('c-rus', '2026-09-02', 9),
      // A cancelled math lesson is not a held lesson.
      lesson('c-math', '2026-10-20', 2, { status: 'cancelled' }),
    ];
    const v = only(lessons, 'share');
    expect(v.map((x) => x.message)).toEqual([
      '5А, математика: 3 контрольные работы из 20 проведённых уроков (15 %) — больше 10 %',
    ]);
    expect(v[0]?.dates).toEqual(['2026-09-01', '2026-09-20', '2026-10-10']);
  });

  it('checks only the given range and lists the tests found', () => {
    const lessons = [
      ...middle('c-math', '2026-09-07'),
      ...middle('c-math', '2026-09-21'),
      ...regular('c-math', '2026-09-08', 10),
    ];
    // Regular math lessons 08.09–17.09; from 10.09 on: 8 of them + the 21.09 test = 9 held math lessons.
    // Only the 21.09 test remains: no interval violation; 1 test in 9 held lessons = 11,1 % > 10 %.
    const report = check(lessons, '2026-09-10', '2026-10-25');
    expect(report.tests.map((t) => t.date)).toEqual(['2026-09-21']);
    expect(report.violations.map((v) => v.message)).toEqual([
      '5А, математика: 1 контрольная работа из 9 проведённых уроков (11,1 %) — больше 10 %',
    ]);
  });
});
