// A check of the test (контрольная работа) schedule against the federal rules of 2021.
//
// Rules and how they are read here:
// - `onePerDay`: at most one test per class per day. Tests of one course on one day (a double
//   lesson) are one test. Two group courses whose groups share no student do not conflict
//   (group 1 and group 2 of English writing at the same time is one test for every student).
// - `firstOrLast`: not in the first or the last lesson of the class's day, where first/last are
//   the lowest/highest slot among that class's held lessons on that date (group lessons included).
// - `interval`: per course at most once every 2.5 weeks. 2.5 weeks is 17.5 days; dates are whole
//   days, so two test dates fewer than 17 days apart are flagged (17 days — e.g. Monday to
//   Thursday two weeks later — is allowed).
// - `share`: per course at most 10 % of the subject's hours — the tests in the checked range
//   against the lessons the curriculum plans for the course (`plannedByPeriod` of `periodId`, else
//   `plannedYear`), not against the lessons held so far: three tests in the first week of a quarter
//   of 20 planned lessons are 15 %, one test in it is not a violation. A course with no plan (0) is
//   not checked by this rule.
//
// A lesson is a test when its type is `test` or `dictation`, or its default work type is a
// work type marked `isTest` in the grading policy.
import type { Course } from '../course';
import type { GradingPolicy } from '../grading-policy';
import type { Lesson } from '../lesson';
import { formatDate } from '../dates';
import { compareLessons, isTestLesson } from '../lesson';
import { plannedLessons } from '../statistics';
import type { SchoolClass } from '../school-class';
import type { Subject } from '../school';
import {
  byId,
  classNameOf,
  compareRu,
  daysBetween,
  inDateRange,
  lowerFirst,
  subjectNameOf,
} from './report-utils';

export type TestRule = 'onePerDay' | 'firstOrLast' | 'interval' | 'share';

export const TEST_RULE_LABELS: Record<TestRule, string> = {
  onePerDay: 'Не более одной контрольной работы в день',
  firstOrLast: 'Не на первом и не на последнем уроке',
  interval: 'По предмету не чаще одного раза в 2,5 недели',
  share: 'Не более 10 % учебного времени по предмету',
};

export interface TestScheduleViolation {
  rule: TestRule;
  classId: string;
  /** "5А" */
  className: string;
  courseId?: string;
  /** The dates concerned, ascending. */
  dates: string[];
  lessonIds: string[];
  message: string;
}

export interface TestScheduleOptions {
  /** Two tests of a course fewer days apart than this are flagged. Default 17 (2.5 weeks). */
  minDaysBetweenTests?: number;
  /** Largest allowed share of tests among a course's planned lessons. Default 0.1. */
  maxTestShare?: number;
}

export interface TestScheduleInput {
  lessons: readonly Lesson[];
  courses: readonly Course[];
  classes: readonly SchoolClass[];
  subjects: readonly Subject[];
  policy: GradingPolicy;
  /** Restrict to one class. */
  classId?: string;
  /** The checked range, usually a period's start and end. */
  from?: string;
  to?: string;
  /** The period the range is: the 10 % rule takes each course's plan for it (else the year's). */
  periodId?: string;
  options?: TestScheduleOptions;
}

export interface ScheduledTest {
  lessonId: string;
  classId: string;
  courseId: string;
  date: string;
  slot: number;
}

export interface TestScheduleReport {
  /** Every test found, in journal order. */
  tests: ScheduledTest[];
  violations: TestScheduleViolation[];
}

/** Whether a lesson counts as a test for the schedule rules. */
export function isScheduledTest(lesson: Lesson, policy: GradingPolicy): boolean {
  if (isTestLesson(lesson.lessonType)) return true;
  if (lesson.workTypeId === null) return false;
  return policy.workTypes.some((w) => w.id === lesson.workTypeId && w.isTest);
}

/** 1 контрольная работа, 2 контрольные работы, 5 контрольных работ. */
export function testsWord(n: number): string {
  const m10 = n % 10;
  const m100 = n % 100;
  if (m10 === 1 && m100 !== 11) return 'контрольная работа';
  if (m10 >= 2 && m10 <= 4 && (m100 < 12 || m100 > 14)) return 'контрольные работы';
  return 'контрольных работ';
}

