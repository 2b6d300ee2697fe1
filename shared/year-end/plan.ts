// The year transition's plan: what the deputy reviewed in the wizard and the server applies — next
// year's calendar and periods, classes, each student's movement, what is copied — and the wire
// types of POST /api/v1/school/year-transition and of its undo (…/year-transition/undo).
import { z } from 'zod';
import { IdSchema, IsoDateSchema } from '../common';
import { AcademicYearSchema } from '../academic-year';
import { PeriodSchema } from '../period';
import { ClassGroupSchema } from '../school-class';
import { PeriodSchemeSchema } from '../period';
import { OrderSchema } from '../school-years';

export const TransitionClassSchema = z.object({
  id: IdSchema,
  grade: z.number().int().min(1).max(11),
  letter: z.string().trim().min(1, 'Укажите букву класса').max(3),
  name: z.string().trim().min(1).max(8),
  periodScheme: PeriodSchemeSchema,
  classTeacherId: IdSchema.or(z.literal('')),
  fromClassId: IdSchema.nullable(),
  /** Other classes of this year merged into it (their students come too): merge-split.ts. */
  mergedFromClassIds: z.array(IdSchema).max(10).optional(),
  groups: z.array(ClassGroupSchema).max(20),
});
export type TransitionClass = z.infer<typeof TransitionClassSchema>;

export const TransitionMovementSchema = z.object({
  studentId: IdSchema,
  kind: z.enum(['promoted', 'conditional', 'keptBack', 'graduated', 'left']),
  toClassId: IdSchema.nullable(),
  debts: z.array(z.object({ subjectId: IdSchema, due: IsoDateSchema })).max(30),
});
export type TransitionMovement = z.infer<typeof TransitionMovementSchema>;

export const TransitionPeriodSchema = PeriodSchema.omit({ stamps: true });

export const YearTransitionPlanSchema = z.object({
  /** The year being finished: must be the school's open year. */
  fromYearId: IdSchema,
  nextYear: AcademicYearSchema,
  periods: z.array(TransitionPeriodSchema).max(40),
  classes: z.array(TransitionClassSchema).max(300),
  movements: z.array(TransitionMovementSchema).max(5000),
  /** The order (приказ) the movements and the closing rest on. */
  order: OrderSchema,
  /** Copy the curriculum (courses) for next year's classes. */
  copyCurriculum: z.boolean(),
  /** A class keeps the teacher of each subject it had (else the teacher of the parallel). */
  keepTeachers: z.boolean(),
  /** Copy each class's timetable as a draft valid from next year's first day. */
  copyTimetable: z.boolean(),
});
export type YearTransitionPlan = z.infer<typeof YearTransitionPlanSchema>;

/** What the transition wrote (or, in preview, would write). */
export interface YearTransitionResult {
  mode: 'preview' | 'commit';
  counts: {
    periods: number;
    classes: number;
    courses: number;
    timetables: number;
    students: number;
    periodMarks: number;
  };
  /** Debts not placed: the new class does not study the subject. */
  unplacedDebts: { studentId: string; subjectId: string }[];
}

/** What the undo of the last transition removes and restores (or, in preview, would). */
export interface YearUndoResult {
  mode: 'preview' | 'commit';
  /** The year that is current again ("2026/2027") and the one removed ("2027/2028"). */
  reopened: string;
  removed: string;
  counts: Record<
    'periods' | 'classes' | 'courses' | 'timetables' | 'lessons' | 'periodMarks' | 'students',
    number
  >;
}
