// The journal page's lesson columns: header text and styling facts derived from the lessons.
import type { GradingPolicy } from '../../shared/grading-policy';
import { isTestLesson, LESSON_TYPE_LABELS, type Lesson } from '../../shared/lesson';
import { dayMonth } from '../lib/dates';

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
  /** Header tooltip: type, work type, topic. */
  title: string;
}

export function lessonColumns(lessons: readonly Lesson[], policy: GradingPolicy): LessonColumn[] {
  return lessons.map((lesson, i) => {
    const workType = policy.workTypes.find((w) => w.id === lesson.workTypeId);
    const isTest = isTestLesson(lesson.lessonType) || workType?.isTest === true;
    const title = [
      LESSON_TYPE_LABELS[lesson.lessonType],
      workType ? `вид работы: ${workType.name}` : '',
      lesson.status === 'cancelled' ? 'урок отменён' : '',
      lesson.topic,
    ]
      .filter(Boolean)
      .join('. ');
    return {
      lessonId: lesson.id,
      date: lesson.date,
      label: dayMonth(lesson.date),
      repeatOfDate: i > 0 && lessons[i - 1]?.date === lesson.date,
      cancelled: lesson.status === 'cancelled',
      isTest,
      badge: workType?.short ?? (isTest ? 'к/р' : ''),
      title,
    };
  });
}

/** A string that changes exactly when some column's header would look different. */
export function columnsKey(columns: readonly LessonColumn[]): string {
  return columns
    .map((c) => `${c.lessonId}|${c.cancelled ? 1 : 0}|${c.isTest ? 1 : 0}|${c.badge}|${c.title}`)
    .join('\n');
}