const COUNT_WORDS: Record<number, string> = { 2: 'две', 3: 'три', 4: 'четыре' };

function percent(x: number): string {
  return `${String(Math.round(x * 1000) / 10).replace('.', ',')} %`;
}

export function checkTestSchedule(input: TestScheduleInput): TestScheduleReport {
  const minDays = input.options?.minDaysBetweenTests ?? 17;
  const maxShare = input.options?.maxTestShare ?? 0.1;
  const courses = byId(input.courses);
  const classes = byId(input.classes);
  const subjects = byId(input.subjects);

  const held = input.lessons
    .filter(
      (l) =>
        l.status === 'held' &&
        (!input.classId || l.classId === input.classId) &&
        inDateRange(l.date, input.from, input.to),
    )
    .sort(compareLessons);
  const tests = held.filter((l) => isScheduledTest(l, input.policy));

  /** "5А" or "5А (1 группа)" for a group course. */
  const audience = (classId: string, courseId?: string): string => {
    const name = classNameOf(classes, classId);
    const groupId = courseId ? courses.get(courseId)?.groupId : null;
    const group = groupId ? classes.get(classId)?.groups.find((g) => g.id === groupId) : null;
    return group ? `${name} (${group.name})` : name;
  };
  const subjectOf = (courseId: string): string =>
    lowerFirst(subjectNameOf(subjects, courses.get(courseId)));

  const violations: TestScheduleViolation[] = [];

  // Per class and date: the day's slot range and its tests.
  const days = new Map<string, { classId: string; date: string; min: number; max: number }>();
  for (const l of held) {
    const key = `${l.classId}|${l.date}`;
    const day = days.get(key);
    if (!day) days.set(key, { classId: l.classId, date: l.date, min: l.slot, max: l.slot });
    else {
      day.min = Math.min(day.min, l.slot);
      day.max = Math.max(day.max, l.slot);
    }
  }
  const testsByDay = new Map<string, Lesson[]>();
  for (const t of tests) {
    const key = `${t.classId}|${t.date}`;
    testsByDay.set(key, [...(testsByDay.get(key) ?? []), t]);
  }

  for (const [key, dayTests] of testsByDay) {
    const day = days.get(key);
    if (!day) continue;
    // Rule: one test per day (one test per course; disjoint groups do not conflict).
    const courseIds = [...new Set(dayTests.map((t) => t.courseId))];
    if (courseIds.length > 1 && anyAudiencesOverlap(courseIds, courses, classes)) {
      const names = courseIds.map(subjectOf).sort(compareRu);
      const n = courseIds.length;
      violations.push({
        rule: 'onePerDay',
        classId: day.classId,
        className: classNameOf(classes, day.classId),
        dates: [day.date],
        lessonIds: dayTests.map((t) => t.id),
        message: `${classNameOf(classes, day.classId)}: ${COUNT_WORDS[n] ?? n} ${testsWord(n)} ${formatDate(day.date)} (${names.join(', ')})`,
      });
    }
    // Rule: not the first or the last lesson of the day.
    for (const t of dayTests) {
      if (t.slot !== day.min && t.slot !== day.max) continue;
      const which =
        day.min === day.max
          ? 'единственный урок дня'
          : t.slot === day.min
            ? 'первый урок дня'
            : 'последний урок дня';
      violations.push({
        rule: 'firstOrLast',
        classId: t.classId,
        className: classNameOf(classes, t.classId),
        courseId: t.courseId,
        dates: [t.date],
        lessonIds: [t.id],
        message: `${audience(t.classId, t.courseId)}: контрольная работа (${subjectOf(t.courseId)}) ${formatDate(t.date)} на ${t.slot}-м уроке — ${which}`,
      });
    }
  }

  // Per course: interval between tests and their share of the planned lessons.
  const testsByCourse = new Map<string, Lesson[]>();
  for (const t of tests)
    testsByCourse.set(t.courseId, [...(testsByCourse.get(t.courseId) ?? []), t]);

  for (const [courseId, courseTests] of testsByCourse) {
    const first = courseTests[0];
    if (!first) continue;
    const classId = first.classId;
    const who = `${audience(classId, courseId)}, ${subjectOf(courseId)}`;
    const dates = [...new Set(courseTests.map((t) => t.date))];
    for (let i = 1; i < dates.length; i++) {
      const a = dates[i - 1];
      const b = dates[i];
      if (a === undefined || b === undefined) continue;
      const gap = daysBetween(a, b);
      if (gap >= minDays) continue;
      violations.push({
        rule: 'interval',
        classId,
        className: classNameOf(classes, classId),
        courseId,
        dates: [a, b],
        lessonIds: courseTests.filter((t) => t.date === a || t.date === b).map((t) => t.id),
        message: `${who}: контрольные работы ${formatDate(a)} и ${formatDate(b)} с промежутком ${gap} дн. — чаще одного раза в 2,5 недели`,
      });
    }
    const course = courses.get(courseId);
    const planned = course ? plannedLessons(course, input.periodId) : 0;
    const share = planned > 0 ? courseTests.length / planned : 0;
    if (share > maxShare) {
      const n = courseTests.length;
      violations.push({
        rule: 'share',
        classId,
        className: classNameOf(classes, classId),
        courseId,
        dates,
        lessonIds: courseTests.map((t) => t.id),
        message: `${who}: ${n} ${testsWord(n)} на ${planned} ${lessonsWord(planned)} по учебному плану (${percent(share)}) — больше ${percent(maxShare)}`,
      });
    }
  }

  const ruleOrder: TestRule[] = ['onePerDay', 'firstOrLast', 'interval', 'share'];
  violations.sort(
    (a, b) =>
      compareClassIds(a.classId, b.classId, classes) ||
      ((a.dates[0] ?? '') < (b.dates[0] ?? '')
        ? -1
        : (a.dates[0] ?? '') > (b.dates[0] ?? '')
          ? 1
          : 0) ||
      ruleOrder.indexOf(a.rule) - ruleOrder.indexOf(b.rule) ||
      compareRu(a.message, b.message),
  );

  return {
    tests: tests.map((t) => ({
      lessonId: t.id,
      classId: t.classId,
      courseId: t.courseId,
      date: t.date,
      slot: t.slot,
    })),
    violations,
  };
}

