// generateSchool: a deterministic, realistic synthetic school for 2026/2027 as one snapshot (pure; same seed, same bytes).
import type { Course } from '../course';
import { DEFAULT_GRADING_POLICY } from '../grading-policy';
import type { Lesson } from '../lesson';
import type { Period, PeriodScheme } from '../period';
import { SCHEME_PERIOD_KIND } from '../period';
import type { PeriodMarks } from '../period-mark';
import type { SchoolClass } from '../school-class';
import type { Snapshot } from '../snapshot';
import { generateLessons } from '../lesson-generation';
import { timetableId } from '../lesson-id';
import type { Timetable, TimetableCell } from '../timetable';
import { SNAPSHOT_FORMAT, SNAPSHOT_VERSION } from '../snapshot';
import type { StaffMember } from '../staff';
import type { Stamp, Stamps } from '../stamp';
import type { Student } from '../student';
import {
  YEAR_END,
  YEAR_ID,
  YEAR_START,
  buildPeriods,
  hlcAt,
  localMs,
  schoolDays,
  weekday,
} from './calendar';
import { SUBJECTS } from './curriculum';
import { buildConsents } from './consents';
import { type Occurrence, planCourse } from './lesson-plan';
import { newStats, writeLessons } from './lessons';
import { periodMarksFor, yearMarksFor } from './period-marks';
import { randomAdult } from './names';
import { Rng } from './random';
import { type ClassInfo, buildRoster } from './roster';
import { buildSchool } from './school-profile';
import { type CourseDraft, buildStaffing } from './staffing';
import { roomsOf } from './rooms';
import { buildTimetable } from './timetable';

export const GENERATOR_NAME = 'class-journal-demo/1';
export const MIN_STUDENTS = 30;
export const MAX_STUDENTS = 5000;

export interface DemoSchoolOptions {
  /** Number of students, 30..5000 (about 25 per class). */
  students: number;
  /** Any integer; the same seed gives the same school. */
  seed: number;
  /** The journal is filled up to this date, 2026-09-01..2027-05-31 (default: the whole year). */
  asOf?: string;
}

/** Why the options are unusable, in Russian, or null when they are fine. */
export function checkDemoOptions(o: DemoSchoolOptions): string | null {
  if (!Number.isInteger(o.students) || o.students < MIN_STUDENTS || o.students > MAX_STUDENTS) {
    return `Число учеников должно быть целым от ${MIN_STUDENTS} до ${MAX_STUDENTS}, получено ${o.students}`;
  }
  if (!Number.isSafeInteger(o.seed))
    return `Зерно (seed) должно быть целым числом, получено ${o.seed}`;
  if (o.asOf !== undefined) {
    const ok =
      /^\d{4}-\d{2}-\d{2}$/.test(o.asOf) && !Number.isNaN(Date.parse(`${o.asOf}T00:00:00Z`));
    if (!ok || new Date(`${o.asOf}T00:00:00Z`).toISOString().slice(0, 10) !== o.asOf) {
      return `Дата asOf должна быть в формате ГГГГ-ММ-ДД, получено «${o.asOf}»`;
    }
    if (o.asOf < YEAR_START || o.asOf > YEAR_END) {
      return `Дата asOf должна быть в пределах учебного года ${YEAR_START}…${YEAR_END}, получено ${o.asOf}`;
    }
  }
  return null;
}

/** Stamps every listed field with the same stamp. */
function stampFields(fields: readonly string[], stamp: Stamp): Stamps {
  const out: Stamps = {};
  for (const f of fields) out[f] = stamp;
  return out;
}

function schemeOf(grade: number): PeriodScheme {
  return grade >= 10 ? 'halfYears' : 'quarters';
}

