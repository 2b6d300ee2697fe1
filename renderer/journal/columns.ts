// The journal page's lesson columns: header text and styling facts derived from the lessons.
import type { GradingPolicy } from '../../shared/grading-policy';
import { isTestLesson, LESSON_TYPE_LABELS, type Lesson } from '../../shared/lesson';
import { formatDayMonth, todayIso } from '../../shared/dates';

export interface LessonColumn {
  lessonId: string;
  date: string;
  /** "12.09" */
  label: string;
  /** Second lesson of a date: "12.09" again, with a marker in the header. */
  repeatOfDate: boolean;
  cancelled: boolean;
  isTest: boolean;
  /** Short work type of the column ("к/р") or the lesson type for tests. */
  badge: string;
  /** Header tooltip: type, work type, topic (and why the lesson is read-only). */
  title: string;
  /** Why the signed-in person may only read this lesson (shared/lesson-rights.ts), or null. */
  readOnly: string | null;
  /** The lesson is today's (the column is marked «сегодня»). */
  today: boolean;
}

/**
 * The column a journal page opens on: today's first lesson, otherwise the next lesson after
 * today, otherwise the last one before it (a period that has ended). -1 without lessons.
 */
export function nearestLessonIndex(lessons: readonly { date: string }[], today: string): number {
  if (lessons.length === 0) return -1;
  const next = lessons.findIndex((l) => l.date >= today);
  return next === -1 ? lessons.length - 1 : next;
}

/**
 * `refusalOf` says why a lesson may only be read (another teacher's lesson in a course the user
 * substitutes in), or null when its cells may be written.
 */
export function lessonColumns(
  lessons: readonly Lesson[],
  policy: GradingPolicy,
  refusalOf: (lesson: Lesson) => string | null = () => null,
  today: string = todayIso(),
): LessonColumn[] {
  return lessons.map((lesson, i) => {
    const readOnly = refusalOf(lesson);
    const workType = policy.workTypes.find((w) => w.id === lesson.workTypeId);
    const isTest = isTestLesson(lesson.lessonType) || workType?.isTest === true;
    const title = [
      LESSON_TYPE_LABELS[lesson.lessonType],
      workType ? `Вид работы: ${workType.name}` : '',
      lesson.status === 'cancelled' ? 'Урок отменён' : '',
      lesson.topic,
      readOnly ? `Только просмотр: ${readOnly.toLocaleLowerCase('ru')}` : '',
    ]
      .filter(Boolean)
      .join('. ');
    return {
      lessonId: lesson.id,
      date: lesson.date,
      label: formatDayMonth(lesson.date),
      repeatOfDate: i > 0 && lessons[i - 1]?.date === lesson.date,
      cancelled: lesson.status === 'cancelled',
      isTest,
      badge: workType?.short ?? (isTest ? 'к/р' : ''),
      title,
      readOnly,
      today: lesson.date === today,
    };
  });
}
