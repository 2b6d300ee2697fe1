// The curriculum and teaching load (учебный план, нагрузка): a class's weekly hours against the plan of its parallel, each teacher's weekly hours, the timetable against the hours.
import { weeklyHoursForGrade, type AcademicYear } from './academic-year';
import type { Course } from './course';
import type { SchoolClass } from './school-class';
import type { Timetable } from './timetable';

type LoadCourse = Pick<
  Course,
  'id' | 'classId' | 'subjectId' | 'groupId' | 'teacherId' | 'hoursPerWeek'
>;

/** "27", "27,5" */
export function formatHours(hours: number): string {
  return String(Math.round(hours * 10) / 10).replace('.', ',');
}

/**
 * A class's lessons a week: whole-class courses add up; the groups of a split subject are taught
 * at the same time, so a subject's group courses count as the largest of them.
 */
export function classWeeklyHours(courses: readonly LoadCourse[], classId: string): number {
  let total = 0;
  const grouped = new Map<string, number>();
  for (const c of courses) {
    if (c.classId !== classId) continue;
    if (c.groupId === null) total += c.hoursPerWeek;
    else grouped.set(c.subjectId, Math.max(grouped.get(c.subjectId) ?? 0, c.hoursPerWeek));
  }
  for (const hours of grouped.values()) total += hours;
  return total;
}

export interface ClassLoad {
  classId: string;
  className: string;
  /** The plan of the class's parallel, or null when the year sets none. */
  planned: number | null;
  actual: number;
  /** actual − planned (0 without a plan). */
  difference: number;
  /** Russian, or null when the courses match the plan. */
  message: string | null;
}

/** Per class: the courses' weekly hours against the plan of its parallel. */
export function checkClassLoads(
  year: AcademicYear,
  classes: readonly Pick<SchoolClass, 'id' | 'name' | 'grade'>[],
  courses: readonly LoadCourse[],
): ClassLoad[] {
  return classes.map((cls) => {
    const planned = weeklyHoursForGrade(year, cls.grade);
    const actual = classWeeklyHours(courses, cls.id);
    const difference = planned === null ? 0 : actual - planned;
    let message: string | null = null;
    if (planned !== null && Math.abs(difference) > 1e-9) {
      const gap =
        difference < 0
          ? `не хватает ${formatHours(-difference)} ч`
          : `лишних ${formatHours(difference)} ч`;
      message = `${cls.name}: по учебному плану ${formatHours(planned)} ч в неделю, в курсах ${formatHours(actual)} ч (${gap})`;
    }
    return { classId: cls.id, className: cls.name, planned, actual, difference, message };
  });
}

export interface TeacherLoad {
  teacherId: string;
  /** Every course counts, each group course too: the teacher holds each one. */
  hours: number;
  courses: number;
  classIds: string[];
}

/** Weekly hours per teacher, most loaded first. */
export function teacherLoads(courses: readonly LoadCourse[]): TeacherLoad[] {
  const byTeacher = new Map<string, TeacherLoad>();
  for (const c of courses) {
    const load = byTeacher.get(c.teacherId) ?? {
      teacherId: c.teacherId,
      hours: 0,
      courses: 0,
      classIds: [],
    };
    load.hours += c.hoursPerWeek;
    load.courses += 1;
    if (!load.classIds.includes(c.classId)) load.classIds.push(c.classId);
    byTeacher.set(c.teacherId, load);
  }
  return [...byTeacher.values()]
    .map((l) => ({ ...l, classIds: [...l.classIds].sort() }))
    .sort((a, b) => b.hours - a.hours || (a.teacherId < b.teacherId ? -1 : 1));
}

export interface CourseTimetableHours {
  courseId: string;
  /** Cells of the course in the week. */
  inTimetable: number;
  hoursPerWeek: number;
}

/**
 * Courses of the class whose number of lessons a week in the version differs from their hours
 * (a fractional plan, e.g. 0,5 h, never matches exactly and is listed with its rounding).
 */
export function timetableHoursMismatch(
  version: Pick<Timetable, 'classId' | 'cells'>,
  courses: readonly LoadCourse[],
): CourseTimetableHours[] {
  const counts = new Map<string, number>();
  for (const cell of version.cells) counts.set(cell.courseId, (counts.get(cell.courseId) ?? 0) + 1);
  return courses
    .filter((c) => c.classId === version.classId)
    .map((c) => ({
      courseId: c.id,
      inTimetable: counts.get(c.id) ?? 0,
      hoursPerWeek: c.hoursPerWeek,
    }))
    .filter((x) => x.inTimetable !== x.hoursPerWeek);
}
