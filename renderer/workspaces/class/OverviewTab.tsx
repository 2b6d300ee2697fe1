// "Сводка класса": per subject the averages and set marks, per student the proposals or set marks
// and absences by reason, students at risk highlighted; a student's running average on click.
import { useMemo, useState, type ReactNode } from 'react';
import { MARK_LABELS } from '../../../shared/grading-policy';
import type { Period } from '../../../shared/period';
import type { StudentSubjectCell } from '../../../shared/reports/class-overview';
import type { SchoolClass } from '../../../shared/school-class';
import { formatAverage } from '../../../shared/statistics';
import type { SchoolData } from '../../data/use-school-data';
import { todayIso } from '../../../shared/dates';
import { classPeriods } from './class-periods';
import { cellRisk, minMarksOf, studentRisk, type Risk, type RiskContext } from './overview-risk';
import { PeriodSelect } from '../../ui/PeriodSelect';
import { StudentChart } from './StudentChart';
import { useClassOverview } from './use-class-overview';

interface Props {
  klass: SchoolClass;
  data: SchoolData;
}

function percent(v: number | null): string {
  return v === null ? '—' : `${String(v).replace('.', ',')} %`;
}

/** «1 группа» → «1 гр.», for a narrow column header. */
function groupShort(group: string): string {
  return group.replace(/\s*группа\b/i, ' гр.');
}

const RISK_CLASS: Record<Risk, string> = { none: '', fewMarks: 'few-marks', risk: 'at-risk' };

function Cell({ cell, risk }: { cell: StudentSubjectCell | undefined; risk: Risk }) {
  if (!cell) return <td className="na" />;
  const title = cell.explanation || undefined;
  return (
    <td className={`mark ${RISK_CLASS[risk]}`.trim()} title={title}>
      {cell.set ? (
        <strong>{MARK_LABELS[cell.set]}</strong>
      ) : cell.deferred ? (
        'отср.'
      ) : cell.proposal ? (
        <em>{MARK_LABELS[cell.proposal]}</em>
      ) : (
        '—'
      )}
      <small>{formatAverage(cell.average)}</small>
    </td>
  );
}

export function OverviewTab({ klass, data }: Props) {
  const { periods, current } = useMemo(
    () => classPeriods(data.periods, klass, todayIso()),
    [data.periods, klass],
  );
  const [periodId, setPeriodId] = useState(current?.id ?? '');
  const period = periods.find((p) => p.id === periodId) ?? current;
  // The student whose running average is open stays chosen across periods.
  const [chartFor, setChartFor] = useState<string | null>(null);

  if (!period) return <p className="empty">Для класса не заданы отчётные периоды.</p>;
  return (
    <PeriodOverview
      key={period.id}
      klass={klass}
      data={data}
      period={period}
      periodSelect={<PeriodSelect periods={periods} value={period.id} onChange={setPeriodId} />}
      chartFor={chartFor}
      onChart={setChartFor}
    />
  );
}

