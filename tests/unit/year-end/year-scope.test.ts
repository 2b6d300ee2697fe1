// Screens' year scope against a database holding two years by hand: the finished 2026 year's 5А and
// 9А, next year's 5А and 6А; courses, timetables by yearId, lessons and period marks by their class.
import { describe, expect, it } from 'vitest';
import { ofYear, ofYearClasses, yearScope } from '../../../shared/year-scope';

const classes = [
  { id: 'cl-05-a', yearId: 'y2026', name: '5А' },
  { id: 'cl-09-a', yearId: 'y2026', name: '9А' },
  { id: 'y27-05-a', yearId: 'y2027', name: '5А' },
  { id: 'y27-06-a', yearId: 'y2027', name: '6А' },
];
const courses = [
  { id: 'c1', yearId: 'y2026', classId: 'cl-05-a' },
  { id: 'c2', yearId: 'y2027', classId: 'y27-06-a' },
  { id: 'c3', yearId: 'y2027', classId: 'y27-05-a' },
];
const lessons = [
  { id: 'l1', classId: 'cl-05-a' },
  { id: 'l2', classId: 'y27-06-a' },
  { id: 'l3', classId: 'cl-09-a' },
  { id: 'l4', classId: 'y27-05-a' },
  { id: 'l5', classId: 'unknown' },
];

describe('the year scope of screens', () => {
  it('after the transition keeps next year only: one 5А, the new one', () => {
    const scope = yearScope('y2027', classes);
    expect(ofYear(scope, classes).map((c) => c.id)).toEqual(['y27-05-a', 'y27-06-a']);
    expect(ofYear(scope, classes).filter((c) => c.name === '5А')).toHaveLength(1);
    expect(ofYear(scope, courses).map((c) => c.id)).toEqual(['c2', 'c3']);
    expect(ofYearClasses(scope, lessons).map((l) => l.id)).toEqual(['l2', 'l4']);
  });

  it('before the transition the finished year is the current one (what the wizard reads)', () => {
    const scope = yearScope('y2026', classes);
    expect([...scope.classIds].sort()).toEqual(['cl-05-a', 'cl-09-a']);
    expect(ofYear(scope, courses).map((c) => c.id)).toEqual(['c1']);
    expect(ofYearClasses(scope, lessons).map((l) => l.id)).toEqual(['l1', 'l3']);
  });

  it('a year with no classes shows nothing of any class', () => {
    const scope = yearScope('y2030', classes);
    expect(scope.classIds.size).toBe(0);
    expect(ofYearClasses(scope, lessons)).toEqual([]);
  });
});
