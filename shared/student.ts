// A student of a class with their guardians (parents or legal representatives) and contacts.
import { z } from 'zod';
import {
  DocumentBaseSchema,
  GenderSchema,
  IdSchema,
  IsoDateSchema,
  PersonNameSchema,
  TextSchema,
} from './common';

export const GuardianKindSchema = z.enum(['mother', 'father', 'guardian', 'other']);
export type GuardianKind = z.infer<typeof GuardianKindSchema>;

export const GUARDIAN_KIND_LABELS: Record<GuardianKind, string> = {
  mother: 'мать',
  father: 'отец',
  guardian: 'опекун',
  other: 'законный представитель',
};

/** An identity document (паспорт) as 152-ФЗ art. 9 part 4 asks for it: series, number, date and issuer. */
export const IdentityDocumentSchema = z.object({
  /** "паспорт гражданина Российской Федерации"; empty = not recorded. */
  kind: z.string().max(80).default(''),
  series: z.string().max(12).default(''),
  number: z.string().max(20).default(''),
  issuedOn: IsoDateSchema.or(z.literal('')).default(''),
  issuedBy: z.string().max(300).default(''),
});
export type IdentityDocument = z.infer<typeof IdentityDocumentSchema>;

export const EMPTY_IDENTITY_DOCUMENT: IdentityDocument = {
  kind: '',
  series: '',
  number: '',
  issuedOn: '',
  issuedBy: '',
};

export const GuardianSchema = z.object({
  ...PersonNameSchema.shape,
  kind: GuardianKindSchema,
  phone: z.string().max(40).default(''),
  email: z.string().max(120).default(''),
  /** Registered address, as printed in the consent form. */
  address: z.string().max(300).default(''),
  /** The guardian's own identity document (printed in the consent; personal data). */
  identityDocument: IdentityDocumentSchema.default(EMPTY_IDENTITY_DOCUMENT),
  /**
   * The document confirming the authority to represent the child: for a parent usually the
   * child's birth certificate ("свидетельство о рождении II-АБ № 123456 от 12.03.2015").
   */
  authorityDocument: z.string().max(300).default(''),
});
export type Guardian = z.infer<typeof GuardianSchema>;

export const StudentStatusSchema = z.enum(['active', 'left']);

/**
 * Movements (движение обучающихся): during the year `enrolled` (arrived from another school),
 * `left` (the school) and `transfer` (another class); at the year's end `promoted`, `conditional`
 * (promoted with academic debt, 273-ФЗ art. 58 part 8), `keptBack` (part 9) and `graduated`.
 */
export const MovementKindSchema = z.enum([
  'enrolled',
  'left',
  'transfer',
  'promoted',
  'conditional',
  'keptBack',
  'graduated',
]);
export type MovementKind = z.infer<typeof MovementKindSchema>;

export const MOVEMENT_LABELS: Record<MovementKind, string> = {
  enrolled: 'прибыл из другой школы',
  left: 'выбыл',
  transfer: 'переведён в другой класс',
  promoted: 'переведён в следующий класс',
  conditional: 'переведён условно',
  keptBack: 'оставлен на повторное обучение',
  graduated: 'окончил обучение',
};

/**
 * A movement out of a class (or, `enrolled`, into one from outside the school), on a date, by the
 * school's order (приказ) of that number. Kept with the student for the book of movements and the
 * archive.
 */
export const StudentMovementSchema = z
  .object({
    kind: MovementKindSchema,
    date: IsoDateSchema,
    orderNumber: TextSchema(40).refine((s) => s.trim() !== '', 'Укажите номер приказа'),
    /** The class left; null only for `enrolled` (the student came from another school). */
    fromClassId: IdSchema.nullable(),
    /** The class transferred or enrolled to; null when the student left the school. */
    toClassId: IdSchema.nullable(),
    /** Subjects in academic debt of a conditional promotion (absent on other movements). */
    debts: z.array(IdSchema).max(30).optional(),
  })
  .refine((m) => (m.kind === 'enrolled') === (m.fromClassId === null), {
    message: 'Класс, из которого выбыл ученик, указывается у каждого движения, кроме прибытия',
    path: ['fromClassId'],
  })
  .refine((m) => m.kind !== 'enrolled' || m.toClassId !== null, {
    message: 'Укажите класс, в который прибыл ученик',
    path: ['toClassId'],
  });
export type StudentMovement = z.infer<typeof StudentMovementSchema>;

export const StudentSchema = DocumentBaseSchema.extend({
  ...PersonNameSchema.shape,
  gender: GenderSchema,
  /** Moving a student to another class keeps every mark: lessons refer to the student, not the class. */
  classId: IdSchema,
  status: StudentStatusSchema,
  /** Personal data (152-ФЗ): encrypted at rest on the desktop. Empty when unknown. */
  birthDate: IsoDateSchema.or(z.literal('')),
  /** The child's address (registration or residence), printed in the consent. Personal data. */
  address: z.string().max(300).default(''),
  /** Keyed by guardian id; each guardian is a separately stamped part ("guardians.<id>"). */
  guardians: z.record(IdSchema, GuardianSchema),
  /** Movements out of classes, oldest first (absent on a student who never moved). */
  movements: z.array(StudentMovementSchema).max(50).optional(),
});
export type Student = z.infer<typeof StudentSchema>;

/** Alphabetical order of the journal page (Russian collation, then name, then id for stability). */
export function compareStudents(
  a: Pick<Student, 'lastName' | 'firstName' | 'middleName' | 'id'>,
  b: Pick<Student, 'lastName' | 'firstName' | 'middleName' | 'id'>,
): number {
  return (
    a.lastName.localeCompare(b.lastName, 'ru') ||
    a.firstName.localeCompare(b.firstName, 'ru') ||
    a.middleName.localeCompare(b.middleName, 'ru') ||
    (a.id < b.id ? -1 : a.id > b.id ? 1 : 0)
  );
}
