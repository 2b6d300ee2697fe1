// The class teacher's overview of a class for a period: per subject and per student the weighted averages,
// the proposals and the set period marks, absences by reason, and the students at risk.
import type { AttendanceCode } from '../attendance-code';
import { distinctNames } from '../student-names';
import { countLessonsMissed, summarizeAbsences } from '../attendance';
import type { Course } from '../course';
import { proposePeriodMark, studentMarks, weightedAverage } from '../grading';
import type { GradingPolicy, PeriodMarkValue } from '../grading-policy';
import type { Lesson, Mark } from '../lesson';
import type { Period } from '../period';
import type { PeriodMarks } from '../period-mark';
import type { SchoolClass } from '../school-class';
import type { Subject } from '../school';
import { periodMarkStatistics } from '../statistics';
import type { Student } from '../student';
import { compareStudents } from '../student';
import {
  byId,
  compareRu,
  courseStudents,
  round2,
  studentLabel,
  subjectNameOf,
} from './report-utils';

/** Proposals or set marks that put a student at risk of not being attested. */
export const RISK_MARKS: ReadonlySet<PeriodMarkValue> = new Set<PeriodMarkValue>([
  '2',
  '1',
  'notAttested',
  'fail',
]);

export interface ClassOverviewInput {
  classId: string;
  period: Pick<Period, 'id' | 'kind' | 'start' | 'end'>;
  lessons: readonly Lesson[];
  courses: readonly Course[];
  students: readonly Student[];
  classes: readonly SchoolClass[];
  subjects: readonly Subject[];
  periodMarks: readonly PeriodMarks[];
  policy: GradingPolicy;
  codes: readonly AttendanceCode[];
}

export interface SubjectOverview {
  courseId: string;
  subject: string;
  /** The group's name for a group course («1 группа»), else null: two courses of one subject differ by it. */
  group: string | null;
  teacherId: string;
  /** Students the course is taught to (class or group). */
  students: number;
  /** Mean of the students' weighted averages (those who have one), to hundredths. */
  classAverage: number | null;
  /** Students with a set period mark. */
  setCount: number;
  /** Counts of the set marks (not yet set: `missing`), and success/quality among the set ones. */
  counts: ReturnType<typeof periodMarkStatistics>['counts'];
  successPercent: number | null;
  qualityPercent: number | null;
}

export interface StudentSubjectCell {
  courseId: string;
  average: number | null;
  marksCount: number;
  proposal: PeriodMarkValue | null;
  /** How the proposal was computed, for the teacher and for disputes. */
  explanation: string;
  /** The mark the teacher set, or null. */
  set: PeriodMarkValue | null;
  deferred: boolean;
  atRisk: boolean;
}

export interface StudentOverview {
  studentId: string;
  student: string;
  /** Keyed by course id; a group course the student is not in has no cell. */
  subjects: Record<string, StudentSubjectCell>;
  absences: ReturnType<typeof summarizeAbsences>;
  atRisk: boolean;
  /** Courses whose proposal or set mark is 2, 1, н/а or незачёт. */
  riskCourseIds: string[];
}

export interface ClassOverview {
  classId: string;
  periodId: string;
  subjects: SubjectOverview[];
  students: StudentOverview[];
  /** Ids of the students at risk, in journal order. */
  atRisk: string[];
}

