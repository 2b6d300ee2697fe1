// Mid-period figures of the deputy's overview, from the lessons' marks rather than period marks:
// per class × subject the mean of the students' current weighted averages and the marks per
// student (накопляемость отметок); and period-mark completion summed per teacher.
import type { Course } from '../course';
import type { GradingPolicy } from '../grading-policy';
import { studentMarks, weightedAverage } from '../grading';
import type { Lesson } from '../lesson';
import type { SchoolClass } from '../school-class';
import type { Student } from '../student';
import type { PeriodCompletionReport } from './period-completion';
import { byId, compareRu, courseStudents } from './report-utils';

export interface CurrentMarksCell {
  /** Mean of the students' weighted averages (those with a numeric mark), 2 decimals; null if none. */
  average: number | null;
  /** Marks in held lessons of the period, all kinds. */
  marks: number;
  /** Students taught (group courses of one subject pooled). */
  students: number;
  /** marks ÷ students, one decimal; null without students. */
  marksPerStudent: number | null;
}

/** Keyed `${classId}|${subjectId}`, as the overview matrix; only assessed courses. */
export function currentMarksMatrix(input: {
  courses: readonly Course[];
  lessons: readonly Lesson[];
  students: readonly Student[];
  classes: readonly SchoolClass[];
  policy: GradingPolicy;
}): Map<string, CurrentMarksCell> {
  const classes = byId(input.classes);
  const lessonsByCourse = new Map<string, Lesson[]>();
  for (const l of input.lessons) {
    const list = lessonsByCourse.get(l.courseId);
    if (list) list.push(l);
    else lessonsByCourse.set(l.courseId, [l]);
  }
  const pooled = new Map<string, { averages: number[]; marks: number; students: number }>();
  for (const course of input.courses) {
    if (course.assessment === 'none' || !classes.has(course.classId)) continue;
    const key = `${course.classId}|${course.subjectId}`;
    const cell = pooled.get(key) ?? { averages: [], marks: 0, students: 0 };
    const lessons = lessonsByCourse.get(course.id) ?? [];
    for (const s of courseStudents(course, input.students, classes)) {
      const marks = studentMarks(lessons, s.id).map((m) => m.mark);
      cell.students += 1;
      cell.marks += marks.length;
      const avg = weightedAverage(marks, input.policy);
      if (avg !== null) cell.averages.push(avg);
    }
    pooled.set(key, cell);
  }
  const out = new Map<string, CurrentMarksCell>();
  for (const [key, c] of pooled) {
    out.set(key, {
      average: c.averages.length
        ? Math.round((c.averages.reduce((a, b) => a + b, 0) / c.averages.length) * 100) / 100
        : null,
      marks: c.marks,
      students: c.students,
      marksPerStudent: c.students ? Math.round((c.marks / c.students) * 10) / 10 : null,
    });
  }
  return out;
}

export interface TeacherCompletionRow {
  teacherId: string;
  teacher: string;
  courses: number;
  /** Courses with every mark set (no missing, no deferred). */
  complete: number;
  students: number;
  set: number;
  missing: number;
  deferred: number;
  /** set ÷ students, percent with one decimal; null without students. */
  setPercent: number | null;
}

/** The completion report summed per teacher, alphabetical. */
export function completionByTeacher(
  report: PeriodCompletionReport,
  teacherName: (teacherId: string) => string,
): TeacherCompletionRow[] {
  const rows = new Map<string, TeacherCompletionRow>();
  for (const r of report.rows) {
    const row = rows.get(r.teacherId) ?? {
      teacherId: r.teacherId,
      teacher: teacherName(r.teacherId),
      courses: 0,
      complete: 0,
      students: 0,
      set: 0,
      missing: 0,
      deferred: 0,
      setPercent: null,
    };
    row.courses += 1;
    if (r.complete) row.complete += 1;
    row.students += r.students;
    row.set += r.set;
    row.missing += r.missing;
    row.deferred += r.deferred;
    rows.set(r.teacherId, row);
  }
  return [...rows.values()]
    .map((r) => ({
      ...r,
      setPercent: r.students ? Math.round((r.set / r.students) * 1000) / 10 : null,
    }))
    .sort((a, b) => compareRu(a.teacher, b.teacher));
}
