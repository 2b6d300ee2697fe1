// A lesson: one document per lesson holding its topic, homework, type, status, who held it, and every student's marks and attendance.
import { z } from 'zod';
import { DocumentBaseSchema, IdSchema, IsoDateSchema, TextSchema } from './common';
import { LessonMarkValueSchema } from './grading-policy';

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

export const LessonStatusSchema = z.enum(['held', 'cancelled']);
export type LessonStatus = z.infer<typeof LessonStatusSchema>;

export const MarkSchema = z.object({
  value: LessonMarkValueSchema,
  workTypeId: IdSchema,
  comment: TextSchema(500).default(''),
});
export type Mark = z.infer<typeof MarkSchema>;

/** One student's cell: several marks (oral answer and a written test) and an attendance code. */
export const LessonEntrySchema = z.object({
  marks: z.array(MarkSchema).max(6),
  /** An attendance code of the school ("н", "б", "оп"…) or null when present. */
  attendance: z.string().min(1).max(3).nullable(),
});
export type LessonEntry = z.infer<typeof LessonEntrySchema>;

export const OffTimetableSchema = z.object({
  /** The "valid from" of the timetable version that no longer has this lesson. */
  since: IsoDateSchema,
});
export type OffTimetable = z.infer<typeof OffTimetableSchema>;

export const SubstitutionSchema = z.object({
  /** The teacher the timetable gives the lesson to (absent: illness, course, leave). */
  absentTeacherId: IdSchema,
  /** "болезнь", "курсы повышения квалификации" */
  reason: TextSchema(200),
});
export type Substitution = z.infer<typeof SubstitutionSchema>;

export const LessonSchema = DocumentBaseSchema.extend({
  courseId: IdSchema,
  classId: IdSchema,
  date: IsoDateSchema,
  /** Lesson number in the day (1 = first lesson); a double lesson is two documents. */
  slot: z.number().int().min(0).max(12),
  /** Who held it: the course's teacher or a substitute (замена). */
  teacherId: IdSchema,
  lessonType: LessonTypeSchema,
  status: LessonStatusSchema,
  /** The work type marks of this column get unless the teacher picks another per mark. */
  workTypeId: IdSchema.nullable(),
  topic: TextSchema(4000),
  homework: TextSchema(4000),
  /** Keyed by student id; each entry is its own stamped part ("entries.<studentId>"). */
  entries: z.record(IdSchema, LessonEntrySchema),
  // Added with the timetable (lessons v1). Optional, absent = none: a stored lesson without them
  // stays unchanged when a desktop re-parses it.
  /**
   * Set by the server when a timetable change left this lesson outside the timetable while it holds
   * data (or is in the past): its teacher moves or cancels it. `null` once the teacher keeps it.
   */
  offTimetable: OffTimetableSchema.nullable().optional(),
  /** Замена: whose lesson this was; `teacherId` is the substitute who holds it. */
  substitution: SubstitutionSchema.nullable().optional(),
  /** Why the lesson was not held (карантин, актированный день, болезнь учителя). */
  cancelReason: TextSchema(200).optional(),
  /** Перенос: the lesson this one replaces (fixed at creation). */
  movedFrom: IdSchema.optional(),
  /** Перенос: the lesson this cancelled one was moved to. */
  movedTo: IdSchema.nullable().optional(),
});
export type Lesson = z.infer<typeof LessonSchema>;

/** Lessons in journal order: by date, then by slot. */
export function compareLessons(
  a: Pick<Lesson, 'date' | 'slot' | 'id'>,
  b: Pick<Lesson, 'date' | 'slot' | 'id'>,
): number {
  return a.date < b.date
    ? -1
    : a.date > b.date
      ? 1
      : a.slot - b.slot || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0);
}
