// What a lesson holds (marks, attendance, topic, homework), and the rule built on it: a lesson
// added by mistake may be removed while it is empty; one holding anything can only be cancelled.
import { pluralRu } from './documents/number-words';
import type { Lesson } from './lesson';

export interface LessonContents {
  marks: number;
  /** Cells with an attendance code (н, б, оп…). */
  attendance: number;
  topic: boolean;
  homework: boolean;
}

export function lessonContents(
  lesson: Pick<Lesson, 'entries' | 'topic' | 'homework'>,
): LessonContents {
  let marks = 0;
  let attendance = 0;
  for (const entry of Object.values(lesson.entries)) {
    marks += entry.marks.length;
    if (entry.attendance) attendance++;
  }
  return {
    marks,
    attendance,
    topic: lesson.topic.trim() !== '',
    homework: lesson.homework.trim() !== '',
  };
}

export function isEmptyLesson(c: LessonContents): boolean {
  return c.marks === 0 && c.attendance === 0 && !c.topic && !c.homework;
}

/** «20 отметок, 3 пропуска, тема, домашнее задание»; «ничего» for an empty lesson. */
export function describeContents(c: LessonContents): string {
  const parts: string[] = [];
  if (c.marks > 0) parts.push(`${c.marks} ${pluralRu(c.marks, ['отметка', 'отметки', 'отметок'])}`);
  if (c.attendance > 0)
    parts.push(`${c.attendance} ${pluralRu(c.attendance, ['пропуск', 'пропуска', 'пропусков'])}`);
  if (c.topic) parts.push('тема');
  if (c.homework) parts.push('домашнее задание');
  return parts.length > 0 ? parts.join(', ') : 'ничего';
}

/**
 * Why a lesson may not be removed, or null. Removing is for a lesson added by mistake (wrong date
 * or number) that holds nothing; a lesson with marks, attendance, a topic or homework is a journal
 * record and can only be cancelled (its entries stay on record, out of the averages).
 */
export function lessonRemovalRefusal(
  lesson: Pick<Lesson, 'entries' | 'topic' | 'homework'>,
): string | null {
  const c = lessonContents(lesson);
  if (isEmptyLesson(c)) return null;
  return `Урок нельзя удалить: в нём есть ${describeContents(c)}. Такой урок можно только отменить`;
}
