// «Настройка → Звонки»: the main bell schedule and the schedules of some weekdays (a shorter
// Saturday); lesson numbers with the start and end of each lesson, ЧЧ:ММ.
import { useState } from 'react';
import { WEEKDAY_SHORT } from '../../../shared/bells';
import type { School } from '../../../shared/school';
import {
  bellsDraft,
  buildBells,
  newSchedule,
  nextBell,
  type BellDraft,
  type BellsDraft,
} from './bells-form';
import type { ErrorPlacement } from './form-problems';
import { removeAt, replaceAt, RowsTable } from './RowsTable';
import { CellInput, SaveBar, TextField } from './SetupForm';
import { useSchoolSave } from './use-school-save';

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
  return (
    <RowsTable
      headers={['Урок №', 'Начало', 'Конец']}
      rows={rows}
      rowKey={(_, i) => i}
      onChange={onChange}
      newRow={nextBell}
      addLabel="Добавить урок"
      cells={(b, i, update) => (
        <>
          <CellInput
            label={`${title}, строка ${i + 1}: номер урока`}
            width="4em"
            value={b.slot}
            onChange={(v) => update({ slot: v })}
            path={`${prefix}.${i}.slot`}
            errors={errors}
          />
          <CellInput
            label={`${title}, ${b.slot}-й урок: начало`}
            width="5em"
            value={b.start}
            onChange={(v) => update({ start: v })}
            path={`${prefix}.${i}.start`}
            errors={errors}
          />
          <CellInput
            label={`${title}, ${b.slot}-й урок: конец`}
            width="5em"
            value={b.end}
            onChange={(v) => update({ end: v })}
            path={`${prefix}.${i}.end`}
            errors={errors}
          />
        </>
      )}
    />
  );
}

export function BellsPage({ school }: { school: School }) {
  const [draft, setDraft] = useState<BellsDraft>(() => bellsDraft(school));
  const { save, errors, submitWith } = useSchoolSave(school);
  const submit = submitWith((base) => buildBells(base, draft));
  const setSchedule = (i: number, p: Partial<BellsDraft['schedules'][number]>) =>
    setDraft((d) => ({ ...d, schedules: replaceAt(d.schedules, i, p) }));

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
              onClick={() => setDraft((d) => ({ ...d, schedules: removeAt(d.schedules, i) }))}
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
