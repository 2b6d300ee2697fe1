// "Обзор": class × subject matrix (current average and marks per student from the lessons, or the
// period marks' average and success %) and period-mark completion per teacher and per course.
import { useMemo, useState } from 'react';
import { shortName } from '../../../shared/common';
import { todayIso } from '../../../shared/dates';
import type { Period } from '../../../shared/period';
import { completionByTeacher, currentMarksMatrix } from '../../../shared/reports/current-marks';
import { periodCompletionReport } from '../../../shared/reports/period-completion';
import { toTableReport } from '../../../shared/reports/table-report';
import { formatAverage, formatPercent } from '../../../shared/statistics';
import type { SchoolData } from '../../data/use-school-data';
import { overviewMatrix } from './overview-matrix';
import { ReportTable } from './ReportTable';
import { TeacherCompletionTable } from './TeacherCompletionTable';
import type { SchoolRecords } from '../../data/use-school-records';

interface Props {
  data: SchoolData;
  records: SchoolRecords;
  period: Period;
}

type Measure = 'current' | 'marksPerStudent' | 'average' | 'success';

const MEASURES: { id: Measure; label: string }[] = [
  { id: 'current', label: 'текущий средний балл (по отметкам за уроки)' },
  { id: 'marksPerStudent', label: 'отметок на ученика (накопляемость)' },
  { id: 'average', label: 'средняя отметка за период' },
  { id: 'success', label: 'успеваемость за период, %' },
];

export function OverviewTab({ data, records, period }: Props) {
  // Mid-period the period marks are not set yet: the current figures come first.
  const [measure, setMeasure] = useState<Measure>(period.end < todayIso() ? 'average' : 'current');
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
  const current = useMemo(
    () =>
      currentMarksMatrix({
        courses: records.courses,
        lessons: records.lessons,
        students: records.students,
        classes,
        policy: data.school.policy,
      }),
    [records, classes, data],
  );
  const byTeacher = useMemo(
    () =>
      completionByTeacher(completion.report, (id) => {
        const s = data.staff.get(id);
        return s ? shortName(s) : id;
      }),
    [completion, data],
  );

  return (
    <div className="school-tab overview-tab">
      <section>
        <h2>
          Успеваемость по классам и предметам, {period.name}{' '}
          <label className="inline-choice">
            <select
              aria-label="Показатель"
              value={measure}
              onChange={(e) => setMeasure(e.target.value as Measure)}
            >
              {MEASURES.map((m) => (
                <option key={m.id} value={m.id}>
                  {m.label}
                </option>
              ))}
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
                    const now = current.get(`${c.id}|${s.id}`);
                    if (measure === 'current' || measure === 'marksPerStudent') {
                      const value = measure === 'current' ? now?.average : now?.marksPerStudent;
                      const level =
                        value === null || value === undefined
                          ? 'none'
                          : measure === 'current'
                            ? value >= 4
                              ? 'good'
                              : value >= 3.5
                                ? 'fair'
                                : 'weak'
                            : value >= 3
                              ? 'good'
                              : value >= 1.5
                                ? 'fair'
                                : 'weak';
                      return (
                        <td
                          key={s.id}
                          className={`num level-${level}`}
                          title={`${c.name}, ${s.name}: отметок за уроки ${now?.marks ?? 0}, обучающихся ${now?.students ?? 0}`}
                        >
                          {measure === 'current'
                            ? formatAverage(value ?? null)
                            : value === null || value === undefined
                              ? '—'
                              : String(value).replace('.', ',')}
                        </td>
                      );
                    }
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
        <h3>По учителям</h3>
        <TeacherCompletionTable rows={byTeacher} />
        <h3>По курсам</h3>
        <ReportTable report={completion.table} />
      </section>
    </div>
  );
}
