// Absence counting with a week worked out by hand: whole days, illness days, lateness, unknown codes.
import { describe, expect, it } from 'vitest';
import { countLessonsMissed, summarizeAbsences } from '../../shared/attendance';
import { DEFAULT_ATTENDANCE_CODES } from '../../shared/attendance-code';
import type { Lesson, LessonStatus } from '../../shared/lesson';

const codes = DEFAULT_ATTENDANCE_CODES; // н unexcused, б illness, у excused, оп late

let seq = 0;
/** One lesson of the class on `date` with the student's code (undefined = no entry at all). */
function lesson(
  date: string,
  slot: number,
  code: string | null | undefined,
  status: LessonStatus = 'held',
): Lesson {
  seq += 1;
  return {
    id: `l${seq}`,
    stamps: {},
    courseId: `c${slot}`,
    classId: '7b',
    date,
    slot,
    teacherId: 't1',
    lessonType: 'regular',
    status,
    workTypeId: null,
    topic: '',
    homework: '',
    entries: code === undefined ? {} : { s1: { marks: [], attendance: code } },
  };
}

/** Five lessons on a day with the given codes. */
const day = (date: string, dayCodes: (string | null | undefined)[]) =>
  dayCodes.map((c, i) => lesson(date, i + 1, c));

describe('summarizeAbsences', () => {
  it('counts a day only when every lesson of it was missed', () => {
    const all = day('2024-10-01', ['н', 'н', 'н', 'н', 'н']);
    const fourOfFive = day('2024-10-02', ['н', 'н', null, 'н', 'н']);
    expect(summarizeAbsences(all, 's1', codes)).toMatchObject({ lessonsMissed: 5, daysMissed: 1 });
    expect(summarizeAbsences(fourOfFive, 's1', codes)).toMatchObject({
      lessonsMissed: 4,
      daysMissed: 0,
    });
  });

  it('works out a week by hand', () => {
    const lessons = [
      // Mon: all 5 missed, unexcused; a cancelled 6th lesson does not spoil the day.
      ...day('2024-10-07', ['н', 'н', 'н', 'н', 'н']),
      lesson('2024-10-07', 6, null, 'cancelled'),
      // Tue: ill from the 2nd lesson: 4 of 5 by illness, not a day.
      ...day('2024-10-08', [null, 'б', 'б', 'б', 'б']),
      // Wed: ill all day → a day missed by illness.
      ...day('2024-10-09', ['б', 'б', 'б', 'б', 'б']),
      // Thu: all missed, partly by illness, partly excused → a day, not an illness day.
      ...day('2024-10-10', ['б', 'б', 'б', 'у', 'у']),
      // Fri: late once, present otherwise (no entry = present); an unknown code counts as unexcused.
      ...day('2024-10-11', ['оп', undefined, null, 'ж', null]),
    ];
    const summary = summarizeAbsences(lessons, 's1', codes);
    expect(summary).toEqual({
      lessonsMissed: 5 + 4 + 5 + 5 + 1,
      byReason: { unexcused: 5 + 1, illness: 4 + 5 + 3, excused: 2, late: 1 },
      daysMissed: 3,
      daysMissedByIllness: 1,
      lateCount: 1,
    });
    expect(countLessonsMissed(lessons, 's1', codes)).toBe(20);
  });

  it('does not count lateness as an absence, even on a day otherwise missed', () => {
    const lessons = day('2024-10-14', ['оп', 'н', 'н', 'н', 'н']);
    expect(summarizeAbsences(lessons, 's1', codes)).toMatchObject({
      lessonsMissed: 4,
      daysMissed: 0,
      lateCount: 1,
    });
  });

  it('is empty for another student and for no lessons', () => {
    const lessons = day('2024-10-15', ['н', 'н']);
    const empty = {
      lessonsMissed: 0,
      byReason: { illness: 0, excused: 0, unexcused: 0, late: 0 },
      daysMissed: 0,
      daysMissedByIllness: 0,
      lateCount: 0,
    };
    expect(summarizeAbsences(lessons, 's2', codes)).toEqual(empty);
    expect(summarizeAbsences([], 's1', codes)).toEqual(empty);
  });

  it('uses the school’s own codes', () => {
    const own = [
      { code: 'о', label: 'отсутствовал', reason: 'unexcused' as const },
      { code: 'п', label: 'по болезни', reason: 'illness' as const },
    ];
    // With these codes "б" is unknown → unexcused.
    const lessons = day('2024-10-16', ['п', 'п', 'б']);
    expect(summarizeAbsences(lessons, 's1', own)).toMatchObject({
      byReason: { illness: 2, unexcused: 1, excused: 0, late: 0 },
      daysMissed: 1,
      daysMissedByIllness: 0,
    });
  });
});

describe('countLessonsMissed', () => {
  it('counts held lessons with an absence code', () => {
    const lessons = [
      lesson('2024-10-01', 1, 'н'),
      lesson('2024-10-01', 2, 'оп'),
      lesson('2024-10-01', 3, 'у'),
      lesson('2024-10-01', 4, 'н', 'cancelled'),
      lesson('2024-10-01', 5, null),
    ];
    expect(countLessonsMissed(lessons, 's1', codes)).toBe(2);
  });
});
