// The period-marks page lives in the URL hash (#/period-marks/<courseId>/<periodId>), like the journal.
import { useEffect, useState } from 'react';

export interface PeriodMarksRoute {
  courseId: string | null;
  periodId: string | null;
}

export function parsePeriodMarksRoute(hash: string): PeriodMarksRoute {
  const m = /^#\/period-marks(?:\/([^/]+))?(?:\/([^/]+))?$/.exec(hash);
  if (!m) return { courseId: null, periodId: null };
  return {
    courseId: m[1] ? decodeURIComponent(m[1]) : null,
    periodId: m[2] ? decodeURIComponent(m[2]) : null,
  };
}

export function periodMarksHash(route: PeriodMarksRoute): string {
  if (!route.courseId) return '#/period-marks';
  const period = route.periodId ? `/${encodeURIComponent(route.periodId)}` : '';
  return `#/period-marks/${encodeURIComponent(route.courseId)}${period}`;
}

export function usePeriodMarksRoute(): [PeriodMarksRoute, (route: PeriodMarksRoute) => void] {
  const [route, setRoute] = useState(() => parsePeriodMarksRoute(location.hash));
  useEffect(() => {
    const onChange = () => setRoute(parsePeriodMarksRoute(location.hash));
    window.addEventListener('hashchange', onChange);
    return () => window.removeEventListener('hashchange', onChange);
  }, []);
  const navigate = (next: PeriodMarksRoute) => {
    const hash = periodMarksHash(next);
    if (hash !== location.hash) history.replaceState(null, '', hash);
    setRoute(next);
  };
  return [route, navigate];
}
