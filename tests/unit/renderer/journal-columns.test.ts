// Which column the journal opens on, and which column is marked «сегодня».
import { describe, expect, it } from 'vitest';
import { nearestLessonIndex } from '../../../renderer/journal/columns';

const at = (...dates: string[]) => dates.map((date) => ({ date }));

describe('nearestLessonIndex', () => {
  it("opens on today's first lesson", () => {
    expect(nearestLessonIndex(at('2026-11-30', '2026-12-01', '2026-12-01'), '2026-12-01')).toBe(1);
  });
  it('takes the next lesson when today has none', () => {
    expect(nearestLessonIndex(at('2026-11-27', '2026-12-03', '2026-12-04'), '2026-12-01')).toBe(1);
  });
  it('takes the last lesson when the period has ended', () => {
    expect(nearestLessonIndex(at('2026-10-20', '2026-10-22'), '2026-12-01')).toBe(1);
  });
  it('takes the first lesson of a period still to come', () => {
    expect(nearestLessonIndex(at('2027-01-12', '2027-01-13'), '2026-12-01')).toBe(0);
  });
  it('has no column without lessons', () => {
    expect(nearestLessonIndex([], '2026-12-01')).toBe(-1);
  });
});
