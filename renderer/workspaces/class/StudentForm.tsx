// Adding or editing a student's own fields: name, gender, birth date, address. Errors stay next to the field.
import { useState, type FormEvent } from 'react';
import type { StudentFields } from '../../data/roster-repository';
import { todayIso } from '../../../shared/dates';
import { FormField } from './FormField';
import { PersonNameFields } from './PersonNameFields';
import { RU_DATE_PLACEHOLDER } from './ru-date';
import { validateStudent, type FieldErrors, type StudentFormValues } from './student-form';

interface Props {
  initial: StudentFormValues;
  submitLabel: string;
  onSubmit: (value: StudentFields) => Promise<void>;
  onCancel?: () => void;
  /** The class's grade: birth dates implausible for it are refused. */
  grade: number;
}

export function StudentForm({ initial, submitLabel, onSubmit, onCancel, grade }: Props) {
  const [values, setValues] = useState(initial);
  const [errors, setErrors] = useState<FieldErrors<keyof StudentFormValues>>({});
  const [message, setMessage] = useState<string | null>(null);
  const [saving, setSaving] = useState(false);

  const set = <K extends keyof StudentFormValues>(key: K, value: StudentFormValues[K]) => {
    setValues((v) => ({ ...v, [key]: value }));
    setErrors((e) => ({ ...e, [key]: undefined }));
  };

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    const checked = validateStudent(values, todayIso(), grade);
    if (!checked.ok) {
      setErrors(checked.errors);
      setMessage('Исправьте отмеченные поля.');
      return;
    }
    setSaving(true);
    setMessage(null);
    try {
      await onSubmit(checked.value);
      setMessage('Сохранено.');
    } catch (error) {
      console.error(error);
      setMessage(error instanceof Error ? error.message : 'Не удалось сохранить.');
    } finally {
      setSaving(false);
    }
  };

  return (
    <form className="class-form" onSubmit={(e) => void submit(e)} noValidate>
      <PersonNameFields values={values} errors={errors} onChange={set} />
      <FormField label="Пол" error={errors.gender}>
        <select
          value={values.gender}
          onChange={(e) => set('gender', e.target.value as StudentFormValues['gender'])}
        >
          <option value="">— выберите —</option>
          <option value="female">женский</option>
          <option value="male">мужской</option>
        </select>
      </FormField>
      <FormField label="Дата рождения" error={errors.birthDate}>
        <input
          inputMode="numeric"
          placeholder={RU_DATE_PLACEHOLDER}
          value={values.birthDate}
          onChange={(e) => set('birthDate', e.target.value)}
        />
      </FormField>
      <FormField label="Адрес ребёнка (для заявления о согласии)" error={errors.address}>
        <textarea
          rows={2}
          value={values.address}
          onChange={(e) => set('address', e.target.value)}
        />
      </FormField>
      <div className="form-actions">
        {message && (
          <span className="form-status" role="status">
            {message}
          </span>
        )}
        {onCancel && (
          <button type="button" onClick={onCancel}>
            Отмена
          </button>
        )}
        <button type="submit" className="primary" disabled={saving}>
          {submitLabel}
        </button>
      </div>
    </form>
  );
}
