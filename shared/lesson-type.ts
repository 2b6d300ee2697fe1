// Lesson types (обычный урок, контрольная работа…): their Russian names and which ones are test-like.
import { z } from 'zod';

export const LessonTypeSchema = z.enum([
  'regular',
  'test',
  'practical',
  'lab',
  'dictation',
  'excursion',
  'review',
]);
export type LessonType = z.infer<typeof LessonTypeSchema>;

export const LESSON_TYPE_LABELS: Record<LessonType, string> = {
  regular: 'Обычный урок',
  test: 'Контрольная работа',
  practical: 'Практическая работа',
  lab: 'Лабораторная работа',
  dictation: 'Диктант',
  excursion: 'Экскурсия',
  review: 'Повторение',
};

/** Test-like lessons stand out in the grid and are checked against the federal test-schedule rules. */
export function isTestLesson(type: LessonType): boolean {
  return type === 'test' || type === 'dictation';
}
