// Where every screen lives in the URL hash ("#/journal/<courseId>/<periodId>"), so a reload or a
// bookmark returns to it and tests and benchmarks open a page by setting the hash. One module: the
// patterns wouter matches (hash location), typed builders for links and navigation, and the
// hooks screens read their place with. Changes of the open page replace the history entry.
import { useCallback } from 'react';
import { useLocation, useRoute } from 'wouter';

export const CLASS_TABS = ['roster', 'consents', 'overview'] as const;
export type ClassTab = (typeof CLASS_TABS)[number];

export const SCHOOL_TABS = [
  'periods',
  'overview',
  'statistics',
  'reports',
  'summary',
  'staff',
  'accounts',
  'import',
  'setup',
  'year-end',
  'archive',
] as const;
export type SchoolTab = (typeof SCHOOL_TABS)[number];

export const TIMETABLE_TABS = ['week', 'import', 'changes', 'report'] as const;
export type TimetableTab = (typeof TIMETABLE_TABS)[number];

/** A course in a period: the journal page and the period-marks page. */
export interface CoursePageRoute {
  courseId: string | null;
  periodId: string | null;
}

export interface ClassRoute {
  classId: string | null;
  tab: ClassTab;
}

/** What wouter matches against the hash (regexparam patterns; `?` marks an optional segment). */
export const ROUTE_PATTERNS = {
  section: '/:section/*?',
  journal: '/journal/:courseId?/:periodId?',
  periodMarks: '/period-marks/:courseId?/:periodId?',
  classWorkspace: '/class/:classId?/:tab?',
  school: '/school/:tab?/*?',
  timetable: '/timetable/:tab?/*?',
  setup: '/school/setup/:page?',
} as const;

const segment = (id: string) => encodeURIComponent(id);

/** Paths inside the hash, without the "#": what `navigate` takes. */
export const paths = {
  /** A header section's first page ("/journal", "/school"). */
  section: (sectionPath: string): string => `/${sectionPath}`,
  journal: ({ courseId, periodId }: CoursePageRoute): string =>
    courseId
      ? `/journal/${segment(courseId)}${periodId ? `/${segment(periodId)}` : ''}`
      : '/journal',
  periodMarks: ({ courseId, periodId }: CoursePageRoute): string =>
    courseId
      ? `/period-marks/${segment(courseId)}${periodId ? `/${segment(periodId)}` : ''}`
      : '/period-marks',
  classWorkspace: ({ classId, tab }: ClassRoute): string =>
    classId ? `/class/${segment(classId)}/${tab}` : '/class',
  school: (tab: SchoolTab): string => `/school/${tab}`,
  timetable: (tab: TimetableTab): string => `/timetable/${tab}`,
  /** «Школа → Настройка» and one of its pages (renderer/workspaces/setup). */
  setup: (page: string): string => `/school/setup/${segment(page)}`,
};

/** The href of a path: "#/journal/…". */
export function href(path: string): string {
  return `#${path}`;
}

/** A route parameter as the URL holds it (ids are URI-encoded in it), decoded; null when absent. */
export function routeParam(value: string | undefined): string | null {
  if (!value) return null;
  try {
    return decodeURIComponent(value);
  } catch {
    return value;
  }
}

function isOneOf<T extends string>(list: readonly T[], value: string | null): value is T {
  return value !== null && (list as readonly string[]).includes(value);
}

/** The first segment of the hash ("journal" for "#/journal/…"), or null on "#/" and no hash. */
export function useSectionPath(): string | null {
  const [, params] = useRoute<{ section: string }>(ROUTE_PATTERNS.section);
  return routeParam(params?.section);
}

/** Moves to `path` without a new history entry (the open page changed, not the screen). */
function useReplace(): (path: string) => void {
  const [location, navigate] = useLocation();
  return useCallback(
    (path: string) => {
      if (path !== location) navigate(path, { replace: true });
    },
    [location, navigate],
  );
}

function useCoursePage(
  pattern: string,
  build: (route: CoursePageRoute) => string,
): [CoursePageRoute, (route: CoursePageRoute) => void] {
  const [, params] = useRoute<{ courseId?: string; periodId?: string }>(pattern);
  const replace = useReplace();
  const courseId = routeParam(params?.courseId);
  const periodId = routeParam(params?.periodId);
  const navigate = useCallback((next: CoursePageRoute) => replace(build(next)), [replace, build]);
  return [{ courseId, periodId }, navigate];
}

/** #/journal/<courseId>/<periodId> */
export function useJournalRoute(): [CoursePageRoute, (route: CoursePageRoute) => void] {
  return useCoursePage(ROUTE_PATTERNS.journal, paths.journal);
}

/** #/period-marks/<courseId>/<periodId> */
export function usePeriodMarksRoute(): [CoursePageRoute, (route: CoursePageRoute) => void] {
  return useCoursePage(ROUTE_PATTERNS.periodMarks, paths.periodMarks);
}

/** #/class/<classId>/<tab>; an unknown tab is the roster. */
export function useClassRoute(): [ClassRoute, (route: ClassRoute) => void] {
  const [, params] = useRoute<{ classId?: string; tab?: string }>(ROUTE_PATTERNS.classWorkspace);
  const replace = useReplace();
  const tab = routeParam(params?.tab);
  const route: ClassRoute = {
    classId: routeParam(params?.classId),
    tab: isOneOf(CLASS_TABS, tab) ? tab : 'roster',
  };
  const navigate = useCallback(
    (next: ClassRoute) => replace(paths.classWorkspace(next)),
    [replace],
  );
  return [route, navigate];
}

/** #/school/<tab>; an unknown or missing tab is the periods. */
export function useSchoolTab(): SchoolTab {
  const [, params] = useRoute<{ tab?: string }>(ROUTE_PATTERNS.school);
  const tab = routeParam(params?.tab);
  return isOneOf(SCHOOL_TABS, tab) ? tab : 'periods';
}

/** #/timetable/<tab>; an unknown or missing tab is the week's timetable. */
export function useTimetableTab(): TimetableTab {
  const [, params] = useRoute<{ tab?: string }>(ROUTE_PATTERNS.timetable);
  const tab = routeParam(params?.tab);
  return isOneOf(TIMETABLE_TABS, tab) ? tab : 'week';
}
