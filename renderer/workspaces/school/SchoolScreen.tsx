// The deputy head's "Школа" section (#/school/<tab>): periods (close/reopen), overview, statistics,
// reports and the term summary sheet, with one period chosen for all of them.
import { useMemo, useState } from 'react';
import { periodForDate, periodsOfScheme, type Period } from '../../../shared/period';
import { useSchoolData } from '../../journal/use-school-data';
import { todayIso } from '../../lib/dates';
import { AccountsTab } from './accounts/AccountsTab';
import { OverviewTab } from './OverviewTab';
import { PeriodsTab } from './PeriodsTab';
import { ReportsTab } from './ReportsTab';
import { SCHOOL_TABS, useSchoolTab } from './route';
import { StatisticsTab } from './StatisticsTab';
import { SummaryTab } from './SummaryTab';
import { useSchoolRecords } from './use-school-records';

export function SchoolScreen() {
  const data = useSchoolData();
  const tab = useSchoolTab();
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
  const needsRecords = tab === 'overview' || tab === 'statistics' || tab === 'reports';
  const records = useSchoolRecords(needsRecords && period ? period : null);

  if (!data) return <p className="loading">Открываем раздел «Школа»…</p>;
  return (
    <div className="school-screen">
      <div className="school-toolbar">
        <nav className="school-tabs" aria-label="Школа">
          {SCHOOL_TABS.map((t) => (
            <a
              key={t.id}
              href={`#/school/${t.id}`}
              aria-current={t.id === tab ? 'page' : undefined}
            >
              {t.label}
            </a>
          ))}
        </nav>
        {tab !== 'periods' && tab !== 'accounts' && period && (
          <label>
            Период{' '}
            <select value={period.id} onChange={(e) => setPeriodId(e.target.value)}>
              {periods.map((p) => (
                <option key={p.id} value={p.id}>
                  {p.name}
                  {p.closed ? ' — закрыт' : ''}
                </option>
              ))}
            </select>
          </label>
        )}
      </div>
      <main className="school-main">
        {tab === 'periods' && <PeriodsTab data={data} />}
        {tab === 'accounts' && <AccountsTab />}
        {tab === 'summary' && period && (
          <SummaryTab data={data} periods={periods} period={period} />
        )}
        {needsRecords && period && !records && <p className="loading">Считаем…</p>}
        {needsRecords && period && records && (
          <>
            {tab === 'overview' && <OverviewTab data={data} records={records} period={period} />}
            {tab === 'statistics' && (
              <StatisticsTab data={data} records={records} period={period} />
            )}
            {tab === 'reports' && <ReportsTab data={data} records={records} period={period} />}
          </>
        )}
      </main>
    </div>
  );
}
