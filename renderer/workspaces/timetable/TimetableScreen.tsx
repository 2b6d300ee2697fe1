// The «Расписание» section (#/timetable/<tab>), for the deputy and the administrator: the week's
// timetable of a class with its versions and the editor, the import of a timetable program's file,
// day-to-day changes (замена, перенос, a day's cancellation) and the month's report of them.
import { useMemo } from 'react';
import { href, paths, TIMETABLE_TABS, useTimetableTab, type TimetableTab } from '../../app/routes';
import { useSchoolData } from '../../data/use-school-data';
import { useTimetables } from '../../data/use-timetables';
import { useSyncClient } from '../../sync/sync-context';
import { ChangesTab } from './ChangesTab';
import { ImportTab } from './ImportTab';
import { ReportTab } from './ReportTab';
import { setupContextOf } from './schedule-names';
import { WeekTab } from './WeekTab';
import './timetable.css';

const TAB_LABELS: Record<TimetableTab, string> = {
  week: 'Расписание классов',
  import: 'Загрузка из файла',
  changes: 'Замены',
  report: 'Отчёт о заменах',
};

export const OFFLINE_TEXT = 'Доступно при подключении к серверу школы';

export function TimetableScreen() {
  const data = useSchoolData();
  const tt = useTimetables();
  const tab = useTimetableTab();
  const client = useSyncClient();
  const ctx = useMemo(() => (data && tt ? setupContextOf(data, tt) : null), [data, tt]);

  if (!data || !tt || !ctx) return <p className="loading">Открываем расписание…</p>;
  const online = client?.session ?? null;
  return (
    <div className="school-screen timetable-screen">
      <div className="school-toolbar">
        <nav className="school-tabs" aria-label="Расписание">
          {TIMETABLE_TABS.map((t) => (
            <a
              key={t}
              href={href(paths.timetable(t))}
              aria-current={t === tab ? 'page' : undefined}
            >
              {TAB_LABELS[t]}
            </a>
          ))}
        </nav>
      </div>
      <main className="school-main">
        {tab === 'week' && <WeekTab data={data} tt={tt} ctx={ctx} session={online} />}
        {tab !== 'week' && !online && (
          <section className="school-tab">
            <h2>{TAB_LABELS[tab]}</h2>
            <p className="timetable-offline">{OFFLINE_TEXT}</p>
          </section>
        )}
        {tab === 'import' && online && <ImportTab session={online} data={data} />}
        {tab === 'changes' && online && <ChangesTab session={online} data={data} tt={tt} />}
        {tab === 'report' && online && <ReportTab session={online} data={data} />}
      </main>
    </div>
  );
}
