// One lesson identity: the same course, date and slot give one id everywhere (generator, demo, «Добавить урок», server), always a valid document id.
import { describe, expect, it } from 'vitest';
import { IdSchema } from '../../../shared/common';
import { courseIdFor, lessonId, timetableId } from '../../../shared/lesson-id';
import { lessonIdFor } from '../../../renderer/data/lesson-repository';
import { generateSchool } from '../../../shared/demo';

describe('lessonId', () => {
  it('reads course:date:slot for ordinary course ids', () => {
    expect(lessonId('crs-5a-math', '2026-09-01', 3)).toBe('crs-5a-math:2026-09-01:3');
    expect(lessonIdFor).toBe(lessonId);
  });

  it('stays within 64 id characters for the longest course ids, and stays distinct', () => {
    const long = 'c'.repeat(64);
    const other = `${'c'.repeat(63)}d`;
    const a = lessonId(long, '2026-09-01', 12);
    const b = lessonId(other, '2026-09-01', 12);
    for (const id of [a, b]) {
      expect(id.length).toBeLessThanOrEqual(64);
      expect(IdSchema.safeParse(id).success).toBe(true);
    }
    expect(a).not.toBe(b);
    expect(a).toBe(lessonId(long, '2026-09-01', 12));
    expect(a.endsWith(':2026-09-01:12')).toBe(true);
    // The longest id kept as it is: 50 characters of course id plus the date and slot.
    expect(lessonId('x'.repeat(50), '2026-09-01', 12)).toBe(`${'x'.repeat(50)}:2026-09-01:12`);
    expect(lessonId('x'.repeat(51), '2026-09-01', 12)).not.toContain('x'.repeat(51));
  });

  it('refuses dates and slots that are not a lesson', () => {
    expect(() => lessonId('c', '01.09.2026', 1)).toThrow();
    expect(() => lessonId('c', '2026-09-01', 13)).toThrow();
  });

  it('builds course and timetable ids the same way', () => {
    expect(courseIdFor('cls-5a', 'math', null)).toBe('crs-cls-5a-math');
    expect(courseIdFor('cls-5a', 'eng', 'cls-5a-eng-1')).toBe('crs-cls-5a-eng-cls-5a-eng-1');
    expect(timetableId('cls-5a', '2027-01-15')).toBe('tt:cls-5a:2027-01-15');
    expect(
      IdSchema.safeParse(courseIdFor('a'.repeat(64), 'b'.repeat(64), 'c'.repeat(64))).success,
    ).toBe(true);
  });

  it('is the id of every demo lesson', () => {
    const s = generateSchool({ students: 30, seed: 3, asOf: '2026-09-30' });
    for (const l of s.lessons) expect(l.id).toBe(lessonId(l.courseId, l.date, l.slot));
  });
});