export function generateSchool(options: DemoSchoolOptions): Snapshot {
  const problem = checkDemoOptions(options);
  if (problem) throw new Error(problem);
  const asOf = options.asOf ?? YEAR_END;
  const rng = new Rng(options.seed, 'school');
  const policy = DEFAULT_GRADING_POLICY;
  const setup: Stamp = { at: hlcAt(localMs('2026-08-28', '10:00')), by: 'staff-deputy' };

  const { school, town } = buildSchool(rng.fork('profile'), setup);
  const days = schoolDays(YEAR_END);
  let cutoff = 0;
  while (cutoff < days.length && (days[cutoff] ?? '') <= asOf) cutoff++;

  const classes = buildRoster(rng.fork('roster'), options.students, town, days.length);
  const staffing = buildStaffing(rng.fork('staff'), classes);
  const periods = buildPeriods(asOf, setup);

  const schemePeriods = (scheme: PeriodScheme): Period[] =>
    periods
      .filter((p) => p.scheme === scheme && p.kind === SCHEME_PERIOD_KIND[scheme])
      .sort((a, b) => a.number - b.number);
  const periodOfDay = new Map<PeriodScheme, Uint8Array>();
  for (const scheme of ['quarters', 'halfYears'] as const) {
    const map = new Uint8Array(days.length);
    const list = schemePeriods(scheme);
    days.forEach((d, i) => {
      map[i] = list.find((p) => p.start <= d && d <= p.end)?.number ?? 1;
    });
    periodOfDay.set(scheme, map);
  }

  // Timetables (one document per class, from the first day) and each course's lessons over the
  // whole year from the shared generator, as a real school gets them (asOf only cuts the output).
  const coursesByClass = new Map<string, CourseDraft[]>();
  for (const c of staffing.courses) {
    const list = coursesByClass.get(c.classId) ?? [];
    list.push(c);
    coursesByClass.set(c.classId, list);
  }
  const busy = new Set<string>();
  const weekdays = days.map(weekday);
  const rooms = roomsOf(staffing.staff);
  const timetables: Timetable[] = classes.map((c) => {
    const tt = buildTimetable(
      rng.fork(`timetable:${c.id}`),
      c.grade,
      coursesByClass.get(c.id) ?? [],
      busy,
    );
    const cells: TimetableCell[] = [];
    tt.forEach((slots, d) =>
      slots.forEach((item, i) => {
        for (const course of item.courses) {
          cells.push({
            weekday: d + 1,
            slot: i + 1,
            courseId: course.id,
            room: rooms.get(course.teacherId) ?? '',
          });
        }
      }),
    );
    return {
      id: timetableId(c.id, YEAR_START),
      stamps: { name: setup, source: setup, draft: setup, cells: setup },
      yearId: YEAR_ID,
      classId: c.id,
      validFrom: YEAR_START,
      name: 'Основное расписание',
      source: 'demo',
      draft: false,
      cells,
    };
  });
  const dayIndex = new Map(days.map((d, i) => [d, i]));
  const occurrences = new Map<string, Occurrence[]>();
  for (const course of staffing.courses) occurrences.set(course.id, []);
  const generated = generateLessons({
    year: school.year,
    classes: classes.map((c) => ({ id: c.id, grade: c.grade, periodScheme: schemeOf(c.grade) })),
    periods,
    courses: staffing.courses,
    timetables,
  });
  // The class's first and last lesson of each day: tests avoid them.
  const dayEdges = new Map<string, [number, number]>();
  for (const g of generated) {
    const key = `${g.classId}|${g.date}`;
    const edge = dayEdges.get(key);
    dayEdges.set(
      key,
      edge ? [Math.min(edge[0], g.slot), Math.max(edge[1], g.slot)] : [g.slot, g.slot],
    );
  }
  for (const g of generated) {
    const dayIdx = dayIndex.get(g.date);
    if (dayIdx === undefined) throw new Error(`Generated lesson on ${g.date}, not a school day`);
    const [first, last] = dayEdges.get(`${g.classId}|${g.date}`) ?? [g.slot, g.slot];
    occurrences
      .get(g.courseId)
      ?.push({ dayIdx, slot: g.slot, edge: g.slot === first || g.slot === last });
  }

  const teacherSpec = new Map(staffing.staff.map((t) => [t.id, t.specs[0] ?? '']));
  const substitutesOf = (teacherId: string): string[] => {
    const same = staffing.staff
      .filter((t) => t.id !== teacherId && t.specs[0] === teacherSpec.get(teacherId))
      .map((t) => t.id);
    return same.length > 0
      ? same
      : staffing.staff.filter((t) => t.id !== teacherId).map((t) => t.id);
  };

  const classById = new Map(classes.map((c) => [c.id, c]));
  const subjectIndex = new Map(SUBJECTS.map((s, i) => [s.id, i]));
  const testDays = new Set<string>();
  const lessons: Lesson[] = [];
  const periodMarks: PeriodMarks[] = [];
  const yearPeriod = periods.find((p) => p.kind === 'year');

  for (const course of staffing.courses) {
    const cls = classById.get(course.classId) as ClassInfo;
    const scheme = schemeOf(cls.grade);
    const roster = course.groupId
      ? (() => {
          const ids = new Set(cls.groups.find((g) => g.id === course.groupId)?.studentIds ?? []);
          return cls.students.filter((s) => ids.has(s.doc.id));
        })()
      : cls.students;
    const plan = planCourse(
      rng.fork(`plan:${course.id}`),
      course,
      occurrences.get(course.id) ?? [],
      testDays,
      substitutesOf(course.teacherId),
      (t, o) => !busy.has(`${t}|${weekdays[o.dayIdx] ?? 0}|${o.slot}`),
    );
    const list = schemePeriods(scheme);
    const stats = newStats(list.length, roster.length);
    writeLessons(
      rng.fork(`lessons:${course.id}`),
      course,
      plan,
      {
        days,
        cutoff,
        periodOfDay: periodOfDay.get(scheme) ?? new Uint8Array(days.length),
        periods: list.length,
        roster,
        subjectIndex: subjectIndex.get(course.subjectId) ?? 0,
      },
      stats,
      lessons,
    );
    if (course.assessment === 'none') continue;
    const ctx = { rng: rng.fork(`marks:${course.id}`), course, roster, stats, policy, asOf };
    const docs: PeriodMarks[] = [];
    list.forEach((p, i) => {
      if (p.end <= asOf) docs.push(periodMarksFor(ctx, p, i));
    });
    periodMarks.push(...docs);
    if (yearPeriod && asOf >= yearPeriod.end && docs.length === list.length) {
      periodMarks.push(yearMarksFor(ctx, yearPeriod, docs));
    }
  }

  // Documents of the registry: staff, classes, students, courses, consents.
  const deputyName = randomAdult(rng.fork('deputy'), 'female');
  const staffFields = ['lastName', 'firstName', 'middleName', 'position', 'roles', 'active'];
  const staff: StaffMember[] = [
    {
      id: 'staff-deputy',
      stamps: stampFields(staffFields, setup),
      ...deputyName,
      position: 'заместитель директора по УВР',
      roles: ['deputy'],
      active: true,
    },
    ...staffing.staff.map((t): StaffMember => ({
      id: t.id,
      stamps: stampFields(staffFields, setup),
      ...t.doc,
    })),
  ];

  const classDocs: SchoolClass[] = classes.map((c) => ({
    id: c.id,
    stamps: stampFields(['letter', 'name', 'periodScheme', 'classTeacherId', 'groups'], setup),
    yearId: YEAR_ID,
    grade: c.grade,
    letter: c.letter,
    name: `${c.grade}${c.letter}`,
    periodScheme: schemeOf(c.grade),
    classTeacherId: staffing.classTeacher.get(c.id) ?? 'staff-deputy',
    groups: c.groups,
  }));

  const studentFields = [
    'lastName',
    'firstName',
    'middleName',
    'gender',
    'classId',
    'status',
    'birthDate',
    'address',
  ];
  const students: Student[] = [];
  for (const c of classes) {
    const stamp: Stamp = { at: setup.at, by: staffing.classTeacher.get(c.id) ?? 'staff-deputy' };
    for (const st of c.students) {
      const stamps = stampFields(studentFields, stamp);
      for (const gid of Object.keys(st.doc.guardians)) stamps[`guardians.${gid}`] = stamp;
      students.push({ ...st.doc, stamps });
    }
  }

  const weeks = new Map(
    periods.map((p) => [p.id, days.filter((d) => p.start <= d && d <= p.end).length / 5]),
  );
  const courses: Course[] = staffing.courses.map((c) => {
    const plannedByPeriod: Record<string, number> = {};
    let plannedYear = 0;
    for (const p of schemePeriods(schemeOf(c.grade))) {
      const n = Math.round(c.hours * (weeks.get(p.id) ?? 0));
      plannedByPeriod[p.id] = n;
      plannedYear += n;
    }
    return {
      id: c.id,
      stamps: stampFields(
        ['teacherId', 'assessment', 'hoursPerWeek', 'plannedByPeriod', 'plannedYear', 'hasExam'],
        setup,
      ),
      yearId: YEAR_ID,
      classId: c.classId,
      subjectId: c.subjectId,
      groupId: c.groupId,
      teacherId: c.teacherId,
      assessment: c.assessment,
      hoursPerWeek: c.hours,
      plannedByPeriod,
      plannedYear,
      hasExam: c.hasExam,
    };
  });

  return {
    format: SNAPSHOT_FORMAT,
    version: SNAPSHOT_VERSION,
    meta: { seed: options.seed, students: options.students, asOf, generator: GENERATOR_NAME },
    school,
    periods,
    classes: classDocs,
    staff,
    students,
    courses,
    lessons,
    periodMarks,
    consents: buildConsents(rng.fork('consents'), classes, staffing.classTeacher, asOf),
    timetables,
  };
}

export interface SnapshotCounts {
  classes: number;
  students: number;
  staff: number;
  courses: number;
  lessons: number;
  marks: number;
  absences: number;
  periodMarks: number;
  consents: number;
}

/** Counts for the CLI and tests (absences exclude lateness). */
export function countSnapshot(s: Snapshot): SnapshotCounts {
  let marks = 0;
  let absences = 0;
  for (const l of s.lessons) {
    for (const e of Object.values(l.entries)) {
      marks += e.marks.length;
      if (e.attendance && e.attendance !== 'оп') absences++;
    }
  }
  return {
    classes: s.classes.length,
    students: s.students.length,
    staff: s.staff.length,
    courses: s.courses.length,
    lessons: s.lessons.length,
    marks,
    absences,
    periodMarks: s.periodMarks.length,
    consents: s.consents.length,
  };
}
