// «Настройка → Оценивание»: the mark scale, work types with their weights, the rounding thresholds
// of the proposed period mark, attestation minimums, attendance codes with their reason, and the
// time after which an idle computer locks.
import { useState } from 'react';
import { ABSENCE_REASON_LABELS, AbsenceReasonSchema } from '../../../shared/attendance-code';
import type { School } from '../../../shared/school';
import { buildGrading, gradingDraft, newWorkType, type GradingDraft } from './grading-form';
import { RowsTable } from './RowsTable';
import { CellInput, SaveBar, TextField } from './SetupForm';
import { useSchoolSave } from './use-school-save';

export function GradingPage({ school }: { school: School }) {
  const [d, setD] = useState<GradingDraft>(() => gradingDraft(school));
  const { save, errors, submitWith } = useSchoolSave(school);
  const patch = (p: Partial<GradingDraft>) => setD((x) => ({ ...x, ...p }));
  const submit = submitWith((base) => buildGrading(base, d));
  const thresholdsError = errors.at('policy.thresholds');

  return (
    <form className="setup-form" noValidate onSubmit={(e) => void submit(e)}>
      <h2>Оценивание и посещаемость</h2>
      <fieldset>
        <legend>Шкала отметок</legend>
        <label className="checkbox">
          <input
            type="checkbox"
            checked={d.allowOne}
            onChange={(e) => patch({ allowOne: e.target.checked })}
          />
          Отметка «1»
        </label>
        <label className="checkbox">
          <input
            type="checkbox"
            checked={d.allowModifiers}
            onChange={(e) => patch({ allowModifiers: e.target.checked })}
          />
          Отметки с плюсом и минусом (4+, 5−)
        </label>
      </fieldset>
      <fieldset>
        <legend>Виды работ и их вес</legend>
        <RowsTable
          headers={['Вид работы', 'Сокращение', 'Вес', 'Контрольная', 'По умолчанию']}
          rows={d.workTypes}
          rowKey={(w) => w.id}
          onChange={(workTypes) => patch({ workTypes })}
          newRow={newWorkType}
          addLabel="Добавить вид работы"
          cells={(w, i, update) => (
            <>
              <CellInput
                label={`Вид работы ${i + 1}: название`}
                value={w.name}
                onChange={(v) => update({ name: v })}
                path={`policy.workTypes.${i}.name`}
                errors={errors}
              />
              <CellInput
                label={`${w.name}: сокращение`}
                width="5em"
                value={w.short}
                onChange={(v) => update({ short: v })}
                path={`policy.workTypes.${i}.short`}
                errors={errors}
              />
              <CellInput
                label={`${w.name}: вес`}
                width="4em"
                value={w.weight}
                onChange={(v) => update({ weight: v })}
                path={`policy.workTypes.${i}.weight`}
                errors={errors}
              />
              <td>
                <input
                  type="checkbox"
                  aria-label={`${w.name}: контрольная`}
                  checked={w.isTest}
                  onChange={(e) => update({ isTest: e.target.checked })}
                />
              </td>
              <td>
                <input
                  type="radio"
                  name="default-work-type"
                  aria-label={`${w.name}: по умолчанию`}
                  checked={d.defaultWorkTypeId === w.id}
                  onChange={() => patch({ defaultWorkTypeId: w.id })}
                />
              </td>
            </>
          )}
        />
        {errors.at('policy.defaultWorkTypeId') && (
          <small className="field-error">{errors.at('policy.defaultWorkTypeId')}</small>
        )}
      </fieldset>
      <fieldset>
        <legend>Предложение отметки за период: наименьший средний балл</legend>
        <div className="setup-grid setup-grid-3">
          <TextField
            label="для «5»"
            value={d.five}
            onChange={(v) => patch({ five: v })}
            path="policy.thresholds.five"
            errors={errors}
          />
          <TextField
            label="для «4»"
            value={d.four}
            onChange={(v) => patch({ four: v })}
            path="policy.thresholds.four"
            errors={errors}
          />
          <TextField
            label="для «3»"
            value={d.three}
            onChange={(v) => patch({ three: v })}
            path="policy.thresholds.three"
            errors={errors}
          />
        </div>
        {thresholdsError && (
          <small className="field-error" role="alert">
            {thresholdsError}
          </small>
        )}
      </fieldset>
      <fieldset>
        <legend>Аттестация: меньше отметок — предложение «н/а»</legend>
        <div className="setup-grid setup-grid-4">
          <TextField
            label="Отметок за четверть"
            value={d.minQuarter}
            onChange={(v) => patch({ minQuarter: v })}
            path="policy.attestation.minMarks.quarter"
            errors={errors}
          />
          <TextField
            label="Отметок за полугодие"
            value={d.minHalfYear}
            onChange={(v) => patch({ minHalfYear: v })}
            path="policy.attestation.minMarks.halfYear"
            errors={errors}
          />
          <TextField
            label="Отметок за триместр"
            value={d.minTrimester}
            onChange={(v) => patch({ minTrimester: v })}
            path="policy.attestation.minMarks.trimester"
            errors={errors}
          />
          <TextField
            label="Пропущено больше, % уроков"
            value={d.maxMissedPercent}
            onChange={(v) => patch({ maxMissedPercent: v })}
            path="policy.attestation.maxMissedShare"
            errors={errors}
          />
        </div>
      </fieldset>
      <fieldset>
        <legend>Коды посещаемости</legend>
        <RowsTable
          headers={['Код', 'Что значит', 'В отчётах']}
          rows={d.codes}
          rowKey={(_, i) => i}
          onChange={(codes) => patch({ codes })}
          newRow={() => ({ code: '', label: '', reason: 'excused' })}
          addLabel="Добавить код"
          cells={(c, i, update) => (
            <>
              <CellInput
                label={`Код ${i + 1}`}
                width="3em"
                value={c.code}
                onChange={(v) => update({ code: v })}
                path={`attendanceCodes.${i}.code`}
                errors={errors}
              />
              <CellInput
                label={`Код ${c.code}: что значит`}
                value={c.label}
                onChange={(v) => update({ label: v })}
                path={`attendanceCodes.${i}.label`}
                errors={errors}
              />
              <td>
                <select
                  aria-label={`Код ${c.code}: в отчётах`}
                  value={c.reason}
                  onChange={(e) => update({ reason: AbsenceReasonSchema.parse(e.target.value) })}
                >
                  {AbsenceReasonSchema.options.map((r) => (
                    <option key={r} value={r}>
                      {ABSENCE_REASON_LABELS[r]}
                    </option>
                  ))}
                </select>
              </td>
            </>
          )}
        />
      </fieldset>
      <fieldset>
        <legend>Безопасность</legend>
        <div className="setup-grid setup-grid-3">
          <TextField
            label="Блокировать компьютер после бездействия, мин"
            value={d.idleLockMinutes}
            onChange={(v) => patch({ idleLockMinutes: v })}
            path="idleLockMinutes"
            errors={errors}
          />
        </div>
      </fieldset>
      <SaveBar state={save.state} errors={errors} />
    </form>
  );
}
