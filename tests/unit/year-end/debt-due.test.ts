// A conditional debt's default due date comes from the student's next class's own scheme, whatever
// order the desktop happens to hold next year's periods in.
import { describe, expect, it } from 'vitest';
import { debtDueInPlan } from '../../../shared/year-end/propose-plan';
import type { YearTransitionPlan } from '../../../shared/year-end/plan';

type Plan = Pick<YearTransitionPlan, 'classes' | 'periods' | 'nextYear'>;

const period = (id: string, scheme: string, kind: string, n: number, end: string) => ({
  id,
  yearId: 'y-2027',
  scheme,
  kind,
  number: n,
  name: id,
  start: '2027-09-01',
  end,
});

// Listed as a desktop may hold them: the half-years and the second quarter before the first.
const plan = {
  nextYear: { id: 'y-2027', name: '2027/2028', start: '2027-09-01', end: '2028-05-26' },
  periods: [
    period('h1', 'halfYears', 'halfYear', 1, '2027-12-27'),
    period('q2', 'quarters', 'quarter', 2, '2027-12-27'),
    period('q1', 'quarters', 'quarter', 1, '2027-10-24'),
    period('h2', 'halfYears', 'halfYear', 2, '2028-05-26'),
  ],
  classes: [
    { id: 'n-6a', grade: 6, letter: 'А', periodScheme: 'quarters' },
    { id: 'n-10a', grade: 10, letter: 'А', periodScheme: 'halfYears' },
  ],
} as unknown as Plan;

describe('the default due date of a debt', () => {
  it('is the end of the first period of the next class’s own scheme', () => {
    expect(debtDueInPlan(plan, 'n-6a')).toBe('2027-10-24');
    expect(debtDueInPlan(plan, 'n-10a')).toBe('2027-12-27');
  });

  it('is the end of next year when the student has no next class', () => {
    expect(debtDueInPlan(plan, null)).toBe('2028-05-26');
    expect(debtDueInPlan(plan, 'gone')).toBe('2028-05-26');
  });
});
