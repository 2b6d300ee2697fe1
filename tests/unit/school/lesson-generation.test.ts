// Lesson generation from timetable versions: holidays of a parallel, non-working days, periods, versions valid from a date, doubles, groups.
import { describe, expect, it } from 'vitest';
import {
  generateLessons,
  generatedLessonDocument,
  GENERATION_AUTHOR,
} from '../../../shared/lesson-generation';
import { LessonSchema } from '../../../shared/lesson';
import { CLASSES, COURSES, PERIODS, TIMETABLES, YEAR } from './small-school';

const school = {
  year: YEAR,
  classes: CLASSES,
  periods: PERIODS,
  courses: COURSES,
  timetables: TIMETABLES,
};

function datesOf(courseId: string): string[] {
  return generateLessons(school)
    .filter((l) => l.courseId === courseId)
    .map((l) => `${l.date}/${l.slot}`);
}

// Mondays of the term by the calendar, written out by hand.
const MONDAYS = [
  '09-07',
  '09-14',
  '09-21',
  '09-28',
  '10-05',
  '10-12',
  '10-19',
  '10-26',
  '11-02',
  '11-09',
  '11-16',
  '11-23',
  '11-30',
  '12-07',
  '12-14',
  '12-21',
  '12-28',
];
const TUESDAYS = [
  '09-01',
  '09-08',
  '09-15',
  '09-22',
  '09-29',
  '10-06',
  '10-13',
  '10-20',
  '10-27',
  '11-03',
  '11-10',
  '11-17',
  '11-24',
  '12-01',
  '12-08',
  '12-15',
  '12-22',
  '12-29',
];
const WEDNESDAYS = [
  '09-02',
  '09-09',
  '09-16',
  '09-23',
  '09-30',
  '10-07',
  '10-14',
  '10-21',
  '10-28',
  '11-04',
  '11-11',
  '11-18',
  '11-25',
  '12-02',
  '12-09',
  '12-16',
  '12-23',
  '12-30',
];
const d = (md: string) => `2026-${md}`;

describe('generateLessons', () => {
  it('skips the autumn holidays for everyone and the extra holiday week for the 1st grade only', () => {
    const firstGrade = MONDAYS.filter((m) => m !== '09-21' && m !== '10-26').map(
      (m) => `${d(m)}/1`,
    );
    expect(datesOf('k1-rus')).toEqual(firstGrade);
    // 5А has English on Mondays in the week 1А is on holiday.
    expect(datesOf('k5-eng1')).toContain('2026-09-21/2');
  });

  it('follows the version in force: maths on Monday until 13 September, then on Tuesday', () => {
    const expected = [
      '2026-09-07/1',
      ...TUESDAYS.filter((t) => t >= '09-15' && t !== '10-27').map((t) => `${d(t)}/2`),
    ];
    expect(datesOf('k5-math')).toEqual(expected);
  });

  it('gives a double lesson as two lessons and skips a non-working day and the gap between periods', () => {
    const weds = WEDNESDAYS.filter((w) => w !== '10-28' && w !== '11-04' && w !== '12-30');
    expect(datesOf('k5-trud')).toEqual(weds.flatMap((w) => [`${d(w)}/3`, `${d(w)}/4`]));
  });

  it('gives each group its own lesson in the same slot', () => {
    const g1 = datesOf('k5-eng1');
    expect(datesOf('k5-eng2')).toEqual(g1);
    expect(g1.length).toBe(MONDAYS.length - 1); // 26.10 is in the holidays
  });

  it('uses the half-year dates for a 10th grade: lessons run to the end of its period', () => {
    const expected = TUESDAYS.filter((t) => t !== '10-27').map((t) => `${d(t)}/1`);
    expect(datesOf('k10-math')).toEqual(expected);
  });

  it('limits to a date range and classes, ignores drafts, unknown courses and other classes’ courses', () => {
    const part = generateLessons(school, {
      from: '2026-09-14',
      to: '2026-09-16',
      classIds: ['c5a'],
    });
    expect(part.map((l) => `${l.courseId}@${l.date}/${l.slot}`)).toEqual([
      'k5-eng1@2026-09-14/2',
      'k5-eng2@2026-09-14/2',
      'k5-math@2026-09-15/2',
      'k5-trud@2026-09-16/3',
      'k5-trud@2026-09-16/4',
    ]);
    const broken = TIMETABLES.map((t) =>
      t.classId === 'c1a'
        ? {
            ...t,
            cells: [
              ...t.cells,
              { weekday: 2, slot: 1, courseId: 'k5-math', room: '' },
              { weekday: 2, slot: 2, courseId: 'nope', room: '' },
            ],
          }
        : t.classId === 'c10a'
          ? { ...t, draft: true }
          : t,
    );
    const lessons = generateLessons({ ...school, timetables: broken }, { to: '2026-09-08' });
    expect(lessons.some((l) => l.classId === 'c1a' && l.date === '2026-09-08')).toBe(false);
    expect(lessons.some((l) => l.classId === 'c10a')).toBe(false);
  });

  it('makes valid lesson documents with the shared id rule, stamped by the generation', () => {
    const [first] = generateLessons(school, { classIds: ['c10a'] });
    expect(first?.id).toBe('k10-math:2026-09-01:1');
    const doc = generatedLessonDocument(first!, {
      at: '000001790000000-00000-x',
      by: GENERATION_AUTHOR,
    });
    expect(LessonSchema.parse(doc)).toEqual(doc);
    expect(doc.teacherId).toBe('t2');
    expect(Object.values(doc.stamps).every((s) => s.by === GENERATION_AUTHOR)).toBe(true);
  });
});
