// Period-mark ids stay within 64 characters for next year's group courses (the transition of the
// 1,000-student demo school wrote an 80-character one and failed), and short ids keep their form.
import { describe, expect, it } from 'vitest';
import { IdSchema } from '../../../shared/common';
import { periodMarksId } from '../../../shared/period-mark';

const LONG_COURSE = 'crs-y2027-2028:cls-6-2-trud-y2027-2028:cls-6-2:g3'; // 49 characters
const PERIOD = 'y2027-2028:quarter:quarters:1'; // 29 characters

describe('periodMarksId', () => {
  it('keeps an id of 64 characters or fewer as "<course>:<period>"', () => {
    expect(periodMarksId('crs-5a-math', 'per-2026-q2')).toBe('crs-5a-math:per-2026-q2');
  });

  it('shortens a next-year group course id to a valid id, ending with the period', () => {
    const id = periodMarksId(LONG_COURSE, PERIOD);
    expect(`${LONG_COURSE}:${PERIOD}`).toHaveLength(79);
    expect(id.length).toBeLessThanOrEqual(64);
    expect(IdSchema.safeParse(id).success).toBe(true);
    expect(id.endsWith(':y2027-2028:quarter:quarters:1')).toBe(true);
    // 64 − 13 (a dot and 12 digest digits) − 30 (the tail) = 21 characters of the course id.
    expect(id.startsWith('crs-y2027-2028:cls-6-.')).toBe(true);
    expect(id).toHaveLength(64);
  });

  it('gives two groups of one subject different ids, the same id every time', () => {
    const g4 = LONG_COURSE.replace(':g3', ':g4');
    expect(periodMarksId(LONG_COURSE, PERIOD)).not.toBe(periodMarksId(g4, PERIOD));
    expect(periodMarksId(LONG_COURSE, PERIOD)).toBe(periodMarksId(LONG_COURSE, PERIOD));
  });

  it('makes a valid id even when the period id alone leaves no room for the course', () => {
    const id = periodMarksId(LONG_COURSE, 'p'.repeat(60));
    expect(id.length).toBeLessThanOrEqual(64);
    expect(IdSchema.safeParse(id).success).toBe(true);
  });
});
