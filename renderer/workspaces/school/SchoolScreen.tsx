// The deputy head's "Школа" section (#/school/<tab>): periods (close/reopen), overview, statistics,
// reports and the term summary sheet, with one period chosen for all of them; the year transition and
// the archive of finished years; staff, accounts and list imports (also the administrator's, and
// usable before the school card exists).
import { useMemo, useState } from 'react';
import { todayIso } from '../../../shared/dates';
import { periodForDate, periodsOfScheme, type Period } from '../../../shared/period';
import { href, paths, SCHOOL_TABS, useSchoolTab, type SchoolTab } from '../../app/routes';
import { useSchoolRecords } from '../../data/use-school-records';
import { useSchoolData, type SchoolData } from '../../data/use-school-data';
import { PeriodSelect } from '../../ui/PeriodSelect';
import { useSyncClient } from '../../sync/sync-context';
import { ImportScreen } from '../setup/import/ImportScreen';
import { AccountsTab } from './accounts/AccountsTab';
import { StaffTab } from './accounts/StaffTab';
import { OverviewTab } from './OverviewTab';
import { PeriodsTab } from './PeriodsTab';
import { ReportsTab } from './ReportsTab';
import { StatisticsTab } from './StatisticsTab';
import { SummaryTab } from './SummaryTab';
import { useSession } from '../../data/session';
import { SetupScreen } from '../setup/SetupScreen';
import { YearEndScreen } from '../year-end/YearEndScreen';
import { ArchiveTab } from '../archive/ArchiveTab';

const TAB_LABELS: Record<SchoolTab, string> = {
  periods: 'Периоды',
  overview: 'Обзор',
  statistics: 'Статистика',
  reports: 'Отчёты',
  summary: 'Сводная ведомость',
  staff: 'Сотрудники',
  accounts: 'Учётные записи',
  import: 'Загрузка списков',
  setup: 'Настройка',
  'year-end': 'Новый учебный год',
  archive: 'Архив',
};

/** Tabs that need neither the school card nor a period: an empty school starts with them. */
const PEOPLE_TABS: readonly SchoolTab[] = ['setup', 'staff', 'accounts', 'import'];

type RecordsTab = 'overview' | 'statistics' | 'reports';

function needsRecords(tab: SchoolTab): tab is RecordsTab {
  return tab === 'overview' || tab === 'statistics' || tab === 'reports';
}

export function SchoolScreen() {
  const data = useSchoolData();
  const { staffId, account } = useSession();
  const staffRoles: readonly string[] = data?.staff.get(staffId)?.roles ?? [];
  const roles = [
    ...staffRoles,
    ...(useSyncClient()?.session.account.roles ?? account?.roles ?? []),
  ];
  // The administrator who is not a deputy sets the school up and works with people, not marks.
  const tabs = roles.includes('admin') && !roles.includes('deputy') ? PEOPLE_TABS : SCHOOL_TABS;
  const requested = useSchoolTab();
  const allowed = tabs.includes(requested) ? requested : tabs[0]!;
  // A school not set up yet (no school card) has only the set-up and the people to show.
  const tab = !data && !PEOPLE_TABS.includes(allowed) ? 'setup' : allowed;
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

  const people = PEOPLE_TABS.includes(tab);
  if (!data && !people) return <p className="loading">Открываем раздел «Школа»…</p>;
  return (
    <div className="school-screen">
      <div className="school-toolbar">
        <nav className="school-tabs" aria-label="Школа">
          {tabs.map((t) => (
            <a key={t} href={href(paths.school(t))} aria-current={t === tab ? 'page' : undefined}>
              {TAB_LABELS[t]}
            </a>
          ))}
        </nav>
        {tab !== 'periods' && tab !== 'year-end' && tab !== 'archive' && !people && period && (
          <PeriodSelect periods={periods} value={period.id} onChange={setPeriodId} />
        )}
      </div>
      <main className="school-main">
        {tab === 'setup' && <SetupScreen />}
        {tab === 'staff' && <StaffTab />}
        {tab === 'accounts' && <AccountsTab />}
        {tab === 'import' && <ImportScreen />}
        {data && tab === 'periods' && <PeriodsTab data={data} />}
        {data && tab === 'year-end' && <YearEndScreen data={data} />}
        {data && tab === 'archive' && <ArchiveTab school={data.school} />}
        {data && tab === 'summary' && period && (
          <SummaryTab data={data} periods={periods} period={period} />
        )}
        {data && needsRecords(tab) && period && (
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
