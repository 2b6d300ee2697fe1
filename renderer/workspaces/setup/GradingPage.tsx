// «Настройка → Оценивание»: the mark scale, work types with their weights, the rounding thresholds
// of the proposed period mark, attestation minimums, attendance codes with their reason, and the
// time after which an idle computer locks.
import { useState, type FormEvent } from 'react';
import { ABSENCE_REASON_LABELS, AbsenceReasonSchema } from '../../../shared/attendance-code';
import type { School } from '../../../shared/school';
import { useRepositories } from '../../data/session';
import { ErrorPlacement } from './form-problems';
import {
  buildGrading,
  gradingDraft,
  newWorkType,
  type GradingDraft,
  type WorkTypeDraft,
} from './grading-form';
import { CellInput, SaveBar, TextField, useSave } from './SetupForm';

export function GradingPage({ school }: { school: School }) {
  const { setup } = useRepositories();
  const [base, setBase] = useState<School>(school);
  const [d, setD] = useState<GradingDraft>(() => gradingDraft(school));
  const save = useSave();
  const errors = new ErrorPlacement(save.errors);
  const patch = (p: Partial<GradingDraft>) => setD((x) => ({ ...x, ...p }));
  const setType = (i: number, p: Partial<WorkTypeDraft>) =>
    setD((x) => ({ ...x, workTypes: x.workTypes.map((w, j) => (j === i ? { ...w, ...p } : w)) }));
  const setCode = (i: number, p: Partial<GradingDraft['codes'][number]>) =>
    setD((x) => ({ ...x, codes: x.codes.map((c, j) => (j === i ? { ...c, ...p } : c)) }));

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    const built = buildGrading(base, d);
    if (!built.ok) {
      save.setErrors(built.errors);
      return;
    }
    await save.run(async () => setBase(await setup.saveSchool({ base, next: built.school })));
  };
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
        <table className="setup-table">
          <thead>
            <tr>
              <th>Вид работы</th>
              <th>Сокращение</th>
              <th>Вес</th>
              <th>Контрольная</th>
              <th>По умолчанию</th>
              <th />
            </tr>
          </thead>
          <tbody>
            {d.workTypes.map((w, i) => (
              <tr key={w.id}>
                <CellInput
                  label={`Вид работы ${i + 1}: название`}
                  value={w.name}
                  onChange={(v) => setType(i, { name: v })}
                  path={`policy.workTypes.${i}.name`}
                  errors={errors}
                />
                <CellInput
                  label={`${w.name}: сокращение`}
                  width="5em"
                  value={w.short}
                  onChange={(v) => setType(i, { short: v })}
                  path={`policy.workTypes.${i}.short`}
                  errors={errors}
                />
                <CellInput
                  label={`${w.name}: вес`}
                  width="4em"
                  value={w.weight}
                  onChange={(v) => setType(i, { weight: v })}
                  path={`policy.workTypes.${i}.weight`}
                  errors={errors}
                />
                <td>
                  <input
                    type="checkbox"
                    aria-label={`${w.name}: контрольная`}
                    checked={w.isTest}
                    onChange={(e) => setType(i, { isTest: e.target.checked })}
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
                <td>
                  <button
                    type="button"
                    onClick={() =>
                      setD((x) => ({ ...x, workTypes: x.workTypes.filter((_, j) => j !== i) }))
                    }
                  >
                    Убрать
                  </button>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
        {errors.at('policy.defaultWorkTypeId') && (
          <small className="field-error">{errors.at('policy.defaultWorkTypeId')}</small>
        )}
        <button type="button" onClick={() => patch({ workTypes: [...d.workTypes, newWorkType()] })}>
          Добавить вид работы
        </button>
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
        <table className="setup-table">
          <thead>
            <tr>
              <th>Код</th>
              <th>Что значит</th>
              <th>В отчётах</th>
              <th />
            </tr>
          </thead>
          <tbody>
            {d.codes.map((c, i) => (
              <tr key={i}>
                <CellInput
                  label={`Код ${i + 1}`}
                  width="3em"
                  value={c.code}
                  onChange={(v) => setCode(i, { code: v })}
                  path={`attendanceCodes.${i}.code`}
                  errors={errors}
                />
                <CellInput
                  label={`Код ${c.code}: что значит`}
                  value={c.label}
                  onChange={(v) => setCode(i, { label: v })}
                  path={`attendanceCodes.${i}.label`}
                  errors={errors}
                />
                <td>
                  <select
                    aria-label={`Код ${c.code}: в отчётах`}
                    value={c.reason}
                    onChange={(e) =>
                      setCode(i, { reason: AbsenceReasonSchema.parse(e.target.value) })
                    }
                  >
                    {AbsenceReasonSchema.options.map((r) => (
                      <option key={r} value={r}>
                        {ABSENCE_REASON_LABELS[r]}
                      </option>
                    ))}
                  </select>
                </td>
                <td>
                  <button
                    type="button"
                    onClick={() =>
                      setD((x) => ({ ...x, codes: x.codes.filter((_, j) => j !== i) }))
                    }
                  >
                    Убрать
                  </button>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
        <button
          type="button"
          onClick={() => patch({ codes: [...d.codes, { code: '', label: '', reason: 'excused' }] })}
        >
          Добавить код
        </button>
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
