// Lessons from the timetable: each cell of the version in force becomes one lesson on each study day of its weekday (a double lesson is two), skipping holidays and non-working days of the class's parallel.
import { isStudyDay, type AcademicYear } from './academic-year';
import type { Course } from './course';
import { datesBetween, isoWeekday } from './dates';
import type { Lesson } from './lesson';
import { lessonId } from './lesson-id';
import { SCHEME_PERIOD_KIND, type Period } from './period';
import type { SchoolClass } from './school-class';
import type { Stamp, Stamps } from './stamp';
import { compareCells, timetableAt, type Timetable, type TimetableCell } from './timetable';

/** What generation reads: the year's calendar, classes, periods, courses and timetable versions. */
export interface GenerationSchool {
  year: AcademicYear;
  classes: readonly Pick<SchoolClass, 'id' | 'grade' | 'periodScheme'>[];
  /** Reporting periods; a class has lessons only inside those of its scheme (when it has any). */
  periods: readonly Pick<Period, 'yearId' | 'kind' | 'scheme' | 'start' | 'end'>[];
  courses: readonly Pick<Course, 'id' | 'classId' | 'teacherId'>[];
  timetables: readonly Timetable[];
}

export interface GenerationRange {
  /** First and last date (inclusive); absent = the year's bounds. */
  from?: string;
  to?: string;
  /** Only these classes; absent = every class. */
  classIds?: readonly string[];
}

/** A lesson the timetable asks for. */
export interface GeneratedLesson {
  id: string;
  courseId: string;
  classId: string;
  date: string;
  slot: number;
  /** The course's teacher (a substitution is a later change of the lesson). */
  teacherId: string;
  room: string;
}

/** Study days of a class in the range: inside the year and its scheme's periods, no holiday of its parallel, no non-working day. */
export function studyDates(
  school: Pick<GenerationSchool, 'year' | 'periods'>,
  cls: Pick<SchoolClass, 'grade' | 'periodScheme'>,
  range: Pick<GenerationRange, 'from' | 'to'> = {},
): string[] {
  const { year } = school;
  const from = range.from && range.from > year.start ? range.from : year.start;
  const to = range.to && range.to < year.end ? range.to : year.end;
  const kind = SCHEME_PERIOD_KIND[cls.periodScheme];
  const periods = school.periods.filter(
    (p) => p.yearId === year.id && p.scheme === cls.periodScheme && p.kind === kind,
  );
  const out: string[] = [];
  if (from > to) return out;
  for (const date of datesBetween(from, to)) {
    if (isoWeekday(date) === 7 || !isStudyDay(year, date, cls.grade)) continue;
    if (periods.length > 0 && !periods.some((p) => p.start <= date && date <= p.end)) continue;
    out.push(date);
  }
  return out;
}

/**
 * Every lesson the timetable versions give in the range, ordered by class (as listed), date, slot
 * and course. Cells whose course is unknown or belongs to another class are skipped (the
 * timetable checks refuse such versions; generation never invents a lesson from them).
 */
export function generateLessons(
  school: GenerationSchool,
  range: GenerationRange = {},
): GeneratedLesson[] {
  const courses = new Map(school.courses.map((c) => [c.id, c]));
  const wanted = range.classIds ? new Set(range.classIds) : null;
  const out: GeneratedLesson[] = [];
  for (const cls of school.classes) {
    if (wanted && !wanted.has(cls.id)) continue;
    const versions = school.timetables.filter(
      (t) => t.classId === cls.id && t.yearId === school.year.id && !t.draft,
    );
    if (versions.length === 0) continue;
    const byWeekday = new Map<Timetable, TimetableCell[][]>();
    for (const date of studyDates(school, cls, range)) {
      const version = timetableAt(versions, cls.id, school.year.id, date);
      if (!version) continue;
      let days = byWeekday.get(version);
      if (!days) byWeekday.set(version, (days = cellsByWeekday(version)));
      let previous = '';
      for (const cell of days[isoWeekday(date)] ?? []) {
        const course = courses.get(cell.courseId);
        if (!course || course.classId !== cls.id) continue;
        const id = lessonId(course.id, date, cell.slot);
        if (id === previous) continue; // the same course twice in one slot is one lesson
        previous = id;
        out.push({
          id,
          courseId: course.id,
          classId: cls.id,
          date,
          slot: cell.slot,
          teacherId: course.teacherId,
          room: cell.room,
        });
      }
    }
  }
  return out;
}

/** Cells per ISO weekday, in slot and course order. */
function cellsByWeekday(version: Timetable): TimetableCell[][] {
  const days: TimetableCell[][] = [[], [], [], [], [], [], [], []];
  for (const cell of [...version.cells].sort(compareCells)) days[cell.weekday]?.push(cell);
  return days;
}

/** Stamps of generated lessons are signed by the server's generation, never by a person. */
export const GENERATION_AUTHOR = 'server:timetable';

/** The parts a new lesson stamps (the rest — course, class, date, slot — is its identity). */
export const GENERATED_LESSON_PARTS = [
  'teacherId',
  'lessonType',
  'status',
  'workTypeId',
  'topic',
  'homework',
] as const;

/** The lesson document of a generated lesson: held, regular, empty; every part stamped with `stamp`. */
export function generatedLessonDocument(g: GeneratedLesson, stamp: Stamp): Lesson {
  const stamps: Stamps = {};
  for (const part of GENERATED_LESSON_PARTS) stamps[part] = { at: stamp.at, by: stamp.by };
  return {
    id: g.id,
    stamps,
    courseId: g.courseId,
    classId: g.classId,
    date: g.date,
    slot: g.slot,
    teacherId: g.teacherId,
    lessonType: 'regular',
    status: 'held',
    workTypeId: null,
    topic: '',
    homework: '',
    entries: {},
  };
}
