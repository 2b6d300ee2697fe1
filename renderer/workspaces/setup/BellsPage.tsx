// «Настройка → Звонки»: the main bell schedule and the schedules of some weekdays (a shorter
// Saturday); lesson numbers with the start and end of each lesson, ЧЧ:ММ.
import { useState, type FormEvent } from 'react';
import { WEEKDAY_SHORT } from '../../../shared/bells';
import type { School } from '../../../shared/school';
import { useRepositories } from '../../data/session';
import {
  bellsDraft,
  buildBells,
  newSchedule,
  nextBell,
  type BellDraft,
  type BellsDraft,
} from './bells-form';
import { ErrorPlacement } from './form-problems';
import { CellInput, SaveBar, TextField, useSave } from './SetupForm';

function BellRows({
  rows,
  prefix,
  title,
  errors,
  onChange,
}: {
  rows: BellDraft[];
  prefix: string;
  title: string;
  errors: ErrorPlacement;
  onChange: (rows: BellDraft[]) => void;
}) {
  const set = (i: number, p: Partial<BellDraft>) =>
    onChange(rows.map((r, j) => (j === i ? { ...r, ...p } : r)));
  return (
    <>
      <table className="setup-table">
        <thead>
          <tr>
            <th>Урок №</th>
            <th>Начало</th>
            <th>Конец</th>
            <th />
          </tr>
        </thead>
        <tbody>
          {rows.map((b, i) => (
            <tr key={i}>
              <CellInput
                label={`${title}, строка ${i + 1}: номер урока`}
                width="4em"
                value={b.slot}
                onChange={(v) => set(i, { slot: v })}
                path={`${prefix}.${i}.slot`}
                errors={errors}
              />
              <CellInput
                label={`${title}, ${b.slot}-й урок: начало`}
                width="5em"
                value={b.start}
                onChange={(v) => set(i, { start: v })}
                path={`${prefix}.${i}.start`}
                errors={errors}
              />
              <CellInput
                label={`${title}, ${b.slot}-й урок: конец`}
                width="5em"
                value={b.end}
                onChange={(v) => set(i, { end: v })}
                path={`${prefix}.${i}.end`}
                errors={errors}
              />
              <td>
                <button type="button" onClick={() => onChange(rows.filter((_, j) => j !== i))}>
                  Убрать
                </button>
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      <button type="button" onClick={() => onChange([...rows, nextBell(rows)])}>
        Добавить урок
      </button>
    </>
  );
}

export function BellsPage({ school }: { school: School }) {
  const { setup } = useRepositories();
  const [base, setBase] = useState<School>(school);
  const [draft, setDraft] = useState<BellsDraft>(() => bellsDraft(school));
  const save = useSave();
  const errors = new ErrorPlacement(save.errors);

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    const built = buildBells(base, draft);
    if (!built.ok) {
      save.setErrors(built.errors);
      return;
    }
    await save.run(async () => setBase(await setup.saveSchool({ base, next: built.school })));
  };
  const setSchedule = (i: number, p: Partial<BellsDraft['schedules'][number]>) =>
    setDraft((d) => ({
      ...d,
      schedules: d.schedules.map((s, j) => (j === i ? { ...s, ...p } : s)),
    }));

  return (
    <form className="setup-form" noValidate onSubmit={(e) => void submit(e)}>
      <h2>Расписание звонков</h2>
      <div className="setup-bells">
        <fieldset>
          <legend>Основное (все дни, кроме указанных ниже)</legend>
          <BellRows
            rows={draft.bells}
            prefix="bells"
            title="Основное"
            errors={errors}
            onChange={(bells) => setDraft((d) => ({ ...d, bells }))}
          />
        </fieldset>
        {draft.schedules.map((s, i) => (
          <fieldset key={s.id}>
            <legend>{s.name || 'Другое расписание'}</legend>
            <TextField
              label="Название"
              value={s.name}
              onChange={(v) => setSchedule(i, { name: v })}
              path={`bellSchedules.${i}.name`}
              errors={errors}
            />
            <div className="setup-weekdays" role="group" aria-label={`${s.name}: дни недели`}>
              {[1, 2, 3, 4, 5, 6].map((day) => (
                <label key={day} className="checkbox">
                  <input
                    type="checkbox"
                    checked={s.weekdays.includes(day)}
                    onChange={(e) =>
                      setSchedule(i, {
                        weekdays: e.target.checked
                          ? [...s.weekdays, day]
                          : s.weekdays.filter((w) => w !== day),
                      })
                    }
                  />
                  {WEEKDAY_SHORT[day]}
                </label>
              ))}
            </div>
            {errors.at(`bellSchedules.${i}.weekdays`) && (
              <small className="field-error">{errors.at(`bellSchedules.${i}.weekdays`)}</small>
            )}
            <BellRows
              rows={s.bells}
              prefix={`bellSchedules.${i}.bells`}
              title={s.name}
              errors={errors}
              onChange={(bells) => setSchedule(i, { bells })}
            />
            <button
              type="button"
              onClick={() =>
                setDraft((d) => ({ ...d, schedules: d.schedules.filter((_, j) => j !== i) }))
              }
            >
              Удалить это расписание
            </button>
          </fieldset>
        ))}
      </div>
      <button
        type="button"
        onClick={() => setDraft((d) => ({ ...d, schedules: [...d.schedules, newSchedule()] }))}
      >
        Добавить расписание для отдельных дней (например, субботы)
      </button>
      <SaveBar state={save.state} errors={errors} />
    </form>
  );
}
