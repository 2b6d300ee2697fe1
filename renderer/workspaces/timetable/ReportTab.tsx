// «Отчёт о заменах»: the month's replaced, not held and moved lessons and each teacher's lessons
// held by them, for others, by others and not held (the payroll's figures), read from the school
// server, shown as tables and saved as PDF or XLSX like the other reports.
import { useEffect, useMemo, useState } from 'react';
import { todayIso } from '../../../shared/dates';
import type { SubstitutionReport } from '../../../shared/reports/substitutions';
import { toTableReport } from '../../../shared/reports/table-report';
import type { SchoolData } from '../../data/use-school-data';
import type { ActiveSession } from '../../sync/session-store';
import { ReportExportButtons } from '../school/ReportExportButtons';
import { ReportTable } from '../school/ReportTable';
import { requestErrorText, scheduleApi } from './api';
import { monthLabel, monthsOfYear } from './months';

export function ReportTab({ session, data }: { session: ActiveSession; data: SchoolData }) {
  const api = useMemo(() => scheduleApi(session), [session]);
  const year = data.school.year;
  const months = useMemo(() => monthsOfYear(year.start, year.end), [year.start, year.end]);
  const current = todayIso().slice(0, 7);
  const [month, setMonth] = useState(
    months.includes(current) ? current : (months.at(-1) ?? current),
  );
  const [report, setReport] = useState<SubstitutionReport | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [reload, setReload] = useState(0);

  useEffect(() => {
    let cancelled = false;
    setReport(null);
    setError(null);
    api
      .report(month)
      .then((r) => !cancelled && setReport(r))
      .catch((e: unknown) => !cancelled && setError(requestErrorText(e)));
    return () => {
      cancelled = true;
    };
  }, [api, month, reload]);

  const subtitle = monthLabel(month);
  const rows = useMemo(
    () => (report ? toTableReport({ kind: 'substitutions', report, subtitle }) : null),
    [report, subtitle],
  );
  const teachers = useMemo(
    () => (report ? toTableReport({ kind: 'teacherMonth', report, subtitle }) : null),
    [report, subtitle],
  );

  return (
    <div className="school-tab substitution-report">
      <div className="school-actions">
        <label>
          Месяц{' '}
          <select value={month} onChange={(e) => setMonth(e.target.value)}>
            {months.map((m) => (
              <option key={m} value={m}>
                {monthLabel(m)}
              </option>
            ))}
          </select>
        </label>
        <button type="button" onClick={() => setReload((n) => n + 1)}>
          Обновить
        </button>
      </div>
      {error && (
        <p className="timetable-problems" role="alert">
          {error}
        </p>
      )}
      {!report && !error && <p className="loading">Сервер школы составляет отчёт…</p>}
      {rows && teachers && (
        <>
          <div className="school-actions">
            <h2>
              {rows.title} <small>{rows.subtitle}</small>
            </h2>
            <ReportExportButtons report={rows} schoolShortName={data.school.shortName} />
          </div>
          <p className="report-count" role="status">
            Строк: {rows.rows.length}
          </p>
          <ReportTable report={rows} />
          <div className="school-actions">
            <h2>
              {teachers.title} <small>{teachers.subtitle}</small>
            </h2>
            <ReportExportButtons report={teachers} schoolShortName={data.school.shortName} />
          </div>
          <ReportTable report={teachers} />
        </>
      )}
    </div>
  );
}
