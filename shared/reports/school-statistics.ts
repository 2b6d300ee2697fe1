// The deputy's statistics for a period: marks, success and quality per class, subject, teacher and course,
// with lessons held against the curriculum plan — the period's whole plan, the plan to date — and the
// backlog against the plan to date (mid-period, the lessons not yet due are no backlog).
import type { Course } from '../course';
import type { PeriodMarkValue } from '../grading-policy';
import type { Lesson } from '../lesson';
import type { Period } from '../period';
import type { PeriodMarks } from '../period-mark';
import type { SchoolClass } from '../school-class';
import type { Subject } from '../school';
import type { StaffMember } from '../staff';
import { shortName } from '../common';
import type { Student } from '../student';
import {
  lessonsHeldVsPlanned,
  periodMarkStatistics,
  plannedToDate,
  studentsStatistics,
} from '../statistics';
import { byId, classNameOf, compareRu, courseStudents, subjectNameOf } from './report-utils';

export type MarkCountKey =
  '5' | '4' | '3' | '2' | '1' | 'notAttested' | 'pass' | 'fail' | 'exempt' | 'missing';
export type MarkCounts = Record<MarkCountKey, number>;

export interface StatisticsRow {
  /** Class, subject, teacher or course id. */
  key: string;
  /** "5А", "Математика", "Петрова А.", "5А — Математика" */
  label: string;
  /**
   * Students (per class: every active student, also in a class assessed without marks such as the
   * 1st grade) or student × course pairs (per subject, teacher, course; only assessed courses).
   */
  students: number;
  counts: MarkCounts;
  successPercent: number | null;
  qualityPercent: number | null;
  /** Lessons by the curriculum for the whole period. */
  planned: number;
  /** Of them due by the report's date (`asOf`), see plannedToDate. */
  plannedToDate: number;
  held: number;
  /** max(0, plannedToDate − held) per course, summed. */
  backlog: number;
}

export interface SchoolStatisticsInput {
  period: Pick<Period, 'id' | 'name' | 'start' | 'end'>;
  courses: readonly Course[];
  periodMarks: readonly PeriodMarks[];
  lessons: readonly Lesson[];
  students: readonly Student[];
  classes: readonly SchoolClass[];
  subjects: readonly Subject[];
  staff: readonly StaffMember[];
  /** Restrict to some classes (e.g. one parallel). */
  classIds?: readonly string[];
  /** The report's date (today): the plan to date and the backlog are counted to it. Default: the period's end. */
  asOf?: string;
}

export interface SchoolStatisticsReport {
  periodId: string;
  periodName: string;
  /** The date the plan to date is counted to: the report's date, at most the period's end. */
  asOf: string;
  byClass: StatisticsRow[];
  bySubject: StatisticsRow[];
  byTeacher: StatisticsRow[];
  byCourse: StatisticsRow[];
  /** The whole school (or the chosen classes), success and quality per student. */
  total: StatisticsRow;
}

interface CourseData {
  course: Course;
  /** Active students of the course, assessed or not. */
  studentIds: string[];
  /** Per active student of an assessed course: the set period mark or null. */
  values: Map<string, PeriodMarkValue | null>;
  planned: number;
  plannedToDate: number;
  held: number;
  backlog: number;
}

/**
 * Courses assessed without marks (`assessment: 'none'`) enter only the lessons-held figures.
 * A deferred mark counts as missing until it is set.
 */
