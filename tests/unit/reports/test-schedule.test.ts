import { describe, expect, it } from 'vitest';
import type { Lesson } from '../../../shared/lesson';
import {
  checkTestSchedule,
  violationsOfLesson,
  type TestRule,
} from '../../../shared/reports/test-schedule';
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

  it('counts the share against the plan, not the lessons held so far', () => {
    // Each course plans 10 lessons in q1 and 40 in the year (fixtures). Early in the quarter:
    // math 2 tests among 4 held lessons, Russian 1 test as its only held lesson (100 % of held).
    const lessons = [
      ...middle('c-math', '2026-09-01'),
      ...middle('c-math', '2026-09-20'),
      ...regular('c-math', '2026-09-02', 2),
      lesson('c-rus', '2026-09-10', 3, { workTypeId: 'test' }),
      // A cancelled test is no test.
      lesson('c-math', '2026-10-20', 2, { status: 'cancelled', lessonType: 'test' }),
    ];
    const q1 = checkTestSchedule({ lessons, courses, classes, subjects, policy, periodId: 'q1' });
    const v = q1.violations.filter((x) => x.rule === 'share');
    // 2 of 10 planned = 20 % > 10 %; Russian 1 of 10 = exactly 10 %: allowed.
    expect(v.map((x) => x.message)).toEqual([
      '5А, математика: 2 контрольные работы на 10 уроков по учебному плану (20 %) — больше 10 %',
    ]);
    expect(v[0]?.dates).toEqual(['2026-09-01', '2026-09-20']);
    // Against the year's plan (40 lessons) the same two tests are 5 %.
    expect(only(lessons, 'share')).toEqual([]);
  });

  it('does not apply the share rule to a course without a plan', () => {
    const unplanned = courses.map((c) =>
      c.id === 'c-math' ? { ...c, plannedByPeriod: {}, plannedYear: 0 } : c,
    );
    const lessons = [...middle('c-math', '2026-09-01'), ...middle('c-math', '2026-09-20')];
    const report = checkTestSchedule({
      lessons,
      courses: unplanned,
      classes,
      subjects,
      policy,
      periodId: 'q1',
    });
    expect(report.violations.filter((x) => x.rule === 'share')).toEqual([]);
  });

  it('lists the violations a lesson takes part in', () => {
    const lessons = [
      lesson('c-math', '2026-09-07', 1, { lessonType: 'test' }),
      lesson('c-rus', '2026-09-07', 2, { lessonType: 'test' }),
      lesson('c-rus', '2026-09-07', 3),
    ];
    const report = check(lessons);
    const mathLesson = lessons[0]!.id;
    expect(violationsOfLesson(report, mathLesson).map((v) => v.rule)).toEqual([
      'onePerDay',
      'firstOrLast',
    ]);
    expect(violationsOfLesson(report, lessons[2]!.id)).toEqual([]);
  });

  it('checks only the given range and lists the tests found', () => {
    const lessons = [
      ...middle('c-math', '2026-09-07'),
      ...middle('c-math', '2026-09-21'),
      ...regular('c-math', '2026-09-08', 10),
    ];
    // From 10.09 on only the 21.09 test remains: no interval violation, and 1 test of the year's
    // 40 planned lessons is within the share.
    const report = check(lessons, '2026-09-10', '2026-10-25');
    expect(report.tests.map((t) => t.date)).toEqual(['2026-09-21']);
    expect(report.violations).toEqual([]);
  });
});
