// The diary's week: day by day, each lesson of the child's courses with its time, topic, homework,
// the child's marks (work type and weight) and attendance, substitutions (замена) and cancelled
// lessons, holidays. Built from a child-only document source (child.ts).
import { addDays, formatDate, weekday } from '../dates';
import { MARK_LABELS } from '../grading-policy';
import { markWeight } from '../grading';
import { LESSON_TYPE_LABELS, type Lesson } from '../lesson';
import { isScheduledTest } from '../reports/test-schedule';
import type { DocumentSource } from '../documents/source';
import {
  bellTime,
  childContext,
  courseLessonsInRange,
  teacherShort,
  type ChildContext,
} from './child';

export interface DiaryMark {
  /** "5", "4−", "зач" */
  value: string;
  workType: string;
  weight: number;
  /** The teacher's comment (a recommendation), "" when none. */
  comment: string;
  isTest: boolean;
}

export interface DiaryLesson {
  lessonId: string;
  slot: number;
  /** "08:30–09:15" or "". */
  time: string;
  subject: string;
  /** The course's teacher, "Иванова М. П.". */
  teacher: string;
  /** Who held it instead (замена), or null. */
  substitute: string | null;
  cancelled: boolean;
  /** "Контрольная работа" for anything but a regular lesson, else null. */
  lessonType: string | null;
  isTest: boolean;
  topic: string;
  homework: string;
  marks: DiaryMark[];
  /** The child's attendance: code and its meaning, or null when present. */
  attendance: { code: string; label: string } | null;
}

export interface DiaryDay {
  date: string;
  /** "Понедельник, 30.11.2026" */
  title: string;
  isToday: boolean;
  /** The holiday's name when the day is in one ("Зимние каникулы"), else null. */
  holiday: string | null;
  lessons: DiaryLesson[];
}

export interface DiaryWeek {
  /** Monday and Sunday of the week. */
  start: string;
  end: string;
  /** "30.11.2026 – 06.12.2026" */
  label: string;
  prevStart: string;
  nextStart: string;
  containsToday: boolean;
  days: DiaryDay[];
}

export const WEEKDAY_NAMES = [
  'Понедельник',
  'Вторник',
  'Среда',
  'Четверг',
  'Пятница',
  'Суббота',
  'Воскресенье',
] as const;

/** The Monday of the week containing the date. */
export function weekStart(date: string): string {
  return addDays(date, -weekday(date));
}

export function diaryLesson(ctx: ChildContext, lesson: Lesson, subject: string): DiaryLesson {
  const { school } = ctx.source;
  const course = ctx.courses.find((c) => c.course.id === lesson.courseId)?.course;
  const entry = lesson.entries[ctx.student.id];
  const code = entry?.attendance ?? null;
  const known = code ? school.attendanceCodes.find((c) => c.code === code.trim()) : undefined;
  const workTypes = new Map(school.policy.workTypes.map((w) => [w.id, w]));
  const cancelled = lesson.status === 'cancelled';
  return {
    lessonId: lesson.id,
    slot: lesson.slot,
    time: bellTime(ctx, lesson.slot),
    subject,
    teacher: course ? teacherShort(ctx, course.teacherId) : '',
    substitute:
      course && lesson.teacherId !== course.teacherId ? teacherShort(ctx, lesson.teacherId) : null,
    cancelled,
    lessonType: lesson.lessonType === 'regular' ? null : LESSON_TYPE_LABELS[lesson.lessonType],
    isTest: isScheduledTest(lesson, school.policy),
    topic: lesson.topic,
    homework: lesson.homework,
    // A cancelled lesson keeps no marks (grading.ts studentMarks): show none.
    marks: cancelled
      ? []
      : (entry?.marks ?? []).map((m) => {
          const wt = workTypes.get(m.workTypeId);
          return {
            value: MARK_LABELS[m.value],
            workType: wt?.name ?? m.workTypeId,
            weight: markWeight(m.workTypeId, school.policy),
            comment: m.comment,
            isTest: wt?.isTest ?? false,
          };
        }),
    attendance: code && !cancelled ? { code, label: known?.label ?? 'отметка посещаемости' } : null,
  };
}

/** The lessons of the child's courses on the days from..to, by day. */
export function diaryDays(
  ctx: ChildContext,
  from: string,
  to: string,
  today: string,
  options: { skipEmptyWeekend?: boolean } = {},
): DiaryDay[] {
  const byDate = new Map<string, DiaryLesson[]>();
  for (const { course, subject } of ctx.courses) {
    for (const lesson of courseLessonsInRange(ctx, course.id, from, to)) {
      const list = byDate.get(lesson.date) ?? [];
      list.push(diaryLesson(ctx, lesson, subject.name));
      byDate.set(lesson.date, list);
    }
  }
  const days: DiaryDay[] = [];
  for (let d = from; d <= to; d = addDays(d, 1)) {
    const lessons = (byDate.get(d) ?? []).sort(
      (a, b) => a.slot - b.slot || a.subject.localeCompare(b.subject, 'ru'),
    );
    const wd = weekday(d);
    if (options.skipEmptyWeekend && wd >= 5 && lessons.length === 0) continue;
    const holiday = ctx.source.school.year.holidays.find((h) => h.start <= d && d <= h.end);
    days.push({
      date: d,
      title: `${WEEKDAY_NAMES[wd]}, ${formatDate(d)}`,
      isToday: d === today,
      holiday: holiday?.name ?? null,
      lessons,
    });
  }
  return days;
}

/** The week (Monday to Sunday) containing `date`; Saturday and Sunday only when they have lessons. */
export function diaryWeek(
  source: DocumentSource,
  studentId: string,
  date: string,
  today: string,
): DiaryWeek {
  const ctx = childContext(source, studentId);
  const start = weekStart(date);
  const end = addDays(start, 6);
  return {
    start,
    end,
    label: `${formatDate(start)} – ${formatDate(end)}`,
    prevStart: addDays(start, -7),
    nextStart: addDays(start, 7),
    containsToday: start <= today && today <= end,
    days: diaryDays(ctx, start, end, today, { skipEmptyWeekend: true }),
  };
}
