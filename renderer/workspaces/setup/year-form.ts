// The academic year's form: dates, the period scheme and weekly hours of each parallel, the dates
// of every period of the schemes in use, holidays and non-working days — typed text ↔ the year in
// the school card plus the period documents, checked with the shared set-up checks.
import {
  schemeForGrade,
  type AcademicYear,
  type Holiday,
  type NonWorkingDay,
  type NonWorkingDayKind,
} from '../../../shared/academic-year';
import {
  periodName,
  SCHEME_PERIOD_KIND,
  type Period,
  type PeriodKind,
  type PeriodScheme,
} from '../../../shared/period';
import type { School } from '../../../shared/school';
import { checkPeriod } from '../../../shared/setup/period-checks';
import { checkSchool } from '../../../shared/setup/school-checks';
import type { Unstamped } from '../../../shared/setup/stamp-changes';
import type { Edit } from '../../data/setup-repository';
import { errorsOf } from './form-problems';
import {
  dateText,
  gradesText,
  parseDateField,
  parseGradesField,
  parseNumberField,
} from './parse-fields';

export const GRADES = [1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11] as const;
export const SCHEMES: readonly PeriodScheme[] = ['quarters', 'halfYears', 'trimesters'];
export const SCHEME_SIZE: Record<PeriodScheme, number> = {
  quarters: 4,
  halfYears: 2,
  trimesters: 3,
};
export const SCHEME_LABELS: Record<PeriodScheme, string> = {
  quarters: 'четверти',
  halfYears: 'полугодия',
  trimesters: 'триместры',
};
const SCHEME_CODE: Record<PeriodScheme, string> = {
  quarters: 'q',
  halfYears: 'h',
  trimesters: 't',
};
const YEAR_LEVEL: readonly PeriodKind[] = ['year', 'exam', 'final'];

export interface DateRangeDraft {
  start: string;
  end: string;
}
export interface HolidayDraft extends DateRangeDraft {
  name: string;
  grades: string;
}
export interface NonWorkingDayDraft {
  date: string;
  kind: NonWorkingDayKind;
  name: string;
  grades: string;
}
export interface YearDraft extends DateRangeDraft {
  name: string;
  /** Per parallel "1".."11". */
  schemes: Record<string, PeriodScheme>;
  /** Per parallel: lessons a week by the curriculum, '' = not set. */
  weeklyHours: Record<string, string>;
  /** Rows of every scheme (only the schemes in use are shown and saved). */
  periods: Record<PeriodScheme, DateRangeDraft[]>;
  holidays: HolidayDraft[];
  nonWorkingDays: NonWorkingDayDraft[];
}

/** The schemes some parallel follows, in the usual order. */
export function schemesInUse(draft: Pick<YearDraft, 'schemes'>): PeriodScheme[] {
  const used = new Set(Object.values(draft.schemes));
  return SCHEMES.filter((s) => used.has(s));
}

/** "per-2026-q1", "per-2026-year" — the shape the demo school uses too. */
export function periodDocId(
  yearStart: number,
  scheme: PeriodScheme | null,
  kind: PeriodKind,
  n: number,
) {
  return scheme ? `per-${yearStart}-${SCHEME_CODE[scheme]}${n}` : `per-${yearStart}-${kind}`;
}

function findPeriod(
  periods: readonly Period[],
  yearId: string,
  scheme: PeriodScheme | null,
  kind: PeriodKind,
  n: number,
): Period | undefined {
  return periods.find(
    (p) => p.yearId === yearId && p.scheme === scheme && p.kind === kind && p.number === n,
  );
}

export function yearDraft(year: AcademicYear, periods: readonly Period[]): YearDraft {
  const schemes: Record<string, PeriodScheme> = {};
  const weeklyHours: Record<string, string> = {};
  for (const g of GRADES) {
    schemes[String(g)] = schemeForGrade(year, g);
    const h = year.weeklyHoursByGrade?.[String(g)];
    weeklyHours[String(g)] = h === undefined ? '' : String(h).replace('.', ',');
  }
  const rows = (scheme: PeriodScheme): DateRangeDraft[] =>
    Array.from({ length: SCHEME_SIZE[scheme] }, (_, i) => {
      const p = findPeriod(periods, year.id, scheme, SCHEME_PERIOD_KIND[scheme], i + 1);
      return { start: dateText(p?.start ?? ''), end: dateText(p?.end ?? '') };
    });
  return {
    name: year.name,
    start: dateText(year.start),
    end: dateText(year.end),
    schemes,
    weeklyHours,
    periods: {
      quarters: rows('quarters'),
      halfYears: rows('halfYears'),
      trimesters: rows('trimesters'),
    },
    holidays: year.holidays.map((h) => ({
      name: h.name,
      start: dateText(h.start),
      end: dateText(h.end),
      grades: gradesText(h.grades),
    })),
    nonWorkingDays: (year.nonWorkingDays ?? []).map((d) => ({
      date: dateText(d.date),
      kind: d.kind,
      name: d.name,
      grades: gradesText(d.grades),
    })),
  };
}

export type YearResult =
  | { ok: true; school: Unstamped<School>; periods: Edit<Period>[] }
  | { ok: false; errors: Record<string, string> };

/**
 * The school card with the draft's year, and the period documents of the schemes in use plus the
 * year-level ones (their dates are the year's). Errors are keyed "year.…" for the year's fields
 * and "periods.<scheme>.<i>.start|end" for the period rows.
 */
