// "Статистика": per class, subject or teacher — counts of 5/4/3/2/н/а, success and quality, lessons
// held vs planned and the backlog (shared/reports/school-statistics), with bar charts of the percents.
import { useMemo, useState } from 'react';
import { formatDate, todayIso } from '../../../shared/dates';
import type { Period } from '../../../shared/period';
import { schoolStatistics } from '../../../shared/reports/school-statistics';
import { toTableReport, type StatisticsBreakdown } from '../../../shared/reports/table-report';
import type { SchoolData } from '../../data/use-school-data';
import { BarChart } from './BarChart';
import { ReportExportButtons } from './ReportExportButtons';
import { ReportTable } from './ReportTable';
import type { SchoolRecords } from '../../data/use-school-records';

interface Props {
  data: SchoolData;
  records: SchoolRecords;
  period: Period;
}

const BREAKDOWNS: { id: StatisticsBreakdown; label: string }[] = [
  { id: 'class', label: 'по классам' },
  { id: 'subject', label: 'по предметам' },
  { id: 'teacher', label: 'по учителям' },
];

export function StatisticsTab({ data, records, period }: Props) {
  const [by, setBy] = useState<StatisticsBreakdown>('class');
  const report = useMemo(() => {
    const classIds = [...data.classes.values()]
      .filter((c) => c.periodScheme === period.scheme)
      .map((c) => c.id);
    return schoolStatistics({
      period,
      courses: records.courses,
      periodMarks: records.periodMarks,
      lessons: records.lessons,
      students: records.students,
      classes: [...data.classes.values()],
      subjects: data.school.subjects,
      staff: data.staffList,
      classIds,
      asOf: todayIso(),
    });
  }, [data, records, period]);
  const table = useMemo(
    () => toTableReport({ kind: 'schoolStatistics', report, by }),
    [report, by],
  );
  const rows = {
    class: report.byClass,
    subject: report.bySubject,
    teacher: report.byTeacher,
    course: report.byCourse,
  }[by];

  return (
    <div className="school-tab statistics-tab">
      <div className="school-actions">
        <div role="radiogroup" aria-label="Разрез" className="segmented">
          {BREAKDOWNS.map((b) => (
            <button
              key={b.id}
              type="button"
              role="radio"
              aria-checked={by === b.id}
              onClick={() => setBy(b.id)}
            >
              {b.label}
            </button>
          ))}
        </div>
        <ReportExportButtons report={table} schoolShortName={data.school.shortName} />
      </div>
      <div className="charts">
        <BarChart
          title="Успеваемость и качество знаний, %"
          labels={rows.map((r) => r.label)}
          series={[
            { name: 'успеваемость', color: '#1d5fbf', values: rows.map((r) => r.successPercent) },
            { name: 'качество', color: '#2f9e6e', values: rows.map((r) => r.qualityPercent) },
          ]}
          max={100}
          unit=" %"
        />
        <BarChart
          title={`Проведено уроков от плана на ${formatDate(report.asOf)}, %`}
          labels={rows.map((r) => r.label)}
          series={[
            {
              name: 'проведено',
              color: '#8a4b00',
              values: rows.map((r) =>
                r.plannedToDate > 0
                  ? Math.min(100, Math.round((r.held * 1000) / r.plannedToDate) / 10)
                  : null,
              ),
            },
          ]}
          max={100}
          unit=" %"
        />
      </div>
      <ReportTable report={table} />
      <p className="muted report-legend">
        «Обучающихся» — все обучающиеся класса, также в классах без отметок (1-е классы); по
        предметам и учителям — обучающиеся каждого курса, сложенные по курсам. «5», «4», «3», «2»,
        н/а — отметки за период. «Уроков по плану за период» — по учебному плану за весь период; «По
        плану на {formatDate(report.asOf)}» — та часть плана, что приходится на учебные дни
        (понедельник — суббота) до этой даты; «Отставание» — сколько уроков из неё не проведено.
      </p>
    </div>
  );
}
