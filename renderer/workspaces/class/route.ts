// The class workspace lives in the URL hash: #/class/<classId>/<tab>, so a reload returns to it.
import { useCallback, useEffect, useState } from 'react';

export type ClassTab = 'roster' | 'consents' | 'overview';
export const CLASS_TABS: readonly { id: ClassTab; label: string }[] = [
  { id: 'roster', label: 'Ученики' },
  { id: 'consents', label: 'Согласия' },
  { id: 'overview', label: 'Сводка класса' },
];

export interface ClassRoute {
  classId: string | null;
  tab: ClassTab;
}

function isTab(value: string | undefined): value is ClassTab {
  return CLASS_TABS.some((t) => t.id === value);
}

export function parseClassRoute(hash: string): ClassRoute {
  const m = /^#\/class(?:\/([^/]+))?(?:\/([^/]+))?\/?$/.exec(hash);
  const tab = m?.[2];
  return {
    classId: m?.[1] ? decodeURIComponent(m[1]) : null,
    tab: isTab(tab) ? tab : 'roster',
  };
}

export function classRouteHash(route: ClassRoute): string {
  if (!route.classId) return '#/class';
  return `#/class/${encodeURIComponent(route.classId)}/${route.tab}`;
}

export function useClassRoute(): [ClassRoute, (route: ClassRoute) => void] {
  const [route, setRoute] = useState(() => parseClassRoute(location.hash));
  useEffect(() => {
    const onChange = () => setRoute(parseClassRoute(location.hash));
    window.addEventListener('hashchange', onChange);
    return () => window.removeEventListener('hashchange', onChange);
  }, []);
  const navigate = useCallback((next: ClassRoute) => {
    const hash = classRouteHash(next);
    if (hash !== location.hash) history.replaceState(null, '', hash);
    setRoute(next);
  }, []);
  return [route, navigate];
}
