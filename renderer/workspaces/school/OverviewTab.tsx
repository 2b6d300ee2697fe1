// "Обзор": class × subject matrix (average set mark or success %) and period-mark completion per course.
import { useMemo, useState } from 'react';
import type { Period } from '../../../shared/period';
import { periodCompletionReport } from '../../../shared/reports/period-completion';
import { toTableReport } from '../../../shared/reports/table-report';
import { formatAverage, formatPercent } from '../../../shared/statistics';
import type { SchoolData } from '../../data/use-school-data';
import { overviewMatrix } from './overview-matrix';
import { ReportTable } from './ReportTable';
import type { SchoolRecords } from '../../data/use-school-records';

interface Props {
  data: SchoolData;
  records: SchoolRecords;
  period: Period;
}

export function OverviewTab({ data, records, period }: Props) {
  const [measure, setMeasure] = useState<'average' | 'success'>('average');
  const classes = useMemo(
    () => [...data.classes.values()].filter((c) => c.periodScheme === period.scheme),
    [data, period.scheme],
  );
  const matrix = useMemo(
    () =>
      overviewMatrix({
        periodId: period.id,
        classes,
        subjects: data.school.subjects,
        courses: records.courses,
        students: records.students,
        periodMarks: records.periodMarks,
      }),
    [period.id, classes, data, records],
  );
  const completion = useMemo(() => {
    const report = periodCompletionReport({
      periodId: period.id,
      courses: records.courses.filter((c) => classes.some((k) => k.id === c.classId)),
      periodMarks: records.periodMarks,
      students: records.students,
      classes,
      subjects: data.school.subjects,
    });
    return { report, table: toTableReport({ kind: 'periodCompletion', report }) };
  }, [period.id, records, classes, data]);
  const t = completion.report.totals;

  return (
    <div className="school-tab overview-tab">
      <section>
        <h2>
          Успеваемость по классам и предметам, {period.name}{' '}
          <label className="inline-choice">
            <select
              aria-label="Показатель"
              value={measure}
              onChange={(e) => setMeasure(e.target.value as 'average' | 'success')}
            >
              <option value="average">средняя отметка за период</option>
              <option value="success">успеваемость, %</option>
            </select>
          </label>
        </h2>
        <div className="matrix-wrap">
          <table className="report-table overview-matrix" aria-label="Классы и предметы">
            <thead>
              <tr>
                <th scope="col">Класс</th>
                {matrix.subjects.map((s) => (
                  <th key={s.id} scope="col" title={s.name}>
                    {s.short}
                  </th>
                ))}
              </tr>
            </thead>
            <tbody>
              {matrix.classes.map((c) => (
                <tr key={c.id}>
                  <th scope="row">{c.name}</th>
                  {matrix.subjects.map((s) => {
                    const cell = matrix.cells.get(`${c.id}|${s.id}`);
                    if (!cell) return <td key={s.id} />;
                    const text =
                      measure === 'average'
                        ? formatAverage(cell.average)
                        : formatPercent(cell.successPercent);
                    const level =
                      measure === 'average'
                        ? cell.average === null
                          ? 'none'
                          : cell.average >= 4
                            ? 'good'
                            : cell.average >= 3.5
                              ? 'fair'
                              : 'weak'
                        : cell.successPercent === null
                          ? 'none'
                          : cell.successPercent >= 100
                            ? 'good'
                            : cell.successPercent >= 90
                              ? 'fair'
                              : 'weak';
                    return (
                      <td
                        key={s.id}
                        className={`num level-${level}`}
                        title={`${c.name}, ${s.name}: выставлено ${cell.set} из ${cell.students}`}
                      >
                        {text}
                      </td>
                    );
                  })}
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      </section>
      <section>
        <h2>Выставление отметок за период</h2>
        <p className="completion-totals" role="status">
          Курсов: {t.courses}, заполнено полностью: {t.complete}. Отметок выставлено: {t.set}, не
          выставлено: {t.missing}, отсрочено: {t.deferred}.
        </p>
        <ReportTable report={completion.table} />
      </section>
    </div>
  );
}