/** 1 урок, 2 урока, 5 уроков (after "на N"). */
function lessonsWord(n: number): string {
  const m10 = n % 10;
  const m100 = n % 100;
  if (m10 === 1 && m100 !== 11) return 'урок';
  if (m10 >= 2 && m10 <= 4 && (m100 < 12 || m100 > 14)) return 'урока';
  return 'уроков';
}

/** The violations a lesson takes part in (what its teacher sees on the spot when marking it a test). */
export function violationsOfLesson(
  report: TestScheduleReport,
  lessonId: string,
): TestScheduleViolation[] {
  return report.violations.filter((v) => v.lessonIds.includes(lessonId));
}

function compareClassIds(a: string, b: string, classes: ReadonlyMap<string, SchoolClass>): number {
  const ca = classes.get(a);
  const cb = classes.get(b);
  if (ca && cb) return ca.grade - cb.grade || compareRu(ca.letter, cb.letter);
  return compareRu(a, b);
}

/** Whether some two of the courses teach a common student (a whole-class course overlaps every course). */
function anyAudiencesOverlap(
  courseIds: readonly string[],
  courses: ReadonlyMap<string, Course>,
  classes: ReadonlyMap<string, SchoolClass>,
): boolean {
  const members = courseIds.map((id): ReadonlySet<string> | null => {
    const course = courses.get(id);
    if (!course?.groupId) return null; // whole class, or unknown course: assume everyone
    const group = classes.get(course.classId)?.groups.find((g) => g.id === course.groupId);
    return group ? new Set(group.studentIds) : null;
  });
  for (let i = 0; i < members.length; i++) {
    for (let j = i + 1; j < members.length; j++) {
      const a = members[i];
      const b = members[j];
      if (!a || !b) return true;
      for (const s of a) if (b.has(s)) return true;
    }
  }
  return false;
}
