// Failing marks with the topics they were given on, per student — for remedial work (the parents' contract names it).
import type { Course } from '../course';
import { distinctNames } from '../student-names';
import type { GradingPolicy, LessonMarkValue } from '../grading-policy';
import { MARK_LABELS } from '../grading-policy';
import type { Lesson } from '../lesson';
import type { Subject } from '../school';
import type { Student } from '../student';
import {
  byId,
  compareStudentDateSlot,
  isHeldLessonInFilter,
  studentLessonCells,
  type LessonFilter,
} from './report-utils';

/** Marks counted as failing: 2 (also 2+, still a two), 1 and незачёт. */
export const FAILING_MARKS: ReadonlySet<LessonMarkValue> = new Set<LessonMarkValue>([
  '2',
  '2+',
  '1',
  'fail',
]);

export function isFailingMark(value: LessonMarkValue): boolean {
  return FAILING_MARKS.has(value);
}

export interface FailingMarksInput extends LessonFilter {
  lessons: readonly Lesson[];
  /** Students to report on; marks of students not in this list are left out. */
  students: readonly Student[];
  courses: readonly Course[];
  subjects: readonly Subject[];
  policy: GradingPolicy;
}

export interface FailingMarkRow {
  studentId: string;
  student: string;
  courseId: string;
  subject: string;
  lessonId: string;
  date: string;
  slot: number;
  mark: LessonMarkValue;
  /** "2", "незач" */
  markLabel: string;
  workType: string;
  topic: string;
  comment: string;
}

export interface FailingMarksReport {
  from: string | null;
  to: string | null;
  rows: FailingMarkRow[];
  /** Number of failing marks per student id. */
  countByStudent: Record<string, number>;
}

export function failingMarksReport(input: FailingMarksInput): FailingMarksReport {
  const students = byId(input.students);
  const names = distinctNames(input.students);
  const courses = byId(input.courses);
  const subjects = byId(input.subjects);
  const workTypes = byId(input.policy.workTypes);

  const rows: (FailingMarkRow & { sortStudent: Student })[] = [];
  for (const lesson of input.lessons) {
    if (!isHeldLessonInFilter(lesson, input)) continue;
    const course = courses.get(lesson.courseId);
    for (const [studentId, entry] of Object.entries(lesson.entries)) {
      const student = students.get(studentId);
      if (!student) continue;
      for (const mark of entry.marks) {
        if (!isFailingMark(mark.value)) continue;
        rows.push({
          ...studentLessonCells(student, lesson, subjects, course, names.get(student.id)),
          mark: mark.value,
          markLabel: MARK_LABELS[mark.value],
          workType: workTypes.get(mark.workTypeId)?.name ?? mark.workTypeId,
          topic: lesson.topic,
          comment: mark.comment,
        });
      }
    }
  }

  rows.sort((a, b) => compareStudentDateSlot(a, b) || a.subject.localeCompare(b.subject, 'ru'));

  const countByStudent: Record<string, number> = {};
  const out: FailingMarkRow[] = rows.map(({ sortStudent: _s, ...row }) => {
    countByStudent[row.studentId] = (countByStudent[row.studentId] ?? 0) + 1;
    return row;
  });
  return { from: input.from ?? null, to: input.to ?? null, rows: out, countByStudent };
}
