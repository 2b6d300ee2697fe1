// The roster's forms as plain values with Russian errors per field (shown next to the field).
import { z } from 'zod';
import { NamePartSchema } from '../../../shared/common';
import type { Guardian, GuardianKind, Student } from '../../../shared/student';
import type { StudentFields } from '../../data/roster-repository';
import { formatDate } from '../../../shared/dates';
import { birthDateProblem, namePartProblem, normalizePhone } from '../../../shared/roster-checks';
import { checkRuDate } from './ru-date';

export type FieldErrors<K extends string> = Partial<Record<K, string>>;
export type Validated<T, K extends string> =
  { ok: true; value: T } | { ok: false; errors: FieldErrors<K> };

export interface StudentFormValues {
  lastName: string;
  firstName: string;
  middleName: string;
  gender: Student['gender'] | '';
  /** As typed: "08.03.2015". */
  birthDate: string;
  address: string;
}

export interface GuardianFormValues {
  lastName: string;
  firstName: string;
  middleName: string;
  kind: GuardianKind;
  phone: string;
  email: string;
  address: string;
  /** The identity document (паспорт): kind, series, number, date as typed, issuer. */
  docKind: string;
  docSeries: string;
  docNumber: string;
  docIssuedOn: string;
  docIssuedBy: string;
  authorityDocument: string;
}

const MiddleNameSchema = z
  .string()
  .trim()
  .max(80, 'Слишком длинное отчество (больше 80 знаков)')
  .superRefine(namePart);

/** Letters, hyphen, apostrophe, space (shared/roster-checks, the server refuses the same). */
function namePart(value: string, ctx: z.RefinementCtx): void {
  const problem = namePartProblem(value);
  if (problem) ctx.addIssue({ code: 'custom', message: problem });
}

const NameSchema = NamePartSchema.superRefine(namePart);

function firstErrors<K extends string>(error: z.ZodError): FieldErrors<K> {
  const errors: FieldErrors<K> = {};
  for (const issue of error.issues) {
    const key = String(issue.path[0] ?? '') as K;
    errors[key] ??= issue.message;
  }
  return errors;
}

/** `grade`: the class's grade, for the plausible birth dates (null: not checked). */
export function validateStudent(
  values: StudentFormValues,
  today: string,
  grade: number | null = null,
): Validated<StudentFields, keyof StudentFormValues> {
  const schema = z.object({
    lastName: NameSchema,
    firstName: NameSchema,
    middleName: MiddleNameSchema,
    gender: z.enum(['male', 'female'], { error: 'Укажите пол' }),
    address: AddressSchema,
  });
  const parsed = schema.safeParse(values);
  const birth = checkRuDate(values.birthDate, {
    required: false,
    notAfter: today,
    future: 'Дата рождения не может быть в будущем',
  });
  const implausible = birth.ok && grade !== null ? birthDateProblem(birth.iso, grade, today) : null;
  if (parsed.success && birth.ok && !implausible) {
    return { ok: true, value: { ...parsed.data, birthDate: birth.iso } };
  }
  const errors = parsed.success ? {} : firstErrors<keyof StudentFormValues>(parsed.error);
  if (!birth.ok) errors.birthDate = birth.error;
  else if (implausible) errors.birthDate = implausible;
  return { ok: false, errors };
}

const AddressSchema = z.string().trim().max(300, 'Адрес длиннее 300 знаков');

/** Any Russian number as typed, stored as «+7 912 345-67-89». */
const PhoneSchema = z
  .string()
  .trim()
  .max(40, 'Слишком длинный номер')
  .transform((s, ctx) => {
    const n = normalizePhone(s);
    if (n.ok) return n.phone;
    ctx.addIssue({ code: 'custom', message: n.error });
    return z.NEVER;
  });

const EmailSchema = z
  .string()
  .trim()
  .max(120, 'Слишком длинный адрес')
  .refine(
    (s) => s === '' || /^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(s),
    'Неверный адрес электронной почты',
  );

export function validateGuardian(
  values: GuardianFormValues,
  today: string,
): Validated<Guardian, keyof GuardianFormValues> {
  const schema = z.object({
    lastName: NameSchema,
    firstName: NameSchema,
    middleName: MiddleNameSchema,
    kind: z.enum(['mother', 'father', 'guardian', 'other'], { error: 'Укажите, кем приходится' }),
    phone: PhoneSchema,
    email: EmailSchema,
    address: AddressSchema,
    docKind: z.string().trim().max(80, 'Слишком длинное название документа'),
    docSeries: z
      .string()
      .trim()
      .max(12, 'Серия длиннее 12 знаков')
      .refine((s) => /^[\p{L}\d\s-]*$/u.test(s), 'Серия: только буквы, цифры и дефис'),
    docNumber: z
      .string()
      .trim()
      .max(20, 'Номер длиннее 20 знаков')
      .refine((s) => /^[\p{L}\d\s-]*$/u.test(s), 'Номер: только буквы, цифры и дефис'),
    docIssuedBy: z.string().trim().max(300, 'Слишком длинное название органа'),
    authorityDocument: z.string().trim().max(300, 'Описание документа длиннее 300 знаков'),
  });
  const parsed = schema.safeParse(values);
  const issued = checkRuDate(values.docIssuedOn, {
    required: false,
    notAfter: today,
    future: 'Дата выдачи не может быть в будущем',
  });
  if (parsed.success && issued.ok) {
    const v = parsed.data;
    return {
      ok: true,
      value: {
        lastName: v.lastName,
        firstName: v.firstName,
        middleName: v.middleName,
        kind: v.kind,
        phone: v.phone,
        email: v.email,
        address: v.address,
        identityDocument: {
          kind: v.docKind,
          series: v.docSeries,
          number: v.docNumber,
          issuedOn: issued.iso,
          issuedBy: v.docIssuedBy,
        },
        authorityDocument: v.authorityDocument,
      },
    };
  }
  const errors = parsed.success ? {} : firstErrors<keyof GuardianFormValues>(parsed.error);
  if (!issued.ok) errors.docIssuedOn = issued.error;
  return { ok: false, errors };
}

export function studentFormValues(s: Student | null): StudentFormValues {
  return {
    lastName: s?.lastName ?? '',
    firstName: s?.firstName ?? '',
    middleName: s?.middleName ?? '',
    gender: s?.gender ?? '',
    birthDate: formatDate(s?.birthDate ?? ''),
    address: s?.address ?? '',
  };
}

export function guardianFormValues(g: Guardian | null): GuardianFormValues {
  return {
    lastName: g?.lastName ?? '',
    firstName: g?.firstName ?? '',
    middleName: g?.middleName ?? '',
    kind: g?.kind ?? 'mother',
    phone: g?.phone ?? '',
    email: g?.email ?? '',
    address: g?.address ?? '',
    docKind: g?.identityDocument?.kind ?? '',
    docSeries: g?.identityDocument?.series ?? '',
    docNumber: g?.identityDocument?.number ?? '',
    docIssuedOn: formatDate(g?.identityDocument?.issuedOn ?? ''),
    docIssuedBy: g?.identityDocument?.issuedBy ?? '',
    authorityDocument: g?.authorityDocument ?? '',
  };
}
