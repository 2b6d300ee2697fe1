// In the deputy's «Закрыть период?» dialog: what is still missing — the period's end if it is later
// than today, and the period marks not set per class and per teacher (shared/reports/period-closing).
import { useMemo } from 'react';
import { shortName } from '../../../shared/common';
import { formatDate, todayIso } from '../../../shared/dates';
import type { Period } from '../../../shared/period';
import { periodClosingCheck, type ClosingGap } from '../../../shared/reports/period-closing';
import { periodCompletionReport } from '../../../shared/reports/period-completion';
import type { SchoolData } from '../../data/use-school-data';
import { useSchoolMarks } from '../../data/use-school-marks';

function GapTable({ caption, head, gaps }: { caption: string; head: string; gaps: ClosingGap[] }) {
  return (
    <table className="report-table closing-gaps">
      <caption>{caption}</caption>
      <thead>
        <tr>
          <th scope="col">{head}</th>
          <th scope="col">Не выставлено</th>
          <th scope="col">Отсрочено</th>
          <th scope="col">Курсов</th>
        </tr>
      </thead>
      <tbody>
        {gaps.map((g) => (
          <tr key={g.key}>
            <th scope="row">{g.label}</th>
            <td className="num">{g.missing}</td>
            <td className="num">{g.deferred}</td>
            <td className="num">{g.courses}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}

export function PeriodClosingCheck({ period, data }: { period: Period; data: SchoolData }) {
  const records = useSchoolMarks();
  const check = useMemo(() => {
    if (!records) return null;
    // A period of one scheme concerns the classes of that scheme; year-level ones every class.
    const classIds = new Set(
      [...data.classes.values()]
        .filter((c) => period.scheme === null || c.periodScheme === period.scheme)
        .map((c) => c.id),
    );
    const completion = periodCompletionReport({
      periodId: period.id,
      courses: records.courses.filter((c) => classIds.has(c.classId)),
      periodMarks: records.periodMarks,
      students: records.students,
      classes: [...data.classes.values()],
      subjects: data.school.subjects,
    });
    return periodClosingCheck({
      period,
      today: todayIso(),
      completion,
      teacherName: (id) => {
        const s = data.staff.get(id);
        return s ? shortName(s) : id;
      },
    });
  }, [records, data, period]);

  if (!check) return <p className="loading">Проверяем отметки за период…</p>;
  return (
    <div className="period-closing-check" data-testid="period-closing-check">
      {check.daysLeft > 0 && (
        <p className="closing-warning" role="alert">
          Период ещё не закончился: он длится до {formatDate(period.end)} (осталось {check.daysLeft}{' '}
          дн.).
        </p>
      )}
      {check.missing === 0 && check.deferred === 0 ? (
        <p>Все отметки за период выставлены ({check.expected}).</p>
      ) : (
        <>
          <p className={check.missing > 0 ? 'closing-warning' : undefined}>
            Не выставлено отметок за период: {check.missing} из {check.expected}
            {check.deferred > 0 ? `, отсрочено: ${check.deferred}` : ''}.
          </p>
          <div className="closing-gaps-wrap">
            <GapTable caption="По классам" head="Класс" gaps={check.byClass} />
            <GapTable caption="По учителям" head="Учитель" gaps={check.byTeacher} />
          </div>
        </>
      )}
    </div>
  );
}
