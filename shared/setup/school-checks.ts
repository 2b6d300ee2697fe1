// Checks of the school card: the academic year and its holidays, bells, subjects, the grading policy, attendance codes, the operator's ИНН and ОГРН.
import type { AcademicYear } from '../academic-year';
import { minutesOf, WEEKDAY_NAMES, type Bell } from '../bells';
import { daysBetween, formatDate } from '../dates';
import { SchoolSchema, type School } from '../school';
import { parseProblems, ProblemList, type SetupProblem } from './problems';

/** A legal entity's 10-digit or a person's 12-digit ИНН with valid check digits. */
export function isValidInn(inn: string): boolean {
  if (!/^\d{10}$|^\d{12}$/.test(inn)) return false;
  const d = inn.split('').map(Number);
  const check = (weights: number[]) =>
    (weights.reduce((sum, w, i) => sum + w * (d[i] ?? 0), 0) % 11) % 10;
  if (d.length === 10) return check([2, 4, 10, 3, 5, 9, 4, 6, 8]) === d[9];
  return (
    check([7, 2, 4, 10, 3, 5, 9, 4, 6, 8]) === d[10] &&
    check([3, 7, 2, 4, 10, 3, 5, 9, 4, 6, 8]) === d[11]
  );
}

/** A 13-digit ОГРН (or 15-digit ОГРНИП) with a valid check digit. */
export function isValidOgrn(ogrn: string): boolean {
  if (!/^\d{13}$|^\d{15}$/.test(ogrn)) return false;
  const body = BigInt(ogrn.slice(0, -1));
  const mod = ogrn.length === 13 ? 11n : 13n;
  return Number((body % mod) % 10n) === Number(ogrn.slice(-1));
}

const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;

function span(year: Pick<AcademicYear, 'start' | 'end'>): string {
  return `${formatDate(year.start)}–${formatDate(year.end)}`;
}

/** The year's own dates, holidays and non-working days. */
export function checkAcademicYear(year: AcademicYear, prefix = 'year'): SetupProblem[] {
  const out = new ProblemList();
  if (year.end <= year.start) {
    out.add(`${prefix}.end`, 'Учебный год заканчивается раньше, чем начинается');
  } else if (daysBetween(year.start, year.end) > 400) {
    out.add(`${prefix}.end`, 'Учебный год длиннее 400 дней: проверьте даты');
  }
  year.holidays.forEach((h, i) => {
    const at = `${prefix}.holidays.${i}`;
    if (h.end < h.start)
      out.add(`${at}.end`, `Каникулы «${h.name}» заканчиваются раньше, чем начинаются`);
    else if (h.start < year.start || h.end > year.end)
      out.add(
        `${at}.start`,
        `Каникулы «${h.name}» выходят за пределы учебного года (${span(year)})`,
      );
    if (h.grades && new Set(h.grades).size < h.grades.length)
      out.add(`${at}.grades`, 'Параллель указана дважды');
  });
  const seen = new Map<string, number>();
  (year.nonWorkingDays ?? []).forEach((d, i) => {
    const at = `${prefix}.nonWorkingDays.${i}`;
    if (d.date < year.start || d.date > year.end)
      out.add(`${at}.date`, `День ${formatDate(d.date)} вне учебного года (${span(year)})`);
    const key = `${d.date}|${[...(d.grades ?? [])].sort((a, b) => a - b).join(',')}`;
    const first = seen.get(key);
    if (first !== undefined)
      out.add(`${at}.date`, `День ${formatDate(d.date)} уже указан (строка ${first + 1})`);
    else seen.set(key, i);
  });
  return out.items;
}

/** One bell schedule: every lesson ends after it starts, numbers are unique, lessons do not overlap. */
export function checkBells(bells: readonly Bell[], prefix: string): SetupProblem[] {
  const out = new ProblemList();
  const slots = new Set<number>();
  bells.forEach((b, i) => {
    if (minutesOf(b.end) <= minutesOf(b.start))
      out.add(`${prefix}.${i}.end`, `${b.slot}-й урок заканчивается не позже, чем начинается`);
    if (slots.has(b.slot)) out.add(`${prefix}.${i}.slot`, `${b.slot}-й урок указан дважды`);
    slots.add(b.slot);
  });
  const ordered = bells.map((b, i) => ({ b, i })).sort((x, y) => x.b.slot - y.b.slot);
  for (let k = 1; k < ordered.length; k++) {
    const prev = ordered[k - 1]!;
    const next = ordered[k]!;
    if (minutesOf(next.b.start) < minutesOf(prev.b.end)) {
      out.add(
        `${prefix}.${next.i}.start`,
        `${next.b.slot}-й урок начинается раньше, чем заканчивается ${prev.b.slot}-й`,
      );
    }
  }
  return out.items;
}

/** Everything in the school card a set-up form or the server refuses. */
export function checkSchool(doc: unknown): SetupProblem[] {
  const parsed = parseProblems(SchoolSchema, doc);
  if (parsed.data === null) return parsed.problems;
  const school: School = parsed.data;
  const out = new ProblemList();
  if (school.operator.inn && !isValidInn(school.operator.inn))
    out.add('operator.inn', 'ИНН — 10 или 12 цифр с верной контрольной цифрой');
  if (school.operator.ogrn && !isValidOgrn(school.operator.ogrn))
    out.add('operator.ogrn', 'ОГРН — 13 цифр с верной контрольной цифрой');
  if (school.email && !EMAIL.test(school.email))
    out.add('email', 'Адрес электронной почты вида school7@example.ru');
  const items = [...out.items, ...checkAcademicYear(school.year)];

  const subjectIds = new Set<string>();
  const subjectNames = new Set<string>();
  school.subjects.forEach((s, i) => {
    if (subjectIds.has(s.id))
      items.push({ path: `subjects.${i}.id`, message: 'Предмет с таким кодом уже есть' });
    const name = s.name.toLocaleLowerCase('ru');
    if (subjectNames.has(name))
      items.push({ path: `subjects.${i}.name`, message: `Предмет «${s.name}» указан дважды` });
    subjectIds.add(s.id);
    subjectNames.add(name);
  });

  items.push(...checkBells(school.bells, 'bells'));
  const scheduled = new Map<number, string>();
  (school.bellSchedules ?? []).forEach((schedule, i) => {
    items.push(...checkBells(schedule.bells, `bellSchedules.${i}.bells`));
    for (const day of schedule.weekdays) {
      const other = scheduled.get(day);
      if (other !== undefined) {
        items.push({
          path: `bellSchedules.${i}.weekdays`,
          message: `${WEEKDAY_NAMES[day] ?? day}: уже в расписании звонков «${other}»`,
        });
      }
      scheduled.set(day, schedule.name);
    }
  });

  const workTypes = new Set<string>();
  school.policy.workTypes.forEach((w, i) => {
    if (workTypes.has(w.id))
      items.push({
        path: `policy.workTypes.${i}.id`,
        message: 'Вид работы с таким кодом уже есть',
      });
    workTypes.add(w.id);
  });
  if (!workTypes.has(school.policy.defaultWorkTypeId))
    items.push({
      path: 'policy.defaultWorkTypeId',
      message: 'Вид работы по умолчанию должен быть среди видов работ',
    });

  const codes = new Set<string>();
  school.attendanceCodes.forEach((c, i) => {
    const code = c.code.toLocaleLowerCase('ru');
    if (codes.has(code))
      items.push({ path: `attendanceCodes.${i}.code`, message: `Код «${c.code}» указан дважды` });
    codes.add(code);
  });
  return items;
}
