// The deputy head's "Школа" section (#/school/<tab>): periods (close/reopen), overview, statistics,
// reports and the term summary sheet, with one period chosen for all of them.
import { useMemo, useState } from 'react';
import { todayIso } from '../../../shared/dates';
import { periodForDate, periodsOfScheme, type Period } from '../../../shared/period';
import { href, paths, SCHOOL_TABS, useSchoolTab, type SchoolTab } from '../../app/routes';
import { useSchoolRecords } from '../../data/use-school-records';
import { useSchoolData, type SchoolData } from '../../data/use-school-data';
import { PeriodSelect } from '../../ui/PeriodSelect';
import { AccountsTab } from './accounts/AccountsTab';
import { OverviewTab } from './OverviewTab';
import { PeriodsTab } from './PeriodsTab';
import { ReportsTab } from './ReportsTab';
import { StatisticsTab } from './StatisticsTab';
import { SummaryTab } from './SummaryTab';
import { useSession } from '../../data/session';
import { SetupScreen } from '../setup/SetupScreen';

const TAB_LABELS: Record<SchoolTab, string> = {
  periods: 'Периоды',
  overview: 'Обзор',
  statistics: 'Статистика',
  reports: 'Отчёты',
  summary: 'Сводная ведомость',
  accounts: 'Учётные записи',
  setup: 'Настройка',
};

/** What an administrator who is not the deputy works with here. */
const ADMIN_TABS: readonly SchoolTab[] = ['setup', 'accounts'];

type RecordsTab = 'overview' | 'statistics' | 'reports';

function needsRecords(tab: SchoolTab): tab is RecordsTab {
  return tab === 'overview' || tab === 'statistics' || tab === 'reports';
}

export function SchoolScreen() {
  const data = useSchoolData();
  const { staffId, account } = useSession();
  const deputy = (data?.staff.get(staffId)?.roles ?? account?.roles ?? []).includes('deputy');
  const tabs = deputy ? SCHOOL_TABS : ADMIN_TABS;
  const routeTab = useSchoolTab();
  // A school not set up yet (no school card) has nothing else to show.
  const tab =
    !data && routeTab !== 'accounts' ? 'setup' : tabs.includes(routeTab) ? routeTab : tabs[0]!;
  const [periodId, setPeriodId] = useState<string | null>(null);

  const periods = useMemo((): Period[] => {
    if (!data) return [];
    const used = new Set([...data.classes.values()].map((c) => c.periodScheme));
    return (['quarters', 'halfYears', 'trimesters'] as const)
      .filter((s) => used.has(s))
      .flatMap((s) => periodsOfScheme(data.periods, s));
  }, [data]);
  const fallback = useMemo(
    () => (data ? periodForDate(data.periods, 'quarters', todayIso()) : undefined),
    [data],
  );
  const period = periods.find((p) => p.id === periodId) ?? fallback ?? periods[0];

  const nav = (
    <nav className="school-tabs" aria-label="Школа">
      {tabs.map((t) => (
        <a key={t} href={href(paths.school(t))} aria-current={t === tab ? 'page' : undefined}>
          {TAB_LABELS[t]}
        </a>
      ))}
    </nav>
  );
  if (tab === 'setup' || !data)
    return (
      <div className="school-screen">
        <div className="school-toolbar">{nav}</div>
        <main className="school-main">{tab === 'setup' ? <SetupScreen /> : <AccountsTab />}</main>
      </div>
    );
  return (
    <div className="school-screen">
      <div className="school-toolbar">
        {nav}
        {tab !== 'periods' && tab !== 'accounts' && period && (
          <PeriodSelect periods={periods} value={period.id} onChange={setPeriodId} />
        )}
      </div>
      <main className="school-main">
        {tab === 'periods' && <PeriodsTab data={data} />}
        {tab === 'accounts' && <AccountsTab />}
        {tab === 'summary' && period && (
          <SummaryTab data={data} periods={periods} period={period} />
        )}
        {needsRecords(tab) && period && (
          <RecordsTabs key={period.id} tab={tab} data={data} period={period} />
        )}
      </main>
    </div>
  );
}

/** The tabs that read the whole school's documents of the period (remounted per period). */
function RecordsTabs({ tab, data, period }: { tab: RecordsTab; data: SchoolData; period: Period }) {
  const records = useSchoolRecords(period.start, period.end);
  if (!records) return <p className="loading">Считаем…</p>;
  switch (tab) {
    case 'overview':
      return <OverviewTab data={data} records={records} period={period} />;
    case 'statistics':
      return <StatisticsTab data={data} records={records} period={period} />;
    case 'reports':
      return <ReportsTab data={data} records={records} period={period} />;
  }
}
