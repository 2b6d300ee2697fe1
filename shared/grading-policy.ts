// The school's grading policy: mark scale, work types with weights, rounding thresholds, attestation minimums.
import { z } from 'zod';
import { IdSchema } from './common';

/** A mark in a lesson cell. Modifiers (5−, 4+…) exist only where the school allows them. */
export const LessonMarkValueSchema = z.enum([
  '5',
  '4',
  '3',
  '2',
  '1',
  '5-',
  '4+',
  '4-',
  '3+',
  '3-',
  '2+',
  'pass',
  'fail',
]);
export type LessonMarkValue = z.infer<typeof LessonMarkValueSchema>;

/** A period, year, exam or final mark: a number, зачёт/незачёт, н/а (not attested) or осв. (exempt). */
export const PeriodMarkValueSchema = z.enum([
  '5',
  '4',
  '3',
  '2',
  '1',
  'pass',
  'fail',
  'notAttested',
  'exempt',
]);
export type PeriodMarkValue = z.infer<typeof PeriodMarkValueSchema>;

/** How marks are shown to teachers and printed. */
export const MARK_LABELS: Record<LessonMarkValue | PeriodMarkValue, string> = {
  '5': '5',
  '4': '4',
  '3': '3',
  '2': '2',
  '1': '1',
  '5-': '5−',
  '4+': '4+',
  '4-': '4−',
  '3+': '3+',
  '3-': '3−',
  '2+': '2+',
  pass: 'зач',
  fail: 'незач',
  notAttested: 'н/а',
  exempt: 'осв',
};

/** Kind of work a mark was given for (ответ на уроке, контрольная…); its weight enters the average. */
export const WorkTypeSchema = z.object({
  id: IdSchema,
  name: z.string().min(1, 'Укажите название вида работы').max(80),
  /** Two-five letters for narrow grid headers: "отв.", "к/р" (a cut word ends with a period). */
  short: z.string().min(1, 'Укажите сокращение').max(6, 'Сокращение — не длиннее 6 знаков'),
  weight: z
    .number()
    .min(0.1, 'Вес должен быть больше 0: от 0,1 до 10')
    .max(10, 'Вес — не больше 10'),
  /** Control works are what the test-schedule rules and the "tests stand out" styling are about. */
  isTest: z.boolean().default(false),
});
export type WorkType = z.infer<typeof WorkTypeSchema>;

export const GradingPolicySchema = z.object({
  allowOne: z.boolean().default(true),
  allowModifiers: z.boolean().default(false),
  /** What a modifier adds to the mark in averages: 4+ = 4 + delta, 4− = 4 − delta. */
  modifierDelta: z.number().min(0).max(0.5).default(0.25),
  workTypes: z.array(WorkTypeSchema).min(1).max(40),
  defaultWorkTypeId: IdSchema,
  /** Lowest weighted average that proposes 5, 4 and 3 (e.g. 4.5 / 3.5 / 2.5 or 4.65 / 3.65 / 2.65). */
  thresholds: z
    .object({
      five: z.number().min(1).max(5),
      four: z.number().min(1).max(5),
      three: z.number().min(1).max(5),
    })
    .refine((t) => t.five > t.four && t.four > t.three, 'Пороги должны убывать: 5 > 4 > 3'),
  attestation: z.object({
    /** Fewer marks than this in a period → the proposal is н/а. */
    minMarks: z.object({
      quarter: z.number().int().min(0).max(20),
      halfYear: z.number().int().min(0).max(30),
      trimester: z.number().int().min(0).max(30),
    }),
    /** A larger share of missed lessons than this → the proposal is н/а (0.5 = half the lessons). */
    maxMissedShare: z.number().min(0).max(1),
  }),
});
export type GradingPolicy = z.infer<typeof GradingPolicySchema>;

export const DEFAULT_GRADING_POLICY: GradingPolicy = {
  allowOne: true,
  allowModifiers: false,
  modifierDelta: 0.25,
  workTypes: [
    { id: 'oral', name: 'Ответ на уроке', short: 'отв.', weight: 1, isTest: false },
    { id: 'classwork', name: 'Работа на уроке', short: 'р/у', weight: 1, isTest: false },
    { id: 'homework', name: 'Домашняя работа', short: 'д/р', weight: 1, isTest: false },
    { id: 'independent', name: 'Самостоятельная работа', short: 'с/р', weight: 2, isTest: false },
    { id: 'dictation', name: 'Диктант', short: 'дикт.', weight: 2, isTest: false },
    { id: 'practical', name: 'Практическая работа', short: 'п/р', weight: 2, isTest: false },
    { id: 'lab', name: 'Лабораторная работа', short: 'л/р', weight: 2, isTest: false },
    { id: 'test', name: 'Контрольная работа', short: 'к/р', weight: 3, isTest: true },
  ],
  defaultWorkTypeId: 'oral',
  thresholds: { five: 4.5, four: 3.5, three: 2.5 },
  attestation: { minMarks: { quarter: 3, halfYear: 5, trimester: 4 }, maxMissedShare: 0.5 },
};
