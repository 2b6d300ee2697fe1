// The deputy's section keeps its tab in the URL hash: #/school/<tab>.
import { useEffect, useState } from 'react';

export const SCHOOL_TABS = [
  { id: 'periods', label: 'Периоды' },
  { id: 'overview', label: 'Обзор' },
  { id: 'statistics', label: 'Статистика' },
  { id: 'reports', label: 'Отчёты' },
  { id: 'summary', label: 'Сводная ведомость' },
  { id: 'accounts', label: 'Учётные записи' },
] as const;

export type SchoolTab = (typeof SCHOOL_TABS)[number]['id'];

export function parseSchoolTab(hash: string): SchoolTab {
  const id = /^#\/school\/([^/?]+)/.exec(hash)?.[1];
  return SCHOOL_TABS.find((t) => t.id === id)?.id ?? 'periods';
}

export function useSchoolTab(): SchoolTab {
  const [tab, setTab] = useState(() => parseSchoolTab(location.hash));
  useEffect(() => {
    const onChange = () => setTab(parseSchoolTab(location.hash));
    window.addEventListener('hashchange', onChange);
    return () => window.removeEventListener('hashchange', onChange);
  }, []);
  return tab;
}
