// «Настройка → Оценивание»: the mark scale, work types with their weights, the rounding thresholds
// of the proposed period mark, the work type each lesson type proposes, how averages are cut to
// hundredths, attestation minimums, attendance codes with their reason, and the
// time after which an idle computer locks.
import { useState } from 'react';
import { ABSENCE_REASON_LABELS, AbsenceReasonSchema } from '../../../shared/attendance-code';
import { LESSON_TYPE_LABELS, LessonTypeSchema } from '../../../shared/lesson-type';
import type { School } from '../../../shared/school';
import { buildGrading, gradingDraft, newWorkType, type GradingDraft } from './grading-form';
import { RowsTable } from './RowsTable';
import { CellInput, SaveBar, textFieldsOf } from './SetupForm';
import { useSchoolSave } from './use-school-save';

export function GradingPage({ school }: { school: School }) {
  const [d, setD] = useState<GradingDraft>(() => gradingDraft(school));
  const { save, errors, submitWith } = useSchoolSave(school);
  const patch = (p: Partial<GradingDraft>) => setD((x) => ({ ...x, ...p }));
  const submit = submitWith((base) => buildGrading(base, d));
  const field = textFieldsOf(d, patch, errors);
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
        <legend>Тип урока предлагает вид работы</legend>
        <p className="muted">
          Отметка, поставленная на таком уроке, получает этот вид работы и его вес, если учитель не
          выбрал другой.
        </p>
        <div className="setup-grid setup-grid-3">
          {LessonTypeSchema.options.map((t) => (
            <label key={t} className="field">
              <span>{LESSON_TYPE_LABELS[t]}</span>
              <select
                value={d.workTypeByLessonType[t]}
                onChange={(e) =>
                  patch({
                    workTypeByLessonType: { ...d.workTypeByLessonType, [t]: e.target.value },
                  })
                }
              >
                <option value="">По умолчанию</option>
                {d.workTypes.map((w) => (
                  <option key={w.id} value={w.id}>
                    {w.name || 'без названия'} (вес {w.weight})
                  </option>
                ))}
              </select>
            </label>
          ))}
        </div>
      </fieldset>
      <fieldset>
        <legend>Средний балл на экране и в документах</legend>
        <label className="checkbox">
          <input
            type="radio"
            name="average-rounding"
            checked={d.averageRounding === 'round'}
            onChange={() => patch({ averageRounding: 'round' })}
          />
          Округлять до сотых (28 : 6 = 4,67)
        </label>
        <label className="checkbox">
          <input
            type="radio"
            name="average-rounding"
            checked={d.averageRounding === 'truncate'}
            onChange={() => patch({ averageRounding: 'truncate' })}
          />
          Отбрасывать знаки после сотых (28 : 6 = 4,66)
        </label>
        <small className="muted">
          Предложение отметки за период считается по показанному среднему баллу.
        </small>
      </fieldset>
      <fieldset>
        <legend>Предложение отметки за период: наименьший средний балл</legend>
        <div className="setup-grid setup-grid-3">
          {field('five', 'для «5»', 'policy.thresholds.five')}
          {field('four', 'для «4»', 'policy.thresholds.four')}
          {field('three', 'для «3»', 'policy.thresholds.three')}
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
          {field('minQuarter', 'Отметок за четверть', 'policy.attestation.minMarks.quarter')}
          {field('minHalfYear', 'Отметок за полугодие', 'policy.attestation.minMarks.halfYear')}
          {field('minTrimester', 'Отметок за триместр', 'policy.attestation.minMarks.trimester')}
          {field(
            'maxMissedPercent',
            'Пропущено больше, % уроков',
            'policy.attestation.maxMissedShare',
          )}
        </div>
      </fieldset>
      <fieldset>
        <legend>Коды посещаемости</legend>
        <RowsTable
          headers={['Код', 'Что значит', 'В отчётах']}
          rows={d.codes}
          rowKey={(_, i) => i}
          onChange={(codes) => patch({ codes })}
          newRow={() => ({ code: '', label: '', reason: 'excused' as const })}
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
          {field(
            'idleLockMinutes',
            'Блокировать компьютер после бездействия, мин',
            'idleLockMinutes',
          )}
        </div>
      </fieldset>
      <SaveBar state={save.state} errors={errors} />
    </form>
  );
}
