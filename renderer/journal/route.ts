// The open journal page lives in the URL hash (#/journal/<courseId>/<periodId>), so a reload
// returns to it and the benchmark can open a page by setting the hash.
import { useEffect, useState } from 'react';

export interface JournalRoute {
  courseId: string | null;
  periodId: string | null;
}

export function parseRoute(hash: string): JournalRoute {
  const m = /^#\/journal\/([^/]+)(?:\/([^/]+))?$/.exec(hash);
  if (!m) return { courseId: null, periodId: null };
  return {
    courseId: decodeURIComponent(m[1] ?? ''),
    periodId: m[2] ? decodeURIComponent(m[2]) : null,
  };
}

export function routeHash(route: JournalRoute): string {
  if (!route.courseId) return '#/';
  const period = route.periodId ? `/${encodeURIComponent(route.periodId)}` : '';
  return `#/journal/${encodeURIComponent(route.courseId)}${period}`;
}

export function useRoute(): [JournalRoute, (route: JournalRoute) => void] {
  const [route, setRoute] = useState(() => parseRoute(location.hash));
  useEffect(() => {
    const onChange = () => setRoute(parseRoute(location.hash));
    window.addEventListener('hashchange', onChange);
    return () => window.removeEventListener('hashchange', onChange);
  }, []);
  const navigate = (next: JournalRoute) => {
    const hash = routeHash(next);
    if (hash !== location.hash) history.replaceState(null, '', hash);
    setRoute(next);
  };
  return [route, navigate];
}