export function classOverview(input: ClassOverviewInput): ClassOverview {
  const { period, policy, codes } = input;
  const classes = byId(input.classes);
  const subjects = byId(input.subjects);
  const inPeriod = (l: Lesson) =>
    l.classId === input.classId && l.date >= period.start && l.date <= period.end;
  const classLessons = input.lessons.filter(inPeriod);

  const courses = input.courses
    .filter((c) => c.classId === input.classId && c.assessment !== 'none')
    .map((course) => ({ course, subject: subjectNameOf(subjects, course) }))
    .sort((a, b) => compareRu(a.subject, b.subject) || compareRu(a.course.id, b.course.id));
  const marksByCourse = new Map<string, PeriodMarks>();
  for (const doc of input.periodMarks) {
    if (doc.periodId === period.id) marksByCourse.set(doc.courseId, doc);
  }

  const students = input.students
    .filter((s) => s.status === 'active' && s.classId === input.classId)
    .sort(compareStudents);
  // Absences count over the lessons each student attends: whole-class courses and their own groups
  // (assessed or not), so that a day missed in full is recognised.
  const attended = new Map<string, Set<string>>(students.map((s) => [s.id, new Set<string>()]));
  for (const course of input.courses) {
    if (course.classId !== input.classId) continue;
    for (const s of courseStudents(course, input.students, classes))
      attended.get(s.id)?.add(course.id);
  }
  const names = distinctNames(students);
  const overviews = new Map<string, StudentOverview>(
    students.map((s) => {
      const own = attended.get(s.id) ?? new Set<string>();
      return [
        s.id,
        {
          studentId: s.id,
          student: names.get(s.id) ?? studentLabel(s),
          subjects: {},
          absences: summarizeAbsences(
            classLessons.filter((l) => own.has(l.courseId)),
            s.id,
            codes,
          ),
          atRisk: false,
          riskCourseIds: [],
        },
      ];
    }),
  );

  const subjectRows: SubjectOverview[] = [];
  for (const { course, subject } of courses) {
    const courseLessons = classLessons.filter((l) => l.courseId === course.id);
    const lessonsHeld = courseLessons.filter((l) => l.status === 'held').length;
    const setMarks = marksByCourse.get(course.id)?.marks ?? {};
    const roster = courseStudents(course, input.students, classes);
    const averages: number[] = [];
    const setValues: (PeriodMarkValue | null)[] = [];
    for (const student of roster) {
      const marks: Mark[] = studentMarks(courseLessons, student.id).map((m) => m.mark);
      const proposal = proposePeriodMark(
        {
          marks,
          lessonsHeld,
          lessonsMissed: countLessonsMissed(courseLessons, student.id, codes),
          periodKind: period.kind,
          assessment: course.assessment,
        },
        policy,
      );
      const entry = setMarks[student.id];
      const set = entry?.value ?? null;
      const atRisk =
        (proposal.value !== null && RISK_MARKS.has(proposal.value)) ||
        (set !== null && RISK_MARKS.has(set));
      if (proposal.average !== null) averages.push(proposal.average);
      setValues.push(set);
      const overview = overviews.get(student.id);
      if (!overview) continue;
      overview.subjects[course.id] = {
        courseId: course.id,
        average: proposal.average,
        marksCount: proposal.marksCount,
        proposal: proposal.value,
        explanation: proposal.explanation,
        set,
        deferred: set === null && !!entry?.deferral,
        atRisk,
      };
      if (atRisk) {
        overview.atRisk = true;
        overview.riskCourseIds.push(course.id);
      }
    }
    const stats = periodMarkStatistics(setValues);
    subjectRows.push({
      courseId: course.id,
      subject,
      group: course.groupId
        ? (classes.get(course.classId)?.groups.find((g) => g.id === course.groupId)?.name ?? null)
        : null,
      teacherId: course.teacherId,
      students: roster.length,
      classAverage: averages.length
        ? round2(averages.reduce((a, b) => a + b, 0) / averages.length)
        : null,
      setCount: setValues.filter((v) => v !== null).length,
      counts: stats.counts,
      successPercent: stats.successPercent,
      qualityPercent: stats.qualityPercent,
    });
  }

  const studentRows = [...overviews.values()];
  return {
    classId: input.classId,
    periodId: period.id,
    subjects: subjectRows,
    students: studentRows,
    atRisk: studentRows.filter((s) => s.atRisk).map((s) => s.studentId),
  };
}

export interface AveragePoint {
  date: string;
  average: number;
}

/**
 * The running weighted average of one student in one course, one point per date with marks
 * (after all that date's marks) — for a chart. Pass the period's lessons; dates with only
 * marks that carry no points (зачёт) add no point until the average exists.
 */
export function studentAverageSeries(
  lessons: readonly Lesson[],
  studentId: string,
  courseId: string,
  policy: GradingPolicy,
): AveragePoint[] {
  const items = studentMarks(
    lessons.filter((l) => l.courseId === courseId),
    studentId,
  );
  const points: AveragePoint[] = [];
  const seen: Mark[] = [];
  items.forEach((item, i) => {
    seen.push(item.mark);
    if (items[i + 1]?.date === item.date) return; // wait for the date's last mark
    const average = weightedAverage(seen, policy);
    // Rounded down to hundredths like the proposal's average, so the chart never shows 4,50 for 4,4999.
    if (average !== null)
      points.push({ date: item.date, average: Math.floor(average * 100 + 1e-9) / 100 });
  });
  return points;
}
