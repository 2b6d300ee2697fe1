// Which reporting period a document covers for a class (each class follows its own scheme).
import type { Period, PeriodKind } from '../period';
import { periodForDate, periodsOfScheme } from '../period';
import type { SchoolClass } from '../school-class';
import type { DocumentSource } from './source';
import { DocumentError, findPeriod } from './source';

const SCHEME_TEXT = { quarters: 'четверти', halfYears: 'полугодия', trimesters: 'триместры' };

/**
 * The class's reporting period: the requested one when it belongs to the class's scheme, else the
 * class's period containing the requested period's end (a quarter asked for a class with
 * half-years gives the half-year it falls in). Without a request: the period containing `asOf`.
 */
export function classPeriod(
  source: DocumentSource,
  cls: SchoolClass,
  periodId: string | undefined,
  asOf: string,
): Period {
  const own = source.periods.filter((p) => p.yearId === cls.yearId);
  const requested = periodId ? findPeriod(source, periodId) : undefined;
  if (requested && (requested.scheme === cls.periodScheme || requested.scheme === null)) {
    return requested;
  }
  const found = periodForDate(own, cls.periodScheme, requested ? requested.end : asOf);
  if (!found) {
    throw new DocumentError(
      `Для класса ${cls.name} не заданы отчётные периоды (${SCHEME_TEXT[cls.periodScheme]}).`,
    );
  }
  return found;
}

/** The class's reporting periods in order, then year, exam and final (those that exist). */
export function yearPeriods(
  source: DocumentSource,
  cls: SchoolClass,
): { reporting: Period[]; year?: Period; exam?: Period; final?: Period } {
  const own = source.periods.filter((p) => p.yearId === cls.yearId);
  const kind = (k: PeriodKind) => own.find((p) => p.kind === k && p.scheme === null);
  return {
    reporting: periodsOfScheme(own, cls.periodScheme),
    year: kind('year'),
    exam: kind('exam'),
    final: kind('final'),
  };
}

/** The academic year's dates for a class: from its first period's start to its last period's end. */
export function yearRange(source: DocumentSource, cls: SchoolClass): { from: string; to: string } {
  const { reporting } = yearPeriods(source, cls);
  const first = reporting[0];
  const last = reporting[reporting.length - 1];
  return {
    from: first?.start ?? source.school.year.start,
    to: last?.end ?? source.school.year.end,
  };
}

const ROMAN = ['I', 'II', 'III', 'IV'];

export function roman(n: number): string {
  return ROMAN[n - 1] ?? String(n);
}
