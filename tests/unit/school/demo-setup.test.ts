// The demo school takes the real school's path: its set-up documents pass the set-up checks, its timetable has no conflict, and its lessons are exactly what the shared generator gives up to asOf.
import { describe, expect, it } from 'vitest';
import { generateSchool } from '../../../shared/demo';
import { generateLessons } from '../../../shared/lesson-generation';
import { isStudyDay } from '../../../shared/academic-year';
import {
  checkClassLoads,
  classWeeklyHours,
  teacherLoads,
  timetableHoursMismatch,
} from '../../../shared/curriculum';
import { checkSchool } from '../../../shared/setup/school-checks';
import { checkPeriod } from '../../../shared/setup/period-checks';
import { checkClass } from '../../../shared/setup/class-checks';
import { checkCourse } from '../../../shared/setup/course-checks';
import { checkTimetable } from '../../../shared/setup/timetable-checks';
import type { SetupContext } from '../../../shared/setup/context';
import { findTimetableConflicts } from '../../../shared/timetable-conflicts';
import { COURSES, CLASSES, YEAR } from './small-school';

const demo = generateSchool({ students: 300, seed: 11, asOf: '2026-12-10' });
const ctx: SetupContext = {
  school: demo.school,
  periods: demo.periods,
  classes: demo.classes,
  staff: demo.staff,
  courses: demo.courses,
  timetables: demo.timetables,
};

describe('the demo school’s set-up', () => {
  it('passes every set-up check the server applies to pushes', () => {
    expect(checkSchool(demo.school)).toEqual([]);
    for (const p of demo.periods) expect(checkPeriod(p, ctx)).toEqual([]);
    for (const c of demo.classes) expect(checkClass(c, ctx)).toEqual([]);
    for (const c of demo.courses) expect(checkCourse(c, ctx)).toEqual([]);
    expect(demo.timetables.map((t) => t.classId).sort()).toEqual(
      demo.classes.map((c) => c.id).sort(),
    );
    // Each version checked as if pushed last: no conflict with the rest of the school.
    for (const t of demo.timetables) {
      const others = { ...ctx, timetables: demo.timetables.filter((x) => x.id !== t.id) };
      expect(checkTimetable(t, others)).toEqual([]);
    }
  });

  it('has no teacher, class or room conflict in schools of any size', () => {
    for (const [students, seed] of [
      [30, 3],
      [90, 7],
      [500, 5],
    ] as const) {
      const s = generateSchool({ students, seed, asOf: '2026-09-05' });
      const courses = new Map(s.courses.map((c) => [c.id, c]));
      const names = {
        className: (x: string) => x,
        teacherName: (x: string) => x,
        subjectName: (x: string) => x,
      };
      expect(findTimetableConflicts(s.timetables, courses, s.school.year.id, names)).toEqual([]);
    }
  });

  it('has lessons exactly where the shared generator puts them, up to asOf', () => {
    const generated = generateLessons(
      {
        year: demo.school.year,
        classes: demo.classes,
        periods: demo.periods,
        courses: demo.courses,
        timetables: demo.timetables,
      },
      { to: '2026-12-10' },
    );
    expect(demo.lessons.map((l) => l.id).sort()).toEqual(generated.map((g) => g.id).sort());
    const grades = new Map(demo.classes.map((c) => [c.id, c.grade]));
    for (const l of demo.lessons)
      expect(isStudyDay(demo.school.year, l.date, grades.get(l.classId)!)).toBe(true);
  });

  it('gives the first grade its extra February week and nobody lessons on public holidays', () => {
    const full = generateSchool({ students: 60, seed: 7 });
    const first = new Set(full.classes.filter((c) => c.grade === 1).map((c) => c.id));
    const feb = full.lessons.filter((l) => l.date >= '2027-02-15' && l.date <= '2027-02-21');
    expect(feb.length).toBeGreaterThan(0);
    expect(feb.some((l) => first.has(l.classId))).toBe(false);
    expect(full.lessons.some((l) => l.date === '2026-11-04' || l.date === '2027-05-10')).toBe(
      false,
    );
  });

  it('matches the curriculum: every class’s weekly hours equal its parallel’s plan, the timetable holds each course’s hours', () => {
    expect(
      checkClassLoads(demo.school.year, demo.classes, demo.courses).filter((l) => l.message),
    ).toEqual([]);
    for (const t of demo.timetables) expect(timetableHoursMismatch(t, demo.courses)).toEqual([]);
  });
});

describe('curriculum loads', () => {
  it('counts split subjects once per class and each group course for its teacher', () => {
    // 5А: maths 1 + English 1 (two groups at once) + труд 2 = 4 hours a week.
    expect(classWeeklyHours(COURSES, 'c5a')).toBe(4);
    const year = { ...YEAR, weeklyHoursByGrade: { '5': 5, '1': 1 } };
    const loads = checkClassLoads(year, CLASSES, COURSES);
    expect(loads.map((l) => l.message)).toEqual([
      null,
      '5А: по учебному плану 5 ч в неделю, в курсах 4 ч (не хватает 1 ч)',
      null,
    ]);
    expect(teacherLoads(COURSES).map((t) => [t.teacherId, t.hours, t.courses])).toEqual([
      ['t2', 2, 2],
      ['t5', 2, 1],
      ['t1', 1, 1],
      ['t3', 1, 1],
      ['t4', 1, 1],
    ]);
  });
});
