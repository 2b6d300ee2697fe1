// Success and quality percentages on small classes worked out by hand; lessons held vs planned.
import { describe, expect, it } from 'vitest';
import {
  formatAverage,
  formatPercent,
  lessonsHeldVsPlanned,
  periodMarkStatistics,
  studentsStatistics,
} from '../../shared/statistics';
import type { Course } from '../../shared/course';
import type { Lesson, LessonStatus } from '../../shared/lesson';

describe('periodMarkStatistics', () => {
  it('computes success and quality for a class of 8 with one exempt', () => {
    // Assessed: 7 (the exempt one is out). Success: 5,5,4,4,3 = 5 of 7 = 71.4 %.
    // Quality: 5,5,4,4 = 4 of 7 = 57.1 %.
    const stats = periodMarkStatistics(['5', '5', '4', '4', '3', '2', 'notAttested', 'exempt']);
    expect(stats).toEqual({
      counts: {
        '5': 2,
        '4': 2,
        '3': 1,
        '2': 1,
        '1': 0,
        notAttested: 1,
        pass: 0,
        fail: 0,
        exempt: 1,
        missing: 0,
      },
      students: 8,
      successPercent: 71.4,
      qualityPercent: 57.1,
    });
  });

  it('gives 87,5 % success with one 2 among 8, and leaves unset marks out', () => {
    const stats = periodMarkStatistics(['5', '4', '4', '4', '3', '3', '3', '2', null]);
    expect(stats.counts.missing).toBe(1);
    expect(stats.students).toBe(9);
    expect(stats.successPercent).toBe(87.5); // 7 / 8
    expect(stats.qualityPercent).toBe(50); // 4 / 8
  });

  it('counts a 1 as failing', () => {
    expect(periodMarkStatistics(['5', '1', '4']).successPercent).toBe(66.7);
  });

  it('has no quality for a зачёт subject', () => {
    const stats = periodMarkStatistics(['pass', 'pass', 'fail']);
    expect(stats.successPercent).toBe(66.7);
    expect(stats.qualityPercent).toBeNull();
  });

  it('has no quality for a зачёт subject with н/а when told its assessment', () => {
    // Without the assessment the н/а looks like a graded subject (зачёт counted as 4–5: 66,7 %).
    expect(periodMarkStatistics(['pass', 'notAttested', 'pass']).qualityPercent).toBe(66.7);
    expect(periodMarkStatistics(['pass', 'notAttested', 'pass'], 'passFail')).toMatchObject({
      successPercent: 66.7,
      qualityPercent: null,
    });
    expect(periodMarkStatistics(['notAttested', 'notAttested'], 'marks').qualityPercent).toBe(0);
  });

  it('is null when no one is assessed', () => {
    expect(periodMarkStatistics([])).toMatchObject({
      students: 0,
      successPercent: null,
      qualityPercent: null,
    });
    expect(periodMarkStatistics(['exempt', null])).toMatchObject({
      students: 2,
      successPercent: null,
      qualityPercent: null,
    });
  });

  it('gives 0 % when everyone is н/а', () => {
    expect(periodMarkStatistics(['notAttested', 'notAttested'])).toMatchObject({
      successPercent: 0,
      qualityPercent: 0,
    });
  });
});

describe('studentsStatistics', () => {
  it('judges each student across subjects', () => {
    const stats = studentsStatistics([
      ['5', '5', '4'], // success, quality
      ['5', '3', 'pass'], // success, not quality
      ['4', '2', '5'], // not successful
      ['exempt', 'exempt'], // not assessed
      ['5', 'pass', null], // success, quality (зачёт is fine, unset ignored)
    ]);
    expect(stats).toEqual({
      counts: {
        '5': 5,
        '4': 2,
        '3': 1,
        '2': 1,
        '1': 0,
        notAttested: 0,
        pass: 2,
        fail: 0,
        exempt: 2,
        missing: 1,
      },
      students: 5,
      successPercent: 75, // 3 of 4
      qualityPercent: 50, // 2 of 4
    });
  });

  it('fails a student with н/а or незачёт in any subject', () => {
    const stats = studentsStatistics([
      ['5', 'notAttested'],
      ['4', 'fail'],
      ['4', '4'],
    ]);
    expect(stats.successPercent).toBe(33.3);
    expect(stats.qualityPercent).toBe(33.3);
  });

  it('is null with no students', () => {
    expect(studentsStatistics([]).successPercent).toBeNull();
  });
});

describe('lessonsHeldVsPlanned', () => {
  const course: Course = {
    id: 'math-5a',
    stamps: {},
    yearId: 'y2024',
    classId: '5a',
    subjectId: 'math',
    groupId: null,
    teacherId: 't1',
    assessment: 'marks',
    hoursPerWeek: 2,
    plannedByPeriod: { q1: 16, q2: 14 },
    plannedYear: 64,
    hasExam: false,
  };
  let seq = 0;
  const lesson = (courseId: string, status: LessonStatus): Lesson => {
    seq += 1;
    return {
      id: `l${seq}`,
      stamps: {},
      courseId,
      classId: '5a',
      date: '2024-09-02',
      slot: 1,
      teacherId: 't1',
      lessonType: 'regular',
      status,
      workTypeId: null,
      topic: '',
      homework: '',
      entries: {},
    };
  };
  const lessons = [
    ...Array.from({ length: 14 }, () => lesson('math-5a', 'held')),
    lesson('math-5a', 'cancelled'),
    lesson('rus-5a', 'held'),
  ];

  it('counts held lessons of the course against the period plan', () => {
    expect(lessonsHeldVsPlanned(lessons, course, 'q1')).toEqual({
      planned: 16,
      held: 14,
      backlog: 2,
    });
    expect(lessonsHeldVsPlanned(lessons, course, 'q2')).toEqual({
      planned: 14,
      held: 14,
      backlog: 0,
    });
  });
  it('uses the year plan without a period or for a period without its own plan', () => {
    expect(lessonsHeldVsPlanned(lessons, course)).toEqual({ planned: 64, held: 14, backlog: 50 });
    expect(lessonsHeldVsPlanned(lessons, course, 'year')).toEqual({
      planned: 64,
      held: 14,
      backlog: 50,
    });
  });
  it('never has a negative backlog', () => {
    const extra = [...lessons, lesson('math-5a', 'held'), lesson('math-5a', 'held')];
    expect(lessonsHeldVsPlanned(extra, { ...course, plannedByPeriod: { q1: 15 } }, 'q1')).toEqual({
      planned: 15,
      held: 16,
      backlog: 0,
    });
  });
});

describe('formatting', () => {
  it('formats percents with a decimal comma', () => {
    expect(formatPercent(87.5)).toBe('87,5 %');
    expect(formatPercent(100)).toBe('100 %');
    expect(formatPercent(0)).toBe('0 %');
    expect(formatPercent(66.66)).toBe('66,7 %');
    expect(formatPercent(null)).toBe('—');
  });
  it('formats averages with two decimals', () => {
    expect(formatAverage(4.25)).toBe('4,25');
    expect(formatAverage(4)).toBe('4,00');
    expect(formatAverage(3.5)).toBe('3,50');
    expect(formatAverage(null)).toBe('—');
  });
});
