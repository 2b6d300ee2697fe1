// Small value schemas every document uses: ids, calendar dates, person names.
import { z } from 'zod';
import { StampsSchema } from './stamp';
import { hasUnsafeText, UNSAFE_TEXT_MESSAGE } from './text-safety';

const safeText = (s: string) => !hasUnsafeText(s);

const ID_PATTERN = /^[A-Za-z0-9_:.-]{1,64}$/;

/** Document ids are opaque strings; the demo school uses readable ones ("st-0001"). */
export const IdSchema = z
  .string()
  .min(1)
  .max(64)
  .regex(
    /^[A-Za-z0-9_:.-]+$/,
    'Идентификатор может содержать только латинские буквы, цифры и _ : . -',
  );

/** The same rule as IdSchema, without building an error (hot paths: every stamp of a write). */
export function isId(value: string): boolean {
  return ID_PATTERN.test(value);
}
export type Id = z.infer<typeof IdSchema>;

/** A calendar date in the school's local time zone, "YYYY-MM-DD" (sorts as a string). */
export const IsoDateSchema = z
  .string()
  .length(10)
  .regex(/^\d{4}-\d{2}-\d{2}$/, 'Дата должна быть в формате ГГГГ-ММ-ДД')
  .refine((s) => isRealDate(s), 'Такой даты нет в календаре');
export type IsoDate = z.infer<typeof IsoDateSchema>;

function isRealDate(s: string): boolean {
  const [y, m, d] = s.split('-').map(Number) as [number, number, number];
  const date = new Date(Date.UTC(y, m - 1, d));
  return date.getUTCFullYear() === y && date.getUTCMonth() === m - 1 && date.getUTCDate() === d;
}

/** A surname, name or patronymic: letters, spaces, hyphens and apostrophes only. */
export const NamePartSchema = z
  .string()
  .trim()
  .min(1, 'Поле не заполнено')
  .max(80, 'Слишком длинное имя (больше 80 знаков)')
  .refine(safeText, UNSAFE_TEXT_MESSAGE);

export const GenderSchema = z.enum(['male', 'female']);
export type Gender = z.infer<typeof GenderSchema>;

/** Full name in Russian order: surname, name, patronymic (the patronymic may be absent). */
export const PersonNameSchema = z.object({
  lastName: NamePartSchema,
  firstName: NamePartSchema,
  middleName: z.string().trim().max(80).refine(safeText, UNSAFE_TEXT_MESSAGE).default(''),
});
export type PersonName = z.infer<typeof PersonNameSchema>;

/** "Иванова Мария Петровна" */
export function fullName(p: PersonName): string {
  return [p.lastName, p.firstName, p.middleName].filter(Boolean).join(' ');
}

/** "Иванова М. П." — the form used in signatures and tables. */
export function shortName(p: PersonName): string {
  const initials = [p.firstName, p.middleName]
    .filter(Boolean)
    .map((s) => `${s.charAt(0)}.`)
    .join(' ');
  return initials ? `${p.lastName} ${initials}` : p.lastName;
}

/** Every replicated document has an id and per-part stamps (see stamp.ts). */
export const DocumentBaseSchema = z.object({
  id: IdSchema,
  stamps: StampsSchema,
});

/** Free text typed by a teacher (topic, homework, comment): long but bounded. */
export const TextSchema = (max: number) =>
  z.string().max(max, `Текст длиннее ${max} знаков`).refine(safeText, UNSAFE_TEXT_MESSAGE);
