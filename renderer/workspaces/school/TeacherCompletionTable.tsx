// «Обзор»: period-mark completion per teacher — sortable by any column, filtered by name and to
// the teachers with marks still missing.
import { useMemo, useState } from 'react';
import type { TeacherCompletionRow } from '../../../shared/reports/current-marks';
import { formatPercent } from '../../../shared/statistics';

type SortKey = 'teacher' | 'courses' | 'complete' | 'set' | 'missing' | 'deferred' | 'setPercent';

const COLUMNS: { key: SortKey; label: string }[] = [
  { key: 'teacher', label: 'Учитель' },
  { key: 'courses', label: 'Курсов' },
  { key: 'complete', label: 'Заполнено курсов' },
  { key: 'set', label: 'Выставлено отметок' },
  { key: 'missing', label: 'Не выставлено' },
  { key: 'deferred', label: 'Отсрочено' },
  { key: 'setPercent', label: 'Выставлено, %' },
];

export function TeacherCompletionTable({ rows }: { rows: readonly TeacherCompletionRow[] }) {
  const [sort, setSort] = useState<{ key: SortKey; desc: boolean }>({ key: 'missing', desc: true });
  const [query, setQuery] = useState('');
  const [onlyMissing, setOnlyMissing] = useState(false);
  const shown = useMemo(() => {
    const q = query.trim().toLowerCase();
    const list = rows.filter(
      (r) => (!q || r.teacher.toLowerCase().includes(q)) && (!onlyMissing || r.missing > 0),
    );
    const dir = sort.desc ? -1 : 1;
    return list.sort((a, b) => {
      const x = a[sort.key];
      const y = b[sort.key];
      const byKey =
        typeof x === 'string' && typeof y === 'string'
          ? x.localeCompare(y, 'ru')
          : (x ?? -1) < (y ?? -1)
            ? -1
            : (x ?? -1) > (y ?? -1)
              ? 1
              : 0;
      return byKey * dir || a.teacher.localeCompare(b.teacher, 'ru');
    });
  }, [rows, query, onlyMissing, sort]);

  return (
    <div className="teacher-completion">
      <div className="school-actions">
        <label>
          Учитель{' '}
          <input
            type="search"
            value={query}
            placeholder="фамилия"
            onChange={(e) => setQuery(e.target.value)}
          />
        </label>
        <label className="checkbox">
          <input
            type="checkbox"
            checked={onlyMissing}
            onChange={(e) => setOnlyMissing(e.target.checked)}
          />
          только с невыставленными отметками
        </label>
        <span className="muted" role="status">
          Учителей: {shown.length} из {rows.length}
        </span>
      </div>
      <table className="report-table teacher-completion-table" aria-label="Выставление по учителям">
        <thead>
          <tr>
            {COLUMNS.map((c) => (
              <th
                key={c.key}
                scope="col"
                aria-sort={
                  sort.key === c.key ? (sort.desc ? 'descending' : 'ascending') : undefined
                }
              >
                <button
                  type="button"
                  className="link"
                  onClick={() =>
                    setSort((s) => ({
                      key: c.key,
                      desc: s.key === c.key ? !s.desc : c.key !== 'teacher',
                    }))
                  }
                >
                  {c.label}
                  {sort.key === c.key ? (sort.desc ? ' ▼' : ' ▲') : ''}
                </button>
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {shown.map((r) => (
            <tr key={r.teacherId}>
              <th scope="row">{r.teacher}</th>
              <td className="num">{r.courses}</td>
              <td className="num">{r.complete}</td>
              <td className="num">{r.set}</td>
              <td className="num">{r.missing}</td>
              <td className="num">{r.deferred}</td>
              <td className="num">{formatPercent(r.setPercent)}</td>
            </tr>
          ))}
          {shown.length === 0 && (
            <tr>
              <td colSpan={COLUMNS.length} className="empty">
                Под этот отбор никто не подходит
              </td>
            </tr>
          )}
        </tbody>
      </table>
    </div>
  );
}
