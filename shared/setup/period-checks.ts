// Checks of a reporting period: inside the academic year, ends after it starts, no overlap with the other periods of its scheme.
import { formatDate } from '../dates';
import { PeriodSchema, SCHEME_PERIOD_KIND, type Period, type PeriodScheme } from '../period';
import type { SetupContext } from './context';
import { parseProblems, ProblemList, type SetupProblem } from './problems';

const SCHEME_SIZE: Record<PeriodScheme, number> = { quarters: 4, halfYears: 2, trimesters: 3 };
const YEAR_LEVEL = new Set(['year', 'exam', 'final']);

export function checkPeriod(doc: unknown, ctx: SetupContext): SetupProblem[] {
  const parsed = parseProblems(PeriodSchema, doc);
  if (parsed.data === null) return parsed.problems;
  const p: Period = parsed.data;
  const out = new ProblemList();
  if (p.end < p.start) out.add('end', `Период «${p.name}» заканчивается раньше, чем начинается`);
  const year = ctx.school?.year;
  if (year && year.id === p.yearId && (p.start < year.start || p.end > year.end)) {
    out.add(
      'start',
      `Период «${p.name}» выходит за пределы учебного года (${formatDate(year.start)}–${formatDate(year.end)})`,
    );
  }
  if (YEAR_LEVEL.has(p.kind)) {
    if (p.scheme !== null)
      out.add('scheme', 'Годовая, экзаменационная и итоговая отметки — общие для всех схем');
    return out.items;
  }
  if (p.scheme === null || SCHEME_PERIOD_KIND[p.scheme] !== p.kind) {
    out.add('kind', 'Вид периода не соответствует схеме (четверти, полугодия или триместры)');
    return out.items;
  }
  if (p.number > SCHEME_SIZE[p.scheme])
    out.add('number', `В этой схеме не больше ${SCHEME_SIZE[p.scheme]} периодов`);
  for (const other of ctx.periods) {
    if (
      other.id === p.id ||
      other.yearId !== p.yearId ||
      other.scheme !== p.scheme ||
      other.kind !== p.kind
    )
      continue;
    if (other.number === p.number) out.add('number', `Период «${other.name}» уже есть`);
    else if (other.start <= p.end && p.start <= other.end)
      out.add(
        'start',
        `Период «${p.name}» пересекается с периодом «${other.name}» (${formatDate(other.start)}–${formatDate(other.end)})`,
      );
    else if (other.number < p.number !== other.start < p.start)
      out.add('start', `Периоды идут не по порядку: «${other.name}» и «${p.name}»`);
  }
  return out.items;
}