export function schoolStatistics(input: SchoolStatisticsInput): SchoolStatisticsReport {
  const { period } = input;
  const classes = byId(input.classes);
  const subjects = byId(input.subjects);
  const staff = byId(input.staff);
  const wanted = input.classIds ? new Set(input.classIds) : null;

  const marksByCourse = new Map<string, PeriodMarks>();
  for (const doc of input.periodMarks) {
    if (doc.periodId === period.id) marksByCourse.set(doc.courseId, doc);
  }
  const lessonsByCourse = new Map<string, Lesson[]>();
  for (const l of input.lessons) {
    if (l.date < period.start || l.date > period.end) continue;
    const list = lessonsByCourse.get(l.courseId);
    if (list) list.push(l);
    else lessonsByCourse.set(l.courseId, [l]);
  }

  const data: CourseData[] = [];
  for (const course of input.courses) {
    if (wanted && !wanted.has(course.classId)) continue;
    const values = new Map<string, PeriodMarkValue | null>();
    const members = courseStudents(course, input.students, classes);
    if (course.assessment !== 'none') {
      const marks = marksByCourse.get(course.id)?.marks ?? {};
      for (const s of members) values.set(s.id, marks[s.id]?.value ?? null);
    }
    const { planned, held } = lessonsHeldVsPlanned(
      lessonsByCourse.get(course.id) ?? [],
      course,
      period.id,
    );
    const dueByNow = plannedToDate(planned, period, input.asOf ?? period.end);
    data.push({
      course,
      studentIds: members.map((s) => s.id),
      values,
      planned,
      plannedToDate: dueByNow,
      held,
      backlog: Math.max(0, dueByNow - held),
    });
  }

  const pairsRow = (key: string, label: string, items: readonly CourseData[]): StatisticsRow => {
    const stats = periodMarkStatistics(items.flatMap((d) => [...d.values.values()]));
    return {
      key,
      label,
      students: stats.students,
      counts: { ...stats.counts },
      successPercent: stats.successPercent,
      qualityPercent: stats.qualityPercent,
      ...hoursOf(items),
    };
  };
  /** Counts over all marks, success and quality over students (a student with one 2 is not successful). */
  const studentsRow = (key: string, label: string, items: readonly CourseData[]): StatisticsRow => {
    const perStudent = new Map<string, (PeriodMarkValue | null)[]>();
    for (const d of items) {
      for (const [studentId, value] of d.values) {
        const list = perStudent.get(studentId);
        if (list) list.push(value);
        else perStudent.set(studentId, [value]);
      }
    }
    const byStudent = studentsStatistics([...perStudent.values()]);
    const everyone = new Set(items.flatMap((d) => d.studentIds));
    return {
      key,
      label,
      students: everyone.size,
      counts: { ...byStudent.counts },
      successPercent: byStudent.successPercent,
      qualityPercent: byStudent.qualityPercent,
      ...hoursOf(items),
    };
  };

  const byClass = groupBy(data, (d) => d.course.classId)
    .map(([classId, items]) => ({
      cls: classes.get(classId),
      row: studentsRow(classId, classNameOf(classes, classId), items),
    }))
    .sort((a, b) =>
      a.cls && b.cls
        ? a.cls.grade - b.cls.grade || compareRu(a.cls.letter, b.cls.letter)
        : compareRu(a.row.label, b.row.label),
    )
    .map((x) => x.row);

  const bySubject = groupBy(data, (d) => d.course.subjectId)
    .map(([subjectId, items]) => pairsRow(subjectId, subjectNameOf(subjects, { subjectId }), items))
    .sort((a, b) => compareRu(a.label, b.label));

  const byTeacher = groupBy(data, (d) => d.course.teacherId)
    .map(([teacherId, items]) => {
      const t = staff.get(teacherId);
      return pairsRow(teacherId, t ? shortName(t) : teacherId, items);
    })
    .sort((a, b) => compareRu(a.label, b.label));

  const byCourse = data
    .map((d) => {
      const { classId, groupId } = d.course;
      const cls = classes.get(classId);
      const group = groupId ? cls?.groups.find((g) => g.id === groupId) : undefined;
      const subject = subjectNameOf(subjects, d.course);
      const label = `${classNameOf(classes, classId)}${group ? ` (${group.name})` : ''} — ${subject}`;
      return { cls, subject, group: group?.name ?? '', row: pairsRow(d.course.id, label, [d]) };
    })
    .sort(
      (a, b) =>
        (a.cls && b.cls ? a.cls.grade - b.cls.grade || compareRu(a.cls.letter, b.cls.letter) : 0) ||
        compareRu(a.subject, b.subject) ||
        compareRu(a.group, b.group) ||
        compareRu(a.row.key, b.row.key),
    )
    .map((x) => x.row);

  return {
    periodId: period.id,
    periodName: period.name,
    asOf: input.asOf !== undefined && input.asOf < period.end ? input.asOf : period.end,
    byClass,
    bySubject,
    byTeacher,
    byCourse,
    total: studentsRow('total', 'Итого', data),
  };
}

function hoursOf(
  items: readonly CourseData[],
): Pick<StatisticsRow, 'planned' | 'plannedToDate' | 'held' | 'backlog'> {
  let planned = 0;
  let toDate = 0;
  let held = 0;
  let backlog = 0;
  for (const d of items) {
    planned += d.planned;
    toDate += d.plannedToDate;
    held += d.held;
    backlog += d.backlog;
  }
  return { planned, plannedToDate: toDate, held, backlog };
}

function groupBy<T>(items: readonly T[], key: (item: T) => string): [string, T[]][] {
  const map = new Map<string, T[]>();
  for (const item of items) {
    const k = key(item);
    const list = map.get(k);
    if (list) list.push(item);
    else map.set(k, [item]);
  }
  return [...map];
}
