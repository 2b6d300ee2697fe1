// A school year that was closed at the year transition refuses every change to its documents: the
// one message the desktop shows before a write and the server gives when it refuses one.
import { closedYears, type PastYear } from './school-years';

export function closedYearMessage(yearName: string): string {
  return `Учебный год ${yearName} закрыт: изменения не приняты`;
}

/** The refusal for a document of the year `yearId`, or null while that year is open. */
export function closedYearRefusal(
  school: { pastYears?: readonly PastYear[] | undefined } | null | undefined,
  yearId: string | null | undefined,
): string | null {
  if (!school || !yearId) return null;
  const name = closedYears(school).get(yearId);
  return name === undefined ? null : closedYearMessage(name);
}
