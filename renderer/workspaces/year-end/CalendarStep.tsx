// Step 1: next year's name, dates and holidays, proposed from this year's on the same weekdays.
import { formatDate } from '../../../shared/dates';
import type { YearTransitionPlan } from '../../../shared/year-end/plan';
import { DateField } from '../../ui/DateField';

interface Props {
  plan: YearTransitionPlan;
  onChange: (plan: YearTransitionPlan) => void;
}

export function CalendarStep({ plan, onChange }: Props) {
  const year = plan.nextYear;
  const setYear = (patch: Partial<typeof year>) =>
    onChange({ ...plan, nextYear: { ...year, ...patch } });
  return (
    <section className="school-tab year-end-step">
      <h2>
        Учебный год {year.name} <small>предложен по текущему: каникулы в те же дни недели</small>
      </h2>
      <div className="school-actions">
        <DateField
          label="Начало"
          value={year.start}
          onChange={(iso) => iso && setYear({ start: iso })}
          required
        />
        <DateField
          label="Окончание"
          value={year.end}
          onChange={(iso) => iso && setYear({ end: iso })}
          required
        />
      </div>
      <table className="report-table">
        <thead>
          <tr>
            <th>Каникулы</th>
            <th>С</th>
            <th>По</th>
            <th>Параллели</th>
          </tr>
        </thead>
        <tbody>
          {year.holidays.map((h, i) => (
            <tr key={`${h.name}-${i}`}>
              <td>{h.name}</td>
              <td>
                <DateField
                  label=""
                  value={h.start}
                  onChange={(iso) =>
                    iso &&
                    setYear({
                      holidays: year.holidays.map((x, j) => (j === i ? { ...x, start: iso } : x)),
                    })
                  }
                />
              </td>
              <td>
                <DateField
                  label=""
                  value={h.end}
                  onChange={(iso) =>
                    iso &&
                    setYear({
                      holidays: year.holidays.map((x, j) => (j === i ? { ...x, end: iso } : x)),
                    })
                  }
                />
              </td>
              <td>{h.grades?.length ? h.grades.join(', ') : 'все'}</td>
            </tr>
          ))}
        </tbody>
      </table>
      <h2>Учебные периоды</h2>
      <table className="report-table">
        <tbody>
          {plan.periods
            .filter((p) => p.scheme !== null)
            .sort((a, b) => (a.scheme ?? '').localeCompare(b.scheme ?? '') || a.number - b.number)
            .map((p) => (
              <tr key={p.id}>
                <td>{p.name}</td>
                <td>
                  {formatDate(p.start)} — {formatDate(p.end)}
                </td>
              </tr>
            ))}
        </tbody>
      </table>
      <p className="timetable-hint">
        Праздничные дни перенесены на те же даты; актированные дни и карантины не переносятся. Даты
        периодов можно уточнить в «Настройке» после перехода.
      </p>
    </section>
  );
}