/** The overview of one period (remounted when the period changes: its live queries are per period). */
function PeriodOverview({
  klass,
  data,
  period,
  periodSelect,
  chartFor,
  onChart: setChartFor,
}: Props & {
  period: Period;
  periodSelect: ReactNode;
  chartFor: string | null;
  onChart: (studentId: string | null) => void;
}) {
  const result = useClassOverview(klass, data, period);
  const shortNames = useMemo(
    () => new Map(data.school.subjects.map((s) => [s.name, s.short])),
    [data.school.subjects],
  );

  if (!result) return <p className="loading">Считаем сводку…</p>;
  const { overview } = result;
  const ctx: RiskContext = {
    minMarks: minMarksOf(data.school.policy, period.kind),
    periodOver: period.end < todayIso(),
    missedTooMany: result.missedTooMany,
  };
  const risks = new Map(overview.students.map((st) => [st.studentId, studentRisk(st, ctx)]));
  const riskCount = [...risks.values()].filter((r) => r === 'risk').length;
  const fewCount = [...risks.values()].filter((r) => r === 'fewMarks').length;
  const chartStudent = overview.students.find((s) => s.studentId === chartFor);
  const staffName = (id: string) => {
    const s = data.staff.get(id);
    return s ? `${s.lastName} ${s.firstName.charAt(0)}. ${s.middleName.charAt(0)}.`.trim() : id;
  };

  return (
    <div className="overview">
      <div className="tab-toolbar">
        <h2>Сводка класса</h2>
        {periodSelect}
        <span className={riskCount ? 'risk-count at-risk' : 'risk-count'}>
          Под угрозой (прогноз «2» или н/а): <strong>{riskCount}</strong>
        </span>
        {fewCount > 0 && (
          <span className="risk-count few-marks">
            Пока мало отметок для аттестации: <strong>{fewCount}</strong>
          </span>
        )}
      </div>

      <h3>По предметам</h3>
      <div className="table-scroll">
        <table className="class-table subjects-table">
          <thead>
            <tr>
              <th>Предмет</th>
              <th>Учитель</th>
              <th>Учеников</th>
              <th>Средний балл</th>
              <th>Выставлено</th>
              <th>«5»</th>
              <th>«4»</th>
              <th>«3»</th>
              <th>«2»</th>
              <th>н/а</th>
              <th>Успеваемость</th>
              <th>Качество знаний</th>
            </tr>
          </thead>
          <tbody>
            {overview.subjects.map((s) => (
              <tr key={s.courseId}>
                <td>
                  {s.subject}
                  {s.group && <span className="muted"> — {s.group}</span>}
                </td>
                <td>{staffName(s.teacherId)}</td>
                <td className="num">{s.students}</td>
                <td className="num">{formatAverage(s.classAverage)}</td>
                <td className="num">
                  {s.setCount} из {s.students}
                </td>
                <td className="num">{s.counts['5']}</td>
                <td className="num">{s.counts['4']}</td>
                <td className="num">{s.counts['3']}</td>
                <td className="num">{s.counts['2']}</td>
                <td className="num">{s.counts.notAttested}</td>
                <td className="num">{percent(s.successPercent)}</td>
                <td className="num">{percent(s.qualityPercent)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>

      <h3>По ученикам</h3>
      <p className="muted legend">
        <strong>5</strong> — выставленная отметка, <em>5</em> — прогноз, под отметкой — средний
        взвешенный балл; <span className="legend-risk">красным</span> — «2» или н/а,{' '}
        <span className="legend-few">жёлтым</span> — н/а только из-за того, что отметок пока меньше
        нужного. Нажмите на ученика, чтобы увидеть динамику среднего балла.
      </p>
      <div className="overview-body">
        <div className="table-scroll">
          <table className="class-table students-overview">
            <thead>
              <tr>
                <th>№</th>
                <th>Ученик</th>
                {overview.subjects.map((s) => (
                  <th
                    key={s.courseId}
                    title={`${s.subject}${s.group ? `, ${s.group}` : ''} — ${staffName(s.teacherId)}`}
                  >
                    {shortNames.get(s.subject) || s.subject}
                    {s.group && <small className="group-label">{groupShort(s.group)}</small>}
                  </th>
                ))}
                <th title="Пропущено уроков">Проп. уроков</th>
                <th title="Пропущено уроков по болезни">из них по болезни</th>
                <th title="Пропущено уроков по уважительной причине">по уваж. причине</th>
                <th title="Пропущено уроков без уважительной причины">без уваж. причины</th>
                <th title="Пропущено дней (все уроки дня)">Проп. дней</th>
              </tr>
            </thead>
            <tbody>
              {overview.students.map((st, i) => (
                <tr
                  key={st.studentId}
                  className={
                    [
                      RISK_CLASS[risks.get(st.studentId) ?? 'none'],
                      chartFor === st.studentId ? 'selected' : '',
                    ]
                      .filter(Boolean)
                      .join(' ') || undefined
                  }
                >
                  <td className="num">{i + 1}</td>
                  <td>
                    <button
                      type="button"
                      className="link"
                      onClick={() => setChartFor(st.studentId)}
                    >
                      {st.student}
                    </button>
                    {risks.get(st.studentId) === 'risk' && (
                      <span className="risk-badge"> под угрозой</span>
                    )}
                  </td>
                  {overview.subjects.map((s) => (
                    <Cell
                      key={s.courseId}
                      cell={st.subjects[s.courseId]}
                      risk={cellRisk(st.subjects[s.courseId], st.studentId, ctx)}
                    />
                  ))}
                  <td className="num">{st.absences.lessonsMissed}</td>
                  <td className="num">{st.absences.byReason.illness}</td>
                  <td className="num">{st.absences.byReason.excused}</td>
                  <td className="num">{st.absences.byReason.unexcused}</td>
                  <td className="num">{st.absences.daysMissed}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
        {chartStudent && (
          <StudentChart
            key={chartStudent.studentId}
            student={chartStudent}
            subjects={overview.subjects}
            lessons={result.lessons}
            period={period}
            policy={data.school.policy}
            riskCourseIds={Object.values(chartStudent.subjects)
              .filter((c) => cellRisk(c, chartStudent.studentId, ctx) === 'risk')
              .map((c) => c.courseId)}
            onClose={() => setChartFor(null)}
          />
        )}
      </div>
    </div>
  );
}
