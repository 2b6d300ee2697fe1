// Wire types of the school set-up routes (/api/v1/school/…): imports with preview and commit, substitutions, перенос, a day's cancellation, regeneration, the month's replacement report. Both ends use them.
import { z } from 'zod';
import { IdSchema, IsoDateSchema } from './common';
import { SlotSchema } from './bells';

export const IMPORT_KINDS = ['roster', 'staff', 'timetable'] as const;
export const ImportKindSchema = z.enum(IMPORT_KINDS);
export type ImportKind = z.infer<typeof ImportKindSchema>;

/**
 * POST /api/v1/school/import/:kind?mode=preview|commit[&format=asc|csv|xlsx][&validFrom=][&name=]
 * with the file's bytes as the body (Content-Type: application/octet-stream, at most 10 MB).
 * Without `format` the server recognizes the file (XML, XLSX, otherwise CSV).
 */
export const ImportQuerySchema = z.object({
  mode: z.enum(['preview', 'commit']),
  format: z.enum(['asc', 'csv', 'xlsx']).optional(),
  /** Timetable only: the first day the imported timetable is in force (default: see docs). */
  validFrom: IsoDateSchema.optional(),
  /** Timetable only: "Основное расписание", "С 15 января". */
  name: z.string().trim().max(80).optional(),
});
export type ImportQuery = z.infer<typeof ImportQuerySchema>;

/** Lessons a change writes: created, brought back, removed (empty only), flagged, unflagged, handed to a course's new teacher. */
export const LessonChangesSchema = z.object({
  created: z.number().int(),
  revived: z.number().int(),
  removed: z.number().int(),
  flagged: z.number().int(),
  unflagged: z.number().int(),
  retargeted: z.number().int(),
});
export type LessonChanges = z.infer<typeof LessonChangesSchema>;

export const ImportResultSchema = z.object({
  kind: ImportKindSchema,
  mode: z.enum(['preview', 'commit']),
  /** True only when the commit wrote everything; an import with errors writes nothing. */
  committed: z.boolean(),
  /** "aSc Timetables 2012 XML", "CSV", "XLSX" */
  format: z.string(),
  encoding: z.string(),
  /** Row errors in Russian ("Строка 14: не указан класс"); any error means nothing is written. */
  errors: z.array(z.string()),
  warnings: z.array(z.string()),
  /** Documents created or changed per collection ("students" → 28). */
  documents: z.record(z.string(), z.number().int()),
  /** Roster and staff: the names the rows give, in file order. */
  names: z.array(z.string()),
  /** Timetable: what the import brings. */
  timetable: z
    .object({
      validFrom: IsoDateSchema,
      timetables: z.number().int(),
      replacedVersions: z.number().int(),
      subjectsAdded: z.array(z.string()),
      groupsAdded: z.array(z.string()),
      coursesCreated: z.number().int(),
      coursesRetaught: z.number().int(),
      lessonsPerWeek: z.record(z.string(), z.number().int()),
    })
    .nullable(),
  /** Timetable: the lessons the commit writes (or wrote). */
  lessons: LessonChangesSchema.nullable(),
});
export type ImportResult = z.infer<typeof ImportResultSchema>;

/** POST /api/v1/school/substitutions — one lesson, several, or a teacher's lessons of a date range. */
export const SubstitutionRequestSchema = z
  .object({
    lessonIds: z.array(IdSchema).min(1).max(500).optional(),
    /** The absent teacher: their lessons by the timetable from `from` to `to`. */
    teacherId: IdSchema.optional(),
    from: IsoDateSchema.optional(),
    to: IsoDateSchema.optional(),
    /** The substitute; null gives the lessons back to their own teacher. */
    substituteId: IdSchema.nullable(),
    reason: z.string().trim().max(200, 'Причина — не длиннее 200 знаков').default(''),
  })
  .refine(
    (r) =>
      r.lessonIds !== undefined ||
      (r.teacherId !== undefined && r.from !== undefined && r.to !== undefined),
    'Укажите уроки или учителя и даты (с какого по какое число)',
  )
  .refine((r) => !r.from || !r.to || r.from <= r.to, 'Дата «по» раньше даты «с»')
  .refine(
    (r) => !r.from || !r.to || Date.parse(r.to) - Date.parse(r.from) <= 92 * 86_400_000,
    'Не больше трёх месяцев за один раз',
  );
export type SubstitutionRequest = z.infer<typeof SubstitutionRequestSchema>;

export const SkippedLessonSchema = z.object({ lessonId: IdSchema, reason: z.string() });

export const LessonsChangedSchema = z.object({
  /** Ids of the lessons written. */
  changed: z.array(IdSchema),
  skipped: z.array(SkippedLessonSchema),
});
export type LessonsChanged = z.infer<typeof LessonsChangedSchema>;

/** POST /api/v1/school/lessons/move — перенос (deputy, or the course's teacher). */
export const MoveLessonRequestSchema = z.object({
  lessonId: IdSchema,
  date: IsoDateSchema,
  slot: SlotSchema,
});
export type MoveLessonRequest = z.infer<typeof MoveLessonRequestSchema>;

export const MoveLessonResultSchema = z.object({
  /** The new lesson at the target (movedFrom → the old one). */
  movedTo: IdSchema,
  /** The old lesson, now cancelled (movedTo → the new one). */
  lessonId: IdSchema,
});
export type MoveLessonResult = z.infer<typeof MoveLessonResultSchema>;

/** POST /api/v1/school/lessons/cancel-day — карантин, актированный день: all lessons of classes (or the school) on a date. */
export const CancelDayRequestSchema = z.object({
  date: IsoDateSchema,
  /** Absent: the whole school. */
  classIds: z.array(IdSchema).min(1).max(100).optional(),
  reason: z.string().trim().min(1, 'Укажите причину (карантин, актированный день…)').max(200),
  /** false brings back the lessons a day's cancellation cancelled. */
  cancel: z.boolean().default(true),
});
export type CancelDayRequest = z.infer<typeof CancelDayRequestSchema>;

/** POST /api/v1/school/lessons/regenerate — after set-up corrections: lessons follow the timetable again. */
export const RegenerateRequestSchema = z.object({
  classIds: z.array(IdSchema).min(1).max(100).optional(),
  /** Default: today. */
  from: IsoDateSchema.optional(),
});
export type RegenerateRequest = z.infer<typeof RegenerateRequestSchema>;

/**
 * POST /api/v1/school/timetables/publish — the current year's draft timetables (next year's copy
 * made by the year transition) put in force: of the classes named, or of every class.
 */
export const PublishTimetablesRequestSchema = z.object({
  classIds: z.array(IdSchema).min(1).max(300).optional(),
});
export type PublishTimetablesRequest = z.infer<typeof PublishTimetablesRequestSchema>;

export const PublishTimetablesResultSchema = z.object({
  /** Names of the classes whose drafts were put in force ("6А"). */
  classes: z.array(z.string()),
  timetables: z.number().int(),
  lessons: LessonChangesSchema,
});
export type PublishTimetablesResult = z.infer<typeof PublishTimetablesResultSchema>;

/** GET /api/v1/school/reports/substitutions?month=2026-12 — answers shared/reports/substitutions.ts's SubstitutionReport. */
export const SubstitutionReportQuerySchema = z.object({
  month: z.string().regex(/^\d{4}-(0[1-9]|1[0-2])$/, 'Месяц в формате ГГГГ-ММ'),
});
