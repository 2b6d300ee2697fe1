// "Периоды": the year's reporting periods per scheme with close/reopen (confirmed, stamped), and a
// small log of the last act on each period read from its `closed` stamp.
import { useMemo, useState } from 'react';
import { shortName } from '../../../shared/common';
import { periodsOfScheme, type Period, type PeriodScheme } from '../../../shared/period';
import { lastPeriodAct } from '../../data/period-repository';
import { useRepositories } from '../../data/session';
import type { SchoolData } from '../../data/use-school-data';
import { formatDate, formatDateTime } from '../../../shared/dates';
import { PeriodClosingCheck } from './PeriodClosingCheck';

const SCHEME_LABELS: Record<PeriodScheme, string> = {
  quarters: 'Четверти',
  halfYears: 'Полугодия',
  trimesters: 'Триместры',
};

export function PeriodsTab({ data }: { data: SchoolData }) {
  const { periods: repository } = useRepositories();
  const [confirm, setConfirm] = useState<{ period: Period; close: boolean } | null>(null);
  const [message, setMessage] = useState<string | null>(null);

  const groups = useMemo(() => {
    const all = [...data.classes.values()];
    const used = new Set(all.map((c) => c.periodScheme));
    const byScheme = (['quarters', 'halfYears', 'trimesters'] as const)
      .filter((s) => used.has(s))
      .map((scheme) => ({
        key: scheme as string,
        title: SCHEME_LABELS[scheme],
        note: all
          .filter((c) => c.periodScheme === scheme)
          .map((c) => c.name)
          .join(', '),
        periods: periodsOfScheme(data.periods, scheme),
      }));
    const order: Period['kind'][] = ['year', 'exam', 'final'];
    const yearLevel = data.periods
      .filter((p) => p.scheme === null)
      .sort((a, b) => order.indexOf(a.kind) - order.indexOf(b.kind));
    return yearLevel.length
      ? [...byScheme, { key: 'year', title: 'Год', note: 'все классы', periods: yearLevel }]
      : byScheme;
  }, [data]);
  const log = useMemo(
    () =>
      data.periods
        .flatMap((p) => {
          const act = lastPeriodAct(p);
          return act ? [act] : [];
        })
        .sort((a, b) => b.atMs - a.atMs)
        .slice(0, 12),
    [data.periods],
  );
  const who = (id: string) => {
    const s = data.staff.get(id);
    return s ? shortName(s) : id;
  };

  const act = async () => {
    if (!confirm) return;
    const { period, close } = confirm;
    setConfirm(null);
    try {
      await repository.setClosed(period.id, close);
      setMessage(close ? `Период «${period.name}» закрыт.` : `Период «${period.name}» открыт.`);
    } catch (error) {
      setMessage(error instanceof Error ? error.message : String(error));
    }
  };

  return (
    <div className="school-tab periods-tab">
      {groups.map(({ key, title, note, periods }) => (
        <section key={key}>
          <h2>
            {title} <small>({note})</small>
          </h2>
          <table className="report-table periods-table">
            <thead>
              <tr>
                <th scope="col">Период</th>
                <th scope="col">Даты</th>
                <th scope="col">Состояние</th>
                <th scope="col">Действие</th>
              </tr>
            </thead>
            <tbody>
              {periods.map((p) => (
                <tr key={p.id} data-period-id={p.id}>
                  <th scope="row">{p.name}</th>
                  <td>
                    {formatDate(p.start)} – {formatDate(p.end)}
                  </td>
                  <td className={p.closed ? 'state closed' : 'state open'}>
                    {p.closed ? 'закрыт' : 'открыт'}
                  </td>
                  <td>
                    <button
                      type="button"
                      className={p.closed ? undefined : 'danger'}
                      aria-label={`${p.closed ? 'Открыть' : 'Закрыть'} период «${p.name}» (${title.toLowerCase()})`}
                      onClick={() => setConfirm({ period: p, close: !p.closed })}
                    >
                      {p.closed ? 'Открыть' : 'Закрыть'}
                    </button>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </section>
      ))}
      <p className="hint" role="status">
        {message ?? ''}
      </p>
      <section className="period-log">
        <h2>Журнал действий с периодами</h2>
        <p className="keys-help">
          Последнее действие с каждым периодом (кто и когда закрыл или открыл его); полная история
          хранится на сервере школы.
        </p>
        {log.length === 0 && <p className="empty">Периоды ещё не закрывались и не открывались.</p>}
        <ul>
          {log.map((a) =>
            a.atCreation ? (
              <li key={a.periodId}>
                «{a.periodName}» закрыт при вводе календаря школы ({formatDateTime(a.atMs)},{' '}
                {who(a.by)})
              </li>
            ) : (
              <li key={a.periodId}>
                {formatDateTime(a.atMs)} — {who(a.by)}: «{a.periodName}»{' '}
                {a.closed ? 'закрыт' : 'открыт'}
              </li>
            ),
          )}
        </ul>
      </section>
      {confirm && (
        <div className="confirm-overlay">
          <div
            className="confirm-dialog"
            role="alertdialog"
            aria-modal="true"
            aria-labelledby="period-confirm-title"
          >
            <h2 id="period-confirm-title">
              {confirm.close ? 'Закрыть' : 'Открыть'} период «{confirm.period.name}»?
            </h2>
            <p>
              {confirm.close
                ? `Отметки, пропуски и уроки с ${formatDate(confirm.period.start)} по ${formatDate(confirm.period.end)} и отметки за период станут недоступны для изменения.`
                : 'Учителя снова смогут менять отметки, пропуски и уроки этого периода. Действие будет записано в журнал.'}
            </p>
            {confirm.close && <PeriodClosingCheck period={confirm.period} data={data} />}
            <div className="form-actions">
              <button type="button" autoFocus onClick={() => setConfirm(null)}>
                Отмена
              </button>
              <button type="button" className="primary" onClick={() => void act()}>
                {confirm.close ? 'Закрыть период' : 'Открыть период'}
              </button>
            </div>
          </div>
        </div>
      )}
    </div>
  );
}
