// «Настройка → Учебный год»: the year's dates, the period scheme and planned weekly hours of each
// parallel, the dates of every period, holidays (for all or some parallels) and non-working days.
// The school card and the periods are checked together and saved only when all of them pass.
import { useState, type FormEvent } from 'react';
import { NON_WORKING_DAY_LABELS, NonWorkingDayKindSchema } from '../../../shared/academic-year';
import {
  periodName,
  SCHEME_PERIOD_KIND,
  type Period,
  type PeriodScheme,
} from '../../../shared/period';
import type { School } from '../../../shared/school';
import { useRepositories } from '../../data/session';
import { ErrorPlacement } from './form-problems';
import { CellInput, SaveBar, TextField, useSave } from './SetupForm';
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
  const [base, setBase] = useState<School>(school);
  const [draft, setDraft] = useState<YearDraft>(() => yearDraft(school.year, periods));
  const save = useSave();
  const errors = new ErrorPlacement(save.errors);
  const patch = (p: Partial<YearDraft>) => setDraft((d) => ({ ...d, ...p }));

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    const built = buildYear(base, periods, draft);
    if (!built.ok) {
      save.setErrors(built.errors);
      return;
    }
    await save.run(async () => {
      const written = await setup.saveSchool({ base, next: built.school });
      setBase(written);
      await setup.savePeriods(built.periods);
    }, '');
  };

  const setRow = <K extends 'holidays' | 'nonWorkingDays'>(
    key: K,
    i: number,
    p: Partial<YearDraft[K][number]>,
  ) => setDraft((d) => ({ ...d, [key]: d[key].map((r, j) => (j === i ? { ...r, ...p } : r)) }));
  const removeRow = (key: 'holidays' | 'nonWorkingDays', i: number) =>
    setDraft((d) => ({ ...d, [key]: d[key].filter((_, j) => j !== i) }));
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
          <TextField
            label="Название"
            value={draft.name}
            onChange={(v) => patch({ name: v })}
            path="year.name"
            errors={errors}
          />
          <TextField
            label="Начало"
            date
            value={draft.start}
            onChange={(v) => patch({ start: v })}
            path="year.start"
            errors={errors}
          />
          <TextField
            label="Окончание"
            date
            value={draft.end}
            onChange={(v) => patch({ end: v })}
            path="year.end"
            errors={errors}
          />
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
        <table className="setup-table">
          <thead>
            <tr>
              <th>Название</th>
              <th>Начало</th>
              <th>Окончание</th>
              <th>Параллели (пусто — вся школа)</th>
              <th />
            </tr>
          </thead>
          <tbody>
            {draft.holidays.map((h, i) => (
              <tr key={i}>
                <CellInput
                  label={`Каникулы ${i + 1}: название`}
                  value={h.name}
                  onChange={(v) => setRow('holidays', i, { name: v })}
                  path={`year.holidays.${i}.name`}
                  errors={errors}
                />
                <CellInput
                  label={`Каникулы ${i + 1}: начало`}
                  date
                  width="8em"
                  value={h.start}
                  onChange={(v) => setRow('holidays', i, { start: v })}
                  path={`year.holidays.${i}.start`}
                  errors={errors}
                />
                <CellInput
                  label={`Каникулы ${i + 1}: окончание`}
                  date
                  width="8em"
                  value={h.end}
                  onChange={(v) => setRow('holidays', i, { end: v })}
                  path={`year.holidays.${i}.end`}
                  errors={errors}
                />
                <CellInput
                  label={`Каникулы ${i + 1}: параллели`}
                  width="8em"
                  value={h.grades}
                  onChange={(v) => setRow('holidays', i, { grades: v })}
                  path={`year.holidays.${i}.grades`}
                  errors={errors}
                />
                <td>
                  <button type="button" onClick={() => removeRow('holidays', i)}>
                    Убрать
                  </button>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
        <button
          type="button"
          onClick={() =>
            patch({ holidays: [...draft.holidays, { name: '', start: '', end: '', grades: '' }] })
          }
        >
          Добавить каникулы
        </button>
      </fieldset>

      <fieldset>
        <legend>Нерабочие дни (праздники, перенесённые выходные, актированные дни)</legend>
        <table className="setup-table">
          <thead>
            <tr>
              <th>Дата</th>
              <th>Вид</th>
              <th>Название</th>
              <th>Параллели (пусто — вся школа)</th>
              <th />
            </tr>
          </thead>
          <tbody>
            {draft.nonWorkingDays.map((d, i) => (
              <tr key={i}>
                <CellInput
                  label={`Нерабочий день ${i + 1}: дата`}
                  date
                  width="8em"
                  value={d.date}
                  onChange={(v) => setRow('nonWorkingDays', i, { date: v })}
                  path={`year.nonWorkingDays.${i}.date`}
                  errors={errors}
                />
                <td>
                  <select
                    aria-label={`Нерабочий день ${i + 1}: вид`}
                    value={d.kind}
                    onChange={(e) =>
                      setRow('nonWorkingDays', i, {
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
                  onChange={(v) => setRow('nonWorkingDays', i, { name: v })}
                  path={`year.nonWorkingDays.${i}.name`}
                  errors={errors}
                />
                <CellInput
                  label={`Нерабочий день ${i + 1}: параллели`}
                  width="8em"
                  value={d.grades}
                  onChange={(v) => setRow('nonWorkingDays', i, { grades: v })}
                  path={`year.nonWorkingDays.${i}.grades`}
                  errors={errors}
                />
                <td>
                  <button type="button" onClick={() => removeRow('nonWorkingDays', i)}>
                    Убрать
                  </button>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
        <button
          type="button"
          onClick={() =>
            patch({
              nonWorkingDays: [
                ...draft.nonWorkingDays,
                { date: '', kind: 'publicHoliday', name: '', grades: '' },
              ],
            })
          }
        >
          Добавить нерабочий день
        </button>
      </fieldset>
      <SaveBar state={save.state} errors={errors} />
    </form>
  );
}
