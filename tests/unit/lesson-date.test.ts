// Adding a lesson on a date: Sundays and days outside the year refused, holidays and non-working
// days (for the class's parallel) only after a confirmation.
import { describe, expect, it } from 'vitest';
import type { AcademicYear } from '../../shared/academic-year';
import { lessonDateCheck } from '../../shared/lesson-date';

const year = {
  start: '2026-09-01',
  end: '2027-05-31',
  holidays: [
    { name: 'Осенние каникулы', start: '2026-10-26', end: '2026-11-03' },
    { name: 'Дополнительные каникулы', start: '2027-02-15', end: '2027-02-21', grades: [1] },
  ],
  nonWorkingDays: [{ date: '2026-11-04', kind: 'publicHoliday', name: 'День народного единства' }],
} as unknown as AcademicYear;

describe('lessonDateCheck', () => {
  it('accepts a school day', () => {
    expect(lessonDateCheck(year, '2026-12-01', 5)).toEqual({ kind: 'ok' }); // Tuesday
  });
  it('refuses a Sunday and a day outside the year', () => {
    expect(lessonDateCheck(year, '2026-11-29', 5)).toEqual({
      kind: 'refused',
      message: '29.11.2026 — воскресенье: уроков нет.',
    });
    expect(lessonDateCheck(year, '2027-06-02', 5).kind).toBe('refused');
  });
  it('warns of a holiday of the parallel, not of another parallel', () => {
    expect(lessonDateCheck(year, '2026-10-27', 5)).toEqual({
      kind: 'warning',
      message: '27.10.2026 — осенние каникулы.',
    });
    expect(lessonDateCheck(year, '2027-02-16', 1).kind).toBe('warning');
    expect(lessonDateCheck(year, '2027-02-16', 2)).toEqual({ kind: 'ok' });
  });
  it('warns of a non-working day, naming it', () => {
    expect(lessonDateCheck(year, '2026-11-04', 5)).toEqual({
      kind: 'warning',
      message: '04.11.2026 — праздничный день («День народного единства»).',
    });
  });
});
