// Missed lessons with their topics, per student — what a student has to catch up on (lateness is not a missed lesson).
import type { AbsenceReason, AttendanceCode } from '../attendance-code';
import { distinctNames } from '../student-names';
import { ABSENCE_REASON_LABELS } from '../attendance-code';
import type { Course } from '../course';
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

export interface MissedLessonsInput extends LessonFilter {
  lessons: readonly Lesson[];
  /** Students to report on; absences of students not in this list are left out. */
  students: readonly Student[];
  courses: readonly Course[];
  subjects: readonly Subject[];
  /** The school's attendance codes. */
  codes: readonly AttendanceCode[];
}

export interface MissedLessonRow {
  studentId: string;
  student: string;
  courseId: string;
  subject: string;
  lessonId: string;
  date: string;
  slot: number;
  /** The code in the cell: "н", "б", "у". */
  code: string;
  reason: Exclude<AbsenceReason, 'late'>;
  /** "по болезни", "без уважительной причины" */
  reasonLabel: string;
  topic: string;
  homework: string;
}

export interface MissedLessonsReport {
  from: string | null;
  to: string | null;
  rows: MissedLessonRow[];
  /** Per student id: lessons missed in total and by reason. */
  totals: Record<
    string,
    { lessons: number; byReason: Record<Exclude<AbsenceReason, 'late'>, number> }
  >;
}

/**
 * The reason a code stands for. A code the school no longer lists (renamed settings) still
 * marks an absence; with nothing better known it counts as unexcused.
 */
export function absenceReasonOf(
  code: string,
  codes: ReadonlyMap<string, AttendanceCode>,
): AbsenceReason {
  return codes.get(code)?.reason ?? 'unexcused';
}

export function missedLessonsReport(input: MissedLessonsInput): MissedLessonsReport {
  const students = byId(input.students);
  const names = distinctNames(input.students);
  const courses = byId(input.courses);
  const subjects = byId(input.subjects);
  const codes = new Map(input.codes.map((c) => [c.code, c]));

  const rows: (MissedLessonRow & { sortStudent: Student })[] = [];
  for (const lesson of input.lessons) {
    if (!isHeldLessonInFilter(lesson, input)) continue;
    const course = courses.get(lesson.courseId);
    for (const [studentId, entry] of Object.entries(lesson.entries)) {
      if (entry.attendance === null) continue;
      const student = students.get(studentId);
      if (!student) continue;
      const reason = absenceReasonOf(entry.attendance, codes);
      if (reason === 'late') continue;
      rows.push({
        ...studentLessonCells(student, lesson, subjects, course, names.get(student.id)),
        code: entry.attendance,
        reason,
        reasonLabel: ABSENCE_REASON_LABELS[reason],
        topic: lesson.topic,
        homework: lesson.homework,
      });
    }
  }

  rows.sort(compareStudentDateSlot);

  const totals: MissedLessonsReport['totals'] = {};
  const out: MissedLessonRow[] = rows.map(({ sortStudent: _s, ...row }) => {
    const t = (totals[row.studentId] ??= {
      lessons: 0,
      byReason: { illness: 0, excused: 0, unexcused: 0 },
    });
    t.lessons += 1;
    t.byReason[row.reason] += 1;
    return row;
  });
  return { from: input.from ?? null, to: input.to ?? null, rows: out, totals };
}
