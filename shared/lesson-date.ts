// Whether a lesson may be added on a date: never on a Sunday; on a holiday or a non-working day
// only after the teacher confirms (a make-up lesson can be real). The calendar is academic-year.ts.
import {
  isHoliday,
  nonWorkingDayAt,
  NON_WORKING_DAY_LABELS,
  type AcademicYear,
} from './academic-year';
import { formatDate, weekday } from './dates';

export type LessonDateCheck =
  | { kind: 'ok' }
  /** The lesson is refused. */
  | { kind: 'refused'; message: string }
  /** Added only after the teacher confirms. */
  | { kind: 'warning'; message: string };

export function lessonDateCheck(year: AcademicYear, date: string, grade: number): LessonDateCheck {
  const day = formatDate(date);
  if (weekday(date) === 6) return { kind: 'refused', message: `${day} — воскресенье: уроков нет.` };
  if (date < year.start || date > year.end) {
    return { kind: 'refused', message: `${day} — вне учебного года.` };
  }
  const holiday = year.holidays.find(
    (h) => h.start <= date && date <= h.end && isHoliday({ ...year, holidays: [h] }, date, grade),
  );
  if (holiday) {
    return { kind: 'warning', message: `${day} — ${holiday.name.toLocaleLowerCase('ru')}.` };
  }
  const off = nonWorkingDayAt(year, date, grade);
  if (off) {
    const what = off.name
      ? `${NON_WORKING_DAY_LABELS[off.kind]} («${off.name}»)`
      : NON_WORKING_DAY_LABELS[off.kind];
    return { kind: 'warning', message: `${day} — ${what}.` };
  }
  return { kind: 'ok' };
}
