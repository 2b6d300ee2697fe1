// «Настройка → Учебный год»: the year's dates, the period scheme and planned weekly hours of each
// parallel, the dates of every period, holidays (for all or some parallels) and non-working days.
// The school card and the periods are checked together and saved only when all of them pass.
import { useState } from 'react';
import { NON_WORKING_DAY_LABELS, NonWorkingDayKindSchema } from '../../../shared/academic-year';
import {
  periodName,
  SCHEME_PERIOD_KIND,
  type Period,
  type PeriodScheme,
} from '../../../shared/period';
import type { School } from '../../../shared/school';
import { useRepositories } from '../../data/session';
import { RowsTable } from './RowsTable';
import { CellInput, SaveBar, textFieldsOf } from './SetupForm';
import { useSchoolSave } from './use-school-save';
import {
  buildYear,
  GRADES,
  SCHEME_LABELS,
  SCHEMES,
  schemesInUse,
  yearDraft,
  type YearDraft,
} from './year-form';

export function YearPage({ school, periods }: { school: School; periods: Period[] }) {
  const { setup } = useRepositories();
  const [draft, setDraft] = useState<YearDraft>(() => yearDraft(school.year, periods));
  const { save, errors, submitWith } = useSchoolSave(school);
  const patch = (p: Partial<YearDraft>) => setDraft((d) => ({ ...d, ...p }));
  const field = textFieldsOf(draft, patch, errors);
  const submit = submitWith(
    (base) => buildYear(base, periods, draft),
    (built) => setup.savePeriods(built.periods),
  );

  const setPeriod = (scheme: PeriodScheme, i: number, p: Partial<{ start: string; end: string }>) =>
    setDraft((d) => ({
      ...d,
      periods: {
        ...d.periods,
        [scheme]: d.periods[scheme].map((r, j) => (j === i ? { ...r, ...p } : r)),
      },
    }));

  return (
    <form className="setup-form" noValidate onSubmit={(e) => void submit(e)}>
      <h2>Учебный год</h2>
      <fieldset>
        <legend>Даты учебного года</legend>
        <div className="setup-grid setup-grid-3">
          {field('name', 'Название', 'year.name')}
          {field('start', 'Начало', 'year.start', { date: true })}
          {field('end', 'Окончание', 'year.end', { date: true })}
        </div>
      </fieldset>

      <div className="setup-periods">
        <fieldset>
          <legend>Параллели: периоды и часы по учебному плану</legend>
          <table className="setup-table">
            <thead>
              <tr>
                <th>Параллель</th>
                <th>Учебные периоды</th>
                <th>Часов в неделю</th>
              </tr>
            </thead>
            <tbody>
              {GRADES.map((g) => (
                <tr key={g}>
                  <th scope="row">{g}-е классы</th>
                  <td>
                    <select
                      aria-label={`Периоды ${g}-х классов`}
                      value={draft.schemes[String(g)]}
                      onChange={(e) =>
                        patch({
                          schemes: {
                            ...draft.schemes,
                            [String(g)]: e.target.value as PeriodScheme,
                          },
                        })
                      }
                    >
                      {SCHEMES.map((s) => (
                        <option key={s} value={s}>
                          {SCHEME_LABELS[s]}
                        </option>
                      ))}
                    </select>
                  </td>
                  <CellInput
                    label={`Часов в неделю в ${g}-х классах`}
                    width="4em"
                    value={draft.weeklyHours[String(g)] ?? ''}
                    onChange={(v) =>
                      patch({ weeklyHours: { ...draft.weeklyHours, [String(g)]: v } })
                    }
                    path={`year.weeklyHoursByGrade.${g}`}
                    errors={errors}
                  />
                </tr>
              ))}
            </tbody>
          </table>
        </fieldset>
        <fieldset>
          <legend>Даты учебных периодов</legend>
          <div className="setup-periods">
            {schemesInUse(draft).map((scheme) => (
              <table key={scheme} className="setup-table">
                <caption>{SCHEME_LABELS[scheme]}</caption>
                <thead>
                  <tr>
                    <th>Период</th>
                    <th>Начало</th>
                    <th>Окончание</th>
                  </tr>
                </thead>
                <tbody>
                  {draft.periods[scheme].map((row, i) => {
                    const name = periodName(SCHEME_PERIOD_KIND[scheme], i + 1);
                    return (
                      <tr key={i}>
                        <th scope="row">{name}</th>
                        <CellInput
                          label={`${name}: начало`}
                          date
                          width="8em"
                          value={row.start}
                          onChange={(v) => setPeriod(scheme, i, { start: v })}
                          path={`periods.${scheme}.${i}.start`}
                          errors={errors}
                        />
                        <CellInput
                          label={`${name}: окончание`}
                          date
                          width="8em"
                          value={row.end}
                          onChange={(v) => setPeriod(scheme, i, { end: v })}
                          path={`periods.${scheme}.${i}.end`}
                          errors={errors}
                        />
                      </tr>
                    );
                  })}
                </tbody>
              </table>
            ))}
          </div>
        </fieldset>
      </div>

      <fieldset>
        <legend>Каникулы</legend>
        <RowsTable
          headers={['Название', 'Начало', 'Окончание', 'Параллели (пусто — вся школа)']}
          rows={draft.holidays}
          rowKey={(_, i) => i}
          onChange={(holidays) => patch({ holidays })}
          newRow={() => ({ name: '', start: '', end: '', grades: '' })}
          addLabel="Добавить каникулы"
          cells={(h, i, update) => (
            <>
              <CellInput
                label={`Каникулы ${i + 1}: название`}
                value={h.name}
                onChange={(v) => update({ name: v })}
                path={`year.holidays.${i}.name`}
                errors={errors}
              />
              <CellInput
                label={`Каникулы ${i + 1}: начало`}
                date
                width="8em"
                value={h.start}
                onChange={(v) => update({ start: v })}
                path={`year.holidays.${i}.start`}
                errors={errors}
              />
              <CellInput
                label={`Каникулы ${i + 1}: окончание`}
                date
                width="8em"
                value={h.end}
                onChange={(v) => update({ end: v })}
                path={`year.holidays.${i}.end`}
                errors={errors}
              />
              <CellInput
                label={`Каникулы ${i + 1}: параллели`}
                width="8em"
                value={h.grades}
                onChange={(v) => update({ grades: v })}
                path={`year.holidays.${i}.grades`}
                errors={errors}
              />
            </>
          )}
        />
      </fieldset>

      <fieldset>
        <legend>Нерабочие дни (праздники, перенесённые выходные, актированные дни)</legend>
        <RowsTable
          headers={['Дата', 'Вид', 'Название', 'Параллели (пусто — вся школа)']}
          rows={draft.nonWorkingDays}
          rowKey={(_, i) => i}
          onChange={(nonWorkingDays) => patch({ nonWorkingDays })}
          newRow={() => ({ date: '', kind: 'publicHoliday' as const, name: '', grades: '' })}
          addLabel="Добавить нерабочий день"
          cells={(d, i, update) => (
            <>
              <CellInput
                label={`Нерабочий день ${i + 1}: дата`}
                date
                width="8em"
                value={d.date}
                onChange={(v) => update({ date: v })}
                path={`year.nonWorkingDays.${i}.date`}
                errors={errors}
              />
              <td>
                <select
                  aria-label={`Нерабочий день ${i + 1}: вид`}
                  value={d.kind}
                  onChange={(e) =>
                    update({
                      kind: NonWorkingDayKindSchema.parse(e.target.value),
                    })
                  }
                >
                  {NonWorkingDayKindSchema.options.map((k) => (
                    <option key={k} value={k}>
                      {NON_WORKING_DAY_LABELS[k]}
                    </option>
                  ))}
                </select>
              </td>
              <CellInput
                label={`Нерабочий день ${i + 1}: название`}
                value={d.name}
                onChange={(v) => update({ name: v })}
                path={`year.nonWorkingDays.${i}.name`}
                errors={errors}
              />
              <CellInput
                label={`Нерабочий день ${i + 1}: параллели`}
                width="8em"
                value={d.grades}
                onChange={(v) => update({ grades: v })}
                path={`year.nonWorkingDays.${i}.grades`}
                errors={errors}
              />
            </>
          )}
        />
      </fieldset>
      <SaveBar state={save.state} errors={errors} />
    </form>
  );
}
