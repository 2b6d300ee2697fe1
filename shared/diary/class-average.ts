// The class's average in a subject for a period, shown beside the child's only where the school
// enables it: the mean of the students' weighted averages — one number, no student named.
import type { GradingPolicy } from '../grading-policy';
import { studentMarks, weightedAverage } from '../grading';
import type { Lesson } from '../lesson';

/** Null when fewer than `minStudents` students have marks (a small group would give a child away). */
export function classAverage(
  lessons: readonly Lesson[],
  studentIds: readonly string[],
  policy: GradingPolicy,
  minStudents = 3,
): number | null {
  const held = lessons.filter((l) => l.status === 'held');
  const averages: number[] = [];
  for (const id of studentIds) {
    const avg = weightedAverage(
      studentMarks(held, id).map((m) => m.mark),
      policy,
    );
    if (avg !== null) averages.push(avg);
  }
  if (averages.length < minStudents) return null;
  return Math.floor((averages.reduce((a, b) => a + b, 0) / averages.length) * 100) / 100;
}
