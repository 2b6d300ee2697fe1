// The roster's content rules, one home for the class teacher's forms, the server's roster rules and
// the roster import: names of letters, hyphens, apostrophes and spaces; a birth date plausible for
// the grade; a Russian phone number stored as «+7 912 345-67-89». Russian messages.
import { daysBetween } from './dates';

/** Letters with single hyphens, apostrophes (' ’ ʼ) or spaces between them: «Салтыков-Щедрин», «Д’Артаньян». */
const NAME_PART = /^\p{L}+(?:[-'’ʼ ]\p{L}+)*$/u;

/** Why a surname, name or patronymic is refused, or null. An empty value is the caller's concern. */
export function namePartProblem(value: string): string | null {
  const v = value.trim();
  if (v === '') return null;
  if (/\d/.test(v)) return 'В имени не должно быть цифр';
  if (!NAME_PART.test(v))
    return 'Только буквы, дефис, апостроф и пробел (между буквами), например «Салтыков-Щедрин»';
  return null;
}

/** "+7 912 345-67-89" from "89123456789", "+7 (912) 345 67 89", "9123456789"; '' stays ''. */
export function normalizePhone(
  value: string,
): { ok: true; phone: string } | { ok: false; error: string } {
  const v = value.trim();
  if (v === '') return { ok: true, phone: '' };
  if (!/^[+\d\s().-]+$/.test(v))
    return { ok: false, error: 'Телефон: только цифры, +, пробелы, скобки и дефисы' };
  let digits = v.replace(/\D/g, '');
  if (digits.length === 11 && (digits.startsWith('7') || digits.startsWith('8')))
    digits = digits.slice(1);
  else if (v.startsWith('+') && !v.startsWith('+7'))
    return { ok: false, error: 'Укажите российский номер: +7 и 10 цифр' };
  if (digits.length !== 10)
    return {
      ok: false,
      error: 'Номер телефона: 10 цифр после +7 или 8, например +7 912 345-67-89',
    };
  const d = digits;
  return { ok: true, phone: `+7 ${d.slice(0, 3)} ${d.slice(3, 6)}-${d.slice(6, 8)}-${d.slice(8)}` };
}

/** Whether a stored phone is already in the one stored form (or empty). */
export function isNormalizedPhone(phone: string): boolean {
  const n = normalizePhone(phone);
  return n.ok && n.phone === phone;
}

/**
 * The age range accepted for a grade on 1 September of the school year: a 1st-grader is 6–8 (from
 * 5 with an early start), a student of grade N from N + 4 to N + 10 (a late start, a repeated year,
 * education interrupted by illness).
 */
export function ageRangeForGrade(grade: number): { min: number; max: number } {
  return { min: grade + 4, max: grade + 10 };
}

/** Whole years of age on a date. */
function ageOn(birthIso: string, onIso: string): number {
  const [by, bm, bd] = birthIso.split('-').map(Number) as [number, number, number];
  const [y, m, d] = onIso.split('-').map(Number) as [number, number, number];
  return y - by - (m < bm || (m === bm && d < bd) ? 1 : 0);
}

/** 1 September of the school year that `today` falls in (a year runs September to August). */
export function schoolYearStart(today: string): string {
  const year = Number(today.slice(0, 4));
  const month = Number(today.slice(5, 7));
  return `${month >= 9 ? year : year - 1}-09-01`;
}

function yearsWord(n: number): string {
  const m10 = n % 10;
  const m100 = n % 100;
  if (m10 === 1 && m100 !== 11) return 'год';
  if (m10 >= 2 && m10 <= 4 && (m100 < 12 || m100 > 14)) return 'года';
  return 'лет';
}

/** Why a birth date (ISO, '' = unknown) is implausible for the grade, or null. */
export function birthDateProblem(birthIso: string, grade: number, today: string): string | null {
  if (birthIso === '') return null;
  if (daysBetween(birthIso, today) < 0) return 'Дата рождения не может быть в будущем';
  const on = schoolYearStart(today);
  const age = ageOn(birthIso, on);
  const { min, max } = ageRangeForGrade(grade);
  if (age >= min && age <= max) return null;
  const d = on.split('-').reverse().join('.');
  return `Дата рождения не подходит для ${grade} класса: на ${d} обучающемуся ${age} ${yearsWord(age)} (ожидается от ${min} до ${max} лет)`;
}

export interface PersonFields {
  lastName: string;
  firstName: string;
  middleName: string;
}

/** The name problems of a person, per field. */
export function nameProblems(p: PersonFields): Partial<Record<keyof PersonFields, string>> {
  const out: Partial<Record<keyof PersonFields, string>> = {};
  for (const key of ['lastName', 'firstName', 'middleName'] as const) {
    const problem = namePartProblem(p[key] ?? '');
    if (problem) out[key] = problem;
  }
  return out;
}

const FIELD_NAMES: Record<keyof PersonFields, string> = {
  lastName: 'фамилия',
  firstName: 'имя',
  middleName: 'отчество',
};

/**
 * The first problem of a stored student's changed parts, as one Russian sentence (what the server and
 * the import report), or null. `changed` are the stamped parts ("lastName", "guardians.<id>"); a part
 * not changed is not judged, so an old record never blocks an unrelated edit.
 */
export function studentPartsProblem(
  student: PersonFields & {
    birthDate: string;
    guardians: Record<string, PersonFields & { phone: string }>;
  },
  changed: readonly string[] | 'all',
  grade: number | null,
  today: string,
): string | null {
  const has = (part: string) => changed === 'all' || changed.includes(part);
  const names = nameProblems(student);
  for (const key of ['lastName', 'firstName', 'middleName'] as const) {
    if (has(key) && names[key]) return `Обучающийся, ${FIELD_NAMES[key]}: ${names[key]}`;
  }
  if (has('birthDate') && grade !== null) {
    const problem = birthDateProblem(student.birthDate, grade, today);
    if (problem) return problem;
  }
  for (const [id, g] of Object.entries(student.guardians)) {
    if (!has(`guardians.${id}`) && !has('guardians')) continue;
    const gn = nameProblems(g);
    for (const key of ['lastName', 'firstName', 'middleName'] as const) {
      if (gn[key]) return `Родитель, ${FIELD_NAMES[key]}: ${gn[key]}`;
    }
    if (!isNormalizedPhone(g.phone)) {
      const n = normalizePhone(g.phone);
      return `Родитель, телефон: ${n.ok ? 'запишите номер в виде +7 912 345-67-89' : n.error}`;
    }
  }
  return null;
}
