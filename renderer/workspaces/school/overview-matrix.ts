// The school overview as a class × subject matrix: per course the average of the set numeric period
// marks and the success percent (no 2, 1, н/а, незачёт among the assessed), from shared/statistics.
import type { Course } from '../../../shared/course';
import type { PeriodMarkValue } from '../../../shared/grading-policy';
import type { PeriodMarks } from '../../../shared/period-mark';
import { courseStudents } from '../../../shared/reports/report-utils';
import type { Subject } from '../../../shared/school';
import { compareClasses, type SchoolClass } from '../../../shared/school-class';
import { periodMarkStatistics } from '../../../shared/statistics';
import type { Student } from '../../../shared/student';

export interface MatrixCell {
  /** Average of the numeric set marks (2 decimals), null when none is set. */
  average: number | null;
  successPercent: number | null;
  /** Students with a set mark / of the course. */
  set: number;
  students: number;
}

export interface OverviewMatrix {
  classes: SchoolClass[];
  subjects: Subject[];
  /** Key `${classId}|${subjectId}`; group courses of one subject are pooled. */
  cells: Map<string, MatrixCell>;
}

const NUMERIC: Partial<Record<PeriodMarkValue, number>> = {
  '5': 5,
  '4': 4,
  '3': 3,
  '2': 2,
  '1': 1,
};

export function overviewMatrix(input: {
  periodId: string;
  classes: readonly SchoolClass[];
  subjects: readonly Subject[];
  courses: readonly Course[];
  students: readonly Student[];
  periodMarks: readonly PeriodMarks[];
}): OverviewMatrix {
  const classMap = new Map(input.classes.map((c) => [c.id, c]));
  const docs = new Map(
    input.periodMarks.filter((d) => d.periodId === input.periodId).map((d) => [d.courseId, d]),
  );
  const values = new Map<string, (PeriodMarkValue | null)[]>();
  for (const course of input.courses) {
    if (course.assessment === 'none' || !classMap.has(course.classId)) continue;
    const key = `${course.classId}|${course.subjectId}`;
    const list = values.get(key) ?? [];
    const marks = docs.get(course.id)?.marks ?? {};
    for (const s of courseStudents(course, input.students, classMap)) {
      list.push(marks[s.id]?.value ?? null);
    }
    values.set(key, list);
  }
  const cells = new Map<string, MatrixCell>();
  const usedSubjects = new Set<string>();
  for (const [key, list] of values) {
    const numbers = list.flatMap((v) => (v === null ? [] : (NUMERIC[v] ?? [])));
    const stats = periodMarkStatistics(list);
    cells.set(key, {
      average: numbers.length
        ? Math.round((numbers.reduce((a, b) => a + b, 0) / numbers.length) * 100) / 100
        : null,
      successPercent: stats.successPercent,
      set: list.filter((v) => v !== null).length,
      students: list.length,
    });
    usedSubjects.add(key.split('|')[1] ?? '');
  }
  return {
    classes: [...input.classes].sort(compareClasses),
    subjects: input.subjects.filter((s) => usedSubjects.has(s.id)),
    cells,
  };
}