export function buildYear(
  school: Unstamped<School>,
  stored: readonly Period[],
  draft: YearDraft,
): YearResult {
  const errors: Record<string, string> = {};
  const date = (text: string, path: string): string => {
    const r = parseDateField(text);
    if (r.ok) return r.value;
    errors[path] ??= r.error;
    return '';
  };
  const grades = (text: string, path: string): number[] | undefined => {
    const r = parseGradesField(text);
    if (!r.ok) errors[path] ??= r.error;
    return r.ok && r.value.length > 0 ? r.value : undefined;
  };
  const start = date(draft.start, 'year.start');
  const end = date(draft.end, 'year.end');
  const holidays: Holiday[] = draft.holidays.map((h, i) => {
    const at = `year.holidays.${i}`;
    const out: Holiday = {
      name: h.name.trim(),
      start: date(h.start, `${at}.start`),
      end: date(h.end, `${at}.end`),
    };
    const g = grades(h.grades, `${at}.grades`);
    if (g) out.grades = g;
    if (!out.name) errors[`${at}.name`] ??= 'Укажите название каникул';
    return out;
  });
  const nonWorkingDays: NonWorkingDay[] = draft.nonWorkingDays.map((d, i) => {
    const at = `year.nonWorkingDays.${i}`;
    const out: NonWorkingDay = {
      date: date(d.date, `${at}.date`),
      kind: d.kind,
      name: d.name.trim(),
    };
    const g = grades(d.grades, `${at}.grades`);
    if (g) out.grades = g;
    return out;
  });
  const weeklyHoursByGrade: Record<string, number> = {};
  for (const g of GRADES) {
    const text = draft.weeklyHours[String(g)] ?? '';
    if (!text.trim()) continue;
    const r = parseNumberField(text, { min: 1, max: 45, what: 'часов в неделю' });
    if (r.ok) weeklyHoursByGrade[String(g)] = r.value;
    else errors[`year.weeklyHoursByGrade.${g}`] ??= r.error;
  }
  const schemeByGrade: Record<string, PeriodScheme> = {};
  for (const g of GRADES)
    schemeByGrade[String(g)] = draft.schemes[String(g)] ?? schemeForGrade(school.year, g);

  const year: AcademicYear = {
    ...school.year,
    name: draft.name.trim(),
    start,
    end,
    holidays,
    nonWorkingDays,
    schemeByGrade,
    weeklyHoursByGrade,
  };
  if (!year.name) errors['year.name'] ??= 'Укажите название учебного года, например 2026/2027';

  // Period rows of the schemes in use; the year-level attestations span the year.
  const yearStart = Number((start || school.year.start).slice(0, 4));
  const edits: Edit<Period>[] = [];
  const rowOf = new Map<string, string>();
  const add = (scheme: PeriodScheme | null, kind: PeriodKind, n: number, s: string, e: string) => {
    const base = findPeriod(stored, year.id, scheme, kind, n) ?? null;
    const next: Unstamped<Period> = {
      id: base?.id ?? periodDocId(yearStart, scheme, kind, n),
      yearId: year.id,
      kind,
      scheme,
      number: n,
      name: periodName(kind, n),
      start: s,
      end: e,
      closed: base?.closed ?? false,
    };
    edits.push({ base, next });
    return next.id;
  };
  for (const scheme of schemesInUse(draft)) {
    draft.periods[scheme].slice(0, SCHEME_SIZE[scheme]).forEach((row, i) => {
      const at = `periods.${scheme}.${i}`;
      const id = add(
        scheme,
        SCHEME_PERIOD_KIND[scheme],
        i + 1,
        date(row.start, `${at}.start`),
        date(row.end, `${at}.end`),
      );
      rowOf.set(id, at);
    });
  }
  for (const kind of YEAR_LEVEL) add(null, kind, 1, start, end);
  if (Object.keys(errors).length > 0) return { ok: false, errors };

  const next: Unstamped<School> = { ...school, year };
  Object.assign(errors, errorsOf(checkSchool({ ...next, stamps: {} })));
  // A holiday that starts inside the year and runs past its end: the end is what to fix.
  holidays.forEach((h, i) => {
    const at = `year.holidays.${i}`;
    const message = errors[`${at}.start`];
    if (message && h.start >= year.start && h.start <= year.end && h.end > year.end) {
      delete errors[`${at}.start`];
      errors[`${at}.end`] ??= message;
    }
  });
  const periods = [
    ...stored.filter((p) => !edits.some((e) => e.next.id === p.id)),
    ...edits.map((e) => ({ ...e.next, stamps: {} }) as Period),
  ];
  const ctx = {
    school: { ...next, stamps: {} } as School,
    periods,
    classes: [],
    staff: [],
    courses: [],
    timetables: [],
  };
  for (const e of edits) {
    const at = rowOf.get(e.next.id);
    for (const p of checkPeriod({ ...e.next, stamps: {} }, ctx)) {
      // A year-level period only repeats the year's own dates: its problems are the year's.
      const field =
        p.path === 'end' || (e.next.start >= year.start && e.next.end > year.end) ? 'end' : 'start';
      const path = at ? `${at}.${field}` : 'year.start';
      errors[path] ??= p.message;
    }
  }
  if (Object.keys(errors).length > 0) return { ok: false, errors };
  return { ok: true, school: next, periods: edits };
}
