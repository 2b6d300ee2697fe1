// The month's replacement and cancellation report for the payroll: per lesson replaced, not held or moved, and per teacher the lessons held by them, for others, by others, not held.
import { shortName, type PersonName } from '../common';
import type { Course } from '../course';
import type { Lesson } from '../lesson';
import { isReplaced, scheduledTeacherOf } from '../lesson-changes';
import type { Subject } from '../school';
import type { SchoolClass } from '../school-class';
import { compareRu } from './report-utils';

export interface SubstitutionReportInput {
  /** "2026-12" */
  month: string;
  /** Lessons after this date are not counted (today, for the running month); absent = the month's end. */
  until?: string;
  lessons: readonly Lesson[];
  courses: readonly Pick<Course, 'id' | 'classId' | 'subjectId' | 'teacherId'>[];
  classes: readonly Pick<SchoolClass, 'id' | 'name'>[];
  subjects: readonly Pick<Subject, 'id' | 'name'>[];
  staff: readonly (PersonName & { id: string })[];
}

export type SubstitutionRowKind = 'replaced' | 'notHeld' | 'moved';

export interface SubstitutionRow {
  kind: SubstitutionRowKind;
  lessonId: string;
  date: string;
  slot: number;
  className: string;
  subject: string;
  /** The teacher the timetable gives the lesson to. */
  teacherId: string;
  teacher: string;
  /** Who held it instead (replaced only). */
  substituteId: string | null;
  substitute: string;
  /** The substitution's or the cancellation's reason; for a move, where it went. */
  reason: string;
}

export interface TeacherMonth {
  teacherId: string;
  teacher: string;
  /** Their own lessons they held themselves. */
  heldOwn: number;
  /** Lessons of others they held as a substitute. */
  heldForOthers: number;
  /** Their own lessons held by a substitute. */
  replaced: number;
  /** Their own lessons not held (cancelled, not moved). */
  notHeld: number;
}

export interface SubstitutionReport {
  month: string;
  from: string;
  to: string;
  rows: SubstitutionRow[];
  teachers: TeacherMonth[];
}

function monthEnd(month: string): string {
  const [y, m] = month.split('-').map(Number) as [number, number];
  const last = new Date(Date.UTC(y, m, 0)).getUTCDate();
  return `${month}-${String(last).padStart(2, '0')}`;
}

export function buildSubstitutionReport(input: SubstitutionReportInput): SubstitutionReport {
  if (!/^\d{4}-(0[1-9]|1[0-2])$/.test(input.month)) {
    throw new Error(`Месяц должен быть в формате ГГГГ-ММ, получено «${input.month}»`);
  }
  const from = `${input.month}-01`;
  const end = monthEnd(input.month);
  const to = input.until && input.until < end ? input.until : end;
  const courses = new Map(input.courses.map((c) => [c.id, c]));
  const classes = new Map(input.classes.map((c) => [c.id, c.name]));
  const subjects = new Map(input.subjects.map((s) => [s.id, s.name]));
  const staff = new Map(input.staff.map((s) => [s.id, shortName(s)]));
  const name = (id: string) => staff.get(id) ?? id;
  const totals = new Map<string, TeacherMonth>();
  const totalOf = (id: string): TeacherMonth => {
    let t = totals.get(id);
    if (!t) {
      t = {
        teacherId: id,
        teacher: name(id),
        heldOwn: 0,
        heldForOthers: 0,
        replaced: 0,
        notHeld: 0,
      };
      totals.set(id, t);
    }
    return t;
  };

  const rows: SubstitutionRow[] = [];
  for (const lesson of input.lessons) {
    if (lesson.date < from || lesson.date > to) continue;
    const course = courses.get(lesson.courseId);
    const own = scheduledTeacherOf(lesson, course);
    const base = {
      lessonId: lesson.id,
      date: lesson.date,
      slot: lesson.slot,
      className: classes.get(lesson.classId) ?? lesson.classId,
      subject: subjects.get(course?.subjectId ?? '') ?? course?.subjectId ?? '',
      teacherId: own,
      teacher: name(own),
    };
    if (lesson.status === 'cancelled') {
      if (lesson.movedTo) {
        rows.push({
          ...base,
          kind: 'moved',
          substituteId: null,
          substitute: '',
          reason: lesson.cancelReason ?? '',
        });
      } else {
        totalOf(own).notHeld += 1;
        rows.push({
          ...base,
          kind: 'notHeld',
          substituteId: null,
          substitute: '',
          reason: lesson.cancelReason ?? '',
        });
      }
      continue;
    }
    if (isReplaced(lesson, course)) {
      totalOf(own).replaced += 1;
      totalOf(lesson.teacherId).heldForOthers += 1;
      rows.push({
        ...base,
        kind: 'replaced',
        substituteId: lesson.teacherId,
        substitute: name(lesson.teacherId),
        reason: lesson.substitution?.reason ?? '',
      });
    } else {
      totalOf(own).heldOwn += 1;
    }
  }
  rows.sort(
    (a, b) =>
      (a.date < b.date ? -1 : a.date > b.date ? 1 : 0) ||
      a.slot - b.slot ||
      compareRu(a.className, b.className) ||
      (a.lessonId < b.lessonId ? -1 : 1),
  );
  const teachers = [...totals.values()].sort(
    (a, b) => compareRu(a.teacher, b.teacher) || (a.teacherId < b.teacherId ? -1 : 1),
  );
  return { month: input.month, from, to, rows, teachers };
}
