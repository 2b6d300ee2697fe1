// The URL hash of every screen (renderer/app/routes.ts): the builders' paths are matched by the
// patterns wouter uses and give the same ids back, and the hashes in bookmarks, tests and the
// open benchmark still name the same pages.
import { parse } from 'regexparam';
import { describe, expect, it } from 'vitest';
import { matchRoute } from 'wouter';
import { href, paths, ROUTE_PATTERNS, routeParam } from '../../../renderer/app/routes';

/** What the hash location hook hands wouter for a hash: the path, decodeURI'd (wouter's paths.js). */
function params(pattern: string, hash: string): Record<string, string | null> | null {
  const path = decodeURI(`/${hash.replace(/^#?\/?/, '')}`);
  const [matches, found] = matchRoute(parse, pattern, path);
  if (!matches || !found) return null;
  const out: Record<string, string | null> = {};
  for (const [key, value] of Object.entries(found)) {
    if (!/^\d+$/.test(key)) out[key] = routeParam(value);
  }
  return out;
}

describe('route builders and patterns', () => {
  it('round-trips ids with the characters ids may hold', () => {
    const route = { courseId: 'crs-05-a:math.1', periodId: 'per-2026_q1' };
    const journal = href(paths.journal(route));
    expect(journal).toBe('#/journal/crs-05-a%3Amath.1/per-2026_q1');
    expect(params(ROUTE_PATTERNS.journal, journal)).toEqual(route);
    const marks = href(paths.periodMarks(route));
    expect(marks).toBe('#/period-marks/crs-05-a%3Amath.1/per-2026_q1');
    expect(params(ROUTE_PATTERNS.periodMarks, marks)).toEqual(route);
  });

  it('builds the section, class and school paths the header and tabs link to', () => {
    expect(href(paths.section('journal'))).toBe('#/journal');
    expect(href(paths.journal({ courseId: null, periodId: null }))).toBe('#/journal');
    expect(href(paths.journal({ courseId: 'c1', periodId: null }))).toBe('#/journal/c1');
    expect(href(paths.classWorkspace({ classId: 'cl-5a', tab: 'consents' }))).toBe(
      '#/class/cl-5a/consents',
    );
    expect(href(paths.classWorkspace({ classId: null, tab: 'roster' }))).toBe('#/class');
    expect(href(paths.school('summary'))).toBe('#/school/summary');
  });

  it('reads the hashes tests and bookmarks use', () => {
    expect(params(ROUTE_PATTERNS.journal, '#/journal/crs-05-a-math/per-q1')).toEqual({
      courseId: 'crs-05-a-math',
      periodId: 'per-q1',
    });
    expect(params(ROUTE_PATTERNS.journal, '#/journal/crs-05-a-math')).toEqual({
      courseId: 'crs-05-a-math',
      periodId: null,
    });
    expect(params(ROUTE_PATTERNS.journal, '#/')).toBeNull();
    expect(params(ROUTE_PATTERNS.journal, '#/period-marks/c1/p1')).toBeNull();
    expect(params(ROUTE_PATTERNS.periodMarks, '#/period-marks')).toEqual({
      courseId: null,
      periodId: null,
    });
    expect(params(ROUTE_PATTERNS.classWorkspace, '#/class/cl-5a/overview/')).toEqual({
      classId: 'cl-5a',
      tab: 'overview',
    });
    expect(params(ROUTE_PATTERNS.school, '#/school/periods')).toMatchObject({ tab: 'periods' });
    expect(params(ROUTE_PATTERNS.section, '#/school/reports')).toMatchObject({
      section: 'school',
    });
    expect(params(ROUTE_PATTERNS.section, '')).toBeNull();
  });
});
